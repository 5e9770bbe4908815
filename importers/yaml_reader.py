"""YAML reader: a mapping with an optional ``source:`` and one list of records per section.

Row numbers are the line where each record starts. Dates stay text until the records parse them,
so that ``2024-13-01`` is reported on its record instead of breaking the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from maillage.graph.errors import Problem

from .reading import Item, RawRow, section_problem, utf8_problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SOURCE_KEY = "source"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that leaves dates as text."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def read_yaml(path: Path, file: str) -> Iterator[Item]:
    """Yield the records of every section; ``source:`` becomes the default ``source`` of each."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield utf8_problem(file, _line_of(exc), exc)
        return
    if not text.strip():
        yield Problem(file, None, None, "le fichier est vide")
        return
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        yield from _read_root(loader, root, file)
    except yaml.MarkedYAMLError as exc:
        yield _syntax_problem(exc, file)
    except yaml.YAMLError as exc:
        yield Problem(file, None, None, f"YAML invalide : {exc}")
    finally:
        loader.dispose()


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


def _line_of(exc: UnicodeDecodeError) -> int:
    return exc.object[: exc.start].count(b"\n") + 1


def _read_root(loader: Any, root: yaml.Node | None, file: str) -> Iterator[Item]:
    if root is None:
        yield Problem(file, None, None, "le fichier est vide")
        return
    if not isinstance(root, yaml.MappingNode):
        yield Problem(
            file, root.start_mark.line + 1, None, "le fichier doit être un dictionnaire de sections (section: liste)"
        )
        return
    default_source: str | None = None
    sections: list[tuple[str, int, yaml.Node]] = []
    for key_node, value_node in root.value:
        key = str(loader.construct_object(key_node, deep=True))
        line = key_node.start_mark.line + 1
        if key == SOURCE_KEY:
            value = loader.construct_object(value_node, deep=True)
            if not isinstance(value, str) or not value.strip():
                yield Problem(file, line, SOURCE_KEY, "« source » doit être un texte (le document d'origine)")
            else:
                default_source = value.strip()
            continue
        sections.append((key, line, value_node))
    for section, line, node in sections:
        unknown = section_problem(section, file, line)
        if unknown is not None:
            yield unknown
            continue
        if isinstance(node, yaml.ScalarNode) and loader.construct_object(node) is None:
            continue
        if not isinstance(node, yaml.SequenceNode):
            yield Problem(file, line, None, f"la section « {section} » doit être une liste d'éléments (« - id: … »)")
            continue
        for item in node.value:
            row = item.start_mark.line + 1
            if not isinstance(item, yaml.MappingNode):
                yield Problem(file, row, None, "chaque élément doit être un dictionnaire de champs (« champ: valeur »)")
                continue
            data = loader.construct_object(item, deep=True)
            record = {str(k): v for k, v in data.items() if v is not None}
            if default_source is not None:
                record.setdefault("source", default_source)
            yield RawRow(file, row, section, record)
