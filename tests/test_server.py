"""The managed Neo4j server: start, status, stop, stale pid files, taken ports, auth always on."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from neo4j import exceptions as neo4j_errors

from maillage.graph import server
from maillage.graph.errors import ServerError

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent


def _config(home: Path, port: int | None = None) -> server.ServerConfig:
    return server.ServerConfig(
        home=home,
        dist=REPO / "var" / "neo4j-dist",
        bolt_port=port or server.free_port(),
        heap="512m",
        page_cache="128m",
        disposable=True,
    )


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[server.ServerConfig]:
    config = _config(tmp_path_factory.mktemp("managed"))
    server.start(config)
    yield config
    server.stop(config)


def test_start_reports_neo4j_5_26_community(running: server.ServerConfig) -> None:
    state = server.status(running)
    assert state.running and state.version is not None
    assert state.version.startswith("5.26") and state.edition == "community"


def test_starting_a_running_server_keeps_the_same_process(running: server.ServerConfig) -> None:
    before = server.status(running).pid
    assert server.start(running).pid == before


def test_the_password_file_is_readable_by_its_owner_only(running: server.ServerConfig) -> None:
    assert (running.home / "password").stat().st_mode & 0o777 == 0o600


def test_auth_is_on_and_a_wrong_password_is_refused(running: server.ServerConfig) -> None:
    with neo4j.GraphDatabase.driver(running.bolt_uri, auth=("neo4j", "neo4j")) as driver:
        with pytest.raises(neo4j_errors.AuthError):
            driver.verify_connectivity()


def test_http_is_off_unless_asked(running: server.ServerConfig) -> None:
    conf = (running.home / "conf" / "neo4j.conf").read_text()
    assert "server.http.enabled=false" in conf and "server.bolt.listen_address=127.0.0.1:" in conf


def test_the_log_tail_shows_the_start(running: server.ServerConfig) -> None:
    assert "Started" in server.log_tail(running, 200)


def test_a_taken_port_is_named_in_the_error(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        with pytest.raises(ServerError, match=str(port)):
            server.start(_config(tmp_path, port))


def test_stop_then_status_says_stopped_and_a_stale_pid_file_is_ignored(tmp_path: Path) -> None:
    config = _config(tmp_path)
    server.start(config)
    assert server.stop(config) is True
    assert server.status(config).running is False
    (tmp_path / "run" / "maillage-neo4j.pid").write_text("999999\n")
    assert server.status(config).running is False
    try:
        assert server.start(config).running
    finally:
        server.stop(config)
    assert server.stop(config) is False
