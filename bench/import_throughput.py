"""Import throughput at ``synth --scale N`` (default 100): the real importer (``import_paths``, default
settings: the bulk first-load path into the empty graph) against a floor that does the same work, measured in the
same run on the same server.

The floor writes, from rows prepared beforehand (no reading, no validation, no JSON to build), by plain
``UNWIND … CREATE`` through the driver, in batches of the importer's size, one transaction per batch, with the
constraints and indexes of the schema in place:

* the same nodes (same labels and properties) and relationships (same types and properties);
* the same history: since issue 19 an import keeps one ``AuditEntry`` per element it creates (operation
  ``import``, actor, role, time, target, ``after`` JSON, import id, file, row, a relationship's ends), so writing
  them is part of the import's work; the floor writes the same entries (same properties, same ids) by a second
  plain ``UNWIND … CREATE`` in each batch's transaction. ``ratio_to_floor`` is measured against this floor.

The floor without the history (elements only) is measured too, in the same run, and its ratio kept as
``ratio_to_floor_without_history``: what history costs, and the figure the target was first stated against.

Neo4j's JVM takes long to warm up, and the machine is shared: one cold measurement says more about the order
of the runs than about the importer (the same write queries took 18 s, then 4 s, then 1.2 s on one server). So
the server is warmed first (an import and both floors of ``synth --scale 1``, then wiped), then ``--rounds``
rounds (default 3) each run the import, the floor and the floor without history one after the other, each into
the emptied graph (same counts checked), and each side keeps its fastest round (every round's time is kept
too). The ratios compare the fastest rounds.

Also kept: the importer's peak memory (RSS of its own process), the Neo4j server's peak memory (VmHWM) and
its heap and page-cache settings (the managed server's defaults unless ``--heap``/``--page-cache``), and the
machine's load average (other agents may be running).

    .venv/bin/python bench/import_throughput.py --scale 5
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
from maillage.queries.curation import audit_json, relation_target

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
FLOOR_AUDIT = "UNWIND $rows AS r CREATE (a:AuditEntry) SET a = r, a.at = datetime()"
COUNTS = (
    "MATCH (n:Entity) WITH count(n) AS nodes "
    "OPTIONAL MATCH (:Entity)-[r]->(:Entity) WITH nodes, count(r) AS relations "
    "OPTIONAL MATCH (a:AuditEntry) RETURN nodes, relations, count(a) AS entries"
)
WIPE = "MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
RUN_ID = "0" * 32
"""The floor's import id (any 32 hex digits: the importer's are uuid4().hex)."""

Batch = tuple[list[dict[str, Any]], list[dict[str, Any]]]
"""A batch's elements and their audit entries."""


def _entries(
    kind: str, rows: list[dict[str, Any]], places: list[tuple[str, int | None]], first: int
) -> list[dict[str, Any]]:
    """The audit entries the importer keeps for ``rows`` (created elements), numbered from ``first``."""
    entries = []
    for number, (row, (file, line)) in enumerate(zip(rows, places, strict=True), start=first):
        stored = {k: v for k, v in row["props"].items() if v is not None and not k.startswith("_")}
        entry: dict[str, Any] = {
            "id": f"{RUN_ID}-{number:010d}",
            "actor": "bench",
            "role": "cli",
            "operation": "import",
            "importRun": RUN_ID,
            "file": file,
        }
        if line is not None:
            entry["row"] = line
        if kind == "nodes":
            entry |= {"target": row["id"], "after": audit_json({**stored, "id": row["id"]})}
        else:
            target = relation_target(row["type"], row["from"], row["to"])
            entry |= {"target": target, "after": audit_json(stored), "from": row["from"], "to": row["to"]}
        entries.append(entry)
    return entries


def _element_batches(writer: Writer, spool: RowSpool, kind: str) -> Iterator[tuple[list[Any], list[Any]]]:
    """The nodes (or relationships) the import writes and their places, in batches of the bulk size."""
    batch: list[dict[str, Any]] = []
    places: list[tuple[str, int | None]] = []
    for place, node, relations in writer._kept(spool):
        written = ([node] if node else []) if kind == "nodes" else relations
        batch.extend(written)
        places.extend([place] * len(written))
        if len(batch) >= BULK_BATCH:
            yield batch, places
            batch, places = [], []
    if batch:
        yield batch, places


def prepared_rows(path: Path) -> tuple[Path, Path]:
    """The nodes and relationships the import writes, with their audit entries, pickled in batches of the
    importer's bulk size (prepared untimed)."""
    import pickle

    index, spool = Index(), RowSpool()
    try:
        _read_and_check([path], index, _Problems(), None, spool)
        writer = Writer(None, "", index, None, None, Mode.BULK)  # type: ignore[arg-type]  # only its _kept()
        files = []
        numbered = 1
        for kind in ("nodes", "relations"):
            out = Path(tempfile.mkstemp(prefix=f"floor-{kind}-")[1])
            with out.open("wb") as sink:
                for batch, places in _element_batches(writer, spool, kind):
                    pickle.dump((batch, _entries(kind, batch, places, numbered)), sink)
                    numbered += len(batch)
            files.append(out)
        return files[0], files[1]
    finally:
        spool.close()
        index.close()


def _batches(path: Path) -> Iterator[Batch]:
    import pickle

    with path.open("rb") as source:
        while True:
            try:
                yield pickle.load(source)
            except EOFError:
                return


