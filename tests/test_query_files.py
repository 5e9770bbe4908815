"""Every .cypher file has a valid header, and the database accepts every query (EXPLAIN)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import QueryError
from maillage.queries import available, load
from maillage.queries.loader import parse_query


def test_a_parameter_used_but_not_declared_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=r"x\.cypher:4 .*\$?b"):
        parse_query("x", tmp_path / "x.cypher", "// Purpose.\n// params: $a\n// mode: read\nRETURN $a, $b")


def test_a_parameter_declared_but_unused_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="inutilisé"):
        parse_query("x", tmp_path / "x.cypher", "// Purpose.\n// params: $a, $b\n// mode: read\nRETURN $a")


def test_a_query_without_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="mode"):
        parse_query("x", tmp_path / "x.cypher", "// Purpose.\nRETURN 1")


def test_an_unknown_query_name_suggests_close_names() -> None:
    with pytest.raises(QueryError, match="search.entities"):
        load("search.entitie")


@pytest.mark.parametrize("name", available())
def test_every_query_is_accepted_by_the_database(graph: Graph, name: str) -> None:
    query = load(name)
    assert query.purpose, f"{query.path}: une ligne d'objet est attendue en tête"
    graph.execute(lambda tx: tx.run("EXPLAIN " + query.text, {p: None for p in query.params}).consume())
