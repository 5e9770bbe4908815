"""A query's records as plain rows: the values ``neo4j.Record.data()`` gives, computed faster.

``Record.data()`` walks every value through a chain of ``isinstance`` tests, abstract base classes included
(``Sequence``, ``Mapping``), at each level of every nested map and list: about a tenth of the API's time on a
list of seats. Almost every value a query returns is a string, a number, a date, a map or a list, so their exact
types are tested first; a record holding anything else (a node, a relationship, a path, a point) is converted
by ``Record.data()`` itself, which keeps its meaning exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import neo4j
import neo4j.time

_AS_IS = frozenset(
    {
        str,
        int,
        float,
        bool,
        type(None),
        bytes,
        neo4j.time.Date,
        neo4j.time.DateTime,
        neo4j.time.Time,
        neo4j.time.Duration,
    }
)


class _NotPlain(Exception):
    """A value ``Record.data()`` converts (a graph element, a point): the record goes to the driver."""


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    if kind is list:
        return [_plain(item) for item in value]
    raise _NotPlain


def row(record: neo4j.Record) -> dict[str, Any]:
    """``record.data()``: column name → value, nodes as their property maps, maps and lists converted inside."""
    try:
        return dict(zip(record.keys(), map(_plain, record), strict=True))
    except _NotPlain:
        return record.data()


def rows(records: Iterable[neo4j.Record]) -> list[dict[str, Any]]:
    """Every record as :func:`row` gives it."""
    return [row(record) for record in records]
