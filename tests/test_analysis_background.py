"""Analysis never blocks a request: one computation per graph version, in the background, the last result
(with its version and date) answered meanwhile, results shared through the store with `maillage analyze`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from maillage.analysis import Snapshot, State, analyse, clear_cache, graph_version, snapshot, suite
from maillage.analysis import store as disk
from maillage.graph.connection import Graph
from maillage.graph.vocabulary import Layer

AS_OF = dt.date(2025, 6, 1)
SECTOR = """
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration}
  - {id: fede, name: Fédération, kind: federation, sector: integration}
  - {id: ili, name: ILI, kind: ili, sector: integration}
relations:
  - {type: MEMBER_OF, from: fede, to: coupole, role: fondateur}
  - {type: MEMBER_OF, from: ili, to: fede, role: affilie}
"""


@pytest.fixture
def sector(load_yaml: Callable[[str], Graph]) -> Graph:
    """The small sector graph, and a process that has analysed nothing yet (as after a start)."""
    clear_cache()
    return load_yaml(SECTOR)


def bump(graph: Graph) -> None:
    """A new version of the graph: one more member of the federation, and the counter increased."""
    graph.write("MERGE (o:Entity:Organisation {id: 'ili2'}) SET o.name = 'ILI 2', o.kind = 'ili'")
    graph.write(
        "MATCH (a:Organisation {id: 'ili2'}), (b:Organisation {id: 'fede'}) "
        "MERGE (a)-[:MEMBER_OF {key: 'test', role: 'affilie'}]->(b)"
    )
    graph.write("MATCH (v:GraphVersion) SET v.version = v.version + 1")


def settled(ask: Callable[[], Snapshot], timeout: float = 60) -> Snapshot:
    """Ask until the answer is READY (the background computation done)."""
    deadline = time.monotonic() + timeout
    while True:
        found = ask()
        if found.state is State.READY or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def in_threads(work: Callable[[], Any], count: int) -> list[Any]:
    """Run ``work`` in ``count`` threads released at the same moment; their results."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def one(index: int) -> None:
        barrier.wait()
        results[index] = work()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_concurrent_misses_wait_for_one_computation(sector: Graph) -> None:
    before = suite.computations
    results = in_threads(lambda: analyse(sector, Layer.VERTICAL, as_of=AS_OF), 8)
    assert suite.computations - before == 1
    assert all(r is results[0] for r in results)
    assert set(results[0].nodes) == {"coupole", "fede", "ili"}


def test_concurrent_requests_start_one_background_computation_and_none_waits(sector: Graph, tmp_path: Path) -> None:
    """The test holds the lock of the computation: every request has to answer without it."""
    before = suite.computations
    epoch, version = graph_version(sector)
    with disk.computing(tmp_path, (Layer.VERTICAL, AS_OF, None), epoch, version):
        answers = in_threads(lambda: snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path), 8)
        assert [a.state for a in answers] == [State.COMPUTING] * 8
        assert all(a.analysis is None for a in answers)
    ready = settled(lambda: snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path))
    assert ready.state is State.READY and ready.analysis is not None
    assert set(ready.analysis.nodes) == {"coupole", "fede", "ili"}
    assert suite.computations - before == 1


def test_the_first_request_says_computing_then_the_result_carries_its_version_and_date(sector: Graph) -> None:
    _, version = graph_version(sector)
    start = dt.datetime.now(dt.UTC)
    first = snapshot(sector, Layer.VERTICAL, as_of=AS_OF)
    assert (first.state, first.analysis, first.graph_version) == (State.COMPUTING, None, version)
    ready = settled(lambda: snapshot(sector, Layer.VERTICAL, as_of=AS_OF))
    assert ready.analysis is not None
    assert ready.analysis.graph_version == version
    assert start <= ready.analysis.computed_at <= dt.datetime.now(dt.UTC)


