"""JSON reader: the same structure as YAML, ``{"source": …, "<section>": [{…}, …]}``.

Row numbers are the line where each record starts. The two outer levels (the object of sections
and their lists) are walked by hand so that each record's line is known; the records themselves
are decoded by the standard library, one at a time.

The file is read in chunks of :data:`CHUNK_SIZE` bytes into a buffer that keeps only the text not
yet consumed (it grows past a chunk only as far as the largest record needs), so memory stays flat
whatever the size of the file. The file is walked twice: a first pass checks it whole (encoding,
syntax) and finds the top-level ``source``, which may come after the sections; the second yields
the records. A file with a problem thus yields that one problem and no record, as when the file
was decoded whole, with the same messages.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from maillage.graph.errors import ImportValidationError, Problem

from .reading import Item, RawRow, section_problem, utf8_problem
from .yaml_reader import SOURCE_KEY

CHUNK_SIZE = 1 << 18
"""Bytes read from the file at a time (256 KiB: a peak of about 1 MiB above the process's baseline was measured;
1 MiB chunks cost 8 MiB, no faster)."""

_MARGIN = 16
"""A decoding that ends or fails this close to the end of the buffer is retried with more text: a number
may go on (``1`` then ``.5``), a literal or a ``\\uXXXX`` escape may be cut (longest: ``-Infinity``, a
surrogate pair of escapes is only read when complete)."""

_decoder = json.JSONDecoder()
_SPACE = " \t\r\n"


class _Syntax(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _Encoding(Exception):
    def __init__(self, line: int, error: UnicodeDecodeError) -> None:
        super().__init__(str(error))
        self.line = line
        self.error = error


class _Cursor:
    """A position in the text of a file read in chunks, with the few moves needed to walk ``{key: [values]}``.

    ``text`` holds the part of the file not yet consumed (positions are relative to it); ``_line`` is the
    line of position ``_counted``."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        # utf-8, not utf-8-sig: its incremental decoder accepts a file cut inside the byte order mark
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._start = True  # the byte order mark, if any, is still to be dropped
        self._newlines = 0  # in the bytes decoded so far
        self._eof = False
        self._blank = True  # nothing but white space in the text dropped so far
        self.text = ""
        self.at = 0
        self._line = 1
        self._counted = 0

    def _more(self) -> bool:
        """Drop the consumed text (positions move) and append the next chunk, at least as long as the text kept
        (a record larger than a chunk is read in a few doublings); False when there was no more text."""
        if self._eof:
            return False
        self.line()
        if self._blank and self.text[: self.at].strip():
            self._blank = False
        self.text = self.text[self.at :]
        self._counted -= self.at
        self.at = 0
        size = max(CHUNK_SIZE, len(self.text))
        while True:
            data = self._stream.read(size)
            self._eof = not data
            chunk = self._decode(data)
            if chunk or self._eof:
                break  # (a chunk may end inside a character: the decoder keeps its first bytes)
        self.text += chunk
        return bool(chunk)

    def _decode(self, data: bytes) -> str:
        try:
            chunk = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            # exc.object is the bytes kept from the previous chunk (part of one character, so no newline)
            # followed by this chunk: the newlines before the bad byte are those of the earlier chunks and
            # those of this one before it.
            raise _Encoding(self._newlines + exc.object[: exc.start].count(b"\n") + 1, exc) from None
        self._newlines += data.count(b"\n")
        if self._start and chunk:
            self._start = False
            if chunk[0] == "\ufeff":
                return chunk[1:]
        return chunk

    def rest_is_blank(self) -> bool:
        """Read the rest of the file (checking its encoding): is the whole text white space?"""
        blank = self._blank and not self.text.strip()
        while not self._eof:
            data = self._stream.read(CHUNK_SIZE)
            self._eof = not data
            blank = not self._decode(data).strip() and blank
        return blank

    def error(self, message: str, position: int) -> _Syntax:
        return _Syntax(message, self.line(position))

    def peek(self) -> str:
        while True:
            text, at = self.text, self.at
            end = len(text)
            while at < end and text[at] in _SPACE:
                at += 1
            self.at = at
            if at < end:
                return text[at]
            if not self._more():
                return ""

    def expect(self, char: str, where: str) -> None:
        if self.peek() != char:
            raise self.error(f"« {char} » attendu {where}", self.at)
        self.at += 1

    def value(self) -> object:
        """Decode the value at the cursor (after white space), reading more of the file as far as it needs."""
        self.peek()
        while True:
            try:
                value, end = _decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self.text) - _MARGIN or exc.msg.startswith("Unterminated string")
                if cut and not self._eof:
                    self._more()  # then decode again (positions move: the consumed text is dropped)
                    continue
                raise self.error(exc.msg, exc.pos) from None
            if end >= len(self.text) - _MARGIN and not self._eof:
                self._more()
                continue
            self.at = end
            return value

    def skip(self) -> None:
        """Step over the value at the cursor; a list element by element, with the errors that decoding it whole
        gives (those of ``json.JSONDecoder``), without holding it whole."""
        if self.peek() != "[":
            self.value()
            return
        self.at += 1
        if self.peek() == "]":
            self.at += 1
            return
        while True:
            self.value()
            char = self.peek()
            if char == "]":
                self.at += 1
                return
            if char != ",":
                raise self.error("Expecting ',' delimiter", self.at)
            self.at += 1

    def line(self, position: int | None = None) -> int:
        """Line number of ``position`` (default: the cursor), counted incrementally."""
        position = self.at if position is None else position
        if position < self._counted:
            return self._line - self.text.count("\n", position, self._counted)
        self._line += self.text.count("\n", self._counted, position)
        self._counted = position
        return self._line

    def items(self, opening: str, closing: str, where: str) -> Iterator[int]:
        """Walk the members of an object or array; yields the line of each, cursor on it."""
        self.expect(opening, where)
        first = True
        while self.peek() != closing:
            if not self.peek():
                raise self.error(f"« {closing} » attendu : le fichier se termine trop tôt", self.at)
            if not first:
                self.expect(",", "entre deux éléments")
                self.peek()
            first = False
            yield self.line()
        self.at += 1


