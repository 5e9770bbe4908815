"""Accent- and case-insensitive search over names, acronyms and titles."""

from __future__ import annotations

import re

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.folding import fold
from maillage.graph.schema import FULLTEXT_STOP_WORDS

from .run import run_as

__all__ = ["SearchHit", "fold", "fulltext_query", "search"]

MAX_TERMS = 8
MAX_RESULTS = 100
ELIDED = ("d", "l", "qu", "s", "n", "j", "c")
"""French elided words (``d'``, ``l'``…): alone they are not search terms, before a word they may be."""


class SearchHit(BaseModel):
    """One search result."""

    id: str
    labels: list[str]
    name: str | None
    acronym: str | None
    kind: str | None
    score: float


def fulltext_query(text: str) -> str:
    """A Lucene query where every word of ``text`` must match, as a whole word or a prefix.

    Only letters and digits reach Lucene, so no user input can change the query's syntax.

    Words the analyzer never indexes (``FULLTEXT_STOP_WORDS``: « à » folds to ``a``) are not required,
    or no full name holding them would match.

    The index keeps French elisions inside words (``d'action`` is one token), so a word also matches
    after ``d'``, ``l'`` and the other elided articles.

    >>> fulltext_query("Fédé CPAS")
    "(fede^2 OR fede* OR d'fede* OR l'fede* OR qu'fede* OR s'fede* OR n'fede* OR j'fede* OR c'fede*) AND \
(cpas^2 OR cpas* OR d'cpas* OR l'cpas* OR qu'cpas* OR s'cpas* OR n'cpas* OR j'cpas* OR c'cpas*)"
    """
    words = [w[:100] for w in re.findall(r"[a-z0-9]+", fold(text))]  # longer words: automaton too large
    # elided articles and the analyzer's stop words (« à » → `a`) are never indexed alone: not required
    terms = ([w for w in words if w not in ELIDED and w not in FULLTEXT_STOP_WORDS] or words)[:MAX_TERMS]
    if not terms:
        raise InvalidInput("La recherche doit contenir au moins une lettre ou un chiffre.")
    return " AND ".join(
        "(" + " OR ".join([f"{term}^2", f"{term}*", *(f"{e}'{term}*" for e in ELIDED)]) + ")" for term in terms
    )


def search(graph: Graph, text: str, limit: int = 20) -> list[SearchHit]:
    """Public entities matching ``text`` (case and accents ignored), best first."""
    if not 1 <= limit <= MAX_RESULTS:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_RESULTS} (reçu : {limit}).")
    hits = run_as(graph, "search.entities", SearchHit, query=fulltext_query(text), limit=limit)
    wanted = fold(text).strip()
    # an exact acronym (« CAI ») names one organisation: it comes before names that merely contain it
    return sorted(hits, key=lambda hit: fold(hit.acronym or "") != wanted)
