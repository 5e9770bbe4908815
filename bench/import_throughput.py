"""Import throughput at ``synth --scale N`` (default 100): the real importer (``import_paths``, default
settings: the bulk first-load path into the empty graph) against a floor that does the same work, measured in the
same run on the same server: the same nodes (same labels and properties) and relationships (same types and
properties), written by plain ``UNWIND … CREATE`` through the driver in batches of their own transactions, with
the constraints and indexes of the schema in place, from rows prepared beforehand (no reading, no validation).

Also kept: the importer's peak memory (RSS of its own process), the Neo4j server's peak memory (VmHWM) and
its heap and page-cache settings (the managed server's defaults unless ``--heap``/``--page-cache``), and the
machine's load average (other agents may be running).

    .venv/bin/python bench/import_throughput.py --scale 100
    .venv/bin/python bench/import_throughput.py --scale 1000

Target (issue 15): ≥ 0.5× the floor; ``--scale 1000`` imports with default settings.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from common import REPO, save, stoppable_graph

from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.importers.index import Index
from maillage.importers.pipeline import _Problems, _read_and_check
from maillage.importers.synthetic import generate
from maillage.importers.writing import BULK_BATCH, Mode, RowSpool, Writer

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
FLOOR_NODES = "UNWIND $rows AS r CREATE (n:Entity:$(r.label) {id: r.id}) SET n += r.props"
FLOOR_RELATIONS = (
    "UNWIND $rows AS r MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to}) "
    "CREATE (a)-[x:$(r.type)]->(b) SET x = r.props"
)


def prepared_rows(path: Path) -> tuple[Path, Path]:
    """The nodes and relationships the import writes, as write rows pickled in batches (prepared untimed)."""
    import pickle

    index, spool = Index(), RowSpool()
    try:
        _read_and_check([path], index, _Problems(), None, spool)
        writer = Writer(None, "", index, None, None, Mode.BULK)  # type: ignore[arg-type]  # only its _kept()
        files = []
        for kind in ("nodes", "relations"):
            out = Path(tempfile.mkstemp(prefix=f"floor-{kind}-")[1])
            with out.open("wb") as sink:
                batch: list[dict[str, Any]] = []
                for _, node, relations in writer._kept(spool):
                    batch.extend(([node] if node else []) if kind == "nodes" else relations)
                    if len(batch) >= BULK_BATCH:
                        pickle.dump(batch, sink)
                        batch = []
                if batch:
                    pickle.dump(batch, sink)
            files.append(out)
        return files[0], files[1]
    finally:
        spool.close()
        index.close()


def _batches(path: Path) -> Iterator[list[dict[str, Any]]]:
    import pickle

    with path.open("rb") as source:
        while True:
            try:
                yield pickle.load(source)
            except EOFError:
                return


def _write_batch(tx: Any, *, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()


def floor(graph: Graph, nodes: Path, relations: Path) -> float:
    """Seconds to write the same nodes and relationships with plain UNWIND … CREATE, a transaction per batch."""
    start = time.perf_counter()
    for query, path in ((FLOOR_NODES, nodes), (FLOOR_RELATIONS, relations)):
        for rows in _batches(path):
            graph.execute(partial(_write_batch, query=query, rows=rows), write=True)
    return time.perf_counter() - start


def server_peak_mib(config: server.ServerConfig) -> float | None:
    """The Neo4j server's peak resident memory so far (VmHWM), in MiB."""
    try:
        pid = int((config.home / server.PID_FILE).read_text().strip())
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except (OSError, ValueError):
        pass
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100)
    defaults = load_settings({})
    parser.add_argument("--heap", default=defaults.heap, help="Neo4j heap (default: the managed server's)")
    parser.add_argument("--page-cache", default=defaults.page_cache, help="Neo4j page cache (default: managed)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder, stoppable_graph(args.heap, args.page_cache) as (config, graph, env):
        [path] = generate(
            sorted((REPO / "data" / "reference").glob("*.yaml")), scale=args.scale, seed=1, output=Path(folder)
        )
        done = subprocess.run(
            [sys.executable, "-c", MEASURE_IMPORT, str(path)],
            env={**os.environ, **env, "MAILLAGE_TX_TIMEOUT": "3600"},  # as `maillage import` does
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"the import failed:\n{done.stderr}")
        measured = json.loads(done.stdout.strip().splitlines()[-1])
        print("import:", json.dumps(measured), flush=True)
        graph.tx_timeout = 3600.0  # the wipe and the floor's batches, on a loaded machine
        neo4j_peak_import = server_peak_mib(config)
        counts = graph.read(
            "MATCH (n:Entity) WITH count(n) AS nodes MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS relations"
        )[0]
        nodes_file, relations_file = prepared_rows(path)
        try:
            graph.auto_commit("MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS")
            floor_seconds = floor(graph, nodes_file, relations_file)
        finally:
            nodes_file.unlink()
            relations_file.unlink()
        floor_counts = graph.read(
            "MATCH (n:Entity) WITH count(n) AS nodes MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS relations"
        )[0]
    assert floor_counts == counts, f"the floor wrote {floor_counts}, the import {counts}"
    seconds = measured["seconds"]
    elements = counts["nodes"] + counts["relations"]
    results = {
        "scale": args.scale,
        "rows": measured["rows"],
        "nodes": counts["nodes"],
        "relationships": counts["relations"],
        "import_seconds": round(seconds, 2),
        "rows_per_s": round(measured["rows"] / seconds),
        "relationships_per_s": round(counts["relations"] / seconds),
        "elements_per_s": round(elements / seconds),
        "floor_seconds": round(floor_seconds, 2),
        "floor_elements_per_s": round(elements / floor_seconds),
        "ratio_to_floor": round(floor_seconds / seconds, 2),
        "importer_peak_rss_mib": round(measured["peak_rss_mib"]),
        "neo4j_peak_rss_mib_after_import": neo4j_peak_import,
        "neo4j_heap": args.heap,
        "neo4j_page_cache": args.page_cache,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "note": "measured while other agents were running on the same 2-core machine",
    }
    markdown = "\n".join(["| mesure | valeur |", "|---|---|", *(f"| {k} | {v} |" for k, v in results.items())])
    save(
        f"import_throughput_scale{args.scale}",
        f"python bench/import_throughput.py --scale {args.scale}",
        results,
        markdown,
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
