"""CSV reader: UTF-8, a header row, the file stem names the section (``organisations.csv``).

The delimiter is a comma, or a semicolon when the header holds more semicolons than commas (what
Excel writes with Belgian settings). Rows are streamed: the file is never held in memory.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from maillage.graph.errors import Problem

from .reading import Item, RawRow, section_problem, utf8_problem
from .tabular import HEADER_ROW, read_header, row_record


def _lines(stream: Iterator[bytes]) -> Iterator[str]:
    """Decode line by line, so that a non-UTF-8 byte is reported on its own row."""
    for number, line in enumerate(stream):
        if number == 0 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        yield line.decode("utf-8")


def read_csv(path: Path, file: str) -> Iterator[Item]:
    """Yield the rows of a CSV file (row numbers as a spreadsheet shows them: header = 1)."""
    section = path.stem
    unknown = section_problem(section, file, None)
    if unknown is not None:
        yield unknown
        return
    row = HEADER_ROW - 1
    try:
        with path.open("rb") as stream:
            lines = _lines(stream)
            first = next(lines, "")
            if not first.strip():
                yield Problem(file, HEADER_ROW, None, "la première ligne est vide : elle doit nommer les colonnes")
                return
            delimiter = ";" if first.count(";") > first.count(",") else ","
            header = next(csv.reader([first], delimiter=delimiter))
            columns, problems = read_header(header, section, file)
            if problems:
                yield from problems
                return
            row = HEADER_ROW
            for cells in csv.reader(lines, delimiter=delimiter):
                row += 1
                if not any(cell.strip() for cell in cells):
                    continue
                record = row_record(columns, cells, file, row)
                yield record if isinstance(record, Problem) else RawRow(file, row, section, record)
    except UnicodeDecodeError as exc:
        yield utf8_problem(file, row + 1, exc)
    except csv.Error as exc:
        yield Problem(file, row + 1, None, f"CSV illisible : {exc}")
