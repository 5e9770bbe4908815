"""Does a cited line say what is cited? The check behind every ``source`` + ``locator`` of seed facts.

A fact cites lines of a source document (``L12-20, L31``). The cited text supports a node when it
mentions the node by one of its *mention forms* (name, acronym, title or a declared alias), and a
relationship when it mentions one of its two ends. Mentions are compared after folding case and
accents, and a form of several words is mentioned when each of its content words appears in the
cited lines (documents list « Plans de Cohésion Sociale … Hastière, Houyet » rather than spelling out
« Plan de cohésion sociale de Hastière »).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

LOCATOR_PATTERN = re.compile(r"^L[0-9]+(-[0-9]+)?(, L[0-9]+(-[0-9]+)?)*$")
"""The locator of a seed fact: ``L12``, ``L12-20``, ``L12-20, L31``."""

STOPWORDS = frozenset("a au aux d de des du en et l la le les pour sur un une dans par avec the of and".split())
"""Words a mention may leave out (« Plan de cohésion sociale de Hastière » → plan, cohesion, sociale, hastiere)."""


def fold(text: str) -> str:
    """Lower case, no accents, only letters and digits separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", bare))


def _stem(word: str) -> str:
    """Singular of a French plural, roughly: ``centres`` → ``centre``, ``bureaux`` → ``bureau``.

    ``regionaux`` → ``regional``.
    """
    if word.endswith("eaux"):
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """The folded, singular words of ``text`` that a mention must contain."""
    return frozenset(_stem(w) for w in fold(text).split() if w not in STOPWORDS)


def line_ranges(locator: str) -> list[tuple[int, int]]:
    """``L12-20, L31`` → ``[(12, 20), (31, 31)]``; ValueError for anything else."""
    if not LOCATOR_PATTERN.match(locator):
        raise ValueError(f"localisateur illisible : « {locator} »")
    ranges = []
    for part in locator.split(", "):
        first, _, last = part[1:].partition("-")
        ranges.append((int(first), int(last or first)))
    return ranges


def cited_text(lines: Sequence[str], locator: str) -> str:
    """The lines a locator cites (1-based, inclusive); ValueError if one lies past the end."""
    out: list[str] = []
    for first, last in line_ranges(locator):
        if first < 1 or last < first or last > len(lines):
            raise ValueError(f"« {locator} » sort du document ({len(lines)} lignes)")
        out.extend(lines[first - 1 : last])
    return "\n".join(out)


def _join_hyphenated(text: str) -> str:
    """Undo the line-end hyphenation of the documents' columns: ``bureau d'ac-\\ncueil`` → ``bureau d'accueil``."""
    return re.sub(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)", "", text)


def mentions(text: str, forms: Iterable[str]) -> str | None:
    """The first form that ``text`` mentions (phrase, or every content word present), else None."""
    variants = (_join_hyphenated(text), text)  # « ac-\\ncueil » is one word, « Entre-Sambre-et-\\nMeuse » four
    folded = [f" {fold(v)} " for v in variants]
    words = [content_words(v) for v in variants]
    for form in forms:
        phrase = fold(form)
        if not phrase:
            continue
        if any(f" {phrase} " in f for f in folded):
            return form
        needed = content_words(form)
        if len(needed) > 1 and any(needed <= w for w in words):
            return form
    return None


def mention_forms(props: dict[str, object]) -> list[str]:
    """How a node may be mentioned: its name, acronym, title and declared aliases."""
    forms = [str(props[k]) for k in ("name", "acronym", "title") if props.get(k)]
    aliases = props.get("aliases") or []
    if isinstance(aliases, list | tuple):
        forms.extend(str(a) for a in aliases)
    return forms


class SeedLibrary:
    """The source documents by file name, read once."""

    def __init__(self, folder: Path) -> None:
        self._lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted(folder.glob("*.txt"))}

    def __contains__(self, name: object) -> bool:
        return name in self._lines

    def text(self, source: str, locator: str) -> str:
        """The lines of ``source`` that ``locator`` cites."""
        return cited_text(self._lines[source], locator)
