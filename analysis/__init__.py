"""Network analysis of the three meshes: projection into networkx, centralities, communities, brokers.

>>> from maillage.analysis import analyse
>>> analyse(graph, Layer.VERTICAL).top("degree", 5)  # doctest: +SKIP
"""

from .change import ScoreChange, compare
from .communities import Broker, brokers, louvain
from .measures import EXACT_BETWEENNESS_MAX_NODES, MEASURES, SAMPLE_PIVOTS, Score, compute, ranked
from .projection import project, to_networkx
from .suite import Analysis, NodeAnalysis, Snapshot, State, analyse, clear_cache, graph_version, snapshot

__all__ = [
    "EXACT_BETWEENNESS_MAX_NODES",
    "MEASURES",
    "SAMPLE_PIVOTS",
    "Analysis",
    "Broker",
    "NodeAnalysis",
    "Score",
    "ScoreChange",
    "Snapshot",
    "State",
    "analyse",
    "brokers",
    "clear_cache",
    "compare",
    "compute",
    "graph_version",
    "louvain",
    "project",
    "ranked",
    "snapshot",
    "to_networkx",
]
