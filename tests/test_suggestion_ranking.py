"""The scoring and selection of partner suggestions from the in-process index: a pure function, no database.

Each test builds a small index by hand (what ``horizontal.suggestion_organisations`` would give) and one
search (what ``horizontal.suggestion_context`` would read for the target), and checks who is suggested, in
which order, with which factor values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from maillage.queries.horizontal import SCORING
from maillage.queries.suggestion_index import Search, SuggestionIndex, cypher_round, rank

DAY = dt.date(2025, 6, 1)


def organisation(
    id: str,
    *,
    name: str | None = None,
    themes: Sequence[str] = ("fle",),
    located: Sequence[str] = ("namur",),
    covers: Sequence[str] = (),
    degree: int = 0,
) -> dict[str, Any]:
    return {
        "id": id,
        "name": name if name is not None else id.capitalize(),
        "kind": "operateur",
        "themes": list(themes),
        "located": list(located),
        "covers": list(covers),
        "degree": degree,
    }


def index_of(*organisations: dict[str, Any]) -> SuggestionIndex:
    return SuggestionIndex.of(organisations, epoch="e", version=1, day=DAY)


def search(
    *,
    themes: Sequence[str] = ("fle",),
    inside: Sequence[str] | None = ("namur",),
    wider: Sequence[str] = ("province",),
    tied: Sequence[str] = (),
    common: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    limit: int = 20,
    target: str = "cible",
) -> Search:
    return Search(
        target=target,
        themes=list(themes),
        inside=None if inside is None else list(inside),
        wider=list(wider),
        tied=frozenset(tied),
        common=common or {},
        theme_names={"fle": "Français langue étrangère", "isp": "Insertion", "sante": "Santé"},
        limit=limit,
    )


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["organisation"]["id"] for row in rows]


def partner(id: str) -> dict[str, Any]:
    return {"id": id, "label": "Organisation", "name": id.capitalize(), "kind": "cpas"}


def test_equal_scores_are_ordered_by_lowered_name_then_id() -> None:
    """Without a name the sort name is empty (first); the case of a name does not count, the id then decides."""
    index = index_of(
        organisation("b2", name="bravo"),
        organisation("a9", name="Bravo"),
        organisation("z1", name="Alpha"),
        dict(organisation("c0"), name=None),
    )
    assert ids(rank(index, search(), SCORING)) == ["c0", "z1", "a9", "b2"]


def test_a_higher_score_comes_first_whatever_the_name() -> None:
    index = index_of(organisation("alpha", themes=["fle"]), organisation("zulu", themes=["fle", "isp"]))
    assert ids(rank(index, search(themes=["fle", "isp"]), SCORING)) == ["zulu", "alpha"]


def test_covering_a_wider_territory_counts_half_and_being_located_there_not_at_all() -> None:
    index = index_of(
        organisation("dedans"),
        organisation("provincial", located=[], covers=["province"]),
        organisation("siege", located=["province"]),
    )
    rows = {row["organisation"]["id"]: row for row in rank(index, search(), SCORING)}
    assert set(rows) == {"dedans", "provincial"}
    assert (rows["dedans"]["territoryFit"], rows["dedans"]["values"]["territory"]) == ("inside", 1.0)
    assert (rows["provincial"]["territoryFit"], rows["provincial"]["values"]["territory"]) == ("wider", 0.5)


def test_a_place_inside_wins_over_a_wider_one() -> None:
    index = index_of(organisation("les-deux", located=[], covers=["province", "namur"]))
    assert rank(index, search(), SCORING)[0]["territoryFit"] == "inside"


def test_the_limit_keeps_the_best() -> None:
    index = index_of(*(organisation(f"o{k}", degree=k) for k in range(10)))
    assert ids(rank(index, search(limit=3), SCORING)) == ["o9", "o8", "o7"]


def test_only_the_searched_themes_count() -> None:
    index = index_of(organisation("soins", themes=["sante"]), organisation("alpha", themes=["fle", "isp"]))
    rows = rank(index, search(themes=["sante"]), SCORING)
    assert ids(rows) == ["soins"]
    assert rows[0]["sharedThemes"] == [{"id": "sante", "name": "Santé"}]
    assert rows[0]["values"]["themes"] == 1.0


def test_the_shared_themes_follow_the_searched_order_and_their_share_is_the_value() -> None:
    index = index_of(organisation("alpha", themes=["isp", "fle"]))
    [row] = rank(index, search(themes=["fle", "sante", "isp"]), SCORING)
    assert [t["id"] for t in row["sharedThemes"]] == ["fle", "isp"]
    assert row["values"]["themes"] == 2 / 3


def test_another_territory_changes_who_fits() -> None:
    index = index_of(organisation("namurois"), organisation("liegeois", located=["liege"]))
    assert ids(rank(index, search(inside=["liege"], wider=[]), SCORING)) == ["liegeois"]


def test_without_a_territory_every_organisation_of_the_themes_is_inside() -> None:
    index = index_of(organisation("namurois"), organisation("nulle-part", located=[]))
    rows = rank(index, search(inside=None, wider=[]), SCORING)
    assert sorted(ids(rows)) == ["namurois", "nulle-part"]
    assert {row["territoryFit"] for row in rows} == {"inside"}


def test_the_target_and_those_tied_to_it_are_not_suggested() -> None:
    index = index_of(organisation("cible"), organisation("deja"), organisation("libre"))
    assert ids(rank(index, search(tied=["deja"]), SCORING)) == ["libre"]


def test_centrality_is_over_the_most_connected_candidate_left() -> None:
    """A tied organisation is no candidate: its degree does not set the maximum."""
    index = index_of(organisation("hub", degree=50), organisation("a", degree=4), organisation("b", degree=2))
    rows = {row["organisation"]["id"]: row for row in rank(index, search(tied=["hub"]), SCORING)}
    assert rows["b"]["mostConnected"] == 4
    assert (rows["a"]["values"]["centrality"], rows["b"]["values"]["centrality"]) == (1.0, 0.5)


def test_nobody_connected_gives_no_centrality() -> None:
    [row] = rank(index_of(organisation("seul")), search(), SCORING)
    assert (row["mostConnected"], row["values"]["centrality"]) == (0, 0.0)


def test_common_partners_count_up_to_a_full_mark() -> None:
    index = index_of(organisation("un"), organisation("quatre"))
    common = {"un": [partner("p1")], "quatre": [partner(f"p{k}") for k in range(4)]}
    rows = {row["organisation"]["id"]: row for row in rank(index, search(common=common), SCORING)}
    assert rows["un"]["values"]["common_partners"] == 1 / 3
    assert rows["quatre"]["values"]["common_partners"] == 1.0
    assert rows["un"]["commonPartners"] == [partner("p1")]


def test_the_score_is_the_weighted_sum_rounded_to_four_decimals() -> None:
    index = index_of(organisation("a", themes=["fle"], degree=1), organisation("b", degree=3))
    row = rank(index, search(themes=["fle", "isp", "sante"]), SCORING)[1]
    values = row["values"]
    expected = (
        values["themes"] * SCORING.themes
        + values["territory"] * SCORING.territory
        + values["common_partners"] * SCORING.common_partners
        + values["centrality"] * SCORING.centrality
    )
    assert row["score"] == cypher_round(expected) == pytest.approx(expected, abs=5e-5)


def test_nothing_to_suggest_gives_an_empty_list() -> None:
    assert rank(index_of(organisation("ailleurs", located=["liege"])), search(), SCORING) == []
    assert rank(index_of(), search(), SCORING) == []


@pytest.mark.parametrize(
    ("value", "rounded"), [(0.00005, 0.0001), (0.12345, 0.1235), (0.5, 0.5), (2 / 3, 0.6667), (0.99995, 1.0)]
)
def test_scores_round_half_up_as_cypher_does(value: float, rounded: float) -> None:
    assert cypher_round(value) == rounded
