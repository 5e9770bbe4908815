"""Centrality measures per node, each with its rank and percentile.

Degree (and in/out degree: direction means something for memberships, mandates and funding),
betweenness, closeness, eigenvector and PageRank, computed by networkx on the undirected view for the
path-based measures. Betweenness is exact up to :data:`EXACT_BETWEENNESS_MAX_NODES` nodes and sampled
with ``k`` pivots above (see docs/analysis.md for the trade-off, measured in tests and bench/).

Example::

    >>> import networkx as nx
    >>> scores = compute(nx.path_graph(3, create_using=nx.DiGraph))
    >>> scores["betweenness"][1].value
    1.0
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

MEASURES = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank")
EXACT_BETWEENNESS_MAX_NODES = 3_000
"""Above this many nodes betweenness is estimated from ``SAMPLE_PIVOTS`` sources (seeded)."""
SAMPLE_PIVOTS = 500
EXACT_CLOSENESS_MAX_NODES = 5_000
SEED = 42
SMALL_GRAPH = 10


@dataclass(frozen=True)
class Score:
    """One node's value for one measure, its rank (1 = highest, ties share a rank) and percentile."""

    value: float
    rank: int
    percentile: float


def ranked(values: dict[str, float]) -> dict[str, Score]:
    """Ranks (competition ranking: 1, 2, 2, 4) and percentiles (share of nodes at or below) of ``values``."""
    ordered = sorted(values.values(), reverse=True)
    n = len(ordered)
    first_position: dict[float, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    at_or_below = {value: n - first_position[value] + 1 for value in first_position}
    return {
        node: Score(
            value=round(value, 6), rank=first_position[value], percentile=round(100 * at_or_below[value] / n, 1)
        )
        for node, value in values.items()
    }


def betweenness(
    g: nx.Graph, *, exact_max: int = EXACT_BETWEENNESS_MAX_NODES, pivots: int = SAMPLE_PIVOTS
) -> dict[str, float]:
    """Normalised betweenness: exact up to ``exact_max`` nodes, else estimated from ``pivots`` seeded sources."""
    k = None if g.number_of_nodes() <= exact_max else min(pivots, g.number_of_nodes())
    return nx.betweenness_centrality(g, k=k, seed=SEED if k else None, normalized=True)


def closeness(g: nx.Graph) -> dict[str, float]:
    """Closeness (Wasserman–Faust, so isolated parts don't look central); degree-based above the size limit."""
    if g.number_of_nodes() > EXACT_CLOSENESS_MAX_NODES:
        return nx.degree_centrality(g)
    return nx.closeness_centrality(g, wf_improved=True)


def eigenvector(g: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality (numpy); zero everywhere on a graph without edges."""
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0)
    solvers = [
        lambda: nx.eigenvector_centrality_numpy(g, max_iter=500),
        lambda: nx.eigenvector_centrality(g, max_iter=1000, tol=1e-6),
    ]
    if g.number_of_nodes() < SMALL_GRAPH:  # the sparse solver needs a few nodes
        solvers.reverse()
    for solve in solvers:
        try:
            return solve()
        except (nx.AmbiguousSolution, nx.PowerIterationFailedConvergence, ValueError, TypeError):
            continue
    return nx.degree_centrality(g)  # no eigenvector exists (e.g. some bipartite graphs): say the degree


def compute(directed: nx.DiGraph, *, measures: tuple[str, ...] = MEASURES) -> dict[str, dict[str, Score]]:
    """Every measure of ``measures`` for every node of ``directed``: ``{measure: {node: Score}}``."""
    if directed.number_of_nodes() == 0:
        return {m: {} for m in measures}
    undirected = nx.Graph(directed)  # a real copy: path algorithms on a view are several times slower
    raw: dict[str, dict[str, float]] = {}
    for measure in measures:
        if measure == "degree":
            raw[measure] = {n: float(d) for n, d in undirected.degree()}
        elif measure == "in_degree":
            raw[measure] = {n: float(d) for n, d in directed.in_degree()}
        elif measure == "out_degree":
            raw[measure] = {n: float(d) for n, d in directed.out_degree()}
        elif measure == "betweenness":
            raw[measure] = betweenness(undirected)
        elif measure == "closeness":
            raw[measure] = closeness(undirected)
        elif measure == "eigenvector":
            raw[measure] = eigenvector(undirected)
        elif measure == "pagerank":
            raw[measure] = nx.pagerank(directed, alpha=0.85, weight="weight")
        else:
            raise ValueError(f"mesure inconnue : {measure}")
    return {measure: ranked(values) for measure, values in raw.items()}
