"""Paths of influence and coordination gaps on the reference dataset (the seeds' own facts)."""

from __future__ import annotations

import datetime as dt

from maillage.graph.connection import Graph
from maillage.graph.model import INFLUENCE, Direction, RelType, reading
from maillage.queries.diagonal import access_paths
from maillage.queries.gaps import territories_without_operator
from maillage.queries.results import Path
from maillage.queries.tracing import trace_recommendation

AS_OF = dt.date(2025, 1, 1)
SEED_002 = "002_d66ab93602949589.txt"


def assert_walkable(path: Path) -> None:
    """No node twice; each step walks its type in a declared direction and reads in that direction."""
    ids = [node.id for node in path.nodes]
    assert len(ids) == len(set(ids)), ids
    for i, step in enumerate(path.relationships):
        assert (step.from_id, step.to_id) == (ids[i], ids[i + 1])
        assert step.direction in INFLUENCE[RelType(step.type)].carries, (step.type, step.direction)
        assert step.reading == reading(step.type, step.direction)
        stored = (step.source, step.target)
        assert stored == (
            (step.from_id, step.to_id) if step.direction is Direction.FORWARD else (step.to_id, step.from_id)
        )


def test_the_coupole_does_not_reach_the_cai_through_its_membership_of_codef(reference_graph: Graph) -> None:
    """Seed 000 l.21-22: CODEF founded the Coupole; seed 002 l.3996-3998: the CAI is a member of CODEF's AG.
    Neither membership carries influence from the body to its member: Coupole → CODEF → CAI is not a path."""
    paths = access_paths(reference_graph, "cai", k=10, as_of=AS_OF)
    assert all([n.id for n in p.nodes][:3] != ["coupole", "codef", "cai"] for p in paths)
    assert all(
        not (step.type == "MEMBER_OF" and step.direction is Direction.BACKWARD)
        for p in paths
        for step in p.relationships
    )


def test_the_cai_reaches_codef_as_its_member(reference_graph: Graph) -> None:
    """Seed 002 l.3996-3998: « Le CAI est membre de l'assemblée générale » of CODEF."""
    (first, *_) = access_paths(reference_graph, "codef", source_id="cai", as_of=AS_OF)
    assert [n.id for n in first.nodes] == ["cai", "codef"]
    assert (first.relationships[0].reading, first.relationships[0].provenance.source) == ("est membre de", SEED_002)


def test_every_access_path_of_the_reference_graph_is_simple_and_walks_declared_directions(
    reference_graph: Graph,
) -> None:
    pairs = [("coupole", "parlement-wallon"), ("coupole", "ministre-action-sociale"), ("risome", "parlement-wallon")]
    pairs += [("cai", target) for target in ("codef", "discri", "fesefa", "forem")]
    found = [
        p
        for source, target in pairs
        for p in access_paths(reference_graph, target, source_id=source, k=10, as_of=AS_OF)
    ]
    assert found, "the reference graph has access paths"
    for path in found:
        assert_walkable(path)


def test_traced_recommendations_walk_declared_directions(reference_graph: Graph) -> None:
    """Seed 002 l.1449-1461: the CAI's 2024 memorandum axes, addressed to the parties."""
    trace = trace_recommendation(reference_graph, "cai-memo-2024-axe-1", k=5, as_of=AS_OF)
    paths = [p for addressee in trace.addressees for p in addressee.paths]
    for path in paths:
        assert_walkable(path)


def test_a_commune_covered_only_province_wide_has_no_local_operator(reference_graph: Graph) -> None:
    """Seed 002 l.1251-1261: interpretation is offered by the CAI (province of Namur, l.251-253) and SeTIS
    (Wallonia), from afar: Gesves (l.485-498) has no local operator, and the user sees who covers it."""
    found = {gap.territory.id: gap for gap in territories_without_operator(reference_graph, "interpretariat")}
    gesves = found["com-gesves"]
    wider = {(w.organisation.id, w.territory.id) for w in gesves.wider_operators}
    assert ("cai", "prov-namur") in wider
    (cai,) = [w for w in gesves.wider_operators if w.organisation.id == "cai"]
    assert (cai.link, cai.provenance.source) == ("COVERS", SEED_002)
    assert cai.provenance.locator and cai.theme_provenance.locator


def test_with_wider_coverage_the_province_wide_cai_serves_gesves(reference_graph: Graph) -> None:
    found = {
        gap.territory.id for gap in territories_without_operator(reference_graph, "interpretariat", include_wider=True)
    }
    assert "com-gesves" not in found


def test_every_theme_has_communes_without_a_local_operator(reference_graph: Graph) -> None:
    """The bug this answers: province-wide coverage (CAI) made every theme's list empty."""
    themes = [row["id"] for row in reference_graph.read("MATCH (t:Theme) RETURN t.id AS id ORDER BY id")]
    assert themes
    for theme in themes:
        assert territories_without_operator(reference_graph, theme), theme
