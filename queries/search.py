"""Accent- and case-insensitive search over names, acronyms and titles."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput

from .run import run_as

MAX_TERMS = 8
MAX_RESULTS = 100


class SearchHit(BaseModel):
    """One search result."""

    id: str
    labels: list[str]
    name: str | None
    acronym: str | None
    kind: str | None
    score: float


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents: ``Fédé`` → ``fede``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fulltext_query(text: str) -> str:
    """A Lucene query where every word of ``text`` must match, as a whole word or a prefix.

    Only letters and digits reach Lucene, so no user input can change the query's syntax.

    >>> fulltext_query("Fédé CPAS")
    '(fede^2 OR fede*) AND (cpas^2 OR cpas*)'
    """
    terms = re.findall(r"[a-z0-9]+", fold(text))[:MAX_TERMS]
    if not terms:
        raise InvalidInput("La recherche doit contenir au moins une lettre ou un chiffre.")
    return " AND ".join(f"({term}^2 OR {term}*)" for term in terms)


def search(graph: Graph, text: str, limit: int = 20) -> list[SearchHit]:
    """Public entities matching ``text`` (case and accents ignored), best first."""
    if not 1 <= limit <= MAX_RESULTS:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_RESULTS} (reçu : {limit}).")
    return run_as(graph, "search.entities", SearchHit, query=fulltext_query(text), limit=limit)
