"""The network view's data: the edges of the chosen layers at a date, in a territory, without people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.vocabulary import Layer
from maillage.queries.network import neighbourhood, network

AS_OF = dt.date(2025, 6, 1)

SECTOR = """
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: prov-namur, name: Province de Namur, level: province, parent: wallonie}
  - {id: prov-liege, name: Province de Liège, level: province, parent: wallonie}
  - {id: com-namur, name: Namur, level: commune, parent: prov-namur}
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration, territories: [wallonie]}
  - {id: fede, name: Fédération, kind: federation, sector: integration}
  - {id: ili-namur, name: ILI de Namur, kind: ili, sector: integration, location: com-namur}
  - {id: ili-liege, name: ILI de Liège, kind: ili, sector: integration, territories: [prov-liege]}
  - {id: cpas-namur, name: CPAS de Namur, kind: cpas, sector: action_sociale, location: com-namur}
people:
  - {id: p1, name: Anne Exemple, organisation: coupole}
bodies:
  - {id: observatoire, name: Observatoire, kind: observatoire}
mandates:
  - {id: m1, body: observatoire, holder: coupole, person: p1, validTo: 2025-12-31}
  - {id: m-old, body: observatoire, holder: fede, validTo: 2024-12-31}
relations:
  - {type: MEMBER_OF, from: fede, to: coupole, role: fondateur}
  - {type: MEMBER_OF, from: ili-namur, to: fede, role: affilie}
  - {type: MEMBER_OF, from: ili-liege, to: fede, role: affilie, validTo: 2024-01-01}
  - {type: PARTNER_OF, from: ili-namur, to: cpas-namur, note: permanences}
"""


@pytest.fixture
def sector(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(SECTOR)


def edges(graph: Graph, **kwargs: object) -> set[tuple[str, str, str]]:
    return {(e.source, e.type, e.target) for e in network(graph, as_of=AS_OF, **kwargs).edges}  # type: ignore[arg-type]


def test_a_layer_gives_only_its_relationship_types(sector: Graph) -> None:
    assert edges(sector, layers=[Layer.VERTICAL]) == {
        ("fede", "MEMBER_OF", "coupole"),
        ("ili-namur", "MEMBER_OF", "fede"),
    }


def test_all_layers_are_drawn_by_default(sector: Graph) -> None:
    assert {e.layer for e in network(sector, as_of=AS_OF).edges} == set(Layer)


def test_an_edge_ended_before_the_date_is_left_out(sector: Graph) -> None:
    assert ("ili-liege", "MEMBER_OF", "fede") not in edges(sector)
    earlier = {(e.source, e.target) for e in network(sector, as_of=dt.date(2023, 6, 1)).edges}
    assert ("ili-liege", "fede") in earlier


def test_an_expired_mandate_is_left_out(sector: Graph) -> None:
    assert edges(sector, layers=[Layer.DIAGONAL]) == {("coupole", "HOLDS", "m1"), ("m1", "SEAT_IN", "observatoire")}


def test_people_never_appear(sector: Graph) -> None:
    result = network(sector, as_of=AS_OF)
    assert "Person" not in {n.label for n in result.nodes}
    assert "EXERCISES" not in {e.type for e in result.edges}


def test_a_territory_keeps_edges_with_an_endpoint_in_it_or_below(sector: Graph) -> None:
    assert edges(sector, territory="prov-namur") == {
        ("ili-namur", "MEMBER_OF", "fede"),
        ("ili-namur", "PARTNER_OF", "cpas-namur"),
    }


def test_edges_are_named_and_carry_their_provenance(sector: Graph) -> None:
    edge = next(e for e in network(sector, as_of=AS_OF).edges if e.type == "PARTNER_OF")
    assert edge.reading == "est partenaire de"
    assert edge.properties["note"] == "permanences"
    assert edge.properties["source"] == "data-0.yaml"


def test_nodes_carry_their_sector_ring(sector: Graph) -> None:
    rings = {n.id: n.ring for n in network(sector, as_of=AS_OF).nodes}
    assert (rings["ili-namur"], rings["cpas-namur"]) == (1, 2)


def test_a_limit_cuts_the_edges_and_says_so(sector: Graph) -> None:
    result = network(sector, as_of=AS_OF, limit=2)
    assert (len(result.edges), result.truncated) == (2, True)
    assert network(sector, as_of=AS_OF).truncated is False


def test_an_unknown_territory_is_not_found(sector: Graph) -> None:
    with pytest.raises(NotFound, match="nowhere"):
        network(sector, territory="nowhere")


def test_a_limit_out_of_bounds_is_refused(sector: Graph) -> None:
    with pytest.raises(InvalidInput, match="limit"):
        network(sector, limit=0)


# --- one entity's neighbourhood (the explorer's detail panel) -----------------------------------


def test_a_neighbourhood_gives_the_entity_its_properties_and_provenance(sector: Graph) -> None:
    found = neighbourhood(sector, "ili-namur", as_of=AS_OF)
    assert (found.labels, found.properties["name"], found.properties["source"]) == (
        ["Organisation"],
        "ILI de Namur",
        "data-0.yaml",
    )


def test_a_neighbourhood_lists_relationships_in_both_directions_with_their_reading(sector: Graph) -> None:
    found = neighbourhood(sector, "fede", as_of=AS_OF)
    seen = {(r.type, r.outgoing, r.other.id, r.reading) for r in found.relationships}
    assert ("MEMBER_OF", True, "coupole", "est membre de") in seen
    assert ("MEMBER_OF", False, "ili-namur", "est membre de") in seen


def test_a_neighbourhood_leaves_out_relationships_ended_before_the_date(sector: Graph) -> None:
    others = {r.other.id for r in neighbourhood(sector, "fede", as_of=AS_OF).relationships}
    assert "ili-liege" not in others


def test_a_neighbourhood_hides_people_unless_asked(sector: Graph) -> None:
    assert "p1" not in {r.other.id for r in neighbourhood(sector, "m1", as_of=AS_OF).relationships}
    shown = neighbourhood(sector, "m1", as_of=AS_OF, with_people=True)
    assert ("p1", "Anne Exemple") in {(r.other.id, r.other.name) for r in shown.relationships}


def test_a_person_is_not_found_without_people(sector: Graph) -> None:
    with pytest.raises(NotFound):
        neighbourhood(sector, "p1", as_of=AS_OF)


def test_an_unknown_id_has_no_neighbourhood(sector: Graph) -> None:
    with pytest.raises(NotFound, match="inconnu"):
        neighbourhood(sector, "inconnu", as_of=AS_OF)