def _write_batch(tx: Any, *, query: str, rows: list[dict[str, Any]], entries: list[dict[str, Any]] | None) -> None:
    tx.run(query, rows=rows).consume()
    if entries is not None:
        tx.run(FLOOR_AUDIT, rows=entries).consume()


def floor(graph: Graph, nodes: Path, relations: Path, *, history: bool) -> float:
    """Seconds to write the same nodes and relationships (and, with ``history``, their audit entries) with plain
    UNWIND … CREATE, a transaction per batch."""
    start = time.perf_counter()
    for query, path in ((FLOOR_NODES, nodes), (FLOOR_RELATIONS, relations)):
        for rows, entries in _batches(path):
            work = partial(_write_batch, query=query, rows=rows, entries=entries if history else None)
            graph.execute(work, write=True)
    return time.perf_counter() - start


def measured_import(path: Path, env: dict[str, str]) -> dict[str, Any]:
    """Import ``path`` with the real importer, in a process of its own (as ``maillage import`` runs)."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE_IMPORT, str(path)],
        env={**os.environ, **env, "MAILLAGE_TX_TIMEOUT": "3600"},  # as `maillage import` does
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"the import failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def floors(graph: Graph, path: Path) -> tuple[float, dict[str, int], float, dict[str, int]]:
    """Wipe, the floor with history, its counts, wipe, the floor without history, its counts."""
    nodes_file, relations_file = prepared_rows(path)
    try:
        graph.auto_commit(WIPE, timeout=graph.tx_timeout)
        with_history = floor(graph, nodes_file, relations_file, history=True)
        with_counts = graph.read(COUNTS)[0]
        graph.auto_commit(WIPE, timeout=graph.tx_timeout)
        without_history = floor(graph, nodes_file, relations_file, history=False)
        without_counts = graph.read(COUNTS)[0]
    finally:
        nodes_file.unlink()
        relations_file.unlink()
    return with_history, with_counts, without_history, without_counts


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
    parser.add_argument("--rounds", type=int, default=3, help="import and floors this many times; fastest kept")
    parser.add_argument("--note", default="aucune", help="ce qui tournait d'autre sur la machine pendant la mesure")
    defaults = load_settings({})
    parser.add_argument("--heap", default=defaults.heap, help="Neo4j heap (default: the managed server's)")
    parser.add_argument("--page-cache", default=defaults.page_cache, help="Neo4j page cache (default: managed)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    imports: list[dict[str, Any]] = []
    floor_times: list[float] = []
    bare_times: list[float] = []
    with tempfile.TemporaryDirectory() as folder, stoppable_graph(args.heap, args.page_cache) as (config, graph, env):
        graph.tx_timeout = 3600.0  # the wipes and the floor's batches, on a loaded machine
        references = sorted((REPO / "data" / "reference").glob("*.yaml"))
        [warm] = generate(references, scale=1, seed=1, output=Path(folder) / "warm")
        measured_import(warm, env)
        floors(graph, warm)
        [path] = generate(references, scale=args.scale, seed=1, output=Path(folder))
        for round_ in range(args.rounds):
            graph.auto_commit(WIPE, timeout=graph.tx_timeout)
            imports.append(measured_import(path, env))
            neo4j_peak_import = server_peak_mib(config)
            print(f"round {round_ + 1}: import {imports[-1]['seconds']:.2f} s", flush=True)  # kept if a floor fails
            counts = graph.read(COUNTS)[0]
            floor_seconds, floor_counts, bare_seconds, bare_counts = floors(graph, path)
            assert floor_counts == counts, f"the floor wrote {floor_counts}, the import {counts}"
            assert bare_counts == {**counts, "entries": 0}, f"the floor without history wrote {bare_counts}"
            floor_times.append(floor_seconds)
            bare_times.append(bare_seconds)
            print(
                f"round {round_ + 1}: import {imports[-1]['seconds']:.2f} s, floor {floor_seconds:.2f} s, "
                f"floor without history {bare_seconds:.2f} s",
                flush=True,
            )
    measured = min(imports, key=lambda m: float(m["seconds"]))
    floor_seconds, bare_seconds = min(floor_times), min(bare_times)
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
        "audit_entries": counts["entries"],
        "floor_seconds": round(floor_seconds, 2),
        "floor_elements_per_s": round(elements / floor_seconds),
        "ratio_to_floor": round(floor_seconds / seconds, 2),
        "floor_without_history_seconds": round(bare_seconds, 2),
        "ratio_to_floor_without_history": round(bare_seconds / seconds, 2),
        "rounds": args.rounds,
        "import_seconds_per_round": [round(m["seconds"], 2) for m in imports],
        "floor_seconds_per_round": [round(t, 2) for t in floor_times],
        "floor_without_history_seconds_per_round": [round(t, 2) for t in bare_times],
        "importer_peak_rss_mib": round(max(m["peak_rss_mib"] for m in imports)),
        "neo4j_peak_rss_mib_after_import": neo4j_peak_import,
        "neo4j_heap": args.heap,
        "neo4j_page_cache": args.page_cache,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "note": args.note,
    }
    markdown = "\n".join(["| mesure | valeur |", "|---|---|", *(f"| {k} | {v} |" for k, v in results.items())])
    save(
        f"import_throughput_scale{args.scale}",
        f"python bench/import_throughput.py --scale {args.scale} --rounds {args.rounds}",
        results,
        markdown,
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
