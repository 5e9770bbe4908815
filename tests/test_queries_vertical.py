"""The vertical mesh: chains up to the Coupole, bases, unrepresented ILIs, representativeness."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.queries.vertical import (
    affiliation_chains,
    base_of_mandate,
    base_of_organisation,
    base_of_person,
    representativeness,
    unrepresented_ilis,
)

AS_OF = dt.date(2025, 6, 1)

SECTOR = """
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration}
  - {id: fede-a, name: Fédération A, kind: federation, sector: integration}
  - {id: fede-b, name: Fédération B, kind: federation, sector: integration}
  - {id: reseau, name: Réseau, kind: reseau, sector: integration}
  - {id: ili-1, name: ILI 1, kind: ili, sector: integration}
  - {id: ili-2, name: ILI 2, kind: ili, sector: integration}
  - {id: ili-3, name: ILI 3, kind: ili, sector: integration}
  - {id: ili-seule, name: ILI seule, kind: ili, sector: integration}
  - {id: ili-partie, name: ILI partie, kind: ili, sector: integration}
people:
  - {id: rep, name: Représentante, organisation: coupole}
bodies:
  - {id: observatoire, name: Observatoire, kind: observatoire}
mandates:
  - {id: m-coupole, body: observatoire, holder: coupole, person: rep}
  - {id: m-fede-b, body: observatoire, holder: fede-b, onBehalfOf: [reseau]}
relations:
  - {type: MEMBER_OF, from: fede-a, to: coupole, role: fondateur}
  - {type: MEMBER_OF, from: fede-b, to: coupole, role: fondateur}
  - {type: MEMBER_OF, from: ili-1, to: fede-a, role: affilie}
  - {type: MEMBER_OF, from: ili-2, to: fede-a, role: affilie}
  - {type: MEMBER_OF, from: ili-2, to: fede-b, role: affilie}
  - {type: MEMBER_OF, from: reseau, to: fede-b, role: membre}
  - {type: MEMBER_OF, from: ili-3, to: reseau, role: membre}
  - {type: MEMBER_OF, from: ili-partie, to: fede-a, role: affilie, validTo: 2024-12-31}
  - {type: MEMBER_OF, from: coupole, to: ili-1, role: membre}
"""


@pytest.fixture
def sector(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(SECTOR)


def ids(paths: list) -> list[list[str]]:  # type: ignore[type-arg]
    return [[n.id for n in p.nodes] for p in paths]


def test_an_ili_climbs_to_the_coupole_through_its_federations_shortest_first(sector: Graph) -> None:
    assert ids(affiliation_chains(sector, "ili-2", as_of=AS_OF)) == [
        ["ili-2", "fede-a", "coupole"],
        ["ili-2", "fede-b", "coupole"],
    ]


def test_a_chain_names_its_relationships(sector: Graph) -> None:
    chain = affiliation_chains(sector, "ili-3", as_of=AS_OF)[0]
    assert [(r.type, r.reading, r.properties.get("role")) for r in chain.relationships] == [
        ("MEMBER_OF", "est membre de", "membre"),
        ("MEMBER_OF", "est membre de", "membre"),
        ("MEMBER_OF", "est membre de", "fondateur"),
    ]


def test_a_cycle_does_not_give_a_chain_through_a_node_twice(sector: Graph) -> None:
    """coupole → ili-1 → fede-a → coupole is a cycle: no chain may pass the Coupole twice."""
    for chain in ids(affiliation_chains(sector, "ili-1", k=10, as_of=AS_OF)):
        assert len(chain) == len(set(chain))


def test_an_ended_membership_breaks_the_chain(sector: Graph) -> None:
    assert affiliation_chains(sector, "ili-partie", as_of=AS_OF) == []
    assert ids(affiliation_chains(sector, "ili-partie", as_of=dt.date(2024, 6, 1))) == [
        ["ili-partie", "fede-a", "coupole"]
    ]


def test_the_base_of_a_federation_counts_its_operators_transitively(sector: Graph) -> None:
    base = base_of_organisation(sector, "fede-b", as_of=AS_OF)
    assert [(m.organisation.id, m.distance) for m in base.members] == [("ili-2", 1), ("reseau", 1), ("ili-3", 2)]
    assert (base.count, base.ilis) == (3, 2)


def test_the_base_of_a_mandate_adds_those_it_is_held_for(sector: Graph) -> None:
    base = base_of_mandate(sector, "m-fede-b", as_of=AS_OF)
    assert base.of == ["fede-b", "reseau"]
    assert {m.organisation.id for m in base.members} == {"ili-2", "ili-3"}


def test_the_base_of_a_representative_is_that_of_the_mandates_they_exercise(sector: Graph) -> None:
    base = base_of_person(sector, "rep", as_of=AS_OF)
    assert base.of == ["coupole"]
    assert base.ilis == 3


def test_ilis_without_a_federation_are_listed(sector: Graph) -> None:
    assert [o.id for o in unrepresented_ilis(sector, as_of=AS_OF)] == ["ili-partie", "ili-seule"]


def test_representativeness_gives_each_mandate_its_share_of_ilis(sector: Graph) -> None:
    found = {r.mandate.id: r for r in representativeness(sector, as_of=AS_OF)}
    assert (found["m-coupole"].ilis, found["m-coupole"].share_of_ilis) == (3, 0.6)
    assert found["m-fede-b"].share_of_ilis == 0.4
    assert "dont 2 ILI sur les 5 connues" in found["m-fede-b"].explanation.explanation


def test_a_wrong_id_is_not_found(sector: Graph) -> None:
    with pytest.raises(NotFound):
        affiliation_chains(sector, "inconnue")
    with pytest.raises(NotFound):
        base_of_mandate(sector, "fede-a")


def test_depth_and_k_are_bounded(sector: Graph) -> None:
    with pytest.raises(InvalidInput):
        affiliation_chains(sector, "ili-1", max_depth=9)
    with pytest.raises(InvalidInput):
        affiliation_chains(sector, "ili-1", k=50)


def test_in_the_reference_data_each_federation_reaches_the_coupole(reference_graph: Graph) -> None:
    """Seed 000 l.21-22, 102-110: the five federations are founding members of the Coupole."""
    for federation in ("aleap", "caips", "codef", "fdss", "risome"):
        assert ids(affiliation_chains(reference_graph, federation)) == [[federation, "coupole"]]
