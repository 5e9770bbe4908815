"""The write pass: re-read the checked files and MERGE their records in batches, in one transaction.

Nodes are written as the files are read; relationships are spooled to a temporary file and written
after every node exists. Each batch is one ``UNWIND $rows`` query that also says which records it
created, updated or left unchanged.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from maillage.graph.connection import Transaction
from maillage.graph.errors import ConflictError, ImportValidationError, Problem
from maillage.queries import run_in

from .formats import read
from .index import NODE, RELATION, Index
from .reading import RawRow
from .report import ImportReport
from .validation import Checked, check_row

BATCH = 5_000
"""Rows per ``UNWIND`` query (several batches run inside the one transaction)."""

Progress = Callable[[str, int, int | None], None]
"""Called as ``progress(phase, done, total)`` while an import runs (total None when unknown)."""

WRITING_NODES = "Écriture des nœuds"
WRITING_RELATIONS = "Écriture des relations"


def _changed_under_us(item: RawRow | Problem) -> ImportValidationError:
    message = "le fichier a changé pendant l'import : rien n'a été importé, relancez l'import"
    return ImportValidationError([Problem(item.file, item.row, None, message)])


def _checked_rows(paths: Sequence[Path]) -> Iterator[tuple[Checked, str]]:
    """Every row again, with its default source; the files were valid a moment ago."""
    for path in paths:
        tabular = path.suffix.lower() in {".csv", ".xlsx"}
        for item in read(path):
            if isinstance(item, Problem):
                raise _changed_under_us(item)
            checked = check_row(item, tabular=tabular)
            if not isinstance(checked, Checked):
                raise _changed_under_us(item)
            yield checked, path.name


class _Writer:
    def __init__(self, tx: Transaction, index: Index, report: ImportReport, progress: Progress | None) -> None:
        self.tx = tx
        self.index = index
        self.report = report
        self.progress = progress
        self.nodes: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.spooled = 0

    def _merge(self, query: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        counted = run_in(self.tx, query, rows=rows)
        expected = len(rows)
        rows.clear()  # the driver keeps every query's parameters until the transaction ends: free them now
        written = sum(row["count"] for row in counted)
        if written != expected:
            raise ConflictError(
                f"{expected - written} élément(s) dont une extrémité a été supprimée pendant l'import : "
                "import annulé, relancez-le"
            )
        return counted

    def write_nodes(self, rows: list[dict[str, Any]]) -> None:
        for row in self._merge("importing.merge_nodes", rows):
            self.report.count_node(row["label"], row["outcome"], row["count"])

    def write_relations(self, rows: list[dict[str, Any]]) -> None:
        for row in self._merge("importing.merge_relations", rows):
            self.report.count_relation(row["type"], row["outcome"], row["count"])

    def spool(self, spool: IO[bytes]) -> None:
        pickle.dump(self.relations, spool, protocol=pickle.HIGHEST_PROTOCOL)
        self.spooled += len(self.relations)
        self.relations = []

    def run(self, paths: Sequence[Path]) -> None:
        with tempfile.TemporaryFile() as spool:
            done = 0
            for checked, default_source in _checked_rows(paths):
                done += 1
                repeated = self.index.repeated_keys(checked.raw.file, checked.raw.row)
                node = checked.node
                if node is not None and (NODE, node.id) not in repeated:
                    self.nodes.append(node.write_row(default_source))
                seen: set[str] = set()
                for relation in checked.relations:
                    key = relation.key
                    if key not in seen and (RELATION, key) not in repeated:
                        self.relations.append(relation.write_row(default_source))
                    seen.add(key)
                if len(self.nodes) >= BATCH:
                    self.write_nodes(self.nodes)
                    self._tell(WRITING_NODES, done, self.index.rows)
                if len(self.relations) >= BATCH:
                    self.spool(spool)
            if self.nodes:
                self.write_nodes(self.nodes)
            self._tell(WRITING_NODES, done, self.index.rows)
            if self.relations:
                self.spool(spool)
            spool.seek(0)
            written = 0
            while written < self.spooled:
                batch = pickle.load(spool)
                written += len(batch)
                self.write_relations(batch)
                self._tell(WRITING_RELATIONS, written, self.spooled)

    def _tell(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)


def write_all(
    tx: Transaction, paths: Sequence[Path], index: Index, report: ImportReport, progress: Progress | None
) -> None:
    """MERGE every record of ``paths`` inside ``tx`` and count the outcomes in ``report``."""
    _Writer(tx, index, report, progress).run(paths)
