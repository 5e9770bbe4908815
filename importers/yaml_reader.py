"""YAML reader: a mapping with an optional ``source:`` and one list of records per section.

Row numbers are the line where each record starts. Dates stay text until the records parse them,
so that ``2024-13-01`` is reported on its record instead of breaking the whole file.

The file is streamed: its bytes are checked to be UTF-8 in chunks of :data:`CHUNK_SIZE` and parsed into
events (libyaml's parser), and the records are composed and built one at a time, so memory stays flat
whatever the size of the file. The file is walked twice, as the JSON reader does: a first pass checks it
whole (encoding, syntax, aliases, a single document) and finds the top-level ``source``, which may come
after the sections; the second yields the records. A file with such a problem thus yields that one problem
and no record, with the same messages and lines as when the file was parsed whole. A value that cannot be
built (an unknown ``!tag``, or a value its explicit tag refuses, as ``!!int abc``) is found while its record
is built, as before: the records before it come
first, then the problem, which ends the file (the import refuses it whole all the same).

Nodes that carry an anchor (``&name``) are kept until the end of the file, since an alias (``*name``) may
refer to them later; a file whose top-level mapping carries an anchor is composed whole.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from maillage.graph.errors import Problem

from .reading import Item, RawRow, section_problem, utf8_problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SOURCE_KEY = "source"
CHUNK_SIZE = 1 << 16
"""Bytes read from the file at a time."""

_NOT_A_MAPPING = "le fichier doit être un dictionnaire de sections (section: liste)"
_NOT_A_RECORD = "chaque élément doit être un dictionnaire de champs (« champ: valeur »)"
_BAD_SOURCE = "« source » doit être un texte (le document d'origine)"
_EMPTY = "le fichier est vide"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that leaves dates as text."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Text:
    """The bytes of a file for the parser, checked to be UTF-8 chunk by chunk: a leading byte order mark is
    dropped, and a byte that is not UTF-8 ends the text (``error``, with its ``line``) before it reaches the
    parser. Each read gives the parser as many bytes as it asks for, as when it is given the text whole, so
    that it meets every character (and reports a bad one) at the same point."""

    name = "<unicode string>"
    """The name the parser gives the text in its messages: the one it gives a text passed whole."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._start = True  # the byte order mark, if any, is still to be dropped
        self._head = b""  # the first bytes, until there are enough to tell
        self._newlines = 0  # in the bytes checked so far
        self._eof = False
        self._data = b""  # checked, not yet given to the parser
        self.blank = True  # nothing but white space so far
        self.error: UnicodeDecodeError | None = None
        self.line = 0  # of the error

    def read(self, size: int = CHUNK_SIZE) -> bytes:
        """The next ``size`` bytes (fewer at the end of the file, or before the first byte that is not UTF-8)."""
        while len(self._data) < size and self._more():
            pass
        data, self._data = self._data[:size], self._data[size:]
        return data

    def _more(self) -> bool:
        """Check the next chunk of the file and keep it for the parser; False at the end or at an error."""
        if self._eof:
            return False
        data = self._stream.read(CHUNK_SIZE)
        self._eof = not data
        if self._start:  # the first three bytes decide whether the file starts with a byte order mark
            self._head += data
            if len(self._head) < len(codecs.BOM_UTF8) and not self._eof:
                return True
            data, self._start = self._head.removeprefix(codecs.BOM_UTF8), False
        try:
            text = self._decoder.decode(data, final=self._eof)
        except UnicodeDecodeError as exc:
            # exc.object is the bytes kept from the previous chunk (part of one character, so no newline)
            # followed by this chunk
            self.error, self.line = exc, self._newlines + exc.object[: exc.start].count(b"\n") + 1
            self._eof = True
            return False
        self._newlines += data.count(b"\n")
        if self.blank and text and not text.isspace():
            self.blank = False
        self._data += data
        return True

    def drain(self) -> None:
        """Read what the parser left of the file, for its encoding and whether it is all white space."""
        self._data = b""
        while self._more():
            self._data = b""


