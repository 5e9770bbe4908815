"""Latency of every query of the triple mesh: p50 and p95 after warm-up, on the reference dataset and on
``synth --scale 100``, each loaded into a disposable Neo4j started by the script::

    .venv/bin/python bench/query_latency.py --runs 50 --scales 1 100

Results go to bench/results/query_latency.{json,md}. ``--existing`` times the graph already in the database
named by NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD instead (no server started, nothing imported or
deleted), e.g. a kept ``synth --scale 300`` (``--existing "synth --scale 300" --prefix syn1-``).

Ids are taken from the graph itself through the
queries under test (bodies and holders from the registry, recommendations
from the memoranda, CRIs and themes from the options, with the reference ids as defaults), so the same
script runs on any dataset. Each case is run with rotating ids; single-organisation cases should stay
under 50 ms at p95 at scale 100.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from common import REPO, disposable_graph, save

from maillage.analysis.suggestions import wait_for_suggestion_index
from maillage.graph.connection import Graph
from maillage.graph.errors import NotFound
from maillage.graph.model import Label
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import Layer
from maillage.importers import import_paths
from maillage.importers.synthetic import generate
from maillage.queries import diagonal, entities, gaps, horizontal, network, search, tracing, vertical

REFERENCE = sorted((REPO / "data" / "reference").glob("*.yaml"))


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


def _cursor_after_pages(page: Callable[[str | None], list[Any]], pages: int) -> str | None:
    """The cursor after ``pages`` pages of a paged list (the last one reached when the list is shorter)."""
    after = None
    for _ in range(pages):
        items = page(after)
        if not items:
            break
        after = items[-1].cursor
    return after


def entity_pages(graph: Graph) -> list[tuple[str, Callable[[], Any]]]:
    """One case per access pattern of the entity lists (first pages of 100, and a page 20 pages in)."""
    org = Label.ORGANISATION

    def page(filters: entities.EntityFilter | None = None, **options: Any) -> Callable[[], Any]:
        return lambda: entities.list_entities(graph, org, filters, first=100, **options)

    deep = None
    for _ in range(20):
        listed = entities.list_entities(graph, org, first=100, after=deep)
        if not listed.has_next_page:
            break
        deep = listed.end_cursor
    return [
        ("entities.organisations (first 100 by name)", page()),
        ("entities.organisations (100 by name, 20 pages in)", page(after=deep)),
        ("entities.organisations (first 100 by name, descending)", page(descending=True)),
        ("entities.organisations (first 100 by id)", page(sort_key="id")),
        ("entities.organisations (kind: association, first 100)", page(entities.EntityFilter(kinds=["association"]))),
        ("entities.organisations (kinds: cri, cpas, first 100)", page(entities.EntityFilter(kinds=["cri", "cpas"]))),
        ("entities.organisations (ring 1 sectors, first 100)", page(entities.EntityFilter(sectors=["integration"]))),
        (
            "entities.organisations (territory: province, first 100)",
            page(entities.EntityFilter(territory="prov-namur")),
        ),
        ("entities.organisations (theme: fle, first 100)", page(entities.EntityFilter(theme="fle"))),
        ("entities.organisations (text: « centre », first 100)", page(entities.EntityFilter(text="centre"))),
        ("entities.themes (first 100)", lambda: entities.list_entities(graph, Label.THEME, first=100)),
    ]


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
    cpas_cursor = _cursor_after_pages(lambda after: gaps.cpas_without_cri_link(graph, after=after), 10)
    bridge_cursor = _cursor_after_pages(lambda after: horizontal.sector_bridges(graph, after=after), 5)
    found: list[tuple[str, Callable[[], Any]]] = [
        ("diagonal.seats_by_body (all bodies)", lambda: diagonal.seats_by_body(graph)),
        ("diagonal.seats_by_body (one body)", lambda: diagonal.seats_by_body(graph, body_id=next(bodies))),
        ("diagonal.seats_by_body (one holder)", lambda: diagonal.seats_by_body(graph, holder_id=next(holders))),
        ("diagonal.expiring_mandates (90 days)", lambda: diagonal.expiring_mandates(graph, within_days=90)),
        ("diagonal.bodies_without_sector_seat", lambda: diagonal.bodies_without_sector_seat(graph)),
        ("diagonal.seats_per_person (>= 2)", lambda: diagonal.seats_per_person(graph)),
        ("diagonal.seats_per_organisation (>= 2)", lambda: diagonal.seats_per_organisation(graph)),
        ("gaps.silent_communes (one CRI)", lambda: gaps.silent_communes(graph, cri, year)),
        ("gaps.cpas_without_cri_link (first page of 100)", lambda: gaps.cpas_without_cri_link(graph)),
        (
            "gaps.cpas_without_cri_link (page of 100 after 10 pages)",
            lambda: gaps.cpas_without_cri_link(graph, after=cpas_cursor),
        ),
        ("gaps.cpas_without_cri_link (one CRI)", lambda: gaps.cpas_without_cri_link(graph, cri_id=cri)),
        ("gaps.territories_without_operator (communes)", lambda: gaps.territories_without_operator(graph, theme)),
        ("tracing.memoranda", lambda: tracing.memoranda(graph)),
        ("vertical.affiliation_chains (one organisation)", lambda: vertical.affiliation_chains(graph, next(holders))),
        ("vertical.base_of_organisation (the Coupole)", lambda: vertical.base_of_organisation(graph, source)),
        ("vertical.unrepresented_ilis", lambda: vertical.unrepresented_ilis(graph)),
        ("vertical.representativeness (all mandates)", lambda: vertical.representativeness(graph)),
        ("horizontal.partner_suggestions (one organisation)", lambda: horizontal.partner_suggestions(graph, cri)),
        (
            # as the API asks: the index of the current graph version (built on the first, unmeasured, warm-up
            # call; then one read of the version per call), then the suggestions from it
            "horizontal.partner_suggestions (one organisation, from the index)",
            lambda: horizontal.partner_suggestions(graph, cri, index=wait_for_suggestion_index(graph)),
        ),
        ("horizontal.partners_by_ring (one organisation)", lambda: horizontal.partners_by_ring(graph, next(holders))),
        ("horizontal.co_members (one organisation)", lambda: horizontal.co_members(graph, next(holders))),
        (
            "horizontal.sector_bridges (integration → logement, santé, page of 50)",
            lambda: horizontal.sector_bridges(graph, towards=["logement", "sante"]),
        ),
        (
            "horizontal.sector_bridges (integration → every sector, page of 50 after 5 pages)",
            lambda: horizontal.sector_bridges(graph, after=bridge_cursor),
        ),
        ("network.neighbourhood (one organisation)", lambda: network.neighbourhood(graph, cri)),
        ("network.network (vertical layer)", lambda: network.network(graph, [Layer.VERTICAL], limit=5000)),
        ("search.search (« centre »)", lambda: search.search(graph, "centre")),
        ("entities.list_entities (one page)", lambda: entities.list_entities(graph, Label.ORGANISATION, first=20)),
        *entity_pages(graph),
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
    """Time every case on the reference graph and on synthetic graphs; print and keep the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100], help="1 = le jeu de référence")
    parser.add_argument("--only", nargs="+", default=None, help="time only the cases whose name holds one of these")
    parser.add_argument("--name", default="query_latency", help="results file name in bench/results/")
    parser.add_argument("--heap", default="2g", help="Neo4j heap (scale 300 is imported in one transaction: 4g)")
    parser.add_argument("--existing", metavar="LABEL", help="time the graph of NEO4J_URI as it is, under this label")
    parser.add_argument("--prefix", default="", help="with --existing: the id prefix of the copy to query (syn1-)")
    args = parser.parse_args(argv)
    if args.existing:
        existing(args)
        return
    results: dict[str, list[dict[str, Any]]] = {}
    lines = []
    with disposable_graph(heap=args.heap) as (_graph, env), tempfile.TemporaryDirectory() as folder:
        graph = Graph.from_settings(load_settings({**env, "MAILLAGE_TX_TIMEOUT": "3600"}))  # large imports
        for scale in args.scales:
            graph.write("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
            if scale == 1:
                import_paths(graph, REFERENCE)
                prefix, label = "", "référence"
            else:
                import_paths(graph, generate(REFERENCE, scale=scale, seed=1, output=Path(folder) / str(scale)))
                prefix, label = "syn1-", f"synth --scale {scale}"
            timings = []
            for case, call in cases(
                graph, source=prefix + diagonal.DEFAULT_ORIGIN, cri=prefix + "cai", theme="fle", year=None
            ):
                if args.only and not any(part in case for part in args.only):
                    continue
                try:
                    timings.append(measure(case, call, runs=args.runs, warmup=args.warmup))
                except NotFound as exc:
                    print(f"{case}: ignoré ({exc})")
            results[label] = [asdict(t) for t in timings]
            lines += [f"### {label}", "", "| requête | p50 ms | p95 ms | max ms |", "|---|---|---|---|"]
            lines += [f"| {t.case} | {t.p50} | {t.p95} | {t.max} |" for t in timings]
            lines.append("")
            for t in timings:
                print(f"{label:<20} {t.case:<55} {t.p50:>8.1f} {t.p95:>8.1f} {t.max:>8.1f}", flush=True)
    command = f"python bench/query_latency.py --runs {args.runs} --scales {' '.join(map(str, args.scales))}"
    if args.heap != "2g":
        command += f" --heap {args.heap}"
    if args.only:
        command += f" --only {' '.join(repr(part) for part in args.only)} --name {args.name}"
    save(args.name, command, {"results": results}, "\n".join(lines))


def _load() -> tuple[float, float, float]:
    return os.getloadavg()


def existing(args: argparse.Namespace) -> None:
    """Time the cases on the graph already in the database of the environment's NEO4J_URI (read only)."""
    graph = Graph.from_settings(load_settings(dict(os.environ)))
    before, started = _load(), time.time()
    timings = []
    try:
        for case, call in cases(
            graph, source=args.prefix + diagonal.DEFAULT_ORIGIN, cri=args.prefix + "cai", theme="fle", year=None
        ):
            if args.only and not any(part in case for part in args.only):
                continue
            timings.append(measure(case, call, runs=args.runs, warmup=args.warmup))
            t = timings[-1]
            print(f"{args.existing:<20} {t.case:<55} {t.p50:>8.1f} {t.p95:>8.1f} {t.max:>8.1f}", flush=True)
    finally:
        graph.close()
    after = _load()
    lines = [
        f"### {args.existing}",
        "",
        f"Charge de la machine (1/5/15 min) : avant {tuple(round(x, 1) for x in before)}, après "
        f"{tuple(round(x, 1) for x in after)} ; {round(time.time() - started)} s.",
        "",
        "| requête | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|",
        *[f"| {t.case} | {t.p50} | {t.p95} | {t.max} |" for t in timings],
        "",
    ]
    command = (
        f"python bench/query_latency.py --existing {args.existing!r} --prefix {args.prefix!r} --runs {args.runs} "
        f"--warmup {args.warmup}"
    )
    if args.only:
        command += f" --only {' '.join(repr(part) for part in args.only)}"
    command += f" --name {args.name}"
    save(
        args.name,
        command,
        {"results": {args.existing: [asdict(t) for t in timings]}, "load": {"before": before, "after": after}},
        "\n".join(lines),
    )


if __name__ == "__main__":
    main()
