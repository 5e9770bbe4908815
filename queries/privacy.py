"""Which lines of a source document name a person: the rule that masks them for anonymous readers."""

from __future__ import annotations

import re

from maillage.graph.connection import Graph

from .run import run
from .search import fold

MIN_SURNAME = 4
"""A surname shorter than this is not matched alone (too many common words)."""


def person_names(graph: Graph) -> list[str]:
    """The name of every person of the graph."""
    return [str(row["name"]) for row in run(graph, "privacy.person_names")]


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """A pattern that finds, in folded text (see ``fold``), a person's full name or surname as a whole word."""
    words: set[str] = set()
    for name in names:
        folded = fold(name).strip()
        if folded:
            words.add(re.escape(folded))
        parts = folded.split()
        if len(parts) > 1 and len(parts[-1]) >= MIN_SURNAME:
            words.add(re.escape(parts[-1]))
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)")


def lines_naming_people(lines: list[str], pattern: re.Pattern[str] | None) -> set[int]:
    """The numbers (1-based) of the ``lines`` where ``pattern`` finds a person's name."""
    if pattern is None:
        return set()
    return {number for number, line in enumerate(lines, start=1) if pattern.search(fold(line))}