def read_json(path: Path, file: str) -> Iterator[Item]:
    """Yield the records of every section; ``source`` becomes the default ``source`` of each."""
    with path.open("rb") as stream:
        checked = _check(_Cursor(stream), file)
    if isinstance(checked, Problem):
        yield checked
        return
    with path.open("rb") as stream:
        cursor = _Cursor(stream)
        try:
            yield from _read_sections(cursor, file, checked)
        except _Encoding as exc:  # the file changed since it was checked
            yield utf8_problem(file, exc.line, exc.error)
        except _Syntax as exc:
            yield Problem(file, exc.line, None, f"JSON invalide : {exc}")


def _check(cursor: _Cursor, file: str) -> str | None | Problem:
    """The first pass: the top-level ``source`` (or None), or the problem of a file that cannot be read.

    A byte that is not UTF-8 is reported before anything else, then an empty file, then a syntax error."""
    try:
        try:
            return _default_source(cursor)
        except _Syntax as exc:
            if cursor.rest_is_blank():
                return Problem(file, None, None, "le fichier est vide")
            return Problem(file, exc.line, None, f"JSON invalide : {exc}")
    except _Encoding as exc:
        return utf8_problem(file, exc.line, exc.error)


def _entries(cursor: _Cursor) -> Iterator[tuple[str, int]]:
    """The keys of the outer object with their lines; the caller consumes each value."""
    if cursor.peek() != "{":
        raise cursor.error('le fichier doit être un objet de sections ({"section": [...]})', cursor.at)
    for line in cursor.items("{", "}", "au début du fichier"):
        key = cursor.value()
        cursor.expect(":", "après le nom d'une section")
        yield str(key), line
    if cursor.peek():
        raise cursor.error("texte en trop après la fin de l'objet", cursor.at)


def _default_source(cursor: _Cursor) -> str | None:
    """The top-level ``source`` (a first walk over the whole file: it may come after the sections)."""
    found: str | None = None
    for key, _line in _entries(cursor):
        if key != SOURCE_KEY:
            cursor.skip()
            continue
        value = cursor.value()
        if isinstance(value, str) and value.strip():
            found = value.strip()
    return found


def _read_sections(cursor: _Cursor, file: str, default_source: str | None) -> Iterator[Item]:
    for section, line in _entries(cursor):
        if section == SOURCE_KEY:
            if default_source is None:
                yield Problem(file, line, SOURCE_KEY, "« source » doit être un texte (le document d'origine)")
            cursor.skip()
            continue
        unknown = section_problem(section, file, line)
        if unknown is not None or cursor.peek() == "n":
            cursor.skip()
            if unknown is not None:
                yield unknown
            continue
        if cursor.peek() != "[":
            cursor.skip()
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


class Member(NamedTuple):
    """One member of a file's top-level object (``element`` False) or one element of a member that is a list
    (``element`` True), with the line where it starts."""

    key: str
    line: int
    value: object
    element: bool


def members(path: Path, file: str) -> Iterator[Member]:
    """Walk a file holding one JSON object, in one pass and in bounded memory (chunks, as :func:`read_json`): each
    member that is not a list as one :class:`Member`, each element of a member that is a list as one.

    A file that cannot be read (not UTF-8, invalid or cut short) raises ImportValidationError naming the file and
    line, when the walk reaches the problem: what was yielded before stays valid."""
    with path.open("rb") as stream:
        cursor = _Cursor(stream)
        try:
            for key, line in _entries(cursor):
                if cursor.peek() != "[":
                    yield Member(key, line, cursor.value(), False)
                    continue
                for row in cursor.items("[", "]", f"pour la liste « {key} »"):
                    yield Member(key, row, cursor.value(), True)
        except _Encoding as exc:
            raise ImportValidationError([utf8_problem(file, exc.line, exc.error)]) from None
        except _Syntax as exc:
            raise ImportValidationError([Problem(file, exc.line, None, f"JSON invalide ou tronqué : {exc}")]) from None
