"""The diagonal mesh: who holds which seat in which body at a date, and the access paths to decision-makers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.model import Direction
from maillage.queries.diagonal import (
    access_paths,
    bodies_without_sector_seat,
    expiring_mandates,
    paths_of,
    searched,
    seats_by_body,
    seats_per_organisation,
    seats_per_person,
)
from maillage.queries.results import Path as GraphPath

AS_OF = dt.date(2025, 6, 1)

REGISTRY = """
source: test
organisations:
  - {id: coupole, name: Coupole des fédérations, kind: coupole, sector: integration}
  - {id: aleap, name: ALEAP, kind: federation, sector: integration}
  - {id: caips, name: CAIPS, kind: federation, sector: integration}
  - {id: cai, name: Centre d'Action Interculturelle, kind: cri, sector: integration}
  - {id: forem, name: Forem, kind: organisme_public, sector: emploi}
  - {id: cese, name: CESE Wallonie, kind: organisme_public, sector: pouvoirs_publics}
  - {id: fesefa, name: FESEFA, kind: federation_sectorielle, sector: formation}
people:
  - {id: p-anne, name: Anne Dupont}
  - {id: p-bob, name: Bob Martin}
  - {id: p-carla, name: Carla Petit}
bodies:
  - {id: observatoire, name: Observatoire de l'intégration, kind: observatoire}
  - {id: cese-section, name: Section de l'action sociale, kind: section, organisation: cese}
  - {id: forem-commission, name: Commission sous-régionale du Forem, kind: commission, organisation: forem}
  - {id: fesefa-ca, name: Conseil d'administration de la FESEFA, kind: conseil_administration, organisation: fesefa}
mandates:
  - id: m-observatoire
    body: observatoire
    holder: coupole
    person: p-anne
    substitute: p-bob
    onBehalfOf: [aleap, caips]
    validFrom: 2024-01-01
    validTo: 2026-06-30
  - {id: m-cese, body: cese-section, holder: cai, seat: suppleant, person: p-anne,
     validFrom: 2025-01-01, validTo: 2025-07-15}
  - {id: m-forem, body: forem-commission, holder: forem, person: p-carla}
  - {id: m-forem-next, body: forem-commission, holder: coupole, validFrom: 2026-01-01}
  - {id: m-fesefa-old, body: fesefa-ca, holder: cai, person: p-bob, validFrom: 2020-01-01, validTo: 2023-12-31}
"""


@pytest.fixture
def registry(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(REGISTRY)


# --- seats per body ---------------------------------------------------------------------------


def test_a_seat_shows_its_holder_titulaire_substitute_period_and_principals(registry: Graph) -> None:
    (observatoire,) = seats_by_body(registry, body_id="observatoire", as_of=AS_OF)
    (seat,) = observatoire.seats
    assert seat.id == "m-observatoire"
    assert seat.holder.id == "coupole"
    assert (seat.person and seat.person.label, seat.person and seat.person.name) == ("Person", "Anne Dupont")
    assert seat.substitute is not None and seat.substitute.name == "Bob Martin"
    assert (seat.valid_from, seat.valid_to) == (dt.date(2024, 1, 1), dt.date(2026, 6, 30))
    assert [ref.id for ref in seat.on_behalf_of] == ["aleap", "caips"]
    assert (seat.seat, seat.seat_label) == ("effectif", "Membre effectif")


def test_bodies_list_only_the_seats_valid_at_the_date(registry: Graph) -> None:
    bodies = {b.body.id: [s.id for s in b.seats] for b in seats_by_body(registry, as_of=AS_OF)}
    assert bodies == {
        "observatoire": ["m-observatoire"],
        "cese-section": ["m-cese"],
        "forem-commission": ["m-forem"],
    }


def test_a_mandate_starting_later_appears_from_its_first_day(registry: Graph) -> None:
    (forem,) = seats_by_body(registry, body_id="forem-commission", as_of=dt.date(2026, 1, 1))
    assert {s.id for s in forem.seats} == {"m-forem", "m-forem-next"}


def test_a_body_asked_for_by_id_is_listed_even_without_a_valid_seat(registry: Graph) -> None:
    (fesefa,) = seats_by_body(registry, body_id="fesefa-ca", as_of=AS_OF)
    assert fesefa.seats == []
    assert [o.id for o in fesefa.organisations] == ["fesefa"]


def test_the_holder_filter_keeps_that_organisations_seats(registry: Graph) -> None:
    found = seats_by_body(registry, holder_id="cai", as_of=AS_OF)
    assert [(b.body.id, [s.id for s in b.seats]) for b in found] == [("cese-section", ["m-cese"])]


def test_the_expiry_filter_keeps_mandates_ending_within_n_days(registry: Graph) -> None:
    found = seats_by_body(registry, expiring_within_days=60, as_of=AS_OF)
    assert [(b.body.id, [s.id for s in b.seats]) for b in found] == [("cese-section", ["m-cese"])]


def test_an_unknown_body_is_not_found(registry: Graph) -> None:
    with pytest.raises(NotFound, match="nope"):
        seats_by_body(registry, body_id="nope")


def test_an_organisation_id_given_as_a_body_is_not_found(registry: Graph) -> None:
    with pytest.raises(NotFound, match="^bodyId : .*« cai »"):
        seats_by_body(registry, body_id="cai")


def test_an_empty_registry_has_no_seats(empty_graph: Graph) -> None:
    assert seats_by_body(empty_graph, as_of=AS_OF) == []


# --- expiring mandates ------------------------------------------------------------------------


def test_expiring_mandates_are_sorted_by_end_date_with_days_left(registry: Graph) -> None:
    found = expiring_mandates(registry, within_days=400, as_of=AS_OF)
    assert [(s.id, s.valid_to, s.days_left) for s in found] == [
        ("m-cese", dt.date(2025, 7, 15), 44),
        ("m-observatoire", dt.date(2026, 6, 30), 394),
    ]


def test_a_mandate_ending_after_the_window_is_not_expiring(registry: Graph) -> None:
    assert [s.id for s in expiring_mandates(registry, within_days=43, as_of=AS_OF)] == []
    assert [s.id for s in expiring_mandates(registry, within_days=44, as_of=AS_OF)] == ["m-cese"]


def test_a_mandate_ending_on_the_reference_date_is_expiring_with_zero_days_left(registry: Graph) -> None:
    (seat,) = expiring_mandates(registry, within_days=0, as_of=dt.date(2025, 7, 15))
    assert (seat.id, seat.days_left) == ("m-cese", 0)


def test_an_expired_or_open_ended_mandate_is_not_expiring(registry: Graph) -> None:
    ids = {s.id for s in expiring_mandates(registry, within_days=3000, as_of=AS_OF)}
    assert "m-fesefa-old" not in ids and "m-forem" not in ids


def test_a_negative_window_is_refused(registry: Graph) -> None:
    with pytest.raises(InvalidInput, match="jours"):
        expiring_mandates(registry, within_days=-1)


# --- bodies without a seat for the sector -----------------------------------------------------


def test_bodies_where_only_other_rings_sit_have_no_sector_seat(registry: Graph) -> None:
    found = {b.body.id: b for b in bodies_without_sector_seat(registry, as_of=AS_OF)}
    assert set(found) == {"forem-commission", "fesefa-ca"}
    assert found["forem-commission"].other_seats == 1
    assert found["forem-commission"].last_sector_seat_end is None


def test_a_body_the_sector_left_shows_when_its_last_seat_ended(registry: Graph) -> None:
    found = {b.body.id: b for b in bodies_without_sector_seat(registry, as_of=AS_OF)}
    assert found["fesefa-ca"].last_sector_seat_end == dt.date(2023, 12, 31)
    assert found["fesefa-ca"].other_seats == 0


def test_a_future_sector_mandate_fills_the_gap_from_its_start(registry: Graph) -> None:
    ids = {b.body.id for b in bodies_without_sector_seat(registry, as_of=dt.date(2026, 1, 1))}
    assert "forem-commission" not in ids


# --- concentration of seats -------------------------------------------------------------------


def test_people_with_at_least_the_threshold_of_seats_are_ranked(registry: Graph) -> None:
    (anne,) = seats_per_person(registry, threshold=2, as_of=AS_OF)
    assert (anne.person.name, anne.seats, anne.titular, anne.substitute) == ("Anne Dupont", 2, 2, 0)
    assert [b.id for b in anne.bodies] == ["observatoire", "cese-section"]
    assert {h.id for h in anne.holders} == {"coupole", "cai"}


def test_people_with_as_many_seats_are_ordered_by_name(registry: Graph) -> None:
    found = seats_per_person(registry, threshold=1, as_of=AS_OF)
    assert [(p.person.id, p.seats) for p in found] == [("p-anne", 2), ("p-bob", 1), ("p-carla", 1)]
    assert (found[1].titular, found[1].substitute) == (0, 1)


def test_organisations_are_ranked_by_valid_seats(registry: Graph) -> None:
    found = seats_per_organisation(registry, threshold=1, as_of=dt.date(2026, 1, 1))
    assert [(o.organisation.id, o.seats) for o in found] == [("coupole", 2), ("forem", 1)]
    assert [b.id for b in found[0].bodies] == ["forem-commission", "observatoire"]


def test_a_threshold_below_one_is_refused(registry: Graph) -> None:
    with pytest.raises(InvalidInput, match="seuil"):
        seats_per_person(registry, threshold=0)


# --- access paths -----------------------------------------------------------------------------

ACCESS = """
source: test
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration, location: com-namur}
  - {id: aleap, name: ALEAP, kind: federation, sector: integration}
  - {id: codef, name: CODEF, kind: federation, sector: integration}
  - {id: ili, name: ILI de Gesves, kind: ili, sector: integration}
  - {id: ministre, name: Ministre de l'Action sociale, kind: ministre, sector: pouvoirs_publics, location: com-namur}
  - {id: spw, name: SPW Intérieur et Action sociale, kind: administration, sector: pouvoirs_publics}
territories:
  - {id: com-namur, name: Namur, level: commune}
bodies:
  - {id: observatoire, name: Observatoire de l'intégration, kind: observatoire}
mandates:
  - {id: m-obs, body: observatoire, holder: coupole, validFrom: 2024-01-01, validTo: 2026-12-31}
relations:
  - {type: PARTNER_OF, from: coupole, to: aleap}
  - {type: PARTNER_OF, from: coupole, to: codef}
  - {type: MEMBER_OF, from: ili, to: codef, role: membre}
  - {type: ADDRESSES, from: aleap, to: ministre, channel: courrier}
  - {type: ADDRESSES, from: codef, to: ministre, channel: rencontre}
  - {type: SITS_IN, from: spw, to: observatoire, role: membre}
"""


@pytest.fixture
def access(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(ACCESS)


def ids(path_list: list[GraphPath]) -> list[list[str]]:
    return [[node.id for node in path.nodes] for path in path_list]


def test_the_shortest_paths_come_first_with_their_named_relationships(access: Graph) -> None:
    first, *_ = access_paths(access, "ministre", as_of=AS_OF)
    assert [n.id for n in first.nodes] == ["coupole", "aleap", "ministre"]
    assert [(r.type, r.reading, r.source, r.target) for r in first.relationships] == [
        ("PARTNER_OF", "est partenaire de", "coupole", "aleap"),
        ("ADDRESSES", "interpelle", "aleap", "ministre"),
    ]
    assert first.relationships[1].properties["channel"] == "courrier"


def test_paths_of_equal_length_come_in_a_stable_order(access: Graph) -> None:
    assert ids(access_paths(access, "ministre", as_of=AS_OF)) == [
        ["coupole", "aleap", "ministre"],
        ["coupole", "codef", "ministre"],
    ]


def test_k_limits_the_number_of_paths(access: Graph) -> None:
    assert ids(access_paths(access, "ministre", k=1, as_of=AS_OF)) == [["coupole", "aleap", "ministre"]]


def test_a_path_goes_through_a_valid_mandate_and_its_body(access: Graph) -> None:
    (path,) = access_paths(access, "spw", as_of=AS_OF)
    assert [n.id for n in path.nodes] == ["coupole", "m-obs", "observatoire", "spw"]
    assert [r.type for r in path.relationships] == ["HOLDS", "SEAT_IN", "SITS_IN"]
    assert [n.label for n in path.nodes] == ["Organisation", "Mandate", "Body", "Organisation"]


def test_a_step_against_the_stored_direction_reads_in_the_direction_walked(access: Graph) -> None:
    """The SPW sits in the observatory (SPW → observatoire); the path walks it from the observatory."""
    (path,) = access_paths(access, "spw", as_of=AS_OF)
    assert [(r.from_id, r.to_id, r.direction, r.reading) for r in path.relationships] == [
        ("coupole", "m-obs", Direction.FORWARD, "détient le mandat"),
        ("m-obs", "observatoire", Direction.FORWARD, "siège dans"),
        ("observatoire", "spw", Direction.BACKWARD, "compte parmi ses membres"),
    ]
    assert (path.relationships[2].source, path.relationships[2].target) == ("spw", "observatoire")


def test_a_member_reaches_a_decision_maker_through_its_federation(access: Graph) -> None:
    path, *_ = access_paths(access, "ministre", source_id="ili", as_of=AS_OF)
    assert [n.id for n in path.nodes] == ["ili", "codef", "ministre"]
    assert [r.reading for r in path.relationships] == ["est membre de", "interpelle"]


def test_a_federation_does_not_reach_others_through_its_members(access: Graph) -> None:
    """MEMBER_OF carries influence from the member up to its federation only (graph/model.py INFLUENCE)."""
    assert access_paths(access, "ili", source_id="codef", as_of=AS_OF) == []


def test_an_interpellation_is_not_walked_back_from_the_interpellated(access: Graph) -> None:
    assert access_paths(access, "aleap", source_id="ministre", as_of=AS_OF) == []


def test_an_expired_mandate_gives_no_path(access: Graph) -> None:
    assert access_paths(access, "spw", as_of=dt.date(2027, 1, 1)) == []


def test_an_expired_dated_relationship_is_not_followed(load_yaml: Callable[[str], Graph]) -> None:
    empty_graph = load_yaml(
        """
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration}
  - {id: ministre, name: Ministre, kind: ministre, sector: pouvoirs_publics}
relations:
  - {type: ADDRESSES, from: coupole, to: ministre, channel: courrier, validTo: 2024-12-31}
""",
    )
    assert access_paths(empty_graph, "ministre", as_of=AS_OF) == []
    assert len(access_paths(empty_graph, "ministre", as_of=dt.date(2024, 6, 1))) == 1


def test_descriptive_relationships_are_not_access_paths(access: Graph) -> None:
    # coupole and ministre are both located in Namur: a shared place is not a way in
    assert ["coupole", "com-namur", "ministre"] not in ids(access_paths(access, "ministre", k=10, as_of=AS_OF))


def test_a_path_longer_than_max_depth_is_not_returned(access: Graph) -> None:
    assert access_paths(access, "spw", max_depth=2, as_of=AS_OF) == []


def test_an_unreachable_organisation_has_no_path(access: Graph, tmp_path: Path) -> None:
    assert access_paths(access, "spw", source_id="ministre", max_depth=2, as_of=AS_OF) == []


CYCLES = """
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration}
  - {id: b, name: B, kind: federation, sector: integration}
  - {id: target, name: Cible, kind: ministre, sector: pouvoirs_publics}
  - {id: d1, name: D1, kind: association, sector: integration}
  - {id: d2, name: D2, kind: association, sector: integration}
  - {id: d3, name: D3, kind: association, sector: integration}
  - {id: d4, name: D4, kind: association, sector: integration}
  - {id: d5, name: D5, kind: association, sector: integration}
  - {id: x1, name: X1, kind: association, sector: integration}
  - {id: y1, name: Y1, kind: association, sector: integration}
  - {id: x2, name: X2, kind: association, sector: integration}
  - {id: y2, name: Y2, kind: association, sector: integration}
  - {id: x3, name: X3, kind: association, sector: integration}
  - {id: y3, name: Y3, kind: association, sector: integration}
relations:
  - {type: PARTNER_OF, from: coupole, to: b}
  - {type: ADDRESSES, from: b, to: target}
  - {type: PARTNER_OF, from: coupole, to: d1}
  - {type: PARTNER_OF, from: d1, to: d2}
  - {type: PARTNER_OF, from: d2, to: d3}
  - {type: PARTNER_OF, from: d3, to: d4}
  - {type: PARTNER_OF, from: d4, to: d5}
  - {type: PARTNER_OF, from: d5, to: target}
  - {type: PARTNER_OF, from: coupole, to: x1}
  - {type: PARTNER_OF, from: x1, to: y1}
  - {type: PARTNER_OF, from: y1, to: coupole}
  - {type: PARTNER_OF, from: b, to: x2}
  - {type: PARTNER_OF, from: x2, to: y2}
  - {type: PARTNER_OF, from: y2, to: b}
  - {type: PARTNER_OF, from: b, to: x3}
  - {type: PARTNER_OF, from: x3, to: y3}
  - {type: PARTNER_OF, from: y3, to: b}
"""


def test_cycles_do_not_give_paths_through_a_node_twice(load_yaml: Callable[[str], Graph]) -> None:
    """Triangles around the source and a middle node would give shorter walks than the second real path."""
    empty_graph = load_yaml(CYCLES)
    assert ids(access_paths(empty_graph, "target", k=10, as_of=AS_OF)) == [
        ["coupole", "b", "target"],
        ["coupole", "d1", "d2", "d3", "d4", "d5", "target"],
    ]


def many_ways(middle: int) -> str:
    """``middle`` partners of the Coupole, each interpellating the target: as many paths of 2 relationships."""
    ways = [f"m{i:02d}" for i in range(middle)]
    return "\n".join(
        [
            "organisations:",
            "  - {id: coupole, name: Coupole, kind: coupole, sector: integration}",
            "  - {id: target, name: Cible, kind: ministre, sector: pouvoirs_publics}",
            *[f"  - {{id: {m}, name: {m.upper()}, kind: association, sector: integration}}" for m in ways],
            "relations:",
            *[f"  - {{type: PARTNER_OF, from: coupole, to: {m}}}" for m in ways],
            *[f"  - {{type: ADDRESSES, from: {m}, to: target}}" for m in ways],
        ]
    )


def test_fewer_shortest_walks_than_the_search_keeps_give_the_straightforward_answer(
    load_yaml: Callable[[str], Graph],
) -> None:
    graph = load_yaml(many_ways(39))
    found, _ = searched(graph, [("coupole", "target")], k=3, depth=6, as_of=AS_OF)
    (expected,) = paths_of(graph, [found[("coupole", "target")]])
    paths = access_paths(graph, "target", k=3, as_of=AS_OF)
    assert paths == expected
    assert ids(paths) == [["coupole", m, "target"] for m in ("m00", "m01", "m02")]


def test_more_shortest_walks_than_the_search_keeps_count_the_first_by_ids(load_yaml: Callable[[str], Graph]) -> None:
    """Beyond 40 walks of the shortest length, the straightforward search keeps 40 of the database's choice; the
    answer is the first by ids, every time."""
    paths = access_paths(load_yaml(many_ways(45)), "target", k=3, as_of=AS_OF)
    assert ids(paths) == [["coupole", m, "target"] for m in ("m00", "m01", "m02")]


def test_more_than_ten_paths_are_refused(access: Graph) -> None:
    with pytest.raises(InvalidInput, match="entre 1 et 10"):
        access_paths(access, "ministre", k=11)


def test_a_depth_over_six_is_refused(access: Graph) -> None:
    with pytest.raises(InvalidInput, match="entre 1 et 6"):
        access_paths(access, "ministre", max_depth=7)


def test_an_unknown_target_is_not_found(access: Graph) -> None:
    with pytest.raises(NotFound, match="personne"):
        access_paths(access, "personne")


def test_a_body_is_not_a_valid_target(access: Graph) -> None:
    with pytest.raises(NotFound, match="n.est pas : organisation"):
        access_paths(access, "observatoire")


def test_a_path_from_an_organisation_to_itself_is_refused(access: Graph) -> None:
    with pytest.raises(InvalidInput, match="différents"):
        access_paths(access, "coupole")
