"""Centrality measures per node, each with its rank and percentile.

Degree (and in/out degree: direction means something for memberships, mandates and funding),
betweenness, closeness, eigenvector and PageRank. Eigenvector, PageRank (and Louvain, in
``communities``) come from networkx; the two path-based measures are computed on a scipy sparse
adjacency matrix of the undirected graph by batched breadth-first searches (``paths``: numpy/scipy,
C speed), one sweep serving both. They are exact up to :data:`EXACT_BETWEENNESS_MAX_NODES` /
:data:`EXACT_CLOSENESS_MAX_NODES` nodes and estimated from :data:`SAMPLE_PIVOTS` seeded pivots above
(see docs/analysis.md for the trade-off, measured in tests and bench/).

Example::

    >>> import networkx as nx
    >>> scores = compute(nx.path_graph(3, create_using=nx.DiGraph))
    >>> scores["betweenness"][1].value
    1.0
    >>> scores["closeness"][0].value  # 2 others at distances 1 and 2
    0.666667
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from . import paths

MEASURES = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank")
EXACT_BETWEENNESS_MAX_NODES = 5_000
"""Above this many nodes betweenness is estimated from ``SAMPLE_PIVOTS`` sources (seeded)."""
EXACT_CLOSENESS_MAX_NODES = EXACT_BETWEENNESS_MAX_NODES
"""Above this many nodes closeness is estimated from the same pivots (the same sweep serves both)."""
SAMPLE_PIVOTS = 500
SEED = 42
SMALL_GRAPH = 10
PATH_MEASURES = ("betweenness", "closeness")


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


def pivots_of(g: nx.Graph, k: int) -> list[Any]:
    """The ``k`` sampled sources, as networkx draws them (``seed=SEED``): same graph, same pivots."""
    return random.Random(SEED).sample(list(g), k)


def _sources(g: nx.Graph, exact_max: int, pivots: int) -> list[Any] | None:
    """None (every node is a source: exact) up to ``exact_max`` nodes, else the seeded pivots."""
    if pivots < 2:
        raise ValueError("il faut au moins 2 pivots")
    n = g.number_of_nodes()
    if n <= exact_max or pivots >= n:
        return None
    return pivots_of(g, pivots)


def betweenness(
    g: nx.Graph, *, exact_max: int = EXACT_BETWEENNESS_MAX_NODES, pivots: int = SAMPLE_PIVOTS
) -> dict[Any, float]:
    """Normalised betweenness of every node of the undirected graph ``g`` (endpoints excluded).

    Parameters: ``exact_max``, the most nodes for which it is exact (every node a source, equal to
    ``nx.betweenness_centrality(g, normalized=True)`` to 1e-9); above, it is estimated from ``pivots``
    sources drawn like networkx's ``k=pivots, seed=SEED`` and rescaled like networkx 3.6 (a pivot's own
    pairs are missing from its sum, so pivots and other nodes are scaled differently): the result is
    then networkx's sampled betweenness for those pivots.

    Returns ``{node: value}``, values in [0, 1].

    >>> import networkx as nx
    >>> betweenness(nx.star_graph(3))
    {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0}
    """
    return path_measures(g, ("betweenness",), betweenness_max=exact_max, pivots=pivots)["betweenness"]


def closeness(
    g: nx.Graph, *, exact_max: int = EXACT_CLOSENESS_MAX_NODES, pivots: int = SAMPLE_PIVOTS
) -> dict[Any, float]:
    """Closeness of every node of the undirected graph ``g``, Wasserman–Faust improved (isolated parts
    don't look central): ``(r-1)/total * (r-1)/(n-1)`` with ``r`` the size of the node's component and
    ``total`` the sum of its distances to the others (0 for an isolated node).

    Parameters: ``exact_max``, the most nodes for which it is exact (equal to
    ``nx.closeness_centrality(g, wf_improved=True)``); above, ``total`` is estimated from ``pivots``
    seeded sources (the betweenness pivots): distances are symmetric, so a node's mean distance to the
    pivots of its component estimates its mean distance to the whole component. Pivots themselves are
    exact, and so are the components holding fewer than ``paths.MIN_COMPONENT_PIVOTS`` pivots (small
    ones: they are measured on their own; one too large for that gets its own pivots).

    Returns ``{node: value}``, values in [0, 1].

    >>> import networkx as nx
    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    return path_measures(g, ("closeness",), closeness_max=exact_max, pivots=pivots)["closeness"]


def path_measures(
    g: nx.Graph,
    measures: tuple[str, ...] = ("betweenness", "closeness"),
    *,
    betweenness_max: int = EXACT_BETWEENNESS_MAX_NODES,
    closeness_max: int = EXACT_CLOSENESS_MAX_NODES,
    pivots: int = SAMPLE_PIVOTS,
) -> dict[str, dict[Any, float]]:
    """Betweenness and/or closeness (see :func:`betweenness`, :func:`closeness`) of the undirected ``g``.

    When both are asked with the same sources (both exact, or both sampled: same pivots) one sweep of
    breadth-first searches serves both. Returns ``{measure: {node: value}}``.
    """
    if g.is_directed():
        raise nx.NetworkXNotImplemented("graphe non orienté attendu (nx.Graph(g))")
    nodes, a = paths.adjacency(g)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    between_sources = _sources(g, betweenness_max, pivots) if "betweenness" in measures else None
    close_sources = _sources(g, closeness_max, pivots) if "closeness" in measures else None
    every = np.arange(n)

    def indices(sources: list[Any] | None) -> np.ndarray:
        return every if sources is None else np.array([index[v] for v in sources], dtype=np.int64)

    result: dict[str, dict[Any, float]] = {}
    shared: paths.Sweep | None = None
    if "betweenness" in measures:
        chosen = indices(between_sources)
        shared = paths.sweep(a, chosen)
        assert shared.dependency is not None
        scaled = _rescale(shared.dependency, n, chosen if between_sources is not None else None)
        result["betweenness"] = dict(zip(nodes, scaled.tolist(), strict=True))
        if close_sources != between_sources:
            shared = None
    if "closeness" in measures:
        chosen = indices(close_sources)
        values = paths.closeness(
            a, chosen, exact=close_sources is None, done=shared, exact_max=closeness_max, seed=SEED
        )
        result["closeness"] = dict(zip(nodes, values.tolist(), strict=True))
    return result


def _rescale(dependency: np.ndarray, n: int, sampled: np.ndarray | None) -> np.ndarray:
    """networkx 3.6's ``_rescale`` (normalised, undirected, endpoints excluded) of summed dependencies."""
    if n - 1 < 2:
        return dependency
    if sampled is None:
        return dependency * (1 / ((n - 1) * (n - 2)))
    k = len(sampled)
    scale = np.full(n, 1 / (k * (n - 2)))
    scale[sampled] = 1 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    return dependency * scale


def eigenvector(g: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality; zero everywhere on a graph without edges.

    networkx's numpy solver first; it refuses a disconnected graph (no unique leading eigenvector), and then
    :func:`power_iteration` computes what ``nx.eigenvector_centrality`` would, with scipy instead of Python
    loops. A graph where even that fails to converge (some bipartite graphs) gets its degree centrality.
    """
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0)
    solvers = [
        lambda: nx.eigenvector_centrality_numpy(g, max_iter=500),
        lambda: power_iteration(g),
    ]
    if g.number_of_nodes() < SMALL_GRAPH:  # the sparse solver needs a few nodes
        solvers.reverse()
    for solve in solvers:
        try:
            return solve()
        except (nx.AmbiguousSolution, nx.PowerIterationFailedConvergence, ValueError, TypeError):
            continue
    return nx.degree_centrality(g)


def power_iteration(g: nx.Graph, *, max_iter: int = 1000, tol: float = 1e-6) -> dict[Any, float]:
    """``nx.eigenvector_centrality(g, max_iter=max_iter, tol=tol)``, vectorised: the same iteration with
    (A + I), the same normalisation and stopping rule, so the same values to rounding.

    Parameters: an undirected graph, the iteration limit and the tolerance per node. Returns node → value.
    Raises ``nx.PowerIterationFailedConvergence`` like networkx.

    >>> round(power_iteration(nx.path_graph(3))[1], 6)
    0.707107
    """
    nodes = list(g)
    adjacency = nx.to_scipy_sparse_array(g, nodelist=nodes, weight=None, format="csr")
    x = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(max_iter):
        last = x
        x = last + adjacency.T @ last
        x = x / (float(np.linalg.norm(x)) or 1.0)
        if float(np.abs(x - last).sum()) < len(nodes) * tol:
            return dict(zip(nodes, x.tolist(), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


def compute(directed: nx.DiGraph, *, measures: tuple[str, ...] = MEASURES) -> dict[str, dict[str, Score]]:
    """Every measure of ``measures`` for every node of ``directed``: ``{measure: {node: Score}}``.

    Degrees and PageRank read the directed graph; the other measures its undirected copy (betweenness
    and closeness from one sweep, see :func:`path_measures`). Raises ``ValueError`` for an unknown measure.

    >>> import networkx as nx
    >>> scores = compute(nx.DiGraph([("ili", "fede"), ("fede", "coupole")]), measures=("closeness",))
    >>> scores["closeness"]["fede"]
    Score(value=1.0, rank=1, percentile=100.0)
    """
    if directed.number_of_nodes() == 0:
        return {m: {} for m in measures}
    undirected = nx.Graph(directed)  # a real copy: path algorithms on a view are several times slower
    raw: dict[str, dict[Any, float]] = {}
    for measure in measures:
        if measure == "degree":
            raw[measure] = {n: float(d) for n, d in undirected.degree()}
        elif measure == "in_degree":
            raw[measure] = {n: float(d) for n, d in directed.in_degree()}
        elif measure == "out_degree":
            raw[measure] = {n: float(d) for n, d in directed.out_degree()}
        elif measure in PATH_MEASURES:
            if measure not in raw:  # one sweep of breadth-first searches for both
                raw.update(path_measures(undirected, tuple(m for m in measures if m in PATH_MEASURES)))
        elif measure == "eigenvector":
            raw[measure] = eigenvector(undirected)
        elif measure == "pagerank":
            raw[measure] = nx.pagerank(directed, alpha=0.85, weight="weight")
        else:
            raise ValueError(f"mesure inconnue : {measure}")
    return {measure: ranked(raw[measure]) for measure in measures}
