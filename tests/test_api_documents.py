"""GraphQL documents are parsed and validated once per process; `serve --workers N` answers without delay."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from maillage.api.documents import DocumentCache, DocumentStore
from maillage.api.schema import MAX_DEPTH, build_schema
from maillage.commands.serve import TcpConfig
from maillage.graph import server

VOCABULARY = '{ vocabularies(names: ["OrgKind"]) { name entries { value } } }'


@pytest.fixture
def store() -> DocumentStore:
    DocumentCache.store.clear()
    return DocumentCache.store


def test_a_repeated_document_is_parsed_and_validated_once(store: DocumentStore) -> None:
    schema = build_schema(production=False)
    first, second, third = (schema.execute_sync(VOCABULARY) for _ in range(3))
    assert first.errors is None and first.data == second.data == third.data
    assert (store.misses, store.hits) == (1, 2)


def test_the_cache_is_shared_by_every_request_and_every_schema_instance_keeps_its_own(
    store: DocumentStore,
) -> None:
    one, other = build_schema(production=False), build_schema(production=False)
    one.execute_sync(VOCABULARY)
    one.execute_sync(VOCABULARY)
    other.execute_sync(VOCABULARY)
    assert (store.misses, store.hits, len(store)) == (2, 1, 2)


def test_an_invalid_document_is_refused_every_time_and_never_kept(store: DocumentStore) -> None:
    deep = '{ neighbourhood(id: "x") ' + "{ relationships " * MAX_DEPTH + "{ type }" + " }" * MAX_DEPTH + " }"
    schema = build_schema(production=False)
    for _ in range(2):
        result = schema.execute_sync(deep)
        assert result.errors and "exceeds maximum operation depth" in result.errors[0].message
    assert len(store) == 0 and store.hits == 0


def test_a_document_valid_in_development_is_still_refused_by_the_production_schema(
    store: DocumentStore,
) -> None:
    introspection = "{ __schema { queryType { name } } }"
    assert build_schema(production=False).execute_sync(introspection).errors is None
    refused = build_schema(production=True).execute_sync(introspection)
    assert refused.errors and "introspection" in refused.errors[0].message.lower()


def test_the_workers_shared_socket_turns_nagle_off_on_each_connection() -> None:
    """uvicorn issue 3149: accepted connections inherit the listening socket's protocol number."""
    config = TcpConfig("maillage.api.app:create_app", factory=True, host="127.0.0.1", port=0, workers=2)
    listening = config.bind_socket()
    seen: list[int] = []

    async def check() -> None:
        connected = asyncio.Event()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                connected.set()

        srv = await asyncio.get_running_loop().create_server(Probe, sock=listening)
        _, writer = await asyncio.open_connection(*listening.getsockname()[:2])
        await asyncio.wait_for(connected.wait(), 5)
        writer.close()
        srv.close()

    asyncio.run(check())
    assert seen and seen[0] != 0


def test_serve_with_two_workers_answers_graphql(test_server: dict[str, str], tmp_path: Path) -> None:
    port = server.free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "maillage"), "serve", "--port", str(port), "--workers", "2"],
            env={**os.environ, **test_server},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.3)
        with httpx.Client(timeout=10) as client:
            bodies = [client.post(f"{url}/graphql", json={"query": VOCABULARY}).json() for _ in range(4)]
        assert all(b["data"]["vocabularies"][0]["name"] == "OrgKind" for b in bodies)
    finally:
        process.terminate()
        process.wait(timeout=20)
