"""Latency and throughput of the GraphQL API over HTTP on loopback, against the same query run directly::

    .venv/bin/python bench/api_latency.py --requests 300 --clients 1 50

The script starts a disposable Neo4j, loads the reference dataset, starts a ``maillage serve`` subprocess
on a free port (stopped at the end, on Ctrl-C or SIGTERM too) and, for three representative queries — a
lookup (``neighbourhood`` of one organisation: id, labels, properties), a mesh query (``partnersByRing``)
and a path query (``accessPaths`` from the Coupole to an addressee of a recommendation) — measures
requests/s, p50 and p95 with 1 and with 50 concurrent clients (httpx AsyncClient, warm-up first, a fixed
number of requests). The same query functions of ``maillage.queries`` are then timed directly with the
driver, and the bare HTTP round trip (``GET /health``) too; the overhead of the API is reported as
``(api_p50 - health_p50) / direct_p50`` (target ≤ 1.3). The API process's peak RSS (VmHWM, summed over
its worker processes) is read from /proc. Results go to bench/results/api_latency.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from common import REPO, disposable_graph, percentiles, save, stop

from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.importers import import_paths
from maillage.queries import diagonal, horizontal, network, tracing

REFERENCE = sorted((REPO / "data" / "reference").glob("*.yaml"))
MAILLAGE = Path(sys.executable).parent / "maillage"

LOOKUP = "query ($id: ID!) { neighbourhood(id: $id) { id labels properties } }"
MESH = """query ($id: ID!) { partnersByRing(id: $id) {
  ring label partners {
    organisation { id name kind } sector ring ties { nodes { id name } relationships { type source target } }
  }
} }"""
PATH = """query ($id: ID!) { accessPaths(targetId: $id) {
  nodes { id label name } relationships { type reading source target }
} }"""


# --- the API process --------------------------------------------------------------------------------


@dataclass
class Api:
    """A running ``maillage serve`` subprocess, its base URL and the file its log (stderr) goes to."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def log_text(self) -> str:
        """What the server has logged so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def pids(self) -> list[int]:
        """The server process and its descendants (uvicorn's workers when ``--workers`` > 1)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found

    def peak_rss_mib(self) -> dict[str, float]:
        """VmHWM of each process of the server (MiB), and their sum."""
        peaks: dict[str, float] = {}
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
            if line:
                peaks[str(pid)] = round(int(line.split()[1]) / 1024, 1)
        return {**peaks, "total": round(sum(peaks.values()), 1)}


@contextmanager
def running_api(env: dict[str, str], *, workers: int = 1, timeout: float = 60) -> Iterator[Api]:
    """``maillage serve`` on a free loopback port with ``env``, answering /health; always terminated.

    Its stderr goes to a temporary file, never to an unread pipe: a full pipe would block the server as
    soon as it logs a lot (the driver's retry warnings during an outage).
    """
    port = server.free_port()
    command = [str(MAILLAGE), "serve", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    with tempfile.TemporaryDirectory(prefix="maillage-bench-api-") as folder:
        log = Path(folder) / "serve.log"
        with open(log, "wb") as stderr:
            process = subprocess.Popen(
                command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
            )
        api = Api(process, f"http://127.0.0.1:{port}", log)
        try:
            deadline = time.monotonic() + timeout
            while not _answers(f"{api.url}/health"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"maillage serve n'a pas démarré : {api.log_text()[-3000:]}")
                time.sleep(0.2)
            yield api
        finally:
            stop(process)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


# --- load generation ----------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a series of requests gave: latencies (ms), wall time and errors by code."""

    times_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    wall_s: float = 0.0

    def summary(self) -> dict[str, Any]:
        ok = len(self.times_ms)
        return {
            "requests": ok + sum(self.errors.values()),
            "rps": round((ok + sum(self.errors.values())) / self.wall_s, 1) if self.wall_s else 0.0,
            **(percentiles(self.times_ms) if ok else {}),
            "errors": dict(self.errors),
        }


def error_code(response: httpx.Response) -> str | None:
    """None for a successful GraphQL answer, else the first error's code (or the HTTP status)."""
    if response.status_code != 200:
        try:
            return str(response.json()["errors"][0]["extensions"]["code"])
        except (ValueError, KeyError, IndexError, TypeError):
            return f"HTTP {response.status_code}"
    if "json" not in response.headers.get("content-type", ""):
        return None  # /health and the like
    body = response.json()
    if body.get("errors"):
        return str(body["errors"][0].get("extensions", {}).get("code", "NO_CODE"))
    return None


Request = Callable[[httpx.AsyncClient], Any]


def graphql(url: str, query: str, ids: Sequence[str]) -> Request:
    """A request factory posting ``query`` with ``$id`` rotating over ``ids``."""
    rotation = itertools.cycle(ids)

    def send(client: httpx.AsyncClient) -> Any:
        return client.post(f"{url}/graphql", json={"query": query, "variables": {"id": next(rotation)}})

    return send


async def hammer(request: Request, *, requests: int, clients: int, timeout: float = 30) -> Outcome:
    """Send ``requests`` requests through ``clients`` concurrent clients; each latency is timed."""
    outcome = Outcome()
    remaining = iter(range(requests))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:

        async def worker() -> None:
            for _ in remaining:
                start = time.perf_counter()
                try:
                    response = await request(client)
                    code = error_code(response)
                except httpx.HTTPError as exc:
                    code = type(exc).__name__
                if code is None:
                    outcome.times_ms.append((time.perf_counter() - start) * 1000)
                else:
                    outcome.errors[code] += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        outcome.wall_s = time.perf_counter() - start
    return outcome


def direct(call: Callable[[], Any], *, runs: int, warmup: int) -> dict[str, float]:
    """p50/p95 of ``call`` run in this process (the query function on the driver)."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return percentiles(times)


# --- the cases ---------------------------------------------------------------------------------------


def pick_ids(graph: Graph) -> dict[str, list[str]]:
    """Organisations holding seats (lookups, mesh queries) and addressees of recommendations (paths)."""
    holders = sorted({s.holder.id for b in diagonal.seats_by_body(graph) for s in b.seats})
    addressees = sorted(
        {a.id for m in tracing.memoranda(graph) for r in tracing.recommendations_of(graph, m.id) for a in r.addressees}
        - {diagonal.DEFAULT_ORIGIN}
    )
    return {"organisations": holders[:10] or ["cai"], "addressees": addressees[:10] or ["cai"]}


def cases(graph: Graph, ids: dict[str, list[str]]) -> list[tuple[str, str, list[str], Callable[[], Any]]]:
    """(name, GraphQL query, ids, direct call) for the lookup, the mesh query and the path query."""
    orgs, targets = ids["organisations"], ids["addressees"]
    org_cycle, org_cycle2, target_cycle = itertools.cycle(orgs), itertools.cycle(orgs), itertools.cycle(targets)
    return [
        ("lookup: neighbourhood(id)", LOOKUP, orgs, lambda: network.neighbourhood(graph, next(org_cycle))),
        ("mesh: partnersByRing(id)", MESH, orgs, lambda: horizontal.partners_by_ring(graph, next(org_cycle2))),
        (
            "path: accessPaths(coupole → addressee)",
            PATH,
            targets,
            lambda: diagonal.access_paths(graph, next(target_cycle), source_id=diagonal.DEFAULT_ORIGIN),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Measure the API against the direct calls on the reference data; print and keep the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requêtes mesurées par cas et par concurrence")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--workers", type=int, default=1, help="processus de `maillage serve --workers`")
    parser.add_argument("--note", default="aucune", help="ce qui tournait d'autre sur la machine pendant la mesure")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "workers": args.workers,
        "note": args.note,
        "cases": {},
    }
    with disposable_graph() as (graph, env):
        import_paths(graph, REFERENCE)
        ids = pick_ids(graph)
        results["ids"] = ids
        with running_api(env, workers=args.workers) as api:
            health_url = f"{api.url}/health"

            def health(client: httpx.AsyncClient) -> Any:
                return client.get(health_url)

            asyncio.run(hammer(health, requests=args.warmup, clients=1))
            results["health"] = asyncio.run(hammer(health, requests=args.requests, clients=1)).summary()
            print(f"GET /health (1 client) p50 {results['health']['p50']} ms", flush=True)
            for name, query, case_ids, call in cases(graph, ids):
                request = graphql(api.url, query, case_ids)
                asyncio.run(hammer(request, requests=args.warmup, clients=min(args.clients)))
                entry: dict[str, Any] = {"direct": direct(call, runs=args.requests, warmup=args.warmup)}
                for clients in args.clients:
                    entry[f"clients_{clients}"] = asyncio.run(
                        hammer(request, requests=args.requests, clients=clients)
                    ).summary()
                    s = entry[f"clients_{clients}"]
                    print(
                        f"{name:<42} {clients:>3} clients {s['rps']:>8.1f} req/s "
                        f"p50 {s.get('p50', 0):>7.2f} p95 {s.get('p95', 0):>7.2f} errors {s['errors']}",
                        flush=True,
                    )
                single = entry[f"clients_{min(args.clients)}"]
                if "p50" in single:
                    overhead = (single["p50"] - results["health"]["p50"]) / entry["direct"]["p50"]
                    entry["overhead_ratio"] = round(overhead, 2)
                print(
                    f"{name:<42} direct p50 {entry['direct']['p50']:>7.2f} p95 {entry['direct']['p95']:>7.2f} "
                    f"ratio (api_p50 - health_p50) / direct_p50 = {entry.get('overhead_ratio')}",
                    flush=True,
                )
                results["cases"][name] = entry
            results["peak_rss_mib"] = api.peak_rss_mib()
    print(f"RSS max du processus de l'API (VmHWM) : {results['peak_rss_mib']} MiB")
    lo = min(args.clients)
    lines = [
        f"Jeu de référence, `maillage serve --workers {args.workers}` sur 127.0.0.1, {args.requests} requêtes "
        f"par mesure après {args.warmup} de chauffe ; client httpx sur la même machine.",
        "",
        f"Note : {results['note']}.",
        "",
        f"Aller-retour HTTP nu (`GET /health`, 1 client) : p50 {results['health']['p50']} ms, "
        f"p95 {results['health']['p95']} ms.",
        "",
        "| requête | clients | req/s | p50 ms | p95 ms | erreurs |",
        "|---|---|---|---|---|---|",
    ]
    for name, entry in results["cases"].items():
        for clients in args.clients:
            s = entry[f"clients_{clients}"]
            lines.append(
                f"| {name} | {clients} | {s['rps']} | {s.get('p50', '–')} | {s.get('p95', '–')} | {s['errors'] or 0} |"
            )
    lines += [
        "",
        f"| requête | directe p50 ms | directe p95 ms | API p50 ms ({lo} client) | (API − /health) / directe |",
        "|---|---|---|---|---|",
    ]
    for name, entry in results["cases"].items():
        lines.append(
            f"| {name} | {entry['direct']['p50']} | {entry['direct']['p95']} | "
            f"{entry[f'clients_{lo}'].get('p50', '–')} | {entry.get('overhead_ratio', '–')} |"
        )
    lines += ["", f"RSS max du processus de l'API (VmHWM) : {results['peak_rss_mib']['total']} MiB."]
    command = (
        f"python bench/api_latency.py --requests {args.requests} --warmup {args.warmup} "
        f"--clients {' '.join(map(str, args.clients))} --workers {args.workers}"
    )
    save("api_latency", command, results, "\n".join(lines))


if __name__ == "__main__":
    main()
