"""The partner-suggestion index on a graph already in the database: its build time and memory, its answers
checked equal to the query's for many targets, and both paths timed::

    NEO4J_URI=bolt://localhost:7791 ... .venv/bin/python bench/suggestion_index.py \\
        --label 'synth --scale 1000' --targets 'syn1-' --sample 150 --name suggestion_index_1000

Read only (nothing written). Targets: every organisation and platform whose id starts with ``--targets``,
plus ``--sample`` others drawn at random (seed 15). For each, ``partner_suggestions`` with the index and
without (the query) must give the same suggestions, field by field (organisations, order, factor values,
scores, explanations), or the same error. Results go to bench/results/<name>.{json,md}.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from common import save

from maillage.analysis.suggestions import wait_for_suggestion_index
from maillage.graph.connection import Graph
from maillage.graph.errors import MaillageError
from maillage.graph.settings import load_settings
from maillage.queries.horizontal import partner_suggestions
from maillage.queries.results import today
from maillage.queries.suggestion_index import SuggestionIndex, build


def rss_mib() -> float:
    """This process's resident memory now, in MiB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def footprint(index: SuggestionIndex) -> float:
    """MiB the index holds, counted object by object (strings shared with other objects counted once)."""
    seen: set[int] = set()

    def size(value: object) -> int:
        if id(value) in seen:
            return 0
        seen.add(id(value))
        total = value.nbytes + 112 if isinstance(value, np.ndarray) else sys.getsizeof(value)
        if isinstance(value, dict):
            total += sum(size(k) + size(v) for k, v in value.items())
        elif isinstance(value, (list, tuple)):
            total += sum(size(v) for v in value)
        return total

    return sum(size(getattr(index, f.name)) for f in dataclasses.fields(index)) / 2**20


def answer(graph: Graph, target: str, **options: Any) -> tuple[float, list[dict[str, Any]] | str]:
    """Milliseconds and the suggestions as plain data (or the error)."""
    started = time.perf_counter()
    try:
        found: list[dict[str, Any]] | str = [s.model_dump() for s in partner_suggestions(graph, target, **options)]
    except MaillageError as exc:
        found = f"{type(exc).__name__}: {exc}"
    return (time.perf_counter() - started) * 1000, found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="what the database holds (e.g. 'synth --scale 1000')")
    parser.add_argument("--targets", default="syn1-", help="id prefix of the targets checked whole")
    parser.add_argument("--sample", type=int, default=150, help="other targets drawn at random")
    parser.add_argument("--name", default="suggestion_index", help="results file name in bench/results/")
    args = parser.parse_args(argv)
    graph = Graph.from_settings(load_settings({**os.environ, "MAILLAGE_TX_TIMEOUT": "600"}))
    load_before = os.getloadavg()
    try:
        day = today()
        gc.collect()
        rss_before, peak_before = rss_mib(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        index = build(graph, day)
        build_s = time.perf_counter() - started
        gc.collect()
        rss_after, peak_after = rss_mib(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert index is not None, "le graphe a changé pendant la construction"
        held = footprint(index)
        print(f"index : {len(index)} organisations, {build_s:.1f} s, RSS +{rss_after - rss_before:.1f} MiB", flush=True)
        kept = wait_for_suggestion_index(graph)  # the API's way (background build): the same content
        assert kept is not None and kept.ids == index.ids
        rows = graph.read("MATCH (n:Organisation|Platform) RETURN n.id AS id ORDER BY id")
        everyone = [row["id"] for row in rows]
        chosen = [t for t in everyone if t.startswith(args.targets)]
        others = [t for t in everyone if not t.startswith(args.targets)]
        chosen += random.Random(15).sample(others, min(args.sample, len(others)))
        equal, different, suggested = 0, [], 0
        indexed_ms: list[float] = []
        query_ms: list[float] = []
        for number, target in enumerate(chosen, start=1):
            fast, found = answer(graph, target, index=index)
            slow, expected = answer(graph, target)
            if found == expected:
                equal += 1
            else:
                different.append(target)
            if isinstance(expected, list):
                suggested += len(expected)
                indexed_ms.append(fast)
                query_ms.append(slow)
            if number % 50 == 0:
                print(f"{number}/{len(chosen)} cibles, {len(different)} différences", flush=True)
    finally:
        graph.close()
    load_after = os.getloadavg()

    def summary(times: list[float]) -> dict[str, float]:
        ordered = sorted(times)
        return {
            "p50": round(statistics.median(ordered), 1),
            "p95": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
            "max": round(ordered[-1], 1),
        }

    results = {
        "label": args.label,
        "organisations": len(index),
        "build_s": round(build_s, 2),
        "rss_delta_mib": round(rss_after - rss_before, 1),
        "peak_rss_delta_mib": round(peak_after - peak_before, 1),
        "held_mib": round(held, 1),
        "targets": len(chosen),
        "with_suggestions": len(indexed_ms),
        "suggestions": suggested,
        "equal": equal,
        "different": different,
        "indexed_ms": summary(indexed_ms),
        "query_ms": summary(query_ms),
        "load": {"before": load_before, "after": load_after},
    }
    fast, slow = results["indexed_ms"], results["query_ms"]
    markdown = "\n".join(
        [
            f"### {args.label}",
            "",
            f"Charge de la machine (1/5/15 min) : avant {tuple(round(x, 1) for x in load_before)}, après "
            f"{tuple(round(x, 1) for x in load_after)}.",
            "",
            f"- Index : {len(index)} organisations (celles qui travaillent sur un thème), construit en "
            f"{build_s:.1f} s ; mémoire résidente +{rss_after - rss_before:.1f} MiB après construction "
            f"(pic +{peak_after - peak_before:.1f} MiB ; objets de l'index comptés un à un : {held:.1f} MiB).",
            f"- Réponses comparées (index contre requête, champ par champ) : {len(chosen)} cibles "
            f"({len(indexed_ms)} avec des suggestions, {suggested} suggestions) ; égales : {equal} ; "
            f"différentes : {len(different)} {different[:10] if different else ''}",
            f"- Par cible, avec l'index : p50 {fast['p50']} ms, p95 {fast['p95']} ms ;"
            f" par la requête : p50 {slow['p50']} ms, p95 {slow['p95']} ms.",
            "",
        ]
    )
    print(markdown)
    command = (
        f"python bench/suggestion_index.py --label {args.label!r} --targets {args.targets!r} "
        f"--sample {args.sample} --name {args.name}"
    )
    save(args.name, command, results, markdown)


if __name__ == "__main__":
    main()
