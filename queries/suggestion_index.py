"""The partner-suggestion index: what a suggestion needs of every organisation, whoever the target, in memory.

A partner suggestion (:func:`maillage.queries.horizontal.partner_suggestions`) scores every organisation
that works on one of the target's themes in its territory. On a large graph the query reads each of them
(its themes, its places, its degree: ~10,000 organisations and ~300k db hits for one target at
``synth --scale 1000``) on every request. None of that depends on the target: it changes only when the
graph does. :class:`SuggestionIndex` holds it for one graph state (epoch and version) and one day (the
degree counts the relationships valid that day):

- ``themes``: theme id → the organisations working on it (posting lists, numpy arrays of positions);
- ``located`` / ``covers``: territory id → the organisations located in it / covering it;
- ``degree``: each organisation's number of relationships of the mesh types valid on ``day``;
- ``ids``, ``names``, ``kinds``, ``name_rank``: how each organisation is shown and ordered.

A request then reads from Neo4j only what depends on the target (``horizontal.suggestion_context``: the
places inside and around its territory, its ties, its partners' partners, in one transaction with the graph
version) and :func:`rank` scores the candidates in Python: the same candidates, factor values, rounded
scores and order as ``horizontal.suggestion_candidates`` (tests/test_suggestion_index.py checks it on the
reference dataset and a synthetic one).

:func:`build` reads the index in batches (each its own short transaction) and keeps it only if the graph
version did not change meanwhile. Keeping one per process and rebuilding it when the graph changes is
``maillage.analysis.suggestions``.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from maillage.graph.connection import Graph

from .run import run

BATCH = 5000
"""Organisations read per transaction while building (each batch is a short read, whatever the graph's size)."""
Positions = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SuggestionIndex:
    """What partner suggestions need of every organisation that works on a theme, at one graph state and day."""

    epoch: str | None
    version: int
    day: dt.date
    """The date the degrees are counted at: the index answers only requests for that ``asOf``."""
    ids: list[str] = field(repr=False)
    names: list[str | None] = field(repr=False)
    """``coalesce(name, acronym)``, as suggestions show it."""
    kinds: list[str | None] = field(repr=False)
    name_rank: npt.NDArray[np.int64] = field(repr=False)
    """Each organisation's place in the order of (lowered name — empty without one —, id): the order among
    equal scores, as the query's."""
    degree: npt.NDArray[np.int64] = field(repr=False)
    themes: dict[str, Positions] = field(repr=False)
    located: dict[str, Positions] = field(repr=False)
    covers: dict[str, Positions] = field(repr=False)
    themes_of: list[tuple[str, ...]] = field(repr=False)
    """The themes each organisation works on (to list those it shares with the target)."""
    theme_names: dict[str, str | None] = field(repr=False)
    """Every theme's name, by id."""
    parts: dict[str, tuple[str, ...]] = field(repr=False)
    """Territory id → the territories part of it (the tree, downwards)."""
    wholes: dict[str, tuple[str, ...]] = field(repr=False)
    """Territory id → the territories it is part of (upwards)."""
    position: dict[str, int] = field(repr=False)
    built_in: float = 0.0
    """Seconds the build took (reads included)."""

    @classmethod
    def of(
        cls,
        organisations: Iterable[Mapping[str, Any]],
        *,
        epoch: str | None,
        version: int,
        day: dt.date,
        theme_names: Mapping[str, str | None] | None = None,
        tree: Iterable[tuple[str, str]] = (),
        built_in: float = 0.0,
    ) -> SuggestionIndex:
        """An index from one record per organisation: ``id``, ``name``, ``kind``, ``themes``, ``located``,
        ``covers`` (territory ids) and ``degree`` (as ``horizontal.suggestion_organisations`` gives them,
        plus the themes), the themes' names and the territory tree as (part, whole) pairs."""
        ids: list[str] = []
        names: list[str | None] = []
        kinds: list[str | None] = []
        degrees: list[int] = []
        themes_of: list[tuple[str, ...]] = []
        postings: tuple[dict[str, list[int]], ...] = ({}, {}, {})
        for index, organisation in enumerate(organisations):
            ids.append(sys.intern(organisation["id"]))
            names.append(organisation["name"])
            kinds.append(organisation["kind"])
            degrees.append(int(organisation["degree"]))
            themes_of.append(tuple(sys.intern(t) for t in dict.fromkeys(organisation["themes"])))
            for posting, key in zip(postings, ("themes", "located", "covers"), strict=True):
                for value in dict.fromkeys(organisation[key]):
                    posting.setdefault(value, []).append(index)
        themes, located, covers = ({k: np.array(v, dtype=np.int64) for k, v in p.items()} for p in postings)
        sort_names = [(name or "").lower() for name in names]
        ordered = sorted(range(len(ids)), key=lambda k: (sort_names[k], ids[k]))
        name_rank = np.empty(len(ids), dtype=np.int64)
        name_rank[ordered] = np.arange(len(ids), dtype=np.int64)
        parts: dict[str, list[str]] = {}
        wholes: dict[str, list[str]] = {}
        for part, whole in tree:
            parts.setdefault(whole, []).append(part)
            wholes.setdefault(part, []).append(whole)
        return cls(
            epoch=epoch,
            version=version,
            day=day,
            ids=ids,
            names=names,
            kinds=kinds,
            name_rank=name_rank,
            degree=np.array(degrees, dtype=np.int64),
            themes=themes,
            located=located,
            covers=covers,
            themes_of=themes_of,
            theme_names=dict(theme_names or {}),
            parts={k: tuple(v) for k, v in parts.items()},
            wholes={k: tuple(v) for k, v in wholes.items()},
            position={id: index for index, id in enumerate(ids)},
            built_in=built_in,
        )

    def answers(self, epoch: str | None, version: int, as_of: dt.date) -> bool:
        """True when the index was built at this graph state and counts degrees on ``as_of``."""
        return (self.epoch, self.version, self.day) == (epoch, version, as_of)

    def around(self, territory: str) -> tuple[list[str], list[str]]:
        """The territories inside ``territory`` (itself and those below it, up to four levels) and those wider
        (containing it, up to four levels): ``PART_OF*0..4`` and ``PART_OF*1..4`` of suggestion_candidates."""
        return _walk(self.parts, territory, include_start=True), _walk(self.wholes, territory, include_start=False)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Search:
    """What one partner search asks, read from the graph for its target (``horizontal.suggestion_context``)."""

    target: str
    themes: Sequence[str]
    """The themes looked for, as the query gets them (their count divides the themes factor)."""
    inside: Sequence[str] | None
    """The territory and the places below it; None when territory is not a criterion."""
    wider: Sequence[str]
    """The territories containing it (an organisation covering one of them fits less closely)."""
    tied: frozenset[str]
    """Ids of the nodes tied to the target at the date: never suggested."""
    common: Mapping[str, Sequence[Mapping[str, Any]]]
    """Organisation id → the partners of the target it is tied to (node maps)."""
    theme_names: Mapping[str, str | None]
    limit: int


@dataclass(frozen=True)
class Weights:
    """The weights of the four factors and the common partners that give a full mark."""

    themes: float
    territory: float
    common_partners: float
    centrality: float
    common_for_full: int


def _walk(links: Mapping[str, Sequence[str]], start: str, *, include_start: bool, depth: int = 4) -> list[str]:
    """The territories reached from ``start`` by at most ``depth`` links (breadth first)."""
    seen = {start}
    found = [start] if include_start else []
    frontier = [start]
    for _ in range(depth):
        reached: list[str] = []
        for node in frontier:
            for neighbour in links.get(node, ()):
                if neighbour not in seen:
                    seen.add(neighbour)
                    reached.append(neighbour)
        found += reached
        frontier = reached
    return found


def cypher_round(value: float, digits: int = 4) -> float:
    """Cypher's ``round(value, digits)``: the decimal form of the double rounded half up (Python's round is
    half even on the binary value), so that scores tie and order exactly as the query's."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def rank(index: SuggestionIndex, search: Search, weights: Weights) -> list[dict[str, Any]]:
    """The ``search.limit`` best candidates of ``search``, as rows of ``horizontal.suggestion_candidates``.

    A candidate works on at least one of the themes, is located in or covers a place ``inside`` (fit
    'inside') or only covers a ``wider`` one (fit 'wider') — any organisation of the themes when ``inside``
    is None — and is neither the target nor tied to it. Its factors: the share of the themes it works on,
    1 inside / 0.5 wider, its common partners over ``common_for_full`` (at most 1), its degree over the
    highest degree among candidates. Best rounded score first, then lowered name, then id. Pure: reads
    nothing but its arguments.
    """
    count = len(index)
    wanted = len(search.themes)
    if count == 0 or wanted == 0:
        return []
    shared = np.zeros(count, dtype=np.int64)
    for theme in dict.fromkeys(search.themes):
        members = index.themes.get(theme)
        if members is not None:
            shared[members] += 1
    if search.inside is None:
        fit = np.full(count, 2, dtype=np.int8)
    else:
        fit = np.zeros(count, dtype=np.int8)
        for place in search.wider:
            if place in index.covers:
                fit[index.covers[place]] = 1
        for place in search.inside:
            for posting in (index.located, index.covers):
                if place in posting:
                    fit[posting[place]] = 2
    chosen = (shared > 0) & (fit > 0)
    for excluded in (search.target, *search.tied):
        at = index.position.get(excluded)
        if at is not None:
            chosen[at] = False
    candidates = np.flatnonzero(chosen)
    if candidates.size == 0:
        return []
    common = np.zeros(count, dtype=np.int64)
    for near, partners in search.common.items():
        at = index.position.get(near)
        if at is not None:
            common[at] = len(partners)
    degree = index.degree[candidates]
    most_connected = int(degree.max())
    themes_value = shared[candidates].astype(np.float64) / wanted
    territory_value = np.where(fit[candidates] == 2, 1.0, 0.5)
    commons = common[candidates]
    common_value = np.where(
        commons >= weights.common_for_full, 1.0, commons.astype(np.float64) / weights.common_for_full
    )
    centrality_value = (
        degree.astype(np.float64) / most_connected if most_connected else np.zeros(candidates.size, dtype=np.float64)
    )
    # the query's sum, term by term in its order (the same doubles, so the same roundings)
    raw = (
        themes_value * weights.themes
        + territory_value * weights.territory
        + common_value * weights.common_partners
        + centrality_value * weights.centrality
    )
    distinct, group = np.unique(raw, return_inverse=True)
    rounded = np.array([cypher_round(float(value)) for value in distinct], dtype=np.float64)
    scores = rounded[group]
    # best score first, then (lowered name, id): one sort of positions, no string compared per request
    order = np.lexsort((index.name_rank[candidates], -scores))[: search.limit]
    rows: list[dict[str, Any]] = []
    for k in (int(k) for k in order):
        at = int(candidates[k])
        mine = set(index.themes_of[at])
        rows.append(
            {
                "organisation": {
                    "id": index.ids[at],
                    "label": "Organisation",
                    "name": index.names[at],
                    "kind": index.kinds[at],
                },
                "sharedThemes": [
                    {"id": theme, "name": search.theme_names.get(theme)} for theme in search.themes if theme in mine
                ],
                "territoryFit": "inside" if fit[at] == 2 else "wider",
                "commonPartners": list(search.common.get(index.ids[at], [])),
                "degree": int(index.degree[at]),
                "mostConnected": most_connected,
                "values": {
                    "themes": float(themes_value[k]),
                    "territory": float(territory_value[k]),
                    "common_partners": float(common_value[k]),
                    "centrality": float(centrality_value[k]),
                },
                "score": float(scores[k]),
            }
        )
    return rows


def build(graph: Graph, day: dt.date, *, attempts: int = 3) -> SuggestionIndex | None:
    """Read the index of the graph as it is, degrees counted on ``day``; None if the graph changed during each
    of ``attempts`` reads (a write meanwhile: the index would mix two states).

    The themes with their posting lists and the territory tree first, then the organisations in batches of
    :data:`BATCH` (each a short read transaction), between two reads of the graph version: equal, no write
    landed in between.
    """
    for _ in range(attempts):
        started = time.perf_counter()
        before = run(graph, "analysis.graph_version")[0]
        members: dict[str, list[str]] = {}
        names: dict[str, str | None] = {}
        for row in run(graph, "horizontal.suggestion_themes"):
            names[row["theme"]] = row["name"]
            for organisation in row["organisations"]:
                members.setdefault(organisation, []).append(row["theme"])
        tree = [(row["part"], row["whole"]) for row in run(graph, "horizontal.suggestion_territories")]
        ids = sorted(members)
        records: list[dict[str, Any]] = []
        for start in range(0, len(ids), BATCH):
            for row in run(graph, "horizontal.suggestion_organisations", ids=ids[start : start + BATCH], asOf=day):
                row["themes"] = members[row["id"]]
                records.append(row)
        after = run(graph, "analysis.graph_version")[0]
        if (before["epoch"], before["version"]) == (after["epoch"], after["version"]):
            return SuggestionIndex.of(
                records,
                epoch=after["epoch"],
                version=int(after["version"]),
                day=day,
                theme_names=names,
                tree=tree,
                built_in=time.perf_counter() - started,
            )
    return None