class _Composer:
    """Nodes composed from the parser's events, one at a time, as libyaml's composer builds them (the same
    tags, marks and errors), with the anchors of the document (an alias may refer to any earlier one)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.next = loader.get_event
        self.anchors: dict[str, Node] = {}

    def node(self, event: Any) -> Node:
        """The node that ``event`` (taken from the parser) starts, its events taken up to its end."""
        kind = event.__class__
        anchor = event.anchor
        if kind is AliasEvent:
            if anchor not in self.anchors:
                raise ComposerError(None, None, "found undefined alias", event.start_mark)
            return self.anchors[anchor]
        if anchor is not None and anchor in self.anchors:
            first = self.anchors[anchor].start_mark
            raise ComposerError(
                "found duplicate anchor; first occurrence", first, "second occurrence", event.start_mark
            )
        tag = event.tag
        node: Node
        if kind is ScalarEvent:
            if tag is None or tag == "!":
                tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            if anchor is not None:
                self.anchors[anchor] = node
            return node
        node_class = SequenceNode if kind is SequenceStartEvent else MappingNode
        if tag is None or tag == "!":
            tag = self.loader.resolve(node_class, None, event.implicit)
        children: list[Any] = []
        node = node_class(tag, children, event.start_mark, None, flow_style=event.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        child = self.next()
        if kind is SequenceStartEvent:
            while child.__class__ is not SequenceEndEvent:
                children.append(self.node(child))
                child = self.next()
        else:
            while child.__class__ is not MappingEndEvent:
                key = self.node(child)
                children.append((key, self.node(self.next())))
                child = self.next()
        node.end_mark = child.end_mark
        return node

    def skip(self, event: Any) -> None:
        """Step over the node that ``event`` starts without composing it, with the checks of composing it: an
        alias must name an earlier anchor, and an anchored node is composed (kept for the aliases to come)."""
        depth = 0
        while True:
            kind = event.__class__
            if kind is AliasEvent or (kind in _NODE_STARTS and event.anchor is not None):
                self.node(event)
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                depth += 1
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                depth -= 1
            if depth == 0:
                return
            event = self.next()

    def construct(self, node: Node) -> Any:
        """The value of ``node``, built without keeping it (a record is not referred to once yielded).

        A value its explicit tag refuses (``!!int abc``) raises a ConstructorError on the line of that value,
        as an unknown tag does, not the ValueError or KeyError of the tag's constructor."""
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, KeyError, TypeError, OverflowError) as exc:
            self._forget()  # the loader keeps the nodes it was building when the error was raised
            raise self._refused(node, exc) from exc
        finally:
            self._forget()

    def _forget(self) -> None:
        """Drop the loader's state of the value last built (or left half-built by an error)."""
        self.loader.constructed_objects.clear()
        self.loader.recursive_objects.clear()
        self.loader.deep_construct = False

    def _refused(self, node: Node, exc: Exception) -> ConstructorError:
        """The error of the first scalar under ``node`` that cannot be built (``node`` itself if none)."""
        seen: set[int] = set()
        pending: list[Node] = [node]
        while pending:
            current = pending.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if isinstance(current, ScalarNode):
                try:
                    self.loader.construct_object(current)
                except (ValueError, KeyError, TypeError, OverflowError):
                    tag = current.tag.replace("tag:yaml.org,2002:", "!!")
                    return ConstructorError(
                        None, None, f"« {current.value} » n'est pas une valeur {tag}", current.start_mark
                    )
                finally:
                    self._forget()
            elif isinstance(current, SequenceNode):
                pending.extend(reversed(current.value))
            elif isinstance(current, MappingNode):
                pending.extend(child for pair in reversed(current.value) for child in reversed(pair))
        return ConstructorError(None, None, f"valeur impossible à construire ({exc})", node.start_mark)


_NODE_STARTS = (ScalarEvent, SequenceStartEvent, MappingStartEvent)


@dataclass
class _Checked:
    """What the first pass found in a file that can be read."""

    problems: list[Problem] = field(default_factory=list)
    """To report first (a bad ``source``, or a top level that is not a mapping)."""
    source: str | None = None
    """The default ``source`` of the records."""
    sections: bool = True
    """Whether the second pass has sections to read."""
    whole: bool = False
    """The top-level mapping carries an anchor: read it composed whole."""
    failure: Exception | None = None
    """Raised while building a top-level key or ``source`` value; reported after ``problems``."""


