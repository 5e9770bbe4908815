"""Check that two versions of the code trace every recommendation alike (issue 15: faster traces, same answers).

Run once with the old code to dump every trace of the graph in the database of the environment's NEO4J_URI
(read only), then with the new code to compare against that dump::

    PYTHONPATH=/path/to/old/checkout python bench/trace_equality.py --dump old.jsonl
    python bench/trace_equality.py --against old.jsonl --report compared.jsonl

A trace is *identical* (the whole answer, relationships and properties included) or has the *same nodes*
(the node ids along each path in order, the contract tests/test_reference_answers.py pins: paths through the
same nodes by other relationships are the database's choice in the straightforward search) or is *different*.
Both runs use the same reference date (``--as-of``, default today) and resume where they stopped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.queries import tracing


def node_sequences(trace: dict[str, Any]) -> dict[str, Any]:
    """The trace with each path as the ids of its nodes."""
    return {
        **{key: value for key, value in trace.items() if key != "addressees"},
        "addressees": [
            (a["addressee"], a["is_source"], [[node["id"] for node in path["nodes"]] for path in a["paths"]])
            for a in trace["addressees"]
        ],
    }


def verdict(old: dict[str, Any], new: dict[str, Any]) -> str:
    if old == new:
        return "identical"
    return "same nodes" if node_sequences(old) == node_sequences(new) else "DIFFERENT"


def _done(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {json.loads(line)["rec"] for line in path.read_text(encoding="utf-8").splitlines() if line}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", type=Path, help="write every trace of this code to this file (JSON lines)")
    parser.add_argument("--against", type=Path, help="compare this code's traces with this dump")
    parser.add_argument("--report", type=Path, help="with --against: the verdict of each trace (JSON lines)")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    graph = Graph.from_settings(load_settings(dict(os.environ)))
    try:
        if args.dump:
            done = _done(args.dump)
            ids = [row["id"] for row in graph.read("MATCH (r:Recommendation) RETURN r.id AS id ORDER BY id")]
            with args.dump.open("a", encoding="utf-8") as out:
                for rec in ids:
                    if rec not in done:
                        started = time.perf_counter()
                        trace = tracing.trace_recommendation(graph, rec, as_of=args.as_of).model_dump(mode="json")
                        ms = round((time.perf_counter() - started) * 1000, 1)
                        out.write(json.dumps({"rec": rec, "ms": ms, "trace": trace}) + "\n")
        if args.against:
            report = args.report or args.against.with_suffix(".compared.jsonl")
            done = _done(report)
            with report.open("a", encoding="utf-8") as out:
                for line in args.against.read_text(encoding="utf-8").splitlines():
                    old = json.loads(line)
                    if old["rec"] in done:
                        continue
                    started = time.perf_counter()
                    new = tracing.trace_recommendation(graph, old["rec"], as_of=args.as_of).model_dump(mode="json")
                    ms = round((time.perf_counter() - started) * 1000, 1)
                    found = {"rec": old["rec"], "verdict": verdict(old["trace"], new), "ms": ms, "old_ms": old["ms"]}
                    out.write(json.dumps(found) + "\n")
            counts = Counter(json.loads(line)["verdict"] for line in report.read_text(encoding="utf-8").splitlines())
            print(", ".join(f"{name}: {count}" for name, count in sorted(counts.items())))
    finally:
        graph.close()


if __name__ == "__main__":
    main()
