"""After a merge, an import that still uses the merged id writes to the kept entity: a relationship whose end is
the merged id joins the kept entity, a node row of the merged id only completes it, and re-importing the file
that held both ids changes nothing (the duplicate does not come back)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from test_merging import TWICE, entity_state

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError
from maillage.importers import import_paths, validate_paths
from maillage.queries import curation
from maillage.queries.merging import merge_entities, undo_merge

STAFF = curation.Actor(name="Équipe test", role="staff")


@pytest.fixture
def merged(load_yaml: Callable[[str], Graph]) -> Graph:
    """The duplicates of ``TWICE`` imported, then ili-maison-bis merged into ili-maison."""
    graph = load_yaml(TWICE)
    merge_entities(graph, "ili-maison", "ili-maison-bis", STAFF)
    return graph


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def ids(graph: Graph) -> set[str]:
    return {row["id"] for row in graph.read("MATCH (n:Entity) RETURN n.id AS id")}


def test_a_relationship_to_a_merged_id_joins_the_kept_entity(merged: Graph, tmp_path: Path) -> None:
    new_tie = (
        "organisations:\n  - {id: fede-2, name: Autre fédération, kind: federation, sector: integration}\n"
        "relations:\n  - {type: MEMBER_OF, from: ili-maison-bis, to: fede-2, role: membre}\n"
    )
    report = import_paths(merged, [write(tmp_path, "tie.yaml", new_tie)])
    assert report.relations["MEMBER_OF"].created == 1
    assert "ili-maison-bis" not in ids(merged)
    assert merged.read("MATCH (a:Entity)-[:MEMBER_OF]->(:Entity {id: 'fede-2'}) RETURN a.id AS id") == [
        {"id": "ili-maison"}
    ]


def test_reimporting_the_file_that_held_both_ids_changes_nothing(merged: Graph, tmp_path: Path) -> None:
    before = entity_state(merged)
    report = import_paths(merged, [write(tmp_path, "again.yaml", TWICE)])
    assert (report.totals().created, report.totals().updated) == (0, 0)
    assert entity_state(merged) == before
    assert "ili-maison-bis" not in ids(merged)


def test_a_node_row_of_a_merged_id_only_adds_what_the_kept_entity_lacks(merged: Graph, tmp_path: Path) -> None:
    row = (
        "organisations:\n  - {id: ili-maison-bis, name: Nom de l'ancien identifiant, acronym: MDI, kind: ili,"
        " sector: integration}\n"
    )
    import_paths(merged, [write(tmp_path, "old-id.yaml", row)])
    assert merged.read("MATCH (n:Entity {id: 'ili-maison'}) RETURN n.name AS name, n.acronym AS acronym") == [
        {"name": "Maison de l'intégration", "acronym": "MDI"}
    ]
    assert "ili-maison-bis" not in ids(merged)


def test_a_merged_id_imported_with_another_label_is_refused_naming_the_merge(merged: Graph, tmp_path: Path) -> None:
    theme = "themes:\n  - {id: ili-maison-bis, name: Un thème}\n"
    before = entity_state(merged)
    with pytest.raises(ImportValidationError, match="fusionné dans « ili-maison »"):
        import_paths(merged, [write(tmp_path, "theme.yaml", theme)])
    assert entity_state(merged) == before


def test_a_reference_to_a_merged_id_passes_the_checks(merged: Graph, tmp_path: Path) -> None:
    tie = "relations:\n  - {type: PARTNER_OF, from: cpas-namur, to: ili-maison-bis, project: Nouveau}\n"
    assert validate_paths(merged, [write(tmp_path, "check.yaml", tie)]) == []


def test_after_the_merge_is_undone_the_id_is_its_own_again(merged: Graph, tmp_path: Path) -> None:
    [record] = merged.read("MATCH (m:EntityMerge) RETURN m.id AS id")
    undo_merge(merged, record["id"], STAFF)
    tie = (
        "organisations:\n  - {id: fede-2, name: Autre fédération, kind: federation, sector: integration}\n"
        "relations:\n  - {type: MEMBER_OF, from: ili-maison-bis, to: fede-2, role: membre}\n"
    )
    import_paths(merged, [write(tmp_path, "tie.yaml", tie)])
    assert merged.read("MATCH (a:Entity)-[:MEMBER_OF]->(:Entity {id: 'fede-2'}) RETURN a.id AS id") == [
        {"id": "ili-maison-bis"}
    ]


def test_a_tie_imported_to_a_merged_id_shows_on_the_kept_entity_over_http(
    merged: Graph, api_server: str, tmp_path: Path
) -> None:
    tie = (
        "organisations:\n  - {id: fede-2, name: Autre fédération, kind: federation, sector: integration}\n"
        "relations:\n  - {type: MEMBER_OF, from: ili-maison-bis, to: fede-2, role: membre}\n"
    )
    import_paths(merged, [write(tmp_path, "tie.yaml", tie)])
    query = '{ neighbourhood(id: "ili-maison-bis") { id relationships { type other { id } } } }'
    body = httpx.post(f"{api_server}/graphql", json={"query": query}, timeout=60).json()
    found = body["data"]["neighbourhood"]
    assert found["id"] == "ili-maison"
    assert {"type": "MEMBER_OF", "other": {"id": "fede-2"}} in found["relationships"]


def test_a_merged_ids_row_is_left_out_when_the_files_give_the_kept_entity_its_own(
    merged: Graph, tmp_path: Path
) -> None:
    both = (
        "organisations:\n"
        "  - {id: ili-maison-bis, name: Ancien nom, acronym: MDI, kind: ili, sector: integration}\n"
        "  - {id: ili-maison, name: Maison de l'intégration, kind: ili, sector: integration}\n"
    )
    report = import_paths(merged, [write(tmp_path, "both.yaml", both)])
    assert report.nodes["Organisation"].updated + report.nodes["Organisation"].created <= 1
    assert merged.read("MATCH (n:Entity {id: 'ili-maison'}) RETURN n.name AS name, n.acronym AS acronym") == [
        {"name": "Maison de l'intégration", "acronym": None}
    ]