def test_a_request_during_a_computation_gets_the_previous_result_at_once(sector: Graph, tmp_path: Path) -> None:
    """The test holds the lock of the new version's computation: the answer cannot have waited for it."""
    old = analyse(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path)
    bump(sector)
    epoch, version = graph_version(sector)
    with disk.computing(tmp_path, (Layer.VERTICAL, AS_OF, None), epoch, version):
        started = time.monotonic()
        during = snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path)
        assert time.monotonic() - started < 2
        assert during.state is State.STALE and during.analysis is old
        assert during.graph_version == version and during.analysis.graph_version == version - 1
        assert "ili2" not in during.analysis.nodes
    after = settled(lambda: snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path))
    assert after.analysis is not None and after.analysis.graph_version == version
    assert "ili2" in after.analysis.nodes


def test_a_result_precomputed_by_the_analyze_command_is_answered_without_computing(
    sector: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    env = {**os.environ, **test_server, "MAILLAGE_ANALYSIS_CACHE": str(tmp_path)}
    command = [str(Path(sys.executable).parent / "maillage"), "analyze", "--layer", "vertical", "--as-of", "2025-06-01"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    clear_cache()
    before = suite.computations
    ready = settled(lambda: snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path))
    assert ready.analysis is not None and set(ready.analysis.nodes) == {"coupole", "fede", "ili"}
    assert ready.analysis.graph_version == graph_version(sector)[1]
    assert suite.computations == before


def test_after_a_restart_the_stored_result_of_an_earlier_version_is_answered_while_computing(
    sector: Graph, tmp_path: Path
) -> None:
    analyse(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path)
    bump(sector)
    clear_cache()  # a new process: nothing in memory, the store on disk
    epoch, version = graph_version(sector)
    with disk.computing(tmp_path, (Layer.VERTICAL, AS_OF, None), epoch, version):
        first = snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path)
        assert first.state is State.COMPUTING  # the request does not read the disk itself
        deadline = time.monotonic() + 30
        while (again := snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path)).state is State.COMPUTING:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert again.state is State.STALE and again.analysis is not None
        assert again.analysis.graph_version == version - 1
    assert settled(lambda: snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=tmp_path)).state is State.READY


def test_an_unusable_analysis_folder_only_costs_the_sharing(sector: Graph, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = analyse(sector, Layer.VERTICAL, as_of=AS_OF, store=blocked / "analyses")
    assert set(result.nodes) == {"coupole", "fede", "ili"}
    ready = settled(lambda: snapshot(sector, Layer.VERTICAL, as_of=AS_OF, store=blocked / "analyses"))
    assert ready.analysis is result


# --- over HTTP ---------------------------------------------------------------------------------------

RANKING = """query ($asOf: Date) { centralityRanking(measure: "degree", layer: VERTICAL, asOf: $asOf, top: 5) {
  analysis { state message stale graphVersion currentGraphVersion computedAt }
  scores { id rank }
} }"""


def ranking(api: str, as_of: str) -> dict[str, Any]:
    body = httpx.post(f"{api}/graphql", json={"query": RANKING, "variables": {"asOf": as_of}}, timeout=30).json()
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["centralityRanking"]
    return result


def test_the_api_says_en_cours_de_calcul_first_then_answers_with_the_version_and_date(
    api: str, reference_graph: Graph
) -> None:
    as_of = "2024-03-15"  # a question no other test asked this server
    first = ranking(api, as_of)
    assert first["analysis"]["state"] == "COMPUTING" and first["scores"] == []
    assert "en cours de calcul" in first["analysis"]["message"]
    assert first["analysis"]["graphVersion"] is None and first["analysis"]["computedAt"] is None
    deadline = time.monotonic() + 60
    while (found := ranking(api, as_of))["analysis"]["state"] != "READY":
        assert time.monotonic() < deadline, found
        time.sleep(0.1)
    status = found["analysis"]
    assert status["stale"] is False
    assert status["graphVersion"] == status["currentGraphVersion"] == graph_version(reference_graph)[1]
    assert dt.datetime.fromisoformat(status["computedAt"]) <= dt.datetime.now(dt.UTC)
    assert len(found["scores"]) == 5 and found["scores"][0]["rank"] == 1
