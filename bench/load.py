"""The API under load, and under a database outage::

    .venv/bin/python bench/load.py --duration 300 --faults

A disposable Neo4j is started and loaded with the reference dataset, then ``maillage serve`` (a subprocess
on a free loopback port, with its default settings). ``--clients``
(50) concurrent httpx clients send, for ``--duration`` seconds or ``--max-requests`` requests, a fixed mix
of lookups (``neighbourhood``), mesh queries (``partnersByRing``, ``seatsByBody``), path queries
(``accessPaths``, ``affiliationChains``) and centrality (``centralityRanking``); the report gives
requests/s, p50/p95/p99 per kind and overall and the errors by code (targets: no error, p95 < 100 ms for
lookups and mesh queries).

``--faults`` adds a phase under the same load: Neo4j is stopped, ``/ready`` is polled and every answer is
checked (a GraphQL error with ``extensions.code`` UNAVAILABLE within 2 s, never a traceback; every answer,
error or not, within 2 s from the stop to the end: ``max_answer_from_stop_s``), Neo4j is started again and
the time until queries succeed again is measured (target < 10 s; the API is not restarted).
Results go to bench/results/load.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from api_latency import LOOKUP, MESH, PATH, REFERENCE, error_code, pick_ids, running_api
from common import percentiles, save, stoppable_graph

from maillage.graph import server
from maillage.graph.settings import load_settings
from maillage.importers import import_paths

SEATS = "query ($id: ID!) { seatsByBody(holderId: $id) { body { id name } seats { id seat holder { id } validTo } } }"
CHAINS = "query ($id: ID!) { affiliationChains(id: $id) { nodes { id name } relationships { type source target } } }"
CENTRALITY = """query ($m: String!) { centralityRanking(measure: $m, top: 20) {
  analysis { state graphVersion } scores { id name value rank percentile }
} }"""
MEASURES = ["betweenness", "degree", "pagerank"]
MIX = ["lookup"] * 4 + ["mesh"] * 3 + ["path"] * 2 + ["centrality"]
"""One round of the mix: 40 % lookups, 30 % mesh queries, 20 % path queries, 10 % centrality."""


@dataclass(frozen=True)
class Event:
    """One request: its kind, when it was sent and answered (monotonic s) and its error code (None: success)."""

    kind: str
    sent: float
    answered: float
    code: str | None

    @property
    def ms(self) -> float:
        return (self.answered - self.sent) * 1000


class Mix:
    """The requests of the mix, in a fixed rotation, with ids rotating per query."""

    def __init__(self, ids: dict[str, list[str]]) -> None:
        orgs, targets = ids["organisations"], ids["addressees"]
        self.queries = {
            "lookup": itertools.cycle([(LOOKUP, {"id": i}) for i in orgs]),
            "mesh": itertools.cycle(
                [(q, {"id": i}) for i in orgs for q in (MESH, SEATS)]  # partnersByRing, seatsByBody
            ),
            "path": itertools.cycle([(PATH, {"id": t}) for t in targets] + [(CHAINS, {"id": i}) for i in orgs]),
            "centrality": itertools.cycle([(CENTRALITY, {"m": m}) for m in MEASURES]),
        }
        self.kinds = itertools.cycle(MIX)

    def next(self) -> tuple[str, dict[str, Any]]:
        kind = next(self.kinds)
        query, variables = next(self.queries[kind])
        return kind, {"query": query, "variables": variables}


@dataclass
class Load:
    """Drives ``clients`` concurrent clients until ``deadline`` or ``budget`` requests; keeps every event."""

    url: str
    mix: Mix
    clients: int
    events: list[Event]
    tracebacks: int = 0
    stop_at: float = 0.0
    budget: int = 0

    async def run(self, seconds: float, budget: int) -> None:
        self.stop_at = time.monotonic() + seconds
        self.budget = budget
        limits = httpx.Limits(max_connections=self.clients, max_keepalive_connections=self.clients)
        async with httpx.AsyncClient(timeout=30, limits=limits) as client:
            await asyncio.gather(*(self._client(client) for _ in range(self.clients)))

    async def _client(self, client: httpx.AsyncClient) -> None:
        while time.monotonic() < self.stop_at and self.budget > 0:
            self.budget -= 1
            kind, payload = self.mix.next()
            sent = time.monotonic()
            try:
                response = await client.post(f"{self.url}/graphql", json=payload)
                if "Traceback" in response.text:
                    self.tracebacks += 1
                code = error_code(response)
            except httpx.HTTPError as exc:
                code = type(exc).__name__
            except ValueError:
                code = "BAD_JSON"
            self.events.append(Event(kind, sent, time.monotonic(), code))


def summarise(events: Sequence[Event], wall_s: float) -> dict[str, Any]:
    """Requests/s, percentiles of the successes and errors by code, per kind and overall."""
    out: dict[str, Any] = {}
    for kind in [*dict.fromkeys(MIX), "overall"]:
        chosen = [e for e in events if kind in ("overall", e.kind)]
        ok = [e.ms for e in chosen if e.code is None]
        out[kind] = {
            "requests": len(chosen),
            "rps": round(len(chosen) / wall_s, 1) if wall_s else 0.0,
            **(percentiles(ok) if ok else {}),
            "errors": dict(Counter(e.code for e in chosen if e.code is not None)),
        }
    return out


Probe = tuple[float, float, int | str]
"""A probe of /health or /ready: sent, answered (monotonic s), HTTP status or exception name."""


async def probe(url: str, until: asyncio.Event, found: list[Probe]) -> None:
    """GET ``url`` every 100 ms (one at a time) until ``until`` is set."""
    async with httpx.AsyncClient(timeout=30) as client:
        while not until.is_set():
            sent = time.monotonic()
            try:
                status: int | str = (await client.get(url)).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            found.append((sent, time.monotonic(), status))
            await asyncio.sleep(0.1)


async def fault_phase(
    url: str, mix: Mix, clients: int, config: server.ServerConfig, *, before: float, outage: float, after: float
) -> dict[str, Any]:
    """Under load: ``before`` s steady, stop Neo4j, ``outage`` s down, start it, ``after`` s once queries succeed."""
    events: list[Event] = []
    load = Load(url, mix, clients, events)
    ready: list[Probe] = []
    health: list[Probe] = []
    done = asyncio.Event()
    started = time.monotonic()
    traffic = asyncio.create_task(load.run(3600, 10**9))
    probers = [
        asyncio.create_task(probe(f"{url}/ready", done, ready)),
        asyncio.create_task(probe(f"{url}/health", done, health)),
    ]
    marks: dict[str, float] = {}
    await asyncio.sleep(before)
    marks["stop_called"] = time.monotonic()
    await asyncio.to_thread(server.stop, config)
    marks["stopped"] = time.monotonic()
    print(f"  Neo4j arrêté en {marks['stopped'] - marks['stop_called']:.1f} s", flush=True)
    await asyncio.sleep(outage)
    marks["start_called"] = time.monotonic()
    await asyncio.to_thread(server.start, config)
    marks["started"] = time.monotonic()
    print(f"  Neo4j redémarré en {marks['started'] - marks['start_called']:.1f} s", flush=True)
    recovered = None
    deadline = time.monotonic() + 120
    while recovered is None and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        recovered = next((e.answered for e in events if e.sent >= marks["started"] and e.code is None), None)
    if recovered is not None:
        marks["recovered"] = recovered
    await asyncio.sleep(after)
    load.stop_at = 0
    await traffic
    done.set()
    await asyncio.gather(*probers)
    wall = time.monotonic() - started
    return analyse_faults(events, ready, health, marks, load.tracebacks, wall)


def analyse_faults(
    events: list[Event],
    ready: list[Probe],
    health: list[Probe],
    marks: dict[str, float],
    tracebacks: int,
    wall: float,
) -> dict[str, Any]:
    """What the outage looked like from the clients: time to errors, their codes, time to recovery."""
    stop, stopped, start, started = marks["stop_called"], marks["stopped"], marks["start_called"], marks["started"]
    during = [e for e in events if e.answered >= stop and e.sent < started]
    failing = [e for e in during if e.code is not None]
    unavailable = [e for e in failing if e.code == "UNAVAILABLE"]
    down = [e for e in events if e.sent >= stopped and e.answered <= start]  # the database certainly down
    first_503 = next((answered for _, answered, status in ready if answered >= stop and status == 503), None)
    ready_down = [(answered - sent, status) for sent, answered, status in ready if answered >= stop and sent < started]
    health_down = [answered - sent for sent, answered, _ in health if answered >= stop and sent < started]
    first_ready = next((answered for sent, answered, status in ready if sent >= started and status == 200), None)
    recovered = marks.get("recovered")
    after = [e for e in events if recovered is not None and e.sent >= recovered]
    from_stop = [e.answered - e.sent for e in events if e.sent >= stop]  # down, starting, warming, recovered

    def since(t: float | None, origin: float) -> float | None:
        return None if t is None else round(t - origin, 2)

    return {
        "neo4j_stop_s": round(stopped - stop, 2),
        "neo4j_start_s": round(started - start, 2),
        "outage_requests": len(during),
        "outage_successes": len(during) - len(failing),
        "outage_errors_by_code": dict(Counter(e.code for e in failing)),
        "down_requests": len(down),
        "down_non_unavailable": dict(Counter(e.code or "SUCCESS" for e in down if e.code != "UNAVAILABLE")),
        "max_time_to_error_s": round(max((e.answered - e.sent for e in failing), default=0), 2),
        "p50_time_to_error_s": round(percentiles([e.ms for e in failing])["p50"] / 1000, 3) if failing else None,
        "max_time_to_unavailable_s": round(max((e.answered - e.sent for e in unavailable), default=0), 2),
        "max_answer_from_stop_s": round(max(from_stop, default=0), 2),
        "answers_over_2s_from_stop": sum(seconds > 2 for seconds in from_stop),
        "first_unavailable_after_stop_call_s": since(min((e.answered for e in unavailable), default=None), stop),
        "first_ready_503_after_stop_call_s": since(first_503, stop),
        "ready_probes_while_down": len(ready_down),
        "ready_latency_while_down_max_s": round(max((t for t, _ in ready_down), default=0), 2),
        "ready_statuses_while_down": dict(Counter(str(status) for _, status in ready_down)),
        "health_probes_while_down": len(health_down),
        "health_latency_while_down_max_s": round(max(health_down, default=0), 2),
        "recovery_after_neo4j_started_s": since(recovered, started),
        "recovery_after_start_call_s": since(recovered, start),
        "first_ready_200_after_neo4j_started_s": since(first_ready, started),
        "errors_after_recovery": dict(Counter(e.code for e in after if e.code is not None)),
        "tracebacks": tracebacks,
        "timeline": timeline(events, stop),
        "requests": len(events),
        "wall_s": round(wall, 1),
    }


def logged_exceptions(log: str) -> dict[str, int]:
    """The exception line ending each traceback of the server's log, counted."""
    found: Counter[str] = Counter()
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            end = next(
                (x for x in lines[i + 1 :] if x and not x[0].isspace() and not x.startswith(("Traceback", "During"))),
                "?",
            )
            found[end[:200]] += 1
    return dict(found.most_common(10))


