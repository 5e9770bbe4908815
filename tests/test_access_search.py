"""The in-memory search of access paths (queries/access.py): walks enumerated one length at a time over given
steps, the 40 walks counted per pair (the first by ids where the 40th falls among several of one length), the
ranking of paths per pair and per target."""

from __future__ import annotations

from collections.abc import Sequence

from maillage.queries.access import Steps, Trail, best_trails, distances_to, trails

Edge = tuple[str, str]


def steps_of(*edges: Edge, both: Sequence[Edge] = ()) -> list[tuple[str, str, str]]:
    """Steps named after their ends: ``a>b`` walks a to b; ``both`` edges walk either way (one relationship)."""
    found = [(f"{a}>{b}", a, b) for a, b in edges]
    for a, b in both:
        found += [(f"{a}-{b}", a, b), (f"{a}-{b}", b, a)]
    return found


def nodes(paths: Sequence[Trail]) -> list[str]:
    return [" ".join(path.nodes) for path in paths]


def best(
    steps: list[tuple[str, str, str]], sources: Sequence[str], target: str, *, k: int = 3, max_depth: int = 6, **options
) -> list[str]:
    return nodes(best_trails(steps, sources, target, k=k, max_depth=max_depth, **options))


def test_equal_length_paths_come_by_the_ids_along_them() -> None:
    steps = steps_of(("s", "m2"), ("s", "m1"), ("m2", "z"), ("m1", "z"), ("s", "a"), ("a", "b"), ("b", "z"))
    assert best(steps, ["s"], "z") == ["s m1 z", "s m2 z", "s a b z"]


def test_a_walk_through_a_node_twice_is_no_path() -> None:
    steps = steps_of(("s", "a"), ("a", "z"), ("a", "b"), ("b", "a"), ("s", "c"), ("c", "d"), ("d", "e"), ("e", "z"))
    assert best(steps, ["s"], "z", k=10) == ["s a z", "s c d e z"]  # not s a b a z


def test_a_relationship_walked_both_ways_is_walked_once() -> None:
    steps = steps_of(("s", "a"), ("a", "z"), both=[("a", "b")])
    assert trails(Steps(steps), "s", "z", 4, distance=lambda _: 0, limit=10) == []


def test_two_relationships_between_the_same_nodes_give_two_paths() -> None:
    steps = [("r1", "s", "a"), ("r2", "s", "a"), ("r3", "a", "z")]
    paths = best_trails(steps, ["s"], "z", k=3, max_depth=6)
    assert [path.rels for path in paths] == [("r1", "r3"), ("r2", "r3")]


def test_paths_longer_than_the_depth_are_not_searched() -> None:
    steps = steps_of(("s", "a"), ("a", "b"), ("b", "c"), ("c", "z"))
    assert best(steps, ["s"], "z", max_depth=3) == []
    assert best(steps, ["s"], "z", max_depth=4) == ["s a b c z"]


def test_a_path_never_comes_back_to_its_source_nor_leaves_its_target() -> None:
    steps = steps_of(("s", "a"), ("a", "s"), ("s", "z"), ("z", "b"), ("b", "z"), ("a", "z"))
    assert best(steps, ["s"], "z", k=10) == ["s z", "s a z"]


def test_k_bounds_the_paths_of_the_target_whichever_sources_they_come_from() -> None:
    steps = steps_of(*[(s, m) for s in ("s1", "s2") for m in ("a", "b", "c")], *[(m, "z") for m in ("a", "b", "c")])
    assert best(steps, ["s1", "s2"], "z", k=2) == ["s1 a z", "s1 b z"]
    assert best(steps, ["s1", "s2"], "z", k=4) == ["s1 a z", "s1 b z", "s1 c z", "s2 a z"]


def test_the_rank_of_the_source_comes_before_the_ids_but_after_the_length() -> None:
    steps = steps_of(("author", "z2"), ("z2", "z"), ("supporter", "z"), ("aardvark", "z2"))
    ranked = best(steps, ["aardvark", "supporter", "author"], "z", rank=lambda source: source == "supporter")
    assert ranked == ["supporter z", "aardvark z2 z", "author z2 z"]
    steps = steps_of(("author", "z"), ("aardvark", "z"))
    assert best(steps, ["aardvark", "author"], "z", rank=lambda source: source != "author") == [
        "author z",
        "aardvark z",
    ]


