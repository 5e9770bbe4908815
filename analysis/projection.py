"""Project a mesh layer of the graph into networkx: only what the measures need.

The edges come from the network query (``queries/network/edges.cypher``): the relationship types of
the chosen layers (``LAYER_REL_TYPES``, defined next to the model), valid at a date, optionally in a
territory, never people. Mandates are nodes of the diagonal layer; each node keeps its label, kind,
sector and name so results can be explained.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from maillage.graph.connection import Graph
from maillage.graph.vocabulary import Layer
from maillage.queries.network import MAX_EDGES, Network, network

PROJECTION_LIMIT = MAX_EDGES * 40
"""The most edges one projection reads (200,000: a sector graph 100 times the reference one fits)."""


def to_networkx(net: Network) -> nx.DiGraph:
    """A directed graph of the network's nodes (with their attributes) and edges (with their type)."""
    g = nx.DiGraph()
    for node in net.nodes:
        g.add_node(node.id, label=node.label, name=node.name, kind=node.kind, sector=node.sector)
    for edge in net.edges:
        if g.has_edge(edge.source, edge.target):
            g[edge.source][edge.target]["weight"] += 1
        else:
            g.add_edge(edge.source, edge.target, type=edge.type, weight=1)
    return g


def project(
    graph: Graph,
    layers: Iterable[Layer] | None = None,
    *,
    as_of: dt.date | None = None,
    territory: str | None = None,
) -> nx.DiGraph:
    """The directed graph of ``layers`` (default: all three) at ``as_of``, optionally in ``territory``."""
    net = network(graph, layers, as_of=as_of, territory=territory, limit=PROJECTION_LIMIT, max_limit=PROJECTION_LIMIT)
    return to_networkx(net)
