"""Import throughput at ``synth --scale N`` (default 100): rows/s and relationships/s through the real
importer, against the raw floor measured in the same run (plain ``UNWIND … CREATE`` through the driver
for the same nodes and relationships), and the importer's peak memory (in its own process).

    .venv/bin/python bench/import_throughput.py --scale 100

Targets (issue 3): ≥ 20,000 relationships/s on the 2-core machine and ≥ 0.5× the raw floor.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, disposable_graph, save

from maillage.importers.synthetic import generate

MEASURE_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.importers import import_paths
graph = Graph.from_settings(load_settings())
start = time.perf_counter()
report = import_paths(graph, [Path(sys.argv[1])])
elapsed = time.perf_counter() - start
totals = {"nodes": sum(c.created for c in report.nodes.values()),
          "relations": sum(c.created for c in report.relations.values())}
print(json.dumps({"seconds": elapsed, "rows": report.rows, **totals,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def raw_floor(graph, nodes: list[dict], relations: list[dict]) -> float:  # type: ignore[no-untyped-def]
    """Seconds to write the same nodes and relationships with plain UNWIND … CREATE, in one transaction."""
    graph.write("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
    start = time.perf_counter()

    def work(tx):  # type: ignore[no-untyped-def]
        for i in range(0, len(nodes), 5000):
            tx.run("UNWIND $rows AS r CREATE (n:Entity:Raw) SET n = r", rows=nodes[i : i + 5000]).consume()
        for i in range(0, len(relations), 5000):
            tx.run(
                "UNWIND $rows AS r MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to}) CREATE (a)-[:RAW]->(b)",
                rows=relations[i : i + 5000],
            ).consume()

    graph.execute(work, write=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, disposable_graph() as (graph, env):
        [path] = generate(
            sorted((REPO / "data" / "reference").glob("*.yaml")), scale=args.scale, seed=1, output=Path(folder)
        )
        done = subprocess.run(
            [sys.executable, "-c", MEASURE_IMPORT, str(path)],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        measured = json.loads(done.stdout.strip().splitlines()[-1])
        counts = graph.read(
            "MATCH (n:Entity) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relations"
        )[0]
        node_rows = [{"id": f"raw-{i}"} for i in range(counts["nodes"])]
        rel_rows = [
            {"from": f"raw-{i % counts['nodes']}", "to": f"raw-{(i * 7 + 1) % counts['nodes']}"}
            for i in range(counts["relations"])
        ]
        floor_seconds = raw_floor(graph, node_rows, rel_rows)
    seconds = measured["seconds"]
    results = {
        "scale": args.scale,
        "rows": measured["rows"],
        "nodes": counts["nodes"],
        "relationships": counts["relations"],
        "import_seconds": round(seconds, 2),
        "rows_per_s": round(measured["rows"] / seconds),
        "relationships_per_s": round(counts["relations"] / seconds),
        "elements_per_s": round((counts["nodes"] + counts["relations"]) / seconds),
        "raw_floor_seconds": round(floor_seconds, 2),
        "raw_floor_elements_per_s": round((counts["nodes"] + counts["relations"]) / floor_seconds),
        "ratio_to_raw_floor": round(floor_seconds / seconds, 2),
        "importer_peak_rss_mib": round(measured["peak_rss_mib"]),
    }
    markdown = "\n".join(["| mesure | valeur |", "|---|---|", *(f"| {k} | {v} |" for k, v in results.items())])
    save("import_throughput", f"python bench/import_throughput.py --scale {args.scale}", results, markdown)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
