"""JSON reader: the same structure as YAML, ``{"source": …, "<section>": [{…}, …]}``.

Row numbers are the line where each record starts. The two outer levels (the object of sections
and their lists) are walked by hand so that each record's line is known; the records themselves
are decoded by the standard library.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from maillage.graph.errors import Problem

from .reading import Item, RawRow, section_problem, utf8_problem
from .yaml_reader import SOURCE_KEY

_decoder = json.JSONDecoder()
_SPACE = " \t\r\n"


class _Syntax(Exception):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


class _Cursor:
    """A position in the text, with the few moves needed to walk ``{key: [values]}``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self._line = 1
        self._counted = 0

    def peek(self) -> str:
        while self.at < len(self.text) and self.text[self.at] in _SPACE:
            self.at += 1
        return self.text[self.at] if self.at < len(self.text) else ""

    def expect(self, char: str, where: str) -> None:
        if self.peek() != char:
            raise _Syntax(f"« {char} » attendu {where}", self.at)
        self.at += 1

    def value(self) -> object:
        self.peek()
        try:
            value, self.at = _decoder.raw_decode(self.text, self.at)
        except json.JSONDecodeError as exc:
            raise _Syntax(exc.msg, exc.pos) from None
        return value

    def line(self, position: int | None = None) -> int:
        """Line number of ``position`` (default: the cursor), counted incrementally."""
        position = self.at if position is None else position
        if position < self._counted:
            return self.text.count("\n", 0, position) + 1
        self._line += self.text.count("\n", self._counted, position)
        self._counted = position
        return self._line

    def items(self, opening: str, closing: str, where: str) -> Iterator[int]:
        """Walk the members of an object or array; yields the line of each, cursor on it."""
        self.expect(opening, where)
        first = True
        while self.peek() != closing:
            if not self.peek():
                raise _Syntax(f"« {closing} » attendu : le fichier se termine trop tôt", self.at)
            if not first:
                self.expect(",", "entre deux éléments")
                self.peek()
            first = False
            yield self.line()
        self.at += 1


def read_json(path: Path, file: str) -> Iterator[Item]:
    """Yield the records of every section; ``source`` becomes the default ``source`` of each."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield utf8_problem(file, exc.object[: exc.start].count(b"\n") + 1, exc)
        return
    if not text.strip():
        yield Problem(file, None, None, "le fichier est vide")
        return
    try:
        default_source = _default_source(_Cursor(text))
        yield from _read_sections(_Cursor(text), file, default_source)
    except _Syntax as exc:
        yield Problem(file, _Cursor(text).line(exc.position), None, f"JSON invalide : {exc}")


def _entries(cursor: _Cursor) -> Iterator[tuple[str, int]]:
    """The keys of the outer object with their lines; the caller consumes each value."""
    if cursor.peek() != "{":
        raise _Syntax('le fichier doit être un objet de sections ({"section": [...]})', cursor.at)
    for line in cursor.items("{", "}", "au début du fichier"):
        key = cursor.value()
        cursor.expect(":", "après le nom d'une section")
        yield str(key), line
    if cursor.peek():
        raise _Syntax("texte en trop après la fin de l'objet", cursor.at)


def _default_source(cursor: _Cursor) -> str | None:
    """The top-level ``source`` (a first walk: it may come after the sections)."""
    found: str | None = None
    for key, _line in _entries(cursor):
        value = cursor.value()
        if key == SOURCE_KEY and isinstance(value, str) and value.strip():
            found = value.strip()
    return found


def _read_sections(cursor: _Cursor, file: str, default_source: str | None) -> Iterator[Item]:
    for section, line in _entries(cursor):
        if section == SOURCE_KEY:
            if default_source is None:
                yield Problem(file, line, SOURCE_KEY, "« source » doit être un texte (le document d'origine)")
            cursor.value()
            continue
        unknown = section_problem(section, file, line)
        if unknown is not None or cursor.peek() == "n":
            cursor.value()
            if unknown is not None:
                yield unknown
            continue
        if cursor.peek() != "[":
            cursor.value()
            yield Problem(file, line, None, f"la section « {section} » doit être une liste d'objets")
            continue
        for row in cursor.items("[", "]", f"pour la section « {section} »"):
            record = cursor.value()
            if not isinstance(record, dict):
                yield Problem(file, row, None, "chaque élément doit être un objet de champs")
                continue
            record = {str(k): v for k, v in record.items() if v is not None}
            if default_source is not None:
                record.setdefault("source", default_source)
            yield RawRow(file, row, section, record)
