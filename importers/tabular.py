"""What CSV and XLSX share: one section per file or sheet, a header row, one record per row."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel

from maillage.graph.errors import Problem
from maillage.graph.records import NODE_RECORDS, RELATIONS_SECTION, Record, RelationRecord

HEADER_ROW = 1


@cache
def section_fields(section: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The columns a section accepts (as written in files) and those it requires."""
    model = RelationRecord if section == RELATIONS_SECTION else NODE_RECORDS[section]
    names = field_names(model)
    required = {info.alias or name for name, info in model.model_fields.items() if info.is_required()}
    return names, frozenset(required)


@cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record as files name them: its own first, then the provenance fields."""
    own = [info.alias or name for name, info in model.model_fields.items() if name not in Record.model_fields]
    return (*own, *(name for name in Record.model_fields if name != "row"))


def suggestion(value: str, choices: Sequence[str]) -> str:
    """`` (vouliez-vous dire « x » ?)`` for the closest choice, or an empty string."""
    lowered = {c.lower(): c for c in choices}
    close = [lowered[c] for c in difflib.get_close_matches(value.lower(), lowered, n=1, cutoff=0.5)]
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def read_header(cells: Sequence[Any], section: str, file: str) -> tuple[list[str | None], list[Problem]]:
    """Column names (None for a nameless column) and the problems of the header row.

    Names are matched case-insensitively (``Name`` is ``name``); a column the section does not
    know, a column given twice and a required column that is absent are problems.
    """
    known, required = section_fields(section)
    by_lower = {name.lower(): name for name in known}
    columns: list[str | None] = []
    problems: list[Problem] = []
    for cell in cells:
        text = "" if cell is None else str(cell).strip()
        if not text:
            columns.append(None)
            continue
        name = by_lower.get(text.lower())
        if name is None:
            problems.append(
                Problem(
                    file,
                    HEADER_ROW,
                    text,
                    f"colonne inconnue{suggestion(text, known)} ; colonnes admises : {', '.join(known)}",
                )
            )
        elif name in columns:
            problems.append(Problem(file, HEADER_ROW, name, "colonne présente deux fois"))
        columns.append(name)
    for name in known:
        if name in required and name not in columns:
            problems.append(Problem(file, HEADER_ROW, name, "colonne obligatoire absente de l'en-tête"))
    return columns, problems


def cell_text(value: Any) -> str | None:
    """A cell as text, the way the user typed it (None when empty).

    Spreadsheets turn ``12`` into a number and ``2024-03-01`` into a date; records parse text, so
    every cell becomes text again (``12.0`` → ``12``, a date → ``2024-03-01``).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def row_record(columns: Sequence[str | None], cells: Sequence[Any], file: str, row: int) -> dict[str, Any] | Problem:
    """The record of one data row (empty cells left out), or the problem that prevents reading it."""
    record: dict[str, Any] = {}
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        if text is None:
            continue
        name = columns[index] if index < len(columns) else None
        if name is None:
            return Problem(
                file, row, None, f"valeur dans la colonne n°{index + 1}, qui n'a pas de nom dans l'en-tête", text
            )
        record[name] = text
    return record
