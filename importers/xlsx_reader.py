"""XLSX reader (openpyxl, read-only streaming mode): each sheet is a section, its name the section's.

Row 1 names the columns. A sheet without any value (Excel's empty ``Feuil1``) is ignored.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from maillage.graph.errors import Problem

from .reading import Item, RawRow, section_problem
from .tabular import HEADER_ROW, read_header, row_record


def read_xlsx(path: Path, file: str) -> Iterator[Item]:
    """Yield the rows of every sheet (row numbers as Excel shows them)."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        yield Problem(file, None, None, f"classeur illisible : ce n'est pas un fichier Excel .xlsx valide ({exc})")
        return
    try:
        for sheet in workbook.worksheets:
            yield from _read_sheet(sheet, file)
    finally:
        workbook.close()


def _read_sheet(sheet: object, file: str) -> Iterator[Item]:
    rows = sheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
    header = next(rows, None)
    where = f"{file} [feuille {sheet.title}]"  # type: ignore[attr-defined]
    if header is None or all(cell is None or str(cell).strip() == "" for cell in header):
        if any(any(cell is not None for cell in cells) for cells in rows):
            yield Problem(where, HEADER_ROW, None, "la ligne 1 est vide : elle doit nommer les colonnes")
        return
    section = sheet.title.strip()  # type: ignore[attr-defined]
    unknown = section_problem(section, where, None)
    if unknown is not None:
        yield unknown
        return
    columns, problems = read_header(header, section, where)
    if problems:
        yield from problems
        return
    for row, cells in enumerate(rows, start=HEADER_ROW + 1):
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue
        record = row_record(columns, cells, where, row)
        yield record if isinstance(record, Problem) else RawRow(where, row, section, record)
