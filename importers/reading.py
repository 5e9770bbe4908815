"""What every reader yields, and the choice of a reader by file extension.

A reader (one module per format, chosen in ``formats.py``) turns one file into a stream of
:class:`RawRow` (a record as the file holds it, with the row number a person sees in the file)
and :class:`~maillage.graph.errors.Problem` (something wrong with the file itself: bad encoding,
bad header, unknown section). CSV and XLSX are streamed row by row, JSON and YAML record by record (in
chunks of bounded size, twice: a check, then the records), so memory stays flat whatever the size of a file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeAlias

from maillage.graph.errors import Problem
from maillage.graph.records import SECTIONS


class RawRow(NamedTuple):
    """One record as read from a file, before validation."""

    file: str
    row: int
    section: str
    data: dict[str, Any]


Item: TypeAlias = RawRow | Problem
Reader = Callable[[Path, str], Iterator[Item]]
"""A reader takes the path to open and the file name to show in problems."""


def display_name(path: Path) -> str:
    """How a file is named in problems: the path as the user gave it."""
    return str(path)


def section_problem(section: str, file: str, row: int | None) -> Problem | None:
    """A problem when ``section`` is not a known section name, with the closest name as a hint."""
    if section in SECTIONS:
        return None
    close = difflib.get_close_matches(section.lower(), SECTIONS, n=1, cutoff=0.6)
    hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
    return Problem(
        file,
        row,
        None,
        f"section inconnue « {section} »{hint} ; sections admises : {', '.join(SECTIONS)}",
    )


def utf8_problem(file: str, row: int | None, exc: UnicodeDecodeError) -> Problem:
    """The problem reported for a file that is not UTF-8."""
    return Problem(
        file,
        row,
        None,
        f"le fichier n'est pas encodé en UTF-8 (octet 0x{exc.object[exc.start]:02X} illisible) ; "
        "enregistrez-le au format « UTF-8 » (dans Excel : « CSV UTF-8 »)",
    )