def timeline(events: Sequence[Event], origin: float) -> list[str]:
    """Per second since ``origin`` (by time of answer): successes and errors by code, as short lines."""
    buckets: dict[int, Counter[str]] = {}
    for e in events:
        buckets.setdefault(int((e.answered - origin) // 1), Counter())[e.code or "ok"] += 1
    return [
        f"{second:+d}s " + " ".join(f"{code}={n}" for code, n in sorted(counts.items()))
        for second, counts in sorted(buckets.items())
    ]


async def with_probe(work: Any, url: str) -> list[Probe]:
    """Run ``work`` while probing ``url``; the probes."""
    found: list[Probe] = []
    done = asyncio.Event()
    prober = asyncio.create_task(probe(url, done, found))
    await work
    done.set()
    await prober
    return found


async def warm_up(url: str, mix: Mix, clients: int) -> None:
    """Each query of the mix a few times, then a few seconds of full load (not measured)."""
    await Load(url, mix, 1, []).run(60, 3 * len(MIX) * 10)
    await Load(url, mix, clients, []).run(5, 10**9)


def main(argv: Sequence[str] | None = None) -> None:
    """Load phase, then (``--faults``) the outage phase; print and keep the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=300, help="secondes de charge")
    parser.add_argument("--max-requests", type=int, default=200_000, help="borne du nombre de requêtes")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="processus de `maillage serve --workers`")
    parser.add_argument("--note", default="aucune", help="ce qui tournait d'autre sur la machine pendant la mesure")
    parser.add_argument("--faults", action="store_true", help="puis arrêter et redémarrer Neo4j sous charge")
    parser.add_argument("--outage", type=float, default=10, help="secondes avec Neo4j arrêté")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "clients": args.clients,
        "workers": args.workers,
        "api_retry_time_s": load_settings({}).api_retry_time,
        "mix": dict(Counter(MIX)),
        "note": args.note,
    }
    with stoppable_graph() as (config, graph, env):
        import_paths(graph, REFERENCE)
        ids = pick_ids(graph)
        results["ids"] = ids
        with running_api(env, workers=args.workers) as api:
            mix = Mix(ids)
            asyncio.run(warm_up(api.url, mix, args.clients))
            events: list[Event] = []
            load = Load(api.url, mix, args.clients, events)
            print(f"Charge : {args.clients} clients, {args.duration:.0f} s…", flush=True)
            start = time.monotonic()
            health = asyncio.run(with_probe(load.run(args.duration, args.max_requests), f"{api.url}/health"))
            wall = time.monotonic() - start
            results["load"] = {
                "duration_s": round(wall, 1),
                "tracebacks": load.tracebacks,
                "kinds": summarise(events, wall),
                "health_under_load_ms": percentiles([(answered - sent) * 1000 for sent, answered, _ in health]),
            }
            print(f"GET /health sous charge (ms) : {results['load']['health_under_load_ms']}", flush=True)
            for kind, s in results["load"]["kinds"].items():
                print(
                    f"{kind:<11} {s['requests']:>7} req {s['rps']:>7.1f} req/s p50 {s.get('p50', 0):>8.1f} "
                    f"p95 {s.get('p95', 0):>8.1f} p99 {s.get('p99', 0):>8.1f} ms errors {s['errors']}",
                    flush=True,
                )
            if args.faults:
                print("Pannes : arrêt et redémarrage de Neo4j sous charge…", flush=True)
                results["faults"] = asyncio.run(
                    fault_phase(api.url, mix, args.clients, config, before=5, outage=args.outage, after=10)
                )
                for key, value in results["faults"].items():
                    print(f"  {key}: {value}" if key != "timeline" else "  " + "\n  ".join(value), flush=True)
            results["peak_rss_mib"] = api.peak_rss_mib()
            log = api.log_text()
            results["server_log"] = {
                "lines": log.count("\n"),
                "tracebacks": log.count("Traceback"),
                "errors": sum(1 for line in log.splitlines() if line.startswith("ERROR")),
                "retry_warnings": log.count("will be retried"),
                "exceptions": logged_exceptions(log),
            }
    print(f"RSS max du processus de l'API (VmHWM) : {results['peak_rss_mib']} MiB")
    print(f"Journal du serveur : {results['server_log']}")
    command = f"python bench/load.py --duration {args.duration:g} --clients {args.clients} --workers {args.workers}"
    command += " --faults" if args.faults else ""
    save("load", command, results, markdown(results))


def markdown(results: dict[str, Any]) -> str:
    """The results as a short French report."""
    load = results["load"]
    lines = [
        f"Jeu de référence, `maillage serve --workers {results['workers']}` sur 127.0.0.1, {results['clients']} "
        f"clients httpx concurrents sur la même machine pendant {load['duration_s']} s ; mélange {results['mix']}.",
        "",
        f"Note : {results['note']}.",
        "",
        "| type | requêtes | req/s | p50 ms | p95 ms | p99 ms | erreurs |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, s in load["kinds"].items():
        lines.append(
            f"| {kind} | {s['requests']} | {s['rps']} | {s.get('p50', '–')} | {s.get('p95', '–')} | "
            f"{s.get('p99', '–')} | {s['errors'] or 0} |"
        )
    lines += [
        "",
        f"`GET /health` pendant la charge (ms) : {load['health_under_load_ms']}.",
        "",
        f"Réponses contenant « Traceback » : {load['tracebacks']}.",
    ]
    if "faults" in results:
        lines += ["", "### Panne de Neo4j sous charge", "", "| mesure | valeur |", "|---|---|"]
        lines += [f"| {key} | {value} |" for key, value in results["faults"].items() if key != "timeline"]
        lines += [
            "",
            "Réponses par seconde depuis l'arrêt de Neo4j :",
            "",
            "```",
            *results["faults"]["timeline"],
            "```",
        ]
    lines += ["", f"RSS max du processus de l'API (VmHWM) : {results['peak_rss_mib']['total']} MiB."]
    lines += ["", f"Journal du serveur : {results['server_log']}."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
