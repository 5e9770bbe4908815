"""Rows of a query are exactly what the driver's ``Record.data()`` gives, whatever the query returns."""

from __future__ import annotations

from maillage.graph.connection import Graph, Transaction
from maillage.graph.rows import rows

PLAIN = """RETURN 'é' AS text, 1 AS number, 1.5 AS real, true AS yes, null AS nothing,
       date('2024-02-29') AS day, datetime('2024-01-01T10:00:00Z') AS moment, duration('P1D') AS span,
       localtime('10:00') AS hour, [1, 'a', [date('2024-01-01')], {k: [null]}] AS mixed,
       {a: {b: [1, 2]}, c: 'd'} AS nested, [] AS empty"""
GRAPH_ELEMENTS = """CREATE p = (a:RowsProbe {id: 'a'})-[r:PROBES {since: 1}]->(b:RowsProbe {id: 'b'})
RETURN a, r, p, [a, {n: b}] AS inside, point({x: 1, y: 2}) AS place"""


Rows = list[dict[str, object]]


def _both(graph: Graph, cypher: str) -> tuple[Rows, Rows]:
    def work(tx: Transaction) -> tuple[Rows, Rows]:
        records = list(tx.run(cypher))
        return rows(records), [record.data() for record in records]

    return graph.execute(work, write=True)


def test_plain_values_come_out_as_record_data_gives_them(empty_graph: Graph) -> None:
    ours, drivers = _both(empty_graph, PLAIN)
    assert ours == drivers
    assert [type(v) for v in ours[0].values()] == [type(v) for v in drivers[0].values()]


def test_nodes_relationships_paths_and_points_come_out_as_record_data_gives_them(empty_graph: Graph) -> None:
    ours, drivers = _both(empty_graph, GRAPH_ELEMENTS)
    assert ours == drivers
    assert ours[0]["a"] == {"id": "a"}  # a node is its property map, not the driver's Node
