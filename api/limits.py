"""The size limit of a response: no single request may return an unbounded amount of data.

Page sizes, ``limit``, ``top`` and ``k`` arguments bound most list fields, and every Neo4j transaction
has a timeout; this last guard counts the list items of a response (nested lists included) and, above
``MAILLAGE_MAX_RESULT_ITEMS`` (default 50,000), answers ``TOO_LARGE`` instead of sending it, with a
message that says how to ask for less.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from maillage.graph.settings import MAX_RESULT_ITEMS


def count_items(value: Any, *, stop_above: int | None = None) -> int:
    """How many list items ``value`` holds, at any depth (stops counting once above ``stop_above``)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            total += len(item)
            if stop_above is not None and total > stop_above:
                return total
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return total


class ResultSizeLimit(SchemaExtension):
    """Refuses, with the code ``TOO_LARGE``, a response holding more than ``max_items`` list items."""

    def __init__(self, *, max_items: int = MAX_RESULT_ITEMS) -> None:
        self.max_items = max_items

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or result.data is None:
            return
        items = count_items(result.data, stop_above=self.max_items)
        if items > self.max_items:
            result.data = None
            result.errors = [
                GraphQLError(
                    f"Réponse trop volumineuse (plus de {self.max_items} éléments de liste) : demandez moins "
                    "(first, limit, top, un filtre ou moins de champs).",
                    extensions={"code": "TOO_LARGE"},
                )
            ]
