"""The reader of each file format, chosen by extension."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from maillage.graph.errors import Problem

from .csv_reader import read_csv
from .json_reader import read_json
from .reading import Item, Reader, display_name
from .xlsx_reader import read_xlsx
from .yaml_reader import read_yaml

READERS: dict[str, Reader] = {
    ".csv": read_csv,
    ".json": read_json,
    ".xlsx": read_xlsx,
    ".yaml": read_yaml,
    ".yml": read_yaml,
}
"""Extension (lower case, with its dot) → reader."""


def read(path: Path) -> Iterator[Item]:
    """Read ``path`` with the reader of its extension; a problem when it cannot be read at all."""
    file = display_name(path)
    if path.is_dir():
        accepted = ", ".join(sorted(READERS))
        yield Problem(file, None, None, f"ce dossier ne contient aucun fichier importable ({accepted})")
        return
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        accepted = ", ".join(sorted(READERS))
        yield Problem(
            file, None, None, f"format non pris en charge « {path.suffix or path.name} » ; formats admis : {accepted}"
        )
        return
    if not path.is_file():
        yield Problem(file, None, None, "fichier introuvable")
        return
    if path.stat().st_size == 0:
        yield Problem(file, None, None, "le fichier est vide")
        return
    yield from reader(path, file)
