"""Database outage: /ready fails and queries answer UNAVAILABLE fast; the API recovers by itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.graph.schema import migrate

QUERY = {"query": "{ organisations(first: 1) { totalCount } }"}


def wait_for(check, timeout: float) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"pas atteint en {timeout} s")


@pytest.mark.slow
def test_an_outage_gives_unavailable_and_the_api_recovers(restartable_server: server.ServerConfig) -> None:
    uri, user, password = server.credentials(restartable_server)
    graph = Graph(uri, (user, password), "neo4j")
    migrate(graph)
    graph.close()
    port = server.free_port()
    env = {
        **os.environ,
        "NEO4J_URI": uri,
        "NEO4J_USERNAME": user,
        "NEO4J_PASSWORD": password,
        "MAILLAGE_ENV": "test",
    }
    api = subprocess.Popen(
        [str(Path(sys.executable).parent / "maillage"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(f"{url}/ready", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(ready, 30)
        server.stop(restartable_server)
        with ThreadPoolExecutor(max_workers=1) as pool:  # a query waiting for the database holds no one else up
            start = time.monotonic()
            waiting = pool.submit(httpx.post, f"{url}/graphql", json=QUERY, timeout=10)
            time.sleep(0.2)
            assert httpx.get(f"{url}/health", timeout=5).status_code == 200
            assert not waiting.done()  # answered while the query still waits (how fast depends on the machine's load)
            body = waiting.result().json()
        assert time.monotonic() - start < 2.0  # issue 8: UNAVAILABLE within 2 s, with the default API retry time
        assert body["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        assert "Traceback" not in str(body)
        start = time.monotonic()  # found unreachable a moment ago: the next callers are not kept waiting
        body = httpx.post(f"{url}/graphql", json=QUERY, timeout=10).json()
        assert body["errors"][0]["extensions"]["code"] == "UNAVAILABLE" and time.monotonic() - start < 0.5
        assert httpx.get(f"{url}/ready", timeout=5).status_code == 503
        server.start(restartable_server)
        wait_for(ready, 60)  # after the warm-up; how soon is measured by bench/load.py (target 10 s)
        body = httpx.post(f"{url}/graphql", json=QUERY, timeout=10).json()
        assert body["data"]["organisations"]["totalCount"] == 0
    finally:
        api.terminate()
        api.wait(timeout=10)


def _api_on(restartable: server.ServerConfig) -> tuple[subprocess.Popen[bytes], str, str]:
    """``maillage serve`` on the restartable server (migrated), its URL and a staff token."""
    from maillage.queries.tokens import create_token

    uri, user, password = server.credentials(restartable)
    graph = Graph(uri, (user, password), "neo4j")
    migrate(graph)
    token = create_token(graph, "Équipe panne", "staff")[1]
    graph.close()
    port = server.free_port()
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password, "MAILLAGE_ENV": "test"}
    api = subprocess.Popen(
        [str(Path(sys.executable).parent / "maillage"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return api, f"http://127.0.0.1:{port}", token


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/ready", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.slow
def test_every_caller_gets_the_same_outage_answer_without_driver_text(
    restartable_server: server.ServerConfig,
) -> None:
    api, url, token = _api_on(restartable_server)
    try:
        wait_for(lambda: _ready(url), 120)
        server.stop(restartable_server)
        answers = []
        for headers in ({}, {"Authorization": f"Bearer {token}"}):
            response = httpx.post(f"{url}/graphql", json=QUERY, headers=headers, timeout=10)
            error = response.json()["errors"][0]
            answers.append((response.status_code, error["extensions"]["code"], error["message"]))
            assert response.headers["retry-after"] == "1"
        assert answers[0] == answers[1]
        assert answers[0][:2] == (503, "UNAVAILABLE")
        assert "127.0.0.1" not in answers[0][2] and "connect" not in answers[0][2].lower()
    finally:
        api.terminate()
        api.wait(timeout=10)


@pytest.mark.slow
def test_every_request_is_answered_200_or_503_while_neo4j_restarts(restartable_server: server.ServerConfig) -> None:
    """No request hangs or fails otherwise while the database stops and starts again. How fast the 503 comes
    is a speed target, measured by bench/load.py's outage phase (goal 2 s), not asserted here."""
    api, url, _token = _api_on(restartable_server)
    try:
        wait_for(lambda: _ready(url), 120)
        with ThreadPoolExecutor(max_workers=1) as pool:
            restart = pool.submit(lambda: (server.stop(restartable_server), server.start(restartable_server)))
            slowest, statuses = 0.0, set()
            while not restart.done():
                start = time.monotonic()
                response = httpx.post(f"{url}/graphql", json=QUERY, timeout=30)
                slowest = max(slowest, time.monotonic() - start)
                statuses.add(response.status_code)
                time.sleep(0.1)
            restart.result()
        assert 503 in statuses  # the restart was seen
        assert statuses <= {200, 503}, f"statuts {statuses} (réponse la plus lente : {slowest:.2f} s)"
    finally:
        api.terminate()
        api.wait(timeout=10)
