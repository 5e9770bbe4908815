"""Each relationship type declares, once, in which directions it carries influence and how it reads each way."""

from __future__ import annotations

from maillage.graph.model import INFLUENCE, Direction, RelType, influence_types, reading
from maillage.queries.diagonal import BACKWARD_TYPES, FORWARD_TYPES
from maillage.queries.results import RelRef


def test_every_relationship_type_declares_its_influence_and_why() -> None:
    assert set(INFLUENCE) == set(RelType)
    assert all(influence.backward and influence.reason for influence in INFLUENCE.values())


def test_a_membership_reads_both_ways_but_carries_influence_up_only() -> None:
    assert reading(RelType.MEMBER_OF, Direction.FORWARD) == "est membre de"
    assert reading(RelType.MEMBER_OF, Direction.BACKWARD) == "compte parmi ses membres"
    assert INFLUENCE[RelType.MEMBER_OF].carries == {Direction.FORWARD}


def test_access_paths_walk_exactly_the_declared_directions() -> None:
    assert set(FORWARD_TYPES) == {t.value for t in influence_types(Direction.FORWARD)}
    assert set(BACKWARD_TYPES) == {t.value for t in influence_types(Direction.BACKWARD)}
    assert "MEMBER_OF" in FORWARD_TYPES and "MEMBER_OF" not in BACKWARD_TYPES
    assert "ADDRESSES" in FORWARD_TYPES and "ADDRESSES" not in BACKWARD_TYPES


def test_descriptive_relationships_carry_no_influence() -> None:
    for type_ in (RelType.LOCATED_IN, RelType.PART_OF, RelType.WORKS_ON, RelType.ADDRESSED_TO):
        assert INFLUENCE[type_].carries == frozenset()


def test_a_step_walked_backwards_reads_from_where_it_starts() -> None:
    step = RelRef.of("MEMBER_OF", "cai", "codef", {"source": "002.txt", "locator": "L3996-3998"}, from_id="codef")
    assert (step.from_id, step.to_id, step.direction, step.reading) == (
        "codef",
        "cai",
        Direction.BACKWARD,
        "compte parmi ses membres",
    )
    assert (step.source, step.target) == ("cai", "codef")
    assert (step.provenance.source, step.provenance.locator) == ("002.txt", "L3996-3998")
