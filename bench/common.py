"""What the benchmarks share: a disposable Neo4j server, machine facts, percentiles and result files."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.graph.schema import migrate
from maillage.graph.settings import load_settings

REPO = Path(__file__).resolve().parent.parent


def _sigterm_as_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


signal.signal(signal.SIGTERM, _sigterm_as_interrupt)  # a killed benchmark still stops its Neo4j
RESULTS = REPO / "bench" / "results"


@contextmanager
def stoppable_graph(
    heap: str = "2g", page_cache: str = "1g"
) -> Iterator[tuple[server.ServerConfig, Graph, dict[str, str]]]:
    """A fresh managed Neo4j in a temporary folder (migrated): its config (to stop and start it), a connected
    Graph and the connection settings; always stopped at the end."""
    with tempfile.TemporaryDirectory(prefix="maillage-bench-") as home:
        config = server.ServerConfig(
            home=Path(home),
            dist=REPO / "var" / "neo4j-dist",
            bolt_port=server.free_port(),
            heap=heap,
            page_cache=page_cache,
            disposable=True,
        )
        server.install(config)
        server.start(config)
        try:
            uri, user, password = server.credentials(config)
            env = {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password, "MAILLAGE_ENV": "test"}
            if "MAILLAGE_TX_TIMEOUT" in os.environ:  # a loaded machine: imports may need longer than 30 s
                env["MAILLAGE_TX_TIMEOUT"] = os.environ["MAILLAGE_TX_TIMEOUT"]
            graph = Graph.from_settings(load_settings(env))
            migrate(graph)
            try:
                yield config, graph, env
            finally:
                graph.close()
        finally:
            server.stop(config)


@contextmanager
def disposable_graph(heap: str = "2g", page_cache: str = "1g") -> Iterator[tuple[Graph, dict[str, str]]]:
    """A fresh managed Neo4j (see :func:`stoppable_graph`): a connected Graph and its connection settings."""
    with stoppable_graph(heap, page_cache) as (_config, graph, env):
        yield graph, env


def machine() -> dict[str, Any]:
    """The facts a figure depends on: CPUs, memory, CPU model, Python."""
    model = ""
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    return {
        "cpus": os.cpu_count(),
        "memory_mib": memory,
        "cpu": model,
        "python": platform.python_version(),
        "python_loop_s": cpu_calibration(),
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }


def cpu_calibration(rounds: int = 3) -> float:
    """Seconds for ten million additions in a Python loop, best of ``rounds``: the same code's figures from two
    days compare only if this does (on this shared virtual machine it varied from 1.0 to 1.7 s, idle)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def percentiles(times_ms: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of ``times_ms``."""
    ordered = sorted(times_ms)

    def at(q: float) -> float:
        return round(ordered[max(0, round(q * len(ordered)) - 1)], 2)

    return {"p50": round(statistics.median(ordered), 2), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1], 2)}


def save(name: str, command: str, results: dict[str, Any], markdown: str) -> None:
    """Keep the results in bench/results/<name>.json and .md, with the machine, command and date."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": command,
        "machine": machine(),
        **results,
    }
    (RESULTS / f"{name}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    header = f"Date : {record['date']}\n\nCommande : `{command}`\n\nMachine : {record['machine']}\n\n"
    (RESULTS / f"{name}.md").write_text(header + markdown + "\n", encoding="utf-8")


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop a server the bench started: SIGTERM, then SIGKILL if it has not exited within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
