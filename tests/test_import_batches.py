"""Imports write in batches that commit one by one, and stay all or nothing: a failure in a late batch, a
concurrent writer, a killed importer leave the database as it was (updated properties restored); an empty graph
takes the bulk first-load path, which writes the same graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import import_paused_at

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError, InvalidInput
from maillage.graph.records import RelationRecord
from maillage.importers import import_paths
from maillage.importers.journal import ROLLBACK
from maillage.importers.writing import PUBLISHING, WRITING_RELATIONS

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BASE = [FIXTURES / "base" / "base.yaml", FIXTURES / "base" / "platforms.csv"]
NEW_ORGANISATIONS = 300
SMALL_BATCH = 50
"""Rows per transaction in these tests: the 300 new organisations make many batches."""


def snapshot(graph: Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every node and relationship with its labels and properties, in a stable order."""
    nodes = graph.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels(n)[0]")
    rels = graph.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props "
        "ORDER BY r.key, a.id, b.id"
    )
    return nodes, rels


def bookkeeping(graph: Graph) -> int:
    """Nodes an import keeps while it runs (staged nodes, undo records, its journal)."""
    return graph.read("MATCH (n) WHERE n:ImportStaged OR n:ImportUndo OR n:ImportRun RETURN count(n) AS n")[0]["n"]


def update_and_grow(directory: Path, *, extra_relation: str = "") -> Path:
    """A file that updates existing data first (a name, a relationship's start date), then adds
    :data:`NEW_ORGANISATIONS` organisations, each with its theme, and ends with ``extra_relation``."""
    organisations = "".join(
        f"  - {{id: org-{i}, name: Organisation {i}, kind: ili, sector: integration, themes: [fle]}}\n"
        for i in range(NEW_ORGANISATIONS)
    )
    path = directory / "grow.yaml"
    path.write_text(
        "source: grow-test.txt\n"
        "organisations:\n"
        "  - {id: aleap, name: ALEAP modifiée, kind: federation, sector: integration}\n"
        + organisations
        + "relations:\n"
        "  - {type: MEMBER_OF, from: ili-a, to: aleap, role: affilie, validFrom: 2021-06-01, locator: p. 5}\n"
        + extra_relation,
        encoding="utf-8",
    )
    return path


def new_only(directory: Path) -> Path:
    """A file of new data only: the theme and :data:`NEW_ORGANISATIONS` organisations working on it."""
    organisations = "".join(
        f"  - {{id: org-{i}, name: Organisation {i}, kind: ili, sector: integration, themes: [fle]}}\n"
        for i in range(NEW_ORGANISATIONS)
    )
    path = directory / "new.yaml"
    path.write_text(
        "source: new-test.txt\nthemes:\n  - {id: fle, name: FLE}\norganisations:\n" + organisations, encoding="utf-8"
    )
    return path


@pytest.fixture
def imported(empty_graph: Graph) -> Graph:
    """The graph holding the base fixture dataset."""
    import_paths(empty_graph, BASE)
    return empty_graph


def test_a_constraint_violated_in_the_last_batch_leaves_the_database_unchanged(imported: Graph, tmp_path: Path) -> None:
    late = RelationRecord.model_validate({"type": "MEMBER_OF", "from": "cai", "to": "aleap", "role": "affilie"})
    # a relationship already holds the key the last row computes, between other ends: the key constraint refuses it
    imported.write(
        "MATCH (a:Entity {id: 'ili-a'}), (b:Entity {id: 'cai'}) CREATE (a)-[:MEMBER_OF {key: $key}]->(b)",
        {"key": late.key},
    )
    path = update_and_grow(tmp_path, extra_relation="  - {type: MEMBER_OF, from: cai, to: aleap, role: affilie}\n")
    before = snapshot(imported)
    phases: list[tuple[str, int]] = []
    with pytest.raises(ConflictError):
        import_paths(imported, [path], batch=SMALL_BATCH, progress=lambda p, d, t: phases.append((p, d)))
    written = [done for phase, done in phases if phase == WRITING_RELATIONS]
    assert len(written) > 3  # several batches of relationships had committed before the failure
    assert phases[-1][0] == ROLLBACK
    assert snapshot(imported) == before


def test_properties_an_import_updated_before_it_failed_are_restored(imported: Graph, tmp_path: Path) -> None:
    late = RelationRecord.model_validate({"type": "MEMBER_OF", "from": "cai", "to": "aleap", "role": "affilie"})
    imported.write(
        "MATCH (a:Entity {id: 'ili-a'}), (b:Entity {id: 'cai'}) CREATE (a)-[:MEMBER_OF {key: $key}]->(b)",
        {"key": late.key},
    )
    path = update_and_grow(tmp_path, extra_relation="  - {type: MEMBER_OF, from: cai, to: aleap, role: affilie}\n")
    seen_during: dict[str, Any] = {}

    def look(phase: str, done: int, total: int | None) -> None:
        if phase == WRITING_RELATIONS and not seen_during:
            seen_during.update(imported.read("MATCH (n:Entity {id: 'aleap'}) RETURN n.name AS name")[0])

    with pytest.raises(ConflictError):
        import_paths(imported, [path], batch=SMALL_BATCH, progress=look)
    assert seen_during == {"name": "ALEAP modifiée"}  # the update had been committed
    assert imported.read("MATCH (n:Entity {id: 'aleap'}) RETURN n.name AS name, n.source AS source") == [
        {"name": "ALEAP", "source": "seed-test.txt"}
    ]
    member = imported.read(
        "MATCH (:Entity {id: 'ili-a'})-[r:MEMBER_OF]->(:Entity {id: 'aleap'}) RETURN properties(r) AS props"
    )
    assert [(str(row["props"]["validFrom"]), row["props"]["locator"]) for row in member] == [("2020-01-01", "p. 4")]
    assert bookkeeping(imported) == 0


