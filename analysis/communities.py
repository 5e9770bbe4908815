"""Communities (Louvain, seeded so the same graph gives the same partition) and brokers.

A broker is a node among the most between (top ``BROKER_SHARE`` by betweenness, and above zero) whose
neighbours belong to several sectors or several communities: it links parts of the sector that would
otherwise not meet. The result says which sectors and communities it links.

Example::

    >>> import networkx as nx
    >>> g = nx.barbell_graph(4, 0)
    >>> len(louvain(g))
    2
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .measures import SEED, Score

BROKER_SHARE = 0.1


def louvain(g: nx.Graph) -> list[set[str]]:
    """Louvain communities of the undirected graph, largest first (ties by smallest member)."""
    if g.number_of_edges() == 0:
        return [{n} for n in sorted(g)]
    found = nx.community.louvain_communities(g, seed=SEED)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


@dataclass(frozen=True)
class Broker:
    """A node that bridges sectors or communities, and why."""

    node: str
    betweenness: float
    sectors: tuple[str, ...]
    communities: tuple[int, ...]
    explanation: str


def brokers(g: nx.Graph, betweenness: dict[str, Score], membership: dict[str, int]) -> list[Broker]:
    """The top betweenness nodes whose neighbours span several sectors or communities, most between first."""
    candidates = [n for n, s in betweenness.items() if s.value > 0]
    candidates.sort(key=lambda n: (-betweenness[n].value, n))
    top = candidates[: max(1, round(BROKER_SHARE * g.number_of_nodes()))]
    if top:  # nodes tied with the last one kept are kept too
        floor = betweenness[top[-1]].value
        top = [n for n in candidates if betweenness[n].value >= floor]
    found: list[Broker] = []
    for node in top:
        neighbours = list(g.neighbors(node))
        sectors = tuple(sorted({s for n in neighbours if (s := g.nodes[n].get("sector"))}))
        communities = tuple(sorted({membership[n] for n in neighbours if n in membership}))
        if len(sectors) < 2 and len(communities) < 2:
            continue
        parts = []
        if len(sectors) >= 2:
            parts.append(f"relie {len(sectors)} secteurs ({', '.join(sectors)})")
        if len(communities) >= 2:
            parts.append(f"relie {len(communities)} communautés")
        found.append(
            Broker(
                node=node,
                betweenness=betweenness[node].value,
                sectors=sectors,
                communities=communities,
                explanation=f"Intermédiarité {betweenness[node].value:.3f} (rang {betweenness[node].rank}) ; "
                + " et ".join(parts),
            )
        )
    return found
