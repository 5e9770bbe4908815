"""Latency of the diagonal, tracing and gap queries: p50 and p95 after warm-up, on the configured database.

Run it on the reference dataset (``maillage import data/reference``) and on a synthetic graph
(``maillage synth --scale 100``)::

    .venv/bin/python bench/query_latency_diagonal.py --runs 50 --warmup 5

The database comes from the usual settings (NEO4J_URI… or the managed server). Ids are taken from the
graph itself through the queries under test (bodies and holders from the registry, recommendations
from the memoranda, CRIs and themes from the options, with the reference ids as defaults), so the same
script runs on any dataset. Each case is run with rotating ids; single-organisation cases should stay
under 50 ms at p95 at scale 100.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from maillage.graph.connection import Graph
from maillage.graph.errors import NotFound
from maillage.graph.settings import load_settings
from maillage.queries import diagonal, gaps, tracing


@dataclass(frozen=True)
class Timing:
    """Latency of one case, in milliseconds."""

    case: str
    runs: int
    p50: float
    p95: float
    max: float


def measure(case: str, call: Callable[[], Any], *, runs: int, warmup: int) -> Timing:
    """Run ``call`` ``warmup`` times unmeasured, then ``runs`` times, and summarise the wall-clock times."""
    for _ in range(warmup):
        call()
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return Timing(case, runs, round(statistics.median(times), 2), round(p95, 2), round(times[-1], 2))


def _rotating(ids: Sequence[str], fallback: str) -> Iterator[str]:
    return itertools.cycle(list(ids) or [fallback])


def cases(graph: Graph, *, source: str, cri: str, theme: str, year: int | None) -> list[tuple[str, Callable[[], Any]]]:
    """The cases to time, with ids found in the graph."""
    registry = diagonal.seats_by_body(graph)
    bodies = _rotating([b.body.id for b in registry], "observatoire")
    holders = _rotating(sorted({s.holder.id for b in registry for s in b.seats}), source)
    recommendations = [r.id for m in tracing.memoranda(graph) for r in tracing.recommendations_of(graph, m.id)]
    addressees = sorted(
        {a.id for m in tracing.memoranda(graph) for r in tracing.recommendations_of(graph, m.id) for a in r.addressees}
        - {source}
    )
    targets = _rotating(addressees, source)
    recs = _rotating(recommendations, "")
    if year is None:
        years = gaps.referral_years(graph, cri)
        year = years[0] if years else 2023
    found: list[tuple[str, Callable[[], Any]]] = [
        ("diagonal.seats_by_body (all bodies)", lambda: diagonal.seats_by_body(graph)),
        ("diagonal.seats_by_body (one body)", lambda: diagonal.seats_by_body(graph, body_id=next(bodies))),
        ("diagonal.seats_by_body (one holder)", lambda: diagonal.seats_by_body(graph, holder_id=next(holders))),
        ("diagonal.expiring_mandates (90 days)", lambda: diagonal.expiring_mandates(graph, within_days=90)),
        ("diagonal.bodies_without_sector_seat", lambda: diagonal.bodies_without_sector_seat(graph)),
        ("diagonal.seats_per_person (>= 2)", lambda: diagonal.seats_per_person(graph)),
        ("diagonal.seats_per_organisation (>= 2)", lambda: diagonal.seats_per_organisation(graph)),
        ("gaps.silent_communes (one CRI)", lambda: gaps.silent_communes(graph, cri, year)),
        ("gaps.cpas_without_cri_link (all)", lambda: gaps.cpas_without_cri_link(graph)),
        ("gaps.cpas_without_cri_link (one CRI)", lambda: gaps.cpas_without_cri_link(graph, cri_id=cri)),
        ("gaps.territories_without_operator (communes)", lambda: gaps.territories_without_operator(graph, theme)),
        ("tracing.memoranda", lambda: tracing.memoranda(graph)),
    ]
    if addressees:
        found += [
            ("diagonal.access_paths (k=3)", lambda: diagonal.access_paths(graph, next(targets), source_id=source)),
            (
                "diagonal.access_paths (k=10)",
                lambda: diagonal.access_paths(graph, next(targets), source_id=source, k=10),
            ),
        ]
    if recommendations:
        found += [
            ("tracing.trace_recommendation (k=3)", lambda: tracing.trace_recommendation(graph, next(recs))),
            ("tracing.carriers", lambda: tracing.carriers(graph, next(recs))),
            ("tracing.status_timeline", lambda: tracing.status_timeline(graph, next(recs))),
        ]
    return found


def main(argv: Sequence[str] | None = None) -> None:
    """Time every case and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--source", default=diagonal.DEFAULT_ORIGIN, help="origine des chemins d'accès")
    parser.add_argument("--cri", default="cai", help="CRI des communes silencieuses")
    parser.add_argument("--theme", default="fle", help="thème des territoires sans opérateur")
    parser.add_argument("--year", type=int, default=None, help="année des orientations (défaut : la dernière)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    graph = Graph.from_settings(load_settings())
    try:
        timings = []
        for case, call in cases(graph, source=args.source, cri=args.cri, theme=args.theme, year=args.year):
            try:
                timings.append(measure(case, call, runs=args.runs, warmup=args.warmup))
            except NotFound as exc:
                print(f"{case}: ignoré ({exc})")
    finally:
        graph.close()
    if args.json:
        print(json.dumps([asdict(t) for t in timings], indent=2))
        return
    width = max(len(t.case) for t in timings)
    print(f"{'requête':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'max ms':>8}")
    for t in timings:
        print(f"{t.case:<{width}}  {t.p50:>8.1f}  {t.p95:>8.1f}  {t.max:>8.1f}")


if __name__ == "__main__":
    main()
