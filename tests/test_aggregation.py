"""Counts of organisations in groups, and an entity's relationships page by page, on the reference data."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.vocabulary import OrgKind, TerritoryLevel
from maillage.queries.aggregation import Dimension, OrganisationSet, count_organisations, group_counts
from maillage.queries.network import neighbourhood, neighbours_page


def _keys(counts: Any) -> dict[tuple[str | None, ...], int]:
    return {tuple(k.value for k in g.keys): g.count for g in counts.groups}


def test_a_multi_valued_dimension_counts_a_row_once_per_value() -> None:
    rows = [{"kind": "ili", "theme": ["fle", "logement"]}, {"kind": "ili", "theme": []}]
    assert group_counts(rows, [Dimension.KIND, Dimension.THEME]) == {
        ("ili", "fle"): 1,
        ("ili", "logement"): 1,
        ("ili", None): 1,
    }


def test_counts_by_kind_add_up_to_every_organisation(reference_graph: Graph) -> None:
    counts = count_organisations(reference_graph, [Dimension.KIND])
    total = reference_graph.read("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"]
    assert (sum(g.count for g in counts.groups), counts.organisations) == (total, total)


def test_ilis_per_arrondissement_per_theme_match_a_direct_count(reference_graph: Graph) -> None:
    counts = count_organisations(
        reference_graph, [Dimension.TERRITORY, Dimension.THEME], OrganisationSet(kinds=[OrgKind.ILI])
    )
    direct = reference_graph.read(
        "MATCH (o:Organisation {kind: 'ili'})-[:WORKS_ON]->(t:Theme) "
        "OPTIONAL MATCH (o)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..4]->(a:Territory {level: 'arrondissement'}) "
        "RETURN a.id AS arrondissement, t.id AS theme, count(DISTINCT o) AS n"
    )
    expected = {(row["arrondissement"], row["theme"]): row["n"] for row in direct}
    assert expected
    assert {key: n for key, n in _keys(counts).items() if key[1] is not None} == expected


def test_groups_carry_french_labels(reference_graph: Graph) -> None:
    counts = count_organisations(reference_graph, [Dimension.KIND])
    labels = {k.value: k.label for g in counts.groups for k in g.keys}
    assert labels["ili"] == OrgKind.ILI.label


def test_counts_by_province_use_the_seat_territory_at_that_level(reference_graph: Graph) -> None:
    counts = count_organisations(reference_graph, [Dimension.TERRITORY], level=TerritoryLevel.PROVINCE)
    levels = reference_graph.read(
        "MATCH (t:Territory) WHERE t.id IN $ids RETURN collect(DISTINCT t.level) AS levels",
        {"ids": [k[0] for k in _keys(counts) if k[0] is not None]},
    )[0]["levels"]
    assert levels == ["province"]


def test_counts_by_mesh_count_organisations_with_ties_in_it(reference_graph: Graph) -> None:
    counts = _keys(count_organisations(reference_graph, [Dimension.LAYER]))
    vertical = reference_graph.read(
        "MATCH (o:Organisation) WHERE exists { (o)-[:MEMBER_OF|ACCOMPANIES|COORDINATES]-(:Entity) } "
        "RETURN count(o) AS n"
    )[0]["n"]
    assert counts[("vertical",)] == vertical


def test_an_unknown_territory_filter_is_not_found(reference_graph: Graph) -> None:
    with pytest.raises(NotFound, match="nope"):
        count_organisations(reference_graph, [Dimension.KIND], OrganisationSet(territory="nope"))


def test_a_repeated_dimension_is_refused(reference_graph: Graph) -> None:
    with pytest.raises(InvalidInput, match="groupBy"):
        count_organisations(reference_graph, [Dimension.KIND, Dimension.KIND])


def test_pages_of_neighbours_add_up_to_the_whole_neighbourhood(reference_graph: Graph) -> None:
    whole = neighbourhood(reference_graph, "cai").relationships
    seen, cursor = [], None
    while True:
        page = neighbours_page(reference_graph, "cai", first=40, after=cursor)
        seen.extend(page.relationships)
        if not page.has_next_page:
            break
        cursor = page.end_cursor
    assert len(whole) > 40
    assert page.total == len(whole) == len(seen)
    key = lambda r: (r.type, r.other.id, r.outgoing, sorted(r.properties.items()))  # noqa: E731
    assert sorted(map(key, seen)) == sorted(map(key, whole))


def test_neighbours_are_sorted_by_the_other_ends_name(reference_graph: Graph) -> None:
    names = [(r.other.name or "").lower() for r in neighbours_page(reference_graph, "cai", first=100).relationships]
    assert names == sorted(names)


def test_a_forged_neighbours_cursor_is_refused_by_argument(reference_graph: Graph) -> None:
    with pytest.raises(InvalidInput, match="after"):
        neighbours_page(reference_graph, "cai", after="bm9wZQ==")


def test_anonymous_neighbours_leave_people_out(reference_graph: Graph) -> None:
    person_holder = reference_graph.read(
        "MATCH (p:Person)-[]-(o:Organisation) RETURN o.id AS id, count(p) AS people ORDER BY people DESC LIMIT 1"
    )[0]["id"]
    public = neighbours_page(reference_graph, person_holder, first=200).relationships
    staff = neighbours_page(reference_graph, person_holder, first=200, with_people=True).relationships
    assert all(r.other.label != "Person" for r in public)
    assert any(r.other.label == "Person" for r in staff)


def test_organisation_counts_over_http(api: str) -> None:
    query = "{ organisationCounts(groupBy: [KIND], kinds: [ILI]) { organisations groups { count keys { label } } } }"
    answer = httpx.post(f"{api}/graphql", json={"query": query}).json()["data"]["organisationCounts"]
    assert answer["groups"] == [{"count": answer["organisations"], "keys": [{"label": OrgKind.ILI.label}]}]


def test_neighbours_pages_over_http(api: str) -> None:
    query = (
        'query($after: String) { neighbours(id: "cai", first: 30, after: $after) '
        "{ total endCursor hasNextPage relationships { other { id } } } }"
    )

    def page(after: str | None) -> dict[str, Any]:
        answer = httpx.post(f"{api}/graphql", json={"query": query, "variables": {"after": after}}).json()
        return dict(answer["data"]["neighbours"])

    first = page(None)
    second = page(first["endCursor"])
    assert first["hasNextPage"] and len(first["relationships"]) == 30
    assert second["total"] == first["total"]
    assert len(first["relationships"]) + len(second["relationships"]) <= first["total"]
