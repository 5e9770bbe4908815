"""Ids that a merge folded into another entity still name it: lookups and links follow them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from maillage.graph.connection import Graph, Transaction
from maillage.graph.errors import ConflictError

from .run import run, run_in

MAX_CHAIN = 20
"""Most merges one id may be followed through (a merged entity kept in a later merge, and so on)."""


def _follow(id: str, kept_of: Callable[[str], str | None]) -> str:
    seen = [id]
    while len(seen) <= MAX_CHAIN:
        kept = kept_of(seen[-1])
        if kept is None:
            return seen[-1]
        seen.append(kept)
    raise ConflictError(f"« {id} » : chaîne de fusions trop longue ({' → '.join(seen)}).")


def resolve(graph: Graph, id: str) -> str:
    """The id ``id`` stands for now: itself, or the entity it was merged into (through later merges too)."""

    def kept_of(current: str) -> str | None:
        rows = run(graph, "merging.resolve", id=current)
        return rows[0]["kept"] if rows else None

    return _follow(id, kept_of)


def run_for_id(graph: Graph, query: str, id: str, **params: Any) -> tuple[str, list[dict[str, Any]]]:
    """Run ``query`` for entity ``id`` (parameter ``$id``); when it finds nothing and ``id`` was merged into
    another entity, run it again for that one. The id the rows are for, and the rows.

    Merged ids are rare: the common lookup makes one round trip, not a resolution first.
    """
    rows = run(graph, query, id=id, **params)
    if not rows and (kept := resolve(graph, id)) != id:
        return kept, run(graph, query, id=kept, **params)
    return id, rows


def resolve_in(tx: Transaction, id: str) -> str:
    """:func:`resolve` inside a transaction (a write that links to ``id`` links to what it stands for)."""

    def kept_of(current: str) -> str | None:
        rows = run_in(tx, "merging.resolve", id=current)
        return rows[0]["kept"] if rows else None

    return _follow(id, kept_of)


def alias_map(graph: Graph) -> dict[str, str]:
    """Every id a merge still in force folded away, with the id it stands for now (chains of merges followed)."""
    direct = {row["merged"]: row["kept"] for row in run(graph, "merging.aliases")}
    return {merged: _follow(merged, direct.get) for merged in direct}


def merged_into(graph: Graph, id: str) -> list[str]:
    """The ids that merges still in force folded into ``id`` (directly or through later merges), sorted."""
    return sorted(merged for merged, kept in alias_map(graph).items() if kept == id)
