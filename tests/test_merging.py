"""Merging duplicates: every relationship, property and source of both kept; the merged id still names the
kept entity; a merge can be undone; bad merges are refused and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError, InvalidInput, NotFound
from maillage.graph.model import RelType
from maillage.queries import curation
from maillage.queries.entities import get_entity
from maillage.queries.merging import duplicate_candidates, duplicate_pairs, merge_entities, undo_merge
from maillage.queries.network import neighbourhood

TWICE = """
source: doublons-test.yaml
themes:
  - {id: fle, name: FLE}
  - {id: logement, name: Logement}
territories:
  - {id: com-namur, name: Namur, level: commune}
organisations:
  - {id: fede, name: Fédération, kind: federation, sector: integration, lines: "1"}
  - {id: ili-maison, name: Maison de l'intégration, kind: ili, sector: integration, themes: [fle],
     lines: "2"}
  - {id: ili-maison-bis, name: "ASBL Maison de l'Integration", kind: ili, sector: integration,
     themes: [fle, logement], location: com-namur, website: "https://maison.example", lines: "9"}
  - {id: cpas-namur, name: CPAS de Namur, kind: cpas, sector: action_sociale, lines: "3"}
relations:
  - {type: MEMBER_OF, from: ili-maison, to: fede, role: membre, lines: "4"}
  - {type: MEMBER_OF, from: ili-maison-bis, to: fede, role: membre, lines: "10"}
  - {type: PARTNER_OF, from: cpas-namur, to: ili-maison-bis, lines: "11"}
  - {type: PARTNER_OF, from: ili-maison, to: ili-maison-bis, lines: "12"}
"""
STAFF = curation.Actor(name="Équipe test", role="staff")


@pytest.fixture
def twice(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(TWICE)


BOOKKEEPING = ("revision", "updatedAt", "updatedBy")


def entity_state(graph: Graph) -> tuple[list[Any], list[Any]]:
    """The sector data as it stands: every entity and relationship between entities, edit counters aside."""
    nodes = graph.read("MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")
    rels = graph.read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props"
    )
    return (
        sorted(
            (n["id"], sorted(n["labels"]), sorted((k, str(v)) for k, v in n["props"].items() if k not in BOOKKEEPING))
            for n in nodes
        ),
        sorted((r["type"], r["a"], r["b"], sorted((k, str(v)) for k, v in r["props"].items())) for r in rels),
    )


def _ties(graph: Graph, id: str) -> set[tuple[str, bool, str]]:
    return {(r.type, r.outgoing, r.other.id) for r in neighbourhood(graph, id).relationships}


def test_the_kept_entity_gains_every_relationship_of_the_merged_one(twice: Graph) -> None:
    merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    assert _ties(twice, "ili-maison") == {
        ("MEMBER_OF", True, "fede"),
        ("WORKS_ON", True, "fle"),
        ("WORKS_ON", True, "logement"),
        ("LOCATED_IN", True, "com-namur"),
        ("PARTNER_OF", False, "cpas-namur"),
    }


def test_a_relationship_both_had_is_kept_once_with_the_kept_entitys_provenance(twice: Graph) -> None:
    result = merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    memberships = [r for r in neighbourhood(twice, "ili-maison").relationships if r.type == RelType.MEMBER_OF]
    assert [m.properties["locator"] for m in memberships] == ["L4"]
    assert result.kept_existing == 2  # the membership and the FLE theme


def test_missing_properties_are_copied_and_the_merged_source_is_kept(twice: Graph) -> None:
    merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    kept = get_entity(twice, "ili-maison").properties
    assert (kept["name"], kept["website"]) == ("Maison de l'intégration", "https://maison.example")
    assert kept["mergedSources"] == ["ili-maison-bis : doublons-test.yaml L9"]


def test_the_merged_id_resolves_to_the_kept_entity(twice: Graph) -> None:
    merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    assert get_entity(twice, "ili-maison-bis").id == "ili-maison"
    assert neighbourhood(twice, "ili-maison-bis").id == "ili-maison"


def test_a_link_to_the_merged_id_goes_to_the_kept_entity(twice: Graph) -> None:
    merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    relation = curation.relation_record(RelType.PARTNER_OF, "fede", "ili-maison-bis")
    curation.save_relationship(twice, relation, STAFF)
    assert ("PARTNER_OF", False, "fede") in _ties(twice, "ili-maison")


def test_undoing_a_merge_gives_back_the_graph_as_it_was(twice: Graph) -> None:
    before = entity_state(twice)
    result = merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    undo_merge(twice, result.merge, STAFF)
    assert entity_state(twice) == before


def test_a_merge_cannot_be_undone_twice(twice: Graph) -> None:
    result = merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    undo_merge(twice, result.merge, STAFF)
    with pytest.raises(ConflictError, match="déjà été annulée"):
        undo_merge(twice, result.merge, STAFF)


def test_merging_an_entity_with_itself_is_refused(twice: Graph) -> None:
    with pytest.raises(InvalidInput, match="lui-même"):
        merge_entities(twice, "ili-maison", "ili-maison", STAFF)


def test_merging_entities_of_different_types_is_refused_and_changes_nothing(twice: Graph) -> None:
    before = entity_state(twice)
    with pytest.raises(InvalidInput, match="même type"):
        merge_entities(twice, "ili-maison", "fle", STAFF)
    assert entity_state(twice) == before


def test_a_cycle_of_merges_is_refused(twice: Graph) -> None:
    merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    before = entity_state(twice)
    with pytest.raises(ConflictError, match="déjà été fusionné"):
        merge_entities(twice, "ili-maison-bis", "ili-maison", STAFF)
    assert entity_state(twice) == before


def test_merging_an_unknown_id_is_not_found(twice: Graph) -> None:
    with pytest.raises(NotFound, match="nope"):
        merge_entities(twice, "ili-maison", "nope", STAFF)


def test_creating_an_entity_under_a_merged_id_is_refused(twice: Graph) -> None:
    from maillage.graph.records import Organisation

    merge_entities(twice, "ili-maison", "ili-maison-bis", STAFF)
    again = Organisation(id="ili-maison-bis", name="Encore", kind="ili", sector="integration")
    with pytest.raises(ConflictError, match="fusionné dans « ili-maison »"):
        curation.save_entity(twice, again, STAFF, create=True)


def test_duplicate_candidates_find_names_equal_but_for_legal_form_and_accents(twice: Graph) -> None:
    pairs = [(c.first, c.second) for c in duplicate_candidates(twice)]
    assert ("ili-maison", "ili-maison-bis") in pairs
    assert all("cpas-namur" not in pair for pair in pairs)


def test_duplicate_pairs_find_near_names_and_shared_acronyms() -> None:
    rows: list[dict[str, Any]] = [
        {"id": "a", "name": "Centre régional d'intégration de Charleroi", "acronym": "CRIC", "kind": "cri"},
        {"id": "b", "name": "Centre regional d'integration de Charleroy", "acronym": None, "kind": "cri"},
        {"id": "c", "name": "Autre chose", "acronym": "C.R.I.C.", "kind": "cri"},
        {"id": "d", "name": "Tout autre", "acronym": "CRIC", "kind": "ili"},
    ]
    found = {(c.first, c.second): c.reason for c in duplicate_pairs(rows)}
    assert found == {("a", "b"): "noms très proches", ("a", "c"): "même sigle et même type"}
