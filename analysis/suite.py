"""The whole analysis of one mesh (or all three) at a date, cached under the graph's version.

Every import and every API write increases the graph version (``GraphVersion``), so a cached result
is reused only while the graph is unchanged: a repeated request costs one read of the version.

Example::

    >>> result = analyse(graph, Layer.VERTICAL)  # doctest: +SKIP
    >>> result.top("betweenness", 3)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.vocabulary import Layer
from maillage.queries.results import today
from maillage.queries.run import run

from .communities import Broker, brokers, louvain
from .measures import MEASURES, Score, compute
from .projection import project

CACHE_SIZE = 32
Progress = Callable[[str], None]


@dataclass(frozen=True)
class NodeAnalysis:
    """One node: who it is, its community and its score for every measure."""

    id: str
    name: str | None
    label: str
    kind: str | None
    sector: str | None
    community: int
    scores: dict[str, Score]


@dataclass(frozen=True)
class Analysis:
    """The measures of every node of a projection, its communities and its brokers."""

    layer: Layer | None
    as_of: dt.date
    territory: str | None
    graph_version: int
    nodes: dict[str, NodeAnalysis]
    communities: int
    brokers: list[Broker] = field(default_factory=list)

    def top(self, measure: str, n: int = 10) -> list[NodeAnalysis]:
        """The ``n`` nodes ranked first by ``measure`` (ties by id)."""
        if measure not in MEASURES:
            raise InvalidInput(f"Mesure inconnue « {measure} » ; mesures : {', '.join(MEASURES)}.")
        ordered = sorted(self.nodes.values(), key=lambda a: (a.scores[measure].rank, a.id))
        return ordered[:n]


_cache: OrderedDict[tuple[object, ...], Analysis] = OrderedDict()
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every cached analysis (benchmarks measure a cold run)."""
    with _lock:
        _cache.clear()


def graph_version(graph: Graph) -> tuple[str | None, int]:
    """The graph's epoch and version: a write increases the version, emptying the graph starts a new epoch."""
    row = run(graph, "analysis.graph_version")[0]
    return row["epoch"], int(row["version"])


def analyse(
    graph: Graph,
    layer: Layer | None = None,
    *,
    as_of: dt.date | None = None,
    territory: str | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Measures, communities and brokers of ``layer`` (None: the three meshes together), cached by graph version."""
    day = as_of or today()
    epoch, version = graph_version(graph)
    key = (epoch, version, layer, day, territory)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    tell = progress or (lambda step: None)
    tell("Projection du graphe")
    directed = project(graph, [layer] if layer else None, as_of=day, territory=territory)
    tell("Mesures de centralité")
    scores = compute(directed)
    tell("Communautés et courtiers")
    undirected = nx.Graph(directed)  # a real copy: path algorithms on a view are several times slower
    communities = louvain(undirected)
    membership = {node: index for index, members in enumerate(communities) for node in members}
    nodes = {
        node: NodeAnalysis(
            id=node,
            name=data.get("name"),
            label=data.get("label", ""),
            kind=data.get("kind"),
            sector=data.get("sector"),
            community=membership[node],
            scores={measure: scores[measure][node] for measure in scores},
        )
        for node, data in directed.nodes(data=True)
    }
    result = Analysis(
        layer=layer,
        as_of=day,
        territory=territory,
        graph_version=version,
        nodes=nodes,
        communities=len(communities),
        brokers=brokers(undirected, scores.get("betweenness", {}), membership) if nodes else [],
    )
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result
