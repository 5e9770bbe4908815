"""The k best access paths in memory: walks enumerated one length at a time over the steps a search fetched.

Pure (no database): :func:`maillage.queries.diagonal.paths_between` fetches the steps layer by layer, forward
from every source at once and backward from each target, and hands them to a :class:`TargetSearch` per target;
:func:`best_trails` runs the same search over a given set of steps (the tests' way in).

The answer is the one of the straightforward search (queries/diagonal/access_paths.cypher): per (source,
target) pair, the 40 shortest *walks* (steps in the influence directions, the source never entered again, the
target never left, no relationship walked twice), those with a repeated node dropped, the ``k`` best kept by
length then by the ids along them; then, per target, the ``k`` best of every source's paths by length, then
by the caller's rank of their source, then by their ids. Where the 40th walk falls among several walks of the
same length, the straightforward search leaves to the database which of them count; here they count in a fixed
order, step by step by the id of the node entered (two relationships joining the same two nodes by key), so the
same question always gets the same answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

WALKS = 40
"""Walks the straightforward search keeps per pair before dropping those with a repeated node."""

Step = tuple[str, str, str]
"""A step a walk may take: (relationship key, node left, node entered)."""
Rank = Callable[[str], Any]
"""Orders the sources of equal-length paths of one target (the value of a source key, smallest first)."""


@dataclass(frozen=True)
class Trail:
    """A walk without a relationship walked twice: the keys of its nodes and of its relationships, in order."""

    nodes: tuple[str, ...]
    rels: tuple[str, ...]

    @property
    def length(self) -> int:
        """Number of relationships."""
        return len(self.rels)

    @property
    def simple(self) -> bool:
        """True when no node comes twice: a path."""
        return len(set(self.nodes)) == len(self.nodes)


class Steps:
    """The steps known so far, by the node they leave and by the node they enter (each step once)."""

    def __init__(self, steps: Iterable[Step] = ()) -> None:
        self.leaving: dict[str, list[tuple[str, str]]] = {}
        self.entering: dict[str, list[tuple[str, str]]] = {}
        self._known: set[Step] = set()
        for step in steps:
            self.add(*step)

    def add(self, rel: str, left: str, entered: str) -> None:
        """Record that a walk may go from ``left`` to ``entered`` through ``rel`` (again: no effect)."""
        step = (rel, left, entered)
        if step in self._known:
            return
        self._known.add(step)
        self.leaving.setdefault(left, []).append((rel, entered))
        self.entering.setdefault(entered, []).append((rel, left))


def distances_to(steps: Steps, target: str, *, within: int) -> dict[str, int]:
    """The fewest steps from each node to ``target`` (at most ``within``), the target never left on the way."""
    found = {target: 0}
    layer = [target]
    for distance in range(1, within + 1):
        reached = []
        for node in layer:
            for _, before in steps.entering.get(node, ()):
                if before not in found:
                    found[before] = distance
                    reached.append(before)
        layer = reached
    return found


def trails(
    steps: Steps,
    source: str,
    target: str,
    length: int,
    *,
    distance: Callable[[str], int],
    limit: int,
    order: Callable[[tuple[str, str]], Any] | None = None,
) -> list[Trail]:
    """The trails of exactly ``length`` steps from ``source`` to ``target`` (at most ``limit`` of them).

    A trail never enters ``source`` again, never leaves ``target`` (it ends there) and walks each relationship
    once. ``distance`` gives, for a node, a lower bound of the steps from it to ``target`` (it prunes the
    search: a bound too low only costs time, never a trail). Trails come in the order of ``steps``, or with
    ``order`` (a sort key of a node's (relationship, node entered) steps) in that order, step by step.
    """
    found: list[Trail] = []
    if source == target or length < 1 or limit < 1 or distance(source) > length:
        return found
    nodes = [source]
    rels: list[str] = []
    used: set[str] = set()

    def walk(node: str, left: int) -> None:
        leaving = steps.leaving.get(node, ())
        for rel, entered in sorted(leaving, key=order) if order else leaving:
            if entered == source or rel in used or distance(entered) > left - 1:
                continue
            if entered == target:
                if left == 1:
                    found.append(Trail((*nodes, entered), (*rels, rel)))
                    if len(found) >= limit:
                        return
                continue  # the target ends a walk
            if left == 1:
                continue
            used.add(rel)
            nodes.append(entered)
            rels.append(rel)
            walk(entered, left - 1)
            rels.pop()
            nodes.pop()
            used.discard(rel)
            if len(found) >= limit:
                return

    walk(source, length)
    return found


def trail_order(ids: Mapping[str, str]) -> Callable[[Trail], tuple[int, list[str], tuple[str, ...]]]:
    """Sort key of the trails of one pair: shortest first, then by the ids along them (``ids``: id of each node
    key), then, between trails through the same nodes (two relationships between the same two nodes), by the
    keys of their relationships."""

    def key(trail: Trail) -> tuple[int, list[str], tuple[str, ...]]:
        return trail.length, [ids.get(node, node) for node in trail.nodes], trail.rels

    return key


@dataclass
class PairSearch:
    """Where the search of one (source, target) pair stands: the walks counted so far (up to 40), the ``k``
    best paths among them, and whether it is over."""

    source: str
    walks: int = 0
    paths: list[Trail] = field(default_factory=list)
    closed: bool = False


class TargetSearch:
    """The search of the ``k`` best paths to one target from every source, one length at a time.

    :meth:`advance` takes the paths of the next length, given steps holding every step of every walk of that
    length (the caller's bidirectional layers, or the whole graph); :attr:`done` says when no longer path can
    change the answer, :meth:`best` gives it.
    """

    def __init__(
        self,
        target: str,
        sources: Sequence[str],
        *,
        k: int,
        max_depth: int,
        ids: Mapping[str, str],
        rank: Rank,
        walks: int = WALKS,
    ) -> None:
        self.target = target
        self.k = k
        self.max_depth = max_depth
        self.ids = ids
        self.rank = rank
        self.walks = walks
        self.length = 0
        self.pairs = [PairSearch(source) for source in dict.fromkeys(sources) if source != target]
        self._order = trail_order(ids)

    @property
    def open(self) -> list[PairSearch]:
        """The pairs whose longer walks may still count."""
        return [pair for pair in self.pairs if not pair.closed]

    @property
    def done(self) -> bool:
        """True when the answer is known: every pair closed, or ``k`` paths held between the pairs (every path
        found later is longer), or the maximum depth searched."""
        return self.length >= self.max_depth or not self.open or sum(len(pair.paths) for pair in self.pairs) >= self.k

    def advance(self, steps: Steps) -> None:
        """Search the walks one step longer than the last length searched, for every open pair."""
        self.length += 1
        # Exact over the known steps, so a walk is pruned as soon as it strays from every walk of this length.
        near = distances_to(steps, self.target, within=self.length)
        far = self.length + 1

        def distance(node: str) -> int:
            return near.get(node, far)

        for pair in self.open:
            room = self.walks - pair.walks
            found = trails(steps, pair.source, self.target, self.length, distance=distance, limit=room + 1)
            if len(found) > room:  # the 40th walk is one of several of this length: the first ones by ids count
                found = trails(
                    steps, pair.source, self.target, self.length, distance=distance, limit=room, order=self._step_order
                )
            pair.walks += len(found)
            pair.paths = sorted([*pair.paths, *(t for t in found if t.simple)], key=self._order)[: self.k]
            pair.closed = pair.walks >= self.walks or self.length >= self.max_depth

    def _step_order(self, step: tuple[str, str]) -> tuple[str, str]:
        rel, entered = step
        return self.ids.get(entered, entered), rel

    def _rank_key(self, trail: Trail) -> tuple[int, Any, str, list[str], tuple[str, ...]]:
        length, ids, rels = self._order(trail)
        return length, self.rank(trail.nodes[0]), ids[0], ids, rels

    def best(self) -> list[Trail]:
        """The ``k`` best paths of every pair: by length, then by the rank of their source, then by their ids."""
        return sorted((trail for pair in self.pairs for trail in pair.paths), key=self._rank_key)[: self.k]


def best_trails(
    steps: Iterable[Step],
    sources: Sequence[str],
    target: str,
    *,
    k: int,
    max_depth: int,
    ids: Mapping[str, str] | None = None,
    rank: Rank | None = None,
    walks: int = WALKS,
) -> list[Trail]:
    """The ``k`` best paths to ``target`` from ``sources`` over the given steps (every step of the graph, or at
    least of every walk of ``max_depth`` steps at most), ranked by length, then by ``rank`` of their source
    (default: all equal), then by the ids along them (``ids``: the id of each node key; default: the keys);
    per pair, only its 40 shortest walks count (see the module's docstring)."""
    known = Steps(steps)
    search = TargetSearch(
        target, sources, k=k, max_depth=max_depth, ids=ids or {}, rank=rank or (lambda _: 0), walks=walks
    )
    while not search.done:
        search.advance(known)
    return search.best()
