"""A query's records as plain rows: the values ``neo4j.Record.data()`` gives, computed faster.

``Record.data()`` walks every value through a chain of ``isinstance`` tests, abstract base classes included
(``Sequence``, ``Mapping``), at each level of every nested map and list: about a tenth of the API's time on a
list of seats. Almost every value a query returns is a string, a number, a date, a map or a list, so their exact
types are tested first, and such a record is given as it is; a record holding anything else (a node, a
relationship, a path, a point) is converted by ``Record.data()`` itself, which keeps its meaning exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import neo4j
import neo4j.time

PYTHON_SCALARS: frozenset[type] = frozenset({str, int, float, bool, type(None)})
"""Types of values that are Python's own scalars, as the driver gives them and JSON carries them. Tested by
exact type (``type(v) in PYTHON_SCALARS``), a set lookup, before anything slower: most values are one of them."""

_AS_IS = PYTHON_SCALARS | frozenset(
    {
        bytes,
        neo4j.time.Date,
        neo4j.time.DateTime,
        neo4j.time.Time,
        neo4j.time.Duration,
    }
)


def _is_plain(value: Any) -> bool:
    """Whether ``value`` is a string, number, date, or a map or list of them at any depth: what
    ``Record.data()`` gives back unchanged."""
    kind = type(value)
    if kind in _AS_IS:
        return True
    if kind is dict:
        items: Iterable[Any] = value.values()
    elif kind is list:
        items = value
    else:
        return False
    for item in items:
        if type(item) not in _AS_IS and not _is_plain(item):
            return False
    return True


def row(record: neo4j.Record) -> dict[str, Any]:
    """``record.data()``: column name → value, nodes as their property maps, maps and lists converted inside.

    A record of plain values (see :func:`_is_plain`) is given as it is, without a copy: the driver built its
    maps and lists for this record alone.
    """
    for value in record:
        if type(value) not in _AS_IS and not _is_plain(value):
            return record.data()
    return dict(zip(record.keys(), record, strict=True))


def rows(records: Iterable[neo4j.Record]) -> list[dict[str, Any]]:
    """Every record as :func:`row` gives it."""
    return [row(record) for record in records]