def read_yaml(path: Path, file: str) -> Iterator[Item]:
    """Yield the records of every section; ``source:`` becomes the default ``source`` of each."""
    with path.open("rb") as stream:
        checked = _check(stream, file)
    if isinstance(checked, Problem):
        yield checked
        return
    yield from checked.problems
    if checked.failure is not None:
        yield from _failure_problem(checked.failure, file)
        return
    if not checked.sections:
        return
    with path.open("rb") as stream:
        text = _Text(stream)
        loader = _Loader(text)
        try:
            yield from _read_sections(_Composer(loader), file, checked)
        except yaml.YAMLError as exc:
            yield from _failure_problem(exc, file)
        finally:
            loader.dispose()
        if text.error is not None:  # the file changed since it was checked
            yield utf8_problem(file, text.line, text.error)


def _failure_problem(exc: Exception, file: str) -> Iterator[Problem]:
    """The problem of a YAML error; any other error is raised again, as when the file was parsed whole."""
    if isinstance(exc, yaml.MarkedYAMLError):
        yield _syntax_problem(exc, file)
    elif isinstance(exc, yaml.YAMLError):
        yield Problem(file, None, None, f"YAML invalide : {exc}")
    else:
        raise exc


def _check(stream: BinaryIO, file: str) -> _Checked | Problem:
    """The first pass over the whole file: what the second needs, or the one problem of a file that cannot be
    read. A byte that is not UTF-8 is reported before anything else, then an empty file, then a syntax error."""
    text = _Text(stream)
    loader = _Loader(text)
    try:
        outcome: _Checked | yaml.YAMLError = _walk(_Composer(loader), file)
    except yaml.YAMLError as exc:
        outcome = exc
    finally:
        loader.dispose()
    text.drain()
    if text.error is not None:
        return utf8_problem(file, text.line, text.error)
    if text.blank:
        return Problem(file, None, None, _EMPTY)
    if isinstance(outcome, yaml.YAMLError):
        return next(_failure_problem(outcome, file))
    return outcome


def _walk(composer: _Composer, file: str) -> _Checked:
    """Parse every event of the single document, composing only the top-level keys and ``source`` values."""
    composer.next()  # the start of the stream
    event = composer.next()
    if event.__class__ is StreamEndEvent:
        return _Checked(problems=[Problem(file, None, None, _EMPTY)], sections=False)
    document = event.start_mark
    root = composer.next()
    checked = _Checked()
    if root.__class__ is not MappingStartEvent:
        composer.skip(root)
        line = root.start_mark.line + 1
        checked = _Checked(problems=[Problem(file, line, None, _NOT_A_MAPPING)], sections=False)
    elif root.anchor is not None:
        composer.node(root)
        checked.whole = True
    else:
        _walk_entries(composer, checked, file)
    composer.next()  # the end of the document
    event = composer.next()
    if event.__class__ is not StreamEndEvent:
        raise ComposerError(
            "expected a single document in the stream", document, "but found another document", event.start_mark
        )
    return checked


def _walk_entries(composer: _Composer, checked: _Checked, file: str) -> None:
    """The top-level entries: each key is built, ``source`` values too, the sections are stepped over.

    Building stops at the first key or ``source`` value that cannot be built (``failure``); the walk goes on,
    for a syntax error further on is the problem reported then, as when the file was composed whole first."""
    event = composer.next()
    while event.__class__ is not MappingEndEvent:
        key_node = composer.node(event)
        key = _built(composer, checked, key_node)
        event = composer.next()
        if checked.failure is not None or str(key) != SOURCE_KEY:
            composer.skip(event)
        else:
            value = _built(composer, checked, composer.node(event))
            if checked.failure is None:
                if (source := _source(value)) is None:
                    checked.problems.append(Problem(file, key_node.start_mark.line + 1, SOURCE_KEY, _BAD_SOURCE))
                else:
                    checked.source = source
        event = composer.next()


def _source(value: Any) -> str | None:
    """The default ``source`` a ``source:`` value gives: its text, trimmed; None when it is not a text, or blank."""
    return (value.strip() or None) if isinstance(value, str) else None


def _built(composer: _Composer, checked: _Checked, node: Node) -> Any:
    """The value of ``node``; None once a value could not be built (the first such failure is kept)."""
    if checked.failure is not None:
        return None
    try:
        value = composer.construct(node)
    except Exception as exc:  # reported once the whole file is known to parse
        checked.failure = exc
        return None
    return value


