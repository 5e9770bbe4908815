"""Importers: read YAML, CSV, XLSX and JSON files, validate every record, write them in one transaction.

    >>> report = import_paths(graph, ["data/reference/coupole.yaml"])  # doctest: +SKIP
    >>> problems = validate_paths(graph, ["organisations.csv"])  # doctest: +SKIP

The file format is described in ``docs/import-format.md``.
"""

from maillage.graph.errors import ImportValidationError, Problem

from .formats import READERS, read
from .pipeline import MAX_PROBLEMS, import_paths, validate_paths
from .reading import RawRow
from .report import Counts, ImportReport
from .writing import BATCH, Progress

__all__ = [
    "BATCH",
    "Counts",
    "ImportReport",
    "ImportValidationError",
    "MAX_PROBLEMS",
    "Problem",
    "Progress",
    "RawRow",
    "READERS",
    "import_paths",
    "read",
    "validate_paths",
]
