"""Tracing a recommendation: its addressees, the paths to them, who can carry it, its status over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.queries.diagonal import access_paths, paths_of, searched
from maillage.queries.results import Path as GraphPath
from maillage.queries.tracing import (
    carriers,
    memoranda,
    recommendations_of,
    status_timeline,
    trace_recommendation,
)

AS_OF = dt.date(2025, 6, 1)

ADVOCACY = """
source: test
themes:
  - {id: coordination, name: Coordination locale}
organisations:
  - {id: discri, name: DisCRI, kind: discri, sector: integration}
  - {id: aleap, name: ALEAP, kind: federation, sector: integration}
  - {id: codef, name: CODEF, kind: federation, sector: integration}
  - {id: cire, name: CIRÉ, kind: association, sector: integration}
  - {id: ministre, name: Ministre de l'Action sociale, kind: ministre, sector: pouvoirs_publics}
  - {id: cabinet, name: Cabinet de la Ministre, kind: cabinet, sector: pouvoirs_publics}
  - {id: spw, name: SPW Intérieur et Action sociale, kind: administration, sector: pouvoirs_publics}
  - {id: cese, name: CESE Wallonie, kind: organisme_public, sector: pouvoirs_publics}
  - {id: fdss, name: FdSS, kind: federation, sector: integration}
bodies:
  - {id: comite-coordination, name: Comité de coordination des CRI, kind: comite}
  - {id: cese-section, name: Section action sociale du CESE, kind: section, organisation: cese}
mandates:
  - {id: m-comite-discri, body: comite-coordination, holder: discri}
  - {id: m-cese-fdss, body: cese-section, holder: fdss, validTo: 2026-12-31}
  - {id: m-cese-aleap-old, body: cese-section, holder: aleap, validTo: 2024-12-31}
memoranda:
  - {id: memo-regional, title: Mémorandum régional 2024, year: 2024, levels: [regional], authors: [discri, aleap]}
  - {id: memo-antiracisme, title: Mémorandum antiracisme, year: 2023, authors: [codef]}
recommendations:
  - {id: rec-coord, memorandum: memo-regional, number: "1", title: Garantir des coordinations locales,
     themes: [coordination], addressees: [ministre, cese, aleap], supporters: [codef]}
  - {id: rec-guichet, memorandum: memo-regional, number: "10", title: Guichet primo-arrivants, addressees: [spw]}
  - {id: rec-referent, memorandum: memo-regional, number: "2", title: Référent CPAS}
statuses:
  - {id: st-3, recommendation: rec-coord, status: en_discussion, date: 2026-02-01}
  - {id: st-1, recommendation: rec-coord, status: formulee, date: 2024-03-01}
  - {id: st-2, recommendation: rec-coord, status: portee, date: 2024-10-15, note: Courrier à la Ministre}
relations:
  - {type: SITS_IN, from: cabinet, to: comite-coordination, role: membre}
  - {type: SITS_IN, from: ministre, to: comite-coordination, role: invite}
  - {type: SITS_IN, from: spw, to: comite-coordination, role: membre, validTo: 2024-12-31}
  - {type: MEMBER_OF, from: aleap, to: discri, role: membre}
  - {type: ADDRESSES, from: codef, to: ministre, channel: courrier}
  - {type: SUPPORTS, from: cire, to: rec-coord, validTo: 2024-12-31}
"""


@pytest.fixture
def advocacy(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(ADVOCACY)


def path_ids(paths: list[GraphPath]) -> list[list[str]]:
    return [[node.id for node in path.nodes] for path in paths]


# --- addressees and paths ---------------------------------------------------------------------


def test_a_trace_names_the_memorandum_its_authors_and_the_valid_supporters(advocacy: Graph) -> None:
    trace = trace_recommendation(advocacy, "rec-coord", as_of=AS_OF)
    assert trace.memorandum is not None and trace.memorandum.id == "memo-regional"
    assert [a.id for a in trace.authors] == ["aleap", "discri"]
    assert [s.id for s in trace.supporters] == ["codef"]  # the CIRÉ's support ended in 2024


def test_each_addressee_gets_its_best_paths_from_authors_and_supporters(advocacy: Graph) -> None:
    trace = trace_recommendation(advocacy, "rec-coord", as_of=AS_OF)
    ministre = next(a for a in trace.addressees if a.addressee.id == "ministre")
    assert path_ids(ministre.paths) == [
        ["codef", "ministre"],
        ["discri", "m-comite-discri", "comite-coordination", "ministre"],
        ["aleap", "discri", "m-comite-discri", "comite-coordination", "ministre"],
    ]
    assert [r.type for r in ministre.paths[1].relationships] == ["HOLDS", "SEAT_IN", "SITS_IN"]


def test_paths_never_go_through_the_recommendation_itself(advocacy: Graph) -> None:
    trace = trace_recommendation(advocacy, "rec-coord", k=10, as_of=AS_OF)
    labels = {node.label for a in trace.addressees for path in a.paths for node in path.nodes}
    assert not labels & {"Recommendation", "Memorandum"}


MANY_AUTHORS = """
source: test
organisations:
  - {id: b-1, name: B1, kind: association, sector: integration}
  - {id: b-2, name: B2, kind: association, sector: integration}
  - {id: b-3, name: B3, kind: association, sector: integration}
  - {id: b-4, name: B4, kind: association, sector: integration}
  - {id: b-9, name: B9, kind: association, sector: integration}
  - {id: s-0, name: S0, kind: association, sector: integration}
  - {id: fed-x, name: Fédération X, kind: federation, sector: integration}
  - {id: fed-y, name: Fédération Y, kind: federation, sector: integration}
  - {id: z, name: Ministre Z, kind: ministre, sector: pouvoirs_publics}
memoranda:
  - {id: memo-z, title: Mémorandum Z, year: 2024, levels: [regional], authors: [b-9, b-4, b-3, b-2, b-1]}
recommendations:
  - {id: rec-z, memorandum: memo-z, number: "1", title: Recommandation Z, addressees: [z], supporters: [s-0]}
  - {id: rec-y, memorandum: memo-z, number: "2", title: Recommandation Y, addressees: [fed-y]}
relations:
  - {type: MEMBER_OF, from: b-1, to: fed-x, role: membre}
  - {type: MEMBER_OF, from: b-2, to: fed-x, role: membre}
  - {type: MEMBER_OF, from: b-3, to: fed-x, role: membre}
  - {type: MEMBER_OF, from: b-4, to: fed-x, role: membre}
  - {type: MEMBER_OF, from: s-0, to: fed-x, role: membre}
  - {type: MEMBER_OF, from: fed-x, to: fed-y, role: membre}
  - {type: MEMBER_OF, from: b-9, to: fed-y, role: membre}
  - {type: ADDRESSES, from: fed-y, to: z, channel: courrier}
"""


ALL_SOURCES = ["b-1", "b-2", "b-3", "b-4", "b-9", "s-0"]


@pytest.mark.parametrize(
    ("k", "sources"),
    [
        (1, ["b-9"]),
        (2, ["b-9", "b-1"]),
        (3, ["b-9", "b-1", "b-2"]),  # settled at depth 3 by the two best-ranked authors
        (5, ["b-9", "b-1", "b-2", "b-3", "b-4"]),  # the other authors are searched too
        (6, ["b-9", "b-1", "b-2", "b-3", "b-4", "s-0"]),  # then the supporter
    ],
)
def test_longer_paths_come_from_authors_before_supporters_then_by_id(
    load_yaml: Callable[[str], Graph], k: int, sources: list[str]
) -> None:
    graph = load_yaml(MANY_AUTHORS)
    (z,) = trace_recommendation(graph, "rec-z", k=k, as_of=AS_OF).addressees
    tail = {"b-9": ["fed-y", "z"]}
    assert path_ids(z.paths) == [[source, *tail.get(source, ["fed-x", "fed-y", "z"])] for source in sources]
    every = sorted(
        (path for source in ALL_SOURCES for path in access_paths(graph, "z", source_id=source, k=k, as_of=AS_OF)),
        key=lambda path: (path.length, path.nodes[0].id == "s-0", [node.id for node in path.nodes]),
    )
    assert z.paths == every[:k]  # the k best of every source's own full-depth search


def test_a_shorter_path_from_a_source_ranked_later_comes_first(load_yaml: Callable[[str], Graph]) -> None:
    graph = load_yaml(MANY_AUTHORS)
    (y,) = trace_recommendation(graph, "rec-y", k=2, as_of=AS_OF).addressees
    assert path_ids(y.paths) == [["b-9", "fed-y"], ["b-1", "fed-x", "fed-y"]]


def hub_graph(partners: int) -> str:
    """Authors a1 and a2, 5 relationships from a minister through a hub of ``partners`` partners, and a supporter
    a0, 4 relationships from it through the hub; the partners are partners in a ring too (longer paths, and
    walks around the ring, which are no paths but count among the 40 walks of a pair)."""
    ring = [f"p{i:02d}" for i in range(partners)]
    lines = [
        "source: test",
        "organisations:",
        *[
            f"  - {{id: {id_}, name: {id_.upper()}, kind: association, sector: integration}}"
            for id_ in ["a0", "a1", "a2", "f1", "f2", "hub", "q", *ring]
        ],
        "  - {id: z, name: Ministre Z, kind: ministre, sector: pouvoirs_publics}",
        "memoranda:",
        "  - {id: memo-hub, title: Mémorandum, year: 2024, levels: [regional], authors: [a2, a1]}",
        "recommendations:",
        "  - {id: rec-hub, memorandum: memo-hub, number: '1', title: Par le hub, addressees: [z], supporters: [a0]}",
        "relations:",
        "  - {type: MEMBER_OF, from: a1, to: f1, role: membre}",
        "  - {type: MEMBER_OF, from: a2, to: f2, role: membre}",
        "  - {type: PARTNER_OF, from: f1, to: hub}",
        "  - {type: PARTNER_OF, from: f2, to: hub}",
        "  - {type: PARTNER_OF, from: a0, to: hub}",
        "  - {type: ADDRESSES, from: q, to: z}",
        *[f"  - {{type: PARTNER_OF, from: hub, to: {p}}}" for p in ring],
        *[f"  - {{type: PARTNER_OF, from: {p}, to: {ring[(i + 1) % partners]}}}" for i, p in enumerate(ring)],
        *[f"  - {{type: MEMBER_OF, from: {p}, to: q, role: membre}}" for p in ring[::10]],
    ]
    return "\n".join(lines) + "\n"


def straightforward(graph: Graph, sources: list[str], authors: set[str], target: str, k: int, depth: int) -> list:
    """The k best paths as the straightforward search gives them: each source's own search, then ranked."""
    found, _ = searched(graph, [(source, target) for source in sources], k=k, depth=depth, as_of=AS_OF)
    (paths,) = paths_of(graph, [[trail for trails in found.values() for trail in trails]])
    ranked = sorted(paths, key=lambda p: (p.length, p.nodes[0].id not in authors, [n.id for n in p.nodes]))
    return ranked[:k]


@pytest.mark.parametrize(("k", "max_depth"), [(1, 6), (3, 6), (10, 6), (10, 5), (3, 4), (10, 4)])
def test_a_deep_trace_through_a_hub_is_the_straightforward_search(
    load_yaml: Callable[[str], Graph], k: int, max_depth: int
) -> None:
    graph = load_yaml(hub_graph(30))
    (z,) = trace_recommendation(graph, "rec-hub", k=k, max_depth=max_depth, as_of=AS_OF).addressees
    assert z.paths == straightforward(graph, ["a0", "a1", "a2"], {"a1", "a2"}, "z", k, max_depth)
    assert z.paths and min(path.length for path in z.paths) == 4  # the supporter's, through the hub


def test_the_ranking_of_a_deep_trace_through_a_hub(load_yaml: Callable[[str], Graph]) -> None:
    (z,) = trace_recommendation(load_yaml(hub_graph(30)), "rec-hub", k=10, as_of=AS_OF).addressees
    assert path_ids(z.paths) == [
        *[["a0", "hub", p, "q", "z"] for p in ("p00", "p10", "p20")],  # shortest first, even from a supporter
        *[["a1", "f1", "hub", p, "q", "z"] for p in ("p00", "p10", "p20")],  # then the authors' paths
        *[["a2", "f2", "hub", p, "q", "z"] for p in ("p00", "p10", "p20")],
        ["a0", "hub", "p01", "p00", "q", "z"],  # and the supporter's of the same length
    ]


def test_an_addressee_that_is_also_an_author_needs_no_path(advocacy: Graph) -> None:
    trace = trace_recommendation(advocacy, "rec-coord", as_of=AS_OF)
    aleap = next(a for a in trace.addressees if a.addressee.id == "aleap")
    assert aleap.is_source
    assert all(path.nodes[0].id != "aleap" for path in aleap.paths)


def test_an_expired_mandate_is_not_a_path_to_the_addressee(advocacy: Graph) -> None:
    trace = trace_recommendation(advocacy, "rec-coord", k=10, as_of=AS_OF)
    cese = next(a for a in trace.addressees if a.addressee.id == "cese")
    assert not any("m-cese-aleap-old" in ids for ids in path_ids(cese.paths))


def test_an_addressee_out_of_reach_has_no_path(advocacy: Graph) -> None:
    trace = trace_recommendation(advocacy, "rec-guichet", as_of=AS_OF)
    (spw,) = trace.addressees
    assert (spw.addressee.id, spw.paths) == ("spw", [])


def test_the_same_addressee_was_reachable_before_its_seat_ended(advocacy: Graph) -> None:
    trace = trace_recommendation(advocacy, "rec-guichet", as_of=dt.date(2024, 6, 1))
    assert path_ids(trace.addressees[0].paths)[0] == ["discri", "m-comite-discri", "comite-coordination", "spw"]


def test_a_recommendation_without_addressee_has_an_empty_trace(advocacy: Graph) -> None:
    assert trace_recommendation(advocacy, "rec-referent", as_of=AS_OF).addressees == []


def test_tracing_an_unknown_recommendation_is_not_found(advocacy: Graph) -> None:
    with pytest.raises(NotFound, match="rec-nope"):
        trace_recommendation(advocacy, "rec-nope")


def test_tracing_a_memorandum_id_is_not_found(advocacy: Graph) -> None:
    with pytest.raises(NotFound, match="n.est pas : recommandation"):
        trace_recommendation(advocacy, "memo-regional")


def test_tracing_refuses_more_than_ten_paths(advocacy: Graph) -> None:
    with pytest.raises(InvalidInput):
        trace_recommendation(advocacy, "rec-coord", k=11)


# --- carriers ---------------------------------------------------------------------------------


def test_carriers_sit_where_an_addressee_sits_or_in_its_body(advocacy: Graph) -> None:
    found = {c.organisation.id: c for c in carriers(advocacy, "rec-coord", as_of=AS_OF)}
    assert set(found) == {"discri", "cabinet", "fdss"}
    (route,) = found["discri"].routes
    assert (route.body.id, route.addressee.id, route.carrier_link, route.addressee_link) == (
        "comite-coordination",
        "ministre",
        "HOLDS",
        "SITS_IN",
    )
    assert route.mandate_id == "m-comite-discri"
    (fdss,) = found["fdss"].routes
    assert (fdss.body.id, fdss.addressee.id, fdss.addressee_link, fdss.addressee_link_label) == (
        "cese-section",
        "cese",
        "BODY_OF",
        "est une instance de",
    )


def test_an_expired_mandate_does_not_make_a_carrier(advocacy: Graph) -> None:
    assert "aleap" not in {c.organisation.id for c in carriers(advocacy, "rec-coord", as_of=AS_OF)}
    assert "aleap" in {c.organisation.id for c in carriers(advocacy, "rec-coord", as_of=dt.date(2024, 6, 1))}


def test_authors_come_first_among_carriers(advocacy: Graph) -> None:
    found = carriers(advocacy, "rec-coord", as_of=AS_OF)
    assert [(c.organisation.id, c.is_author) for c in found] == [
        ("discri", True),
        ("cabinet", False),
        ("fdss", False),
    ]


def test_an_addressee_does_not_carry_to_itself(advocacy: Graph) -> None:
    found = carriers(advocacy, "rec-coord", as_of=AS_OF)
    assert all(route.addressee.id != c.organisation.id for c in found for route in c.routes)


def test_carriers_of_an_unknown_recommendation_are_not_found(advocacy: Graph) -> None:
    with pytest.raises(NotFound):
        carriers(advocacy, "rec-nope")


# --- status timeline --------------------------------------------------------------------------


def test_the_timeline_is_ordered_by_date_with_french_labels(advocacy: Graph) -> None:
    timeline = status_timeline(advocacy, "rec-coord", as_of=AS_OF)
    assert [(s.status, s.label, s.date) for s in timeline.steps] == [
        ("formulee", "Formulée", dt.date(2024, 3, 1)),
        ("portee", "Portée auprès des destinataires", dt.date(2024, 10, 15)),
        ("en_discussion", "En discussion", dt.date(2026, 2, 1)),
    ]
    assert timeline.steps[1].note == "Courrier à la Ministre"


def test_the_current_status_is_the_last_one_dated_by_the_reference_date(advocacy: Graph) -> None:
    assert status_timeline(advocacy, "rec-coord", as_of=AS_OF).current.id == "st-2"  # type: ignore[union-attr]
    assert status_timeline(advocacy, "rec-coord", as_of=dt.date(2024, 1, 1)).current is None


def test_a_recommendation_without_status_has_an_empty_timeline(advocacy: Graph) -> None:
    timeline = status_timeline(advocacy, "rec-guichet", as_of=AS_OF)
    assert (timeline.steps, timeline.current) == ([], None)


def test_the_timeline_of_an_unknown_recommendation_is_not_found(advocacy: Graph) -> None:
    with pytest.raises(NotFound):
        status_timeline(advocacy, "rec-nope")


# --- pickers ----------------------------------------------------------------------------------


def test_memoranda_are_listed_newest_first_with_authors_and_counts(advocacy: Graph) -> None:
    found = memoranda(advocacy)
    assert [(m.id, m.year, m.recommendations) for m in found] == [
        ("memo-regional", 2024, 3),
        ("memo-antiracisme", 2023, 0),
    ]
    assert [a.id for a in found[0].authors] == ["aleap", "discri"]
    assert found[0].levels == ["regional"]


def test_recommendations_come_in_numeric_order_with_their_status(advocacy: Graph) -> None:
    found = recommendations_of(advocacy, "memo-regional", as_of=AS_OF)
    assert [(r.number, r.id) for r in found] == [("1", "rec-coord"), ("2", "rec-referent"), ("10", "rec-guichet")]
    assert (found[0].status, found[0].status_label, found[0].status_date) == (
        "portee",
        "Portée auprès des destinataires",
        dt.date(2024, 10, 15),
    )
    assert [t.id for t in found[0].themes] == ["coordination"]
    assert found[1].status is None


def test_recommendations_of_an_unknown_memorandum_are_not_found(advocacy: Graph) -> None:
    with pytest.raises(NotFound):
        recommendations_of(advocacy, "rec-coord")