def _read_sections(composer: _Composer, file: str, checked: _Checked) -> Iterator[Item]:
    """The second pass: the records of each section in the order of the file, composed one at a time.

    What is not a record (a section that is not a list, an element that is not a mapping) is stepped over,
    not composed, unless it carries an anchor or is an alias."""
    composer.next()  # the start of the stream
    if composer.next().__class__ is not DocumentStartEvent:
        return  # the file changed since it was checked
    root = composer.next()
    if checked.whole:
        yield from _read_root(composer, composer.node(root), file)
        return
    event = composer.next()
    while event.__class__ is not MappingEndEvent:
        key_node = composer.node(event)
        section = str(composer.construct(key_node))
        line = key_node.start_mark.line + 1
        event = composer.next()
        kind, plain = event.__class__, event.__class__ is not AliasEvent and event.anchor is None
        if section == SOURCE_KEY:
            composer.skip(event)
        elif (unknown := section_problem(section, file, line)) is not None:
            composer.skip(event)
            yield unknown
        elif kind is SequenceStartEvent and plain:
            item = composer.next()
            while item.__class__ is not SequenceEndEvent:
                if item.__class__ is MappingStartEvent or item.__class__ is AliasEvent or item.anchor is not None:
                    yield _record(composer, composer.node(item), file, section, checked.source)
                else:
                    composer.skip(item)
                    yield Problem(file, item.start_mark.line + 1, None, _NOT_A_RECORD)
                item = composer.next()
        elif kind is MappingStartEvent and plain:
            composer.skip(event)
            yield _not_a_list(file, line, section)
        else:
            yield from _section(composer, composer.node(event), file, section, line, checked.source)
        event = composer.next()


def _section(composer: _Composer, node: Node, file: str, section: str, line: int, source: str | None) -> Iterator[Item]:
    """The records of a section composed whole (an anchored list, an alias, or not a list at all)."""
    if isinstance(node, ScalarNode) and composer.construct(node) is None:
        return
    if not isinstance(node, SequenceNode):
        yield _not_a_list(file, line, section)
        return
    for item in node.value:
        yield _record(composer, item, file, section, source)


def _not_a_list(file: str, line: int, section: str) -> Problem:
    return Problem(file, line, None, f"la section « {section} » doit être une liste d'éléments (« - id: … »)")


def _record(composer: _Composer, item: Node, file: str, section: str, source: str | None) -> Item:
    row = item.start_mark.line + 1
    if not isinstance(item, MappingNode):
        return Problem(file, row, None, _NOT_A_RECORD)
    data = composer.construct(item)
    record = {str(k): v for k, v in data.items() if v is not None}
    if source is not None:
        record.setdefault("source", source)
    return RawRow(file, row, section, record)


def _read_root(composer: _Composer, root: Node, file: str) -> Iterator[Item]:
    """The records of a top-level mapping composed whole: every key first (``source`` among them), then the
    sections."""
    assert isinstance(root, MappingNode)
    default_source: str | None = None
    sections: list[tuple[str, int, Node]] = []
    for key_node, value_node in root.value:
        key = str(composer.construct(key_node))
        line = key_node.start_mark.line + 1
        if key == SOURCE_KEY:
            if (source := _source(composer.construct(value_node))) is None:
                yield Problem(file, line, SOURCE_KEY, _BAD_SOURCE)
            else:
                default_source = source
            continue
        sections.append((key, line, value_node))
    for section, line, node in sections:
        unknown = section_problem(section, file, line)
        if unknown is not None:
            yield unknown
            continue
        yield from _section(composer, node, file, section, line, default_source)


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    """The problem of a YAML syntax error, on the line where the fault starts: a quote or a bracket left
    open is reported where it opens (``context_mark``), not at the end of the file where the parser gives up."""
    unterminated = (exc.problem or "").startswith("found unexpected end of stream") and exc.context_mark is not None
    if unterminated and "quoted scalar" in (exc.context or ""):
        line = exc.context_mark.line + 1
        return Problem(file, line, None, f"YAML invalide : guillemet ouvert ligne {line} et jamais fermé")
    if unterminated:
        line = exc.context_mark.line + 1
        return Problem(file, line, None, f"YAML invalide : élément ouvert ligne {line} et jamais fermé ({exc.context})")
    line = exc.problem_mark.line + 1 if exc.problem_mark else None
    return Problem(file, line, None, f"YAML invalide : {exc.problem or exc}")
