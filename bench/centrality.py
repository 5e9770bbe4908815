"""Wall time and peak memory of the full analysis suite (``analyse``: projection, seven measures,
Louvain, brokers) on the reference graph and at ``synth --scale 10`` and ``--scale 100``, with the same
measures computed by igraph on the same graph in the same run (ratio recorded: our seven measures and
Louvain against igraph's; igraph's betweenness and closeness are always exact, ours are sampled above
``EXACT_BETWEENNESS_MAX_NODES``). "dont chemins": betweenness and closeness alone (one sweep).

The cold run is checked to be one (the cache emptied, the result that of this graph), the repeated one
to come from the cache.

    .venv/bin/python bench/centrality.py --scales 1 10 100

Targets (issue 6): < 0.5 s on the reference graph, < 30 s at scale 100, ≤ 3× igraph.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

import networkx as nx
from common import REPO, disposable_graph, save

from maillage.analysis import analyse, clear_cache, louvain, project
from maillage.analysis.measures import compute, path_measures
from maillage.importers import import_paths
from maillage.importers.synthetic import generate

REFERENCE = sorted((REPO / "data" / "reference").glob("*.yaml"))


def with_igraph(g: nx.DiGraph) -> float:
    """Seconds igraph takes for the same measures on the same graph (exact betweenness and closeness)."""
    import igraph as ig

    nodes = list(g)
    index = {n: i for i, n in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in g.edges], directed=True)
    start = time.perf_counter()
    undirected = graph.as_undirected()
    undirected.degree()
    graph.indegree()
    graph.outdegree()
    undirected.betweenness()
    undirected.closeness()
    undirected.eigenvector_centrality()
    graph.pagerank()
    undirected.community_multilevel()
    return time.perf_counter() - start


def run_one(graph, label: str) -> dict:  # type: ignore[no-untyped-def]
    directed = project(graph)
    clear_cache()
    start = time.perf_counter()
    cold = analyse(graph)  # the whole suite, as the API and the CLI run it (projection included)
    suite = time.perf_counter() - start
    # a cold run that came from the cache (an earlier graph of the same version) would time nothing
    assert len(cold.nodes) == directed.number_of_nodes(), "cold run: not this graph's analysis"
    start = time.perf_counter()
    again = analyse(graph)
    cached = time.perf_counter() - start
    assert again is cold, "the repeated run should come from the cache"
    clear_cache()
    tracemalloc.start()  # memory measured on a second cold run: tracing slows Python down several times
    traced = analyse(graph)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert traced is not cold, "clear_cache() did not empty the cache"
    start = time.perf_counter()
    compute(directed)
    louvain(nx.Graph(directed))  # igraph's timing includes Louvain: so does this one
    measures_only = time.perf_counter() - start
    start = time.perf_counter()
    path_measures(nx.Graph(directed))
    paths_only = time.perf_counter() - start
    igraph_seconds = with_igraph(directed)
    return {
        "graph": label,
        "nodes": directed.number_of_nodes(),
        "edges": directed.number_of_edges(),
        "suite_seconds": round(suite, 3),
        "cached_seconds": round(cached, 4),
        "measures_seconds": round(measures_only, 3),
        "paths_seconds": round(paths_only, 3),
        "igraph_seconds": round(igraph_seconds, 3),
        "ratio_to_igraph": round(measures_only / igraph_seconds, 1) if igraph_seconds else None,
        "peak_python_mib": round(peak / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    rows = []
    compute(nx.DiGraph(nx.path_graph(20)))  # import numpy/scipy before timing
    with disposable_graph() as (graph, _env):
        for scale in args.scales:
            graph.write("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
            with tempfile.TemporaryDirectory() as folder:
                if scale == 1:
                    import_paths(graph, REFERENCE)
                    label = "référence"
                else:
                    import_paths(graph, generate(REFERENCE, scale=scale, seed=1, output=Path(folder)))
                    label = f"synth --scale {scale}"
            rows.append(run_one(graph, label))
            print(json.dumps(rows[-1]), flush=True)
    rows_md = [
        "| graphe | nœuds | liens | suite (s) | en cache (s) | mesures + Louvain (s) | dont chemins (s) | igraph (s) "
        "| ratio | pic Python (Mio) |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {r['graph']} | {r['nodes']} | {r['edges']} | {r['suite_seconds']} | {r['cached_seconds']} | "
            f"{r['measures_seconds']} | {r['paths_seconds']} | {r['igraph_seconds']} | {r['ratio_to_igraph']} | "
            f"{r['peak_python_mib']} |"
            for r in rows
        ),
        "",
        f"Pic mémoire du processus (ru_maxrss) : {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} Mio.",
    ]
    command = "python bench/centrality.py --scales " + " ".join(map(str, args.scales))
    save("centrality", command, {"runs": rows}, "\n".join(rows_md))


if __name__ == "__main__":
    main()
