"""The k best access paths in memory: walks enumerated one length at a time over the steps a search fetched.

Pure (no database): :func:`maillage.queries.diagonal.paths_between` fetches the steps layer by layer, forward
from every source at once and backward from each target, and hands them to a :class:`TargetSearch` per target;
:func:`best_trails` runs the same search over a given set of steps (the tests' way in).

The answer is the one of the straightforward search (queries/diagonal/access_paths.cypher): per (source,
target) pair, the 40 shortest *walks* (steps in the influence directions, the source never entered again, the
target never left, no relationship walked twice), those with a repeated node dropped, the ``k`` best kept by
length then by the ids along them; then, per target, the ``k`` best of every source's paths by length, then
by the caller's rank of their source, then by their ids. Where the 40th walk falls among several walks of the
same length and the pair holds fewer than ``k`` shorter paths, which walks of that length count is the
database's choice: the search reports the pair as *cut* and the caller asks the straightforward query.
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
) -> list[Trail]:
    """The trails of exactly ``length`` steps from ``source`` to ``target`` (at most ``limit`` of them).

    A trail never enters ``source`` again, never leaves ``target`` (it ends there) and walks each relationship
    once. ``distance`` gives, for a node, a lower bound of the steps from it to ``target`` (it prunes the
    search: a bound too low only costs time, never a trail). Trails come in the order of ``steps``.
    """
    found: list[Trail] = []
    if source == target or length < 1 or limit < 1 or distance(source) > length:
        return found
    nodes = [source]
    rels: list[str] = []
    used: set[str] = set()

    def walk(node: str, left: int) -> None:
        for rel, entered in steps.leaving.get(node, ()):
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
    best paths among them, whether it is over, and the length at which the 40th walk fell among several walks
    of that length while fewer than ``k`` shorter paths were found (``cut``: the database's choice decides)."""

    source: str
    walks: int = 0
    paths: list[Trail] = field(default_factory=list)
    closed: bool = False
    cut: int | None = None


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
        return (
            self.length >= self.max_depth
            or not self.open
            or (sum(len(pair.paths) for pair in self.pairs) >= self.k and not self.cuts)
        )

    @property
    def cuts(self) -> list[PairSearch]:
        """The pairs waiting for the database's choice of walks (:meth:`settle`)."""
        return [pair for pair in self.pairs if pair.cut is not None]

    def advance(self, steps: Steps, distance: Callable[[str], int]) -> None:
        """Search the walks one step longer than the last length searched, for every open pair."""
        self.length += 1
        for pair in self.open:
            room = self.walks - pair.walks
            found = trails(steps, pair.source, self.target, self.length, distance=distance, limit=room + 1)
            if len(found) > room:  # the 40th walk is one of several of this length
                pair.closed = True
                if len(pair.paths) < self.k:
                    pair.cut = self.length
                continue
            pair.walks += len(found)
            pair.paths = sorted([*pair.paths, *(t for t in found if t.simple)], key=self._order)[: self.k]
            pair.closed = pair.walks >= self.walks or self.length >= self.max_depth

    def settle_needless_cuts(self) -> None:
        """Settle, with the shorter paths they hold, the cut pairs whose walks of the cut length cannot be among
        the ``k`` best whichever the database keeps: ``k`` paths already held rank before all of them (shorter
        ones, or of that length from a source ranked before theirs)."""
        held = [self._rank_key(trail)[:3] for pair in self.pairs for trail in pair.paths]
        for pair in self.cuts:
            bound = (pair.cut, self.rank(pair.source), self.ids.get(pair.source, pair.source))
            if sum(1 for key in held if key < bound) >= self.k:
                pair.cut = None

    def settle(self, source: str, paths: Sequence[Trail]) -> None:
        """Take the database's answer for a cut pair: its ``k`` best paths among the 40 walks it kept."""
        for pair in self.pairs:
            if pair.source == source:
                pair.paths = sorted(paths, key=self._order)[: self.k]
                pair.cut = None

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
) -> tuple[list[Trail], list[tuple[str, int]]]:
    """The ``k`` best paths to ``target`` from ``sources`` over the given steps (every step of the graph, or at
    least of every walk of ``max_depth`` steps at most), ranked by length, then by ``rank`` of their source
    (default: all equal), then by the ids along them (``ids``: the id of each node key; default: the keys).

    Returns the paths and the (source, length) pairs whose answer the database's choice of walks decides
    (left out of the paths: see the module's docstring)."""
    known = Steps(steps)
    search = TargetSearch(
        target, sources, k=k, max_depth=max_depth, ids=ids or {}, rank=rank or (lambda _: 0), walks=walks
    )
    near = distances_to(known, target, within=max_depth)
    cut: list[tuple[str, int]] = []
    while not search.done:
        search.advance(known, lambda node: near.get(node, max_depth + 1))
        search.settle_needless_cuts()
        for pair in search.cuts:
            cut.append((pair.source, pair.cut or 0))
            search.settle(pair.source, pair.paths)  # the shorter paths are certain
    return search.best(), cut