def test_the_same_import_without_the_conflict_keeps_everything(imported: Graph, tmp_path: Path) -> None:
    report = import_paths(imported, [update_and_grow(tmp_path)], batch=SMALL_BATCH)
    assert report.nodes["Organisation"].created == NEW_ORGANISATIONS
    assert report.nodes["Organisation"].updated == 1
    assert report.relations["MEMBER_OF"].updated == 1
    assert imported.read("MATCH (o:Organisation) RETURN count(o) AS n") == [{"n": 3 + NEW_ORGANISATIONS}]
    assert imported.read("MATCH (n:Entity {id: 'aleap'}) RETURN n.name AS name") == [{"name": "ALEAP modifiée"}]
    assert bookkeeping(imported) == 0


def test_an_entity_created_meanwhile_with_an_id_the_import_creates_rolls_it_back(
    empty_graph: Graph, tmp_path: Path
) -> None:
    def other_writer(phase: str, done: int, total: int | None) -> None:
        if phase == WRITING_RELATIONS and done == SMALL_BATCH:
            empty_graph.write("CREATE (:Entity:Theme {id: 'org-250', name: 'Thème créé entre-temps'})")

    with pytest.raises(ConflictError):
        import_paths(empty_graph, [new_only(tmp_path)], batch=SMALL_BATCH, progress=other_writer)
    nodes, relationships = snapshot(empty_graph)
    data = [node["props"]["id"] for node in nodes if "SchemaMigration" not in node["labels"]]
    assert data == ["org-250"]  # only the other writer's entity
    assert relationships == []


def test_an_empty_graph_takes_the_bulk_path_and_gets_the_same_graph(empty_graph: Graph, wiper: Any) -> None:
    def entities() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        nodes, relationships = snapshot(empty_graph)
        return [n for n in nodes if "Entity" in n["labels"]], relationships

    incremental = import_paths(empty_graph, BASE, bulk=False)
    expected = entities()
    wiper(empty_graph)
    bulk = import_paths(empty_graph, BASE)
    assert entities() == expected
    assert {k: c.created for k, c in bulk.nodes.items()} == {k: c.created for k, c in incremental.nodes.items()}
    assert {k: c.created for k, c in bulk.relations.items()} == {k: c.created for k, c in incremental.relations.items()}


def test_a_first_load_that_fails_in_a_late_batch_leaves_the_database_as_it_was(
    empty_graph: Graph, tmp_path: Path
) -> None:
    before = snapshot(empty_graph)
    committed: list[int] = []

    def interrupt(phase: str, done: int, total: int | None) -> None:
        if phase == WRITING_RELATIONS:
            committed.append(done)
            if len(committed) == 3:
                raise KeyboardInterrupt  # Ctrl-C once three batches of relationships have committed

    with pytest.raises(KeyboardInterrupt):
        import_paths(empty_graph, [new_only(tmp_path)], batch=SMALL_BATCH, progress=interrupt)
    assert committed == [SMALL_BATCH, 2 * SMALL_BATCH, 3 * SMALL_BATCH]
    assert snapshot(empty_graph) == before  # no entity, no relationship, no audit entry, no journal


def test_bulk_into_a_graph_holding_entities_is_refused_and_changes_nothing(imported: Graph, tmp_path: Path) -> None:
    before = snapshot(imported)
    with pytest.raises(InvalidInput, match="--bulk"):
        import_paths(imported, [update_and_grow(tmp_path)], bulk=True)
    assert snapshot(imported) == before


def _killed_at(phase: str, paths: list[Path], env: dict[str, str]) -> None:
    with import_paused_at(phase, paths, env):
        pass


def test_an_import_killed_while_writing_is_rolled_back_by_the_next_one(
    imported: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    before = snapshot(imported)
    _killed_at(WRITING_RELATIONS, [update_and_grow(tmp_path)], test_server)
    assert imported.read("MATCH (n:Entity {id: 'aleap'}) RETURN n.name AS name") == [{"name": "ALEAP modifiée"}]
    assert imported.read("MATCH (o:Organisation) RETURN count(o) AS n") == [{"n": 3}]  # new ones are not visible
    report = import_paths(imported, BASE)
    assert report.totals().created == 0
    assert snapshot(imported) == before


def test_an_import_killed_after_its_commit_point_is_finished_by_the_next_one(
    imported: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    _killed_at(PUBLISHING, [update_and_grow(tmp_path)], test_server)
    import_paths(imported, BASE)
    assert imported.read("MATCH (o:Organisation) RETURN count(o) AS n") == [{"n": 3 + NEW_ORGANISATIONS}]
    assert imported.read("MATCH (:Organisation)-[r:WORKS_ON]->(:Theme {id: 'fle'}) RETURN count(r) AS n") == [
        {"n": 1 + NEW_ORGANISATIONS}
    ]
    assert bookkeeping(imported) == 0
