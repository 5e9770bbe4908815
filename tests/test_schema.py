"""Schema migrations: idempotent, complete, and enforcing unique ids."""

from __future__ import annotations

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError
from maillage.graph.model import ENTITY, REL_SPECS, Label
from maillage.graph.schema import FULLTEXT_INDEX, MIGRATIONS, is_current, migrate


def _schema(graph: Graph) -> tuple[list[str], list[str]]:
    constraints = sorted(r["name"] for r in graph.read("SHOW CONSTRAINTS YIELD name RETURN name"))
    indexes = sorted(r["name"] for r in graph.read("SHOW INDEXES YIELD name RETURN name"))
    return constraints, indexes


def test_running_migrations_twice_changes_nothing(graph: Graph) -> None:
    before = _schema(graph)
    assert migrate(graph) == []
    assert _schema(graph) == before


def test_every_migration_is_recorded_as_applied(graph: Graph) -> None:
    assert is_current(graph)
    recorded = {r["id"] for r in graph.read("MATCH (m:SchemaMigration) RETURN m.id AS id")}
    assert recorded == {m.id for m in MIGRATIONS}


def test_every_node_label_has_a_uniqueness_constraint_on_id(graph: Graph) -> None:
    rows = graph.read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties"
    )
    constrained = {r["label"] for r in rows if r["properties"] == ["id"]}
    assert {ENTITY, *(label.value for label in Label)} <= constrained


def test_every_relationship_type_has_a_unique_key(graph: Graph) -> None:
    rows = graph.read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'RELATIONSHIP_UNIQUENESS' RETURN labelsOrTypes[0] AS type, properties"
    )
    assert {r["type"] for r in rows if r["properties"] == ["key"]} == {t.value for t in REL_SPECS}


def test_the_fulltext_index_is_online(graph: Graph) -> None:
    rows = graph.read(
        "SHOW FULLTEXT INDEXES YIELD name, state WHERE name = $name RETURN state", {"name": FULLTEXT_INDEX}
    )
    assert rows == [{"state": "ONLINE"}]


def test_a_duplicate_id_raises_a_conflict_naming_the_id(empty_graph: Graph) -> None:
    empty_graph.write("CREATE (:Entity:Organisation {id: 'cai', name: 'CAI'})")
    with pytest.raises(ConflictError, match="cai"):
        empty_graph.write("CREATE (:Entity:Organisation {id: 'cai', name: 'Autre'})")
    assert empty_graph.read("MATCH (n:Entity {id: 'cai'}) RETURN n.name AS name") == [{"name": "CAI"}]
