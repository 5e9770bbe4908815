"""Run named queries through the connection and turn rows into typed results."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from maillage.graph.connection import Graph, Transaction
from maillage.graph.errors import QueryError
from maillage.graph.rows import row, rows

from .loader import Query, load

M = TypeVar("M", bound=BaseModel)


def _checked(query: Query, params: dict[str, Any]) -> dict[str, Any]:
    missing = query.params - params.keys()
    extra = params.keys() - query.params
    if missing or extra:
        raise QueryError(
            f"Requête « {query.name} » : paramètres manquants {sorted(missing)}, inattendus {sorted(extra)}"
        )
    return params


def run(graph: Graph, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the query ``name`` with ``params`` in a managed read or write transaction."""
    query = load(name)
    values = _checked(query, params)
    if query.writes:
        return graph.write(query.text, values)
    return graph.read(query.text, values)


def run_in(tx: Transaction, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the query ``name`` inside an existing transaction (several queries, one commit)."""
    query = load(name)
    return rows(tx.run(query.text, _checked(query, params)))


def stream_in(tx: Transaction, name: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Run the query ``name`` inside an existing transaction and give its rows one by one, as the driver fetches
    them (a batch of records at a time): a result of any size in bounded memory. Consume it before the next
    query of the transaction runs (which would make the driver buffer the rest)."""
    query = load(name)
    for record in tx.run(query.text, _checked(query, params)):
        yield row(record)


def run_as(graph: Graph, name: str, model: type[M], **params: Any) -> list[M]:
    """Run the query ``name`` and validate each row as ``model``."""
    return [model.model_validate(row) for row in run(graph, name, **params)]