def test_ids_order_the_paths_whatever_the_keys() -> None:
    steps = [("r1", "k-s", "k-b"), ("r2", "k-s", "k-a"), ("r3", "k-b", "k-z"), ("r4", "k-a", "k-z")]
    ids = {"k-s": "s", "k-a": "zulu", "k-b": "alpha", "k-z": "z"}
    assert best(steps, ["k-s"], "k-z", ids=ids) == ["k-s k-b k-z", "k-s k-a k-z"]


def test_a_target_settles_once_its_sources_hold_k_paths() -> None:
    """The longer paths of a source do not push out the shorter ones of another, and a pair keeps its own k."""
    steps = steps_of(("near", "z"), ("far", "a"), ("a", "z"), ("far", "b"), ("b", "z"), ("near", "c"), ("c", "z"))
    assert best(steps, ["far", "near"], "z", k=2) == ["near z", "far a z"]


def test_walks_with_a_repeated_node_count_towards_the_cut_of_the_straightforward_search() -> None:
    """Per pair the straightforward search keeps its 40 shortest walks, paths or not: with a cut at 2, two short
    walks around a cycle leave out the longer path, exactly as the database's search does."""
    steps = steps_of(("s", "a"), ("a", "z"), ("a", "b"), ("b", "a"), ("s", "c"), ("c", "d"), ("d", "e"), ("e", "f"))
    steps += steps_of(("f", "z"))
    assert best(steps, ["s"], "z", k=3, walks=3) == ["s a z", "s c d e f z"]
    assert best(steps, ["s"], "z", k=3, walks=2) == ["s a z"]  # the walks kept: s a z, s a b a z


def test_a_cut_among_walks_of_one_length_counts_the_first_by_ids_whatever_the_order_of_the_steps() -> None:
    steps = steps_of(*[("s", m) for m in "dbca"], *[(m, "z") for m in "cadb"], ("s", "t"), ("t", "z"))
    assert best(steps, ["s"], "z", k=3, walks=2) == ["s a z", "s b z"]
    assert best(list(reversed(steps)), ["s"], "z", k=3, walks=2) == ["s a z", "s b z"]


def test_a_cut_counts_walks_through_a_node_twice_in_their_place_by_ids() -> None:
    """s a a z (around a loop) comes first by ids: with room for one walk, it takes the place of s b c z."""
    steps = steps_of(("s", "b"), ("b", "c"), ("c", "z"), ("s", "a"), ("a", "a"), ("a", "z"))
    assert best(steps, ["s"], "z", k=3, walks=2) == ["s a z"]
    assert best(steps, ["s"], "z", k=3, walks=3) == ["s a z", "s b c z"]


def test_a_cut_after_k_shorter_paths_changes_nothing() -> None:
    steps = steps_of(("s", "z"), ("s", "x"), ("x", "z"), *[("s", m) for m in "abcd"], *[(m, "y") for m in "abcd"])
    steps += steps_of(("y", "z"))
    assert best(steps, ["s"], "z", k=2, walks=3) == ["s z", "s x z"]


def test_distances_to_the_target_never_leave_it() -> None:
    steps = Steps(steps_of(("a", "z"), ("z", "b"), ("b", "c")))
    assert distances_to(steps, "z", within=5) == {"z": 0, "a": 1}


def test_a_cut_source_ranked_later_fills_the_places_left_with_its_first_walks_by_ids() -> None:
    steps = steps_of(*[("first", m) for m in "abc"], *[("second", m) for m in "fedcba"], *[(m, "z") for m in "abcdef"])
    sources = ["second", "first"]
    first = ["first a z", "first b z", "first c z"]
    assert best(steps, sources, "z", k=3, walks=4, rank=lambda source: source != "first") == first
    assert best(steps, sources, "z", k=5, walks=4, rank=lambda source: source != "first") == [
        *first,
        "second a z",
        "second b z",
    ]
