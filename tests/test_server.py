"""The managed Neo4j server, for real: start, status, stop, pid files, ports, password, failures.

One module-scoped server serves the read-only checks; the few tests that must stop, restart or
break a server start their own, on their own temporary home and free port, and always stop it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import neo4j
import pytest
from neo4j import exceptions as neo4j_errors

from maillage.graph import server
from maillage.graph.errors import ConfigError, PrerequisiteMissing, ServerError

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "var" / "neo4j-dist"
PID_FILE = Path("run") / "maillage-neo4j.pid"


@pytest.fixture(scope="session")
def dist() -> Path:
    """``var/neo4j-dist`` with the Neo4j jars, downloaded once if missing."""
    server.install(server.ServerConfig(home=DIST, dist=DIST))
    return DIST


def _config(home: Path, dist: Path, port: int | None = None, **changes: object) -> server.ServerConfig:
    config = server.ServerConfig(
        home=home,
        dist=dist,
        bolt_port=port or server.free_port(),
        heap="512m",
        page_cache="128m",
        disposable=True,
    )
    return replace(config, **changes)  # type: ignore[arg-type]


def _exists(pid: int) -> bool:
    """True when ``pid`` is a live process (zombies count as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _servers_of(home: Path) -> list[int]:
    """Pids of the Neo4j processes whose command line names ``home``."""
    needle = f"--home-dir={home.resolve()}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in entry.joinpath("cmdline").read_bytes().split(b"\0") and _exists(int(entry.name)):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _dead_pid() -> int:
    """The pid of a process that has just ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.fixture(scope="module")
def running(
    dist: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[server.ServerConfig, server.ServerStatus]]:
    """One server for the read-only checks, with what its first start returned."""
    config = _config(tmp_path_factory.mktemp("managed"), dist)
    try:
        yield config, server.start(config)
    finally:
        server.stop(config)


def test_start_returns_a_running_neo4j_5_26_community(running: tuple[server.ServerConfig, server.ServerStatus]) -> None:
    config, started = running
    assert started.running and started.pid is not None
    assert started.version is not None and started.version.startswith("5.26")
    assert started.edition == "community"
    assert started.bolt_uri == f"bolt://127.0.0.1:{config.bolt_port}"
    assert server.status(config) == started
    assert (config.home / PID_FILE).read_text().strip() == str(started.pid)


def test_starting_a_running_server_returns_the_same_process(
    running: tuple[server.ServerConfig, server.ServerStatus],
) -> None:
    config, started = running
    again = server.start(config)
    assert again.pid == started.pid and again.running and again.version == started.version


def test_the_password_file_is_private_and_its_credentials_work(
    running: tuple[server.ServerConfig, server.ServerStatus],
) -> None:
    config, _ = running
    assert (config.home / "password").stat().st_mode & 0o777 == 0o600
    uri, user, secret = server.credentials(config)
    assert (uri, user) == (f"bolt://127.0.0.1:{config.bolt_port}", "neo4j")
    assert secret == server.password(config) and len(secret) >= 24 and secret != "neo4j"
    with neo4j.GraphDatabase.driver(uri, auth=(user, secret)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_="neo4j")
    assert records[0]["one"] == 1


@pytest.mark.parametrize("wrong", ["neo4j", "not-the-password"])
def test_a_wrong_password_is_refused(running: tuple[server.ServerConfig, server.ServerStatus], wrong: str) -> None:
    config, _ = running
    with neo4j.GraphDatabase.driver(config.bolt_uri, auth=("neo4j", wrong)) as driver:
        with pytest.raises(neo4j_errors.AuthError):
            driver.verify_connectivity()


def test_the_config_keeps_the_server_on_loopback_with_auth_on(
    running: tuple[server.ServerConfig, server.ServerStatus],
) -> None:
    config, _ = running
    conf = (config.home / "conf" / "neo4j.conf").read_text().splitlines()
    for line in (
        f"server.bolt.listen_address=127.0.0.1:{config.bolt_port}",
        "server.default_listen_address=127.0.0.1",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "server.memory.heap.max_size=512m",
        "db.transaction.timeout=60s",
        f"server.directories.data={config.home / 'data'}",
    ):
        assert line in conf


def test_the_log_tail_shows_the_start(running: tuple[server.ServerConfig, server.ServerStatus]) -> None:
    config, _ = running
    assert "Started" in server.log_tail(config)
    short = server.log_tail(config, 2).splitlines()
    assert short[0].startswith("--- ") and short[0].endswith("neo4j.log ---") and len(short) <= 2 + 2


def test_stop_then_restart_over_a_stale_pid_file_with_new_settings(dist: Path, tmp_path: Path) -> None:
    config = _config(tmp_path / "neo4j", dist)
    try:
        first = server.start(config)
        assert first.pid is not None
        assert server.stop(config) is True
        assert not _exists(first.pid) and not (config.home / PID_FILE).exists()
        assert server.status(config) == server.ServerStatus(False, None, config.bolt_uri)
        assert server.stop(config) is False

        (config.home / PID_FILE).write_text(f"{_dead_pid()}\n")
        assert server.status(config).running is False
        assert not (config.home / PID_FILE).exists()

        (config.home / PID_FILE).write_text(f"{_dead_pid()}\n")
        with_http = replace(config, http_port=server.free_port())
        restarted = server.start(with_http)  # neo4j.conf is rewritten at each start
        assert restarted.running and restarted.pid != first.pid
        assert restarted.version is not None and restarted.version.startswith("5.26")
        assert (config.home / PID_FILE).read_text().strip() == str(restarted.pid)
        with urllib.request.urlopen(f"http://127.0.0.1:{with_http.http_port}/", timeout=10) as response:
            discovery = json.load(response)
        assert discovery["neo4j_edition"] == "community" and discovery["neo4j_version"].startswith("5.26")
    finally:
        server.stop(config)
    assert _servers_of(config.home) == []


def test_a_taken_port_is_named_in_the_error(dist: Path, tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        config = _config(tmp_path / "neo4j", dist, port)
        try:
            with pytest.raises(ServerError, match=f"port Bolt {port} .*MAILLAGE_BOLT_PORT=\\d+"):
                server.start(config)
        finally:
            server.stop(config)
    assert not (config.home / "password").exists() and not (config.home / PID_FILE).exists()


def test_a_pid_file_naming_another_process_is_neither_trusted_nor_signalled(tmp_path: Path) -> None:
    config = _config(tmp_path / "neo4j", DIST)
    (config.home / "run").mkdir(parents=True)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (config.home / PID_FILE).write_text(f"{other.pid}\n")
        assert server.status(config).running is False
        (config.home / PID_FILE).write_text(f"{other.pid}\n")
        assert server.stop(config) is False
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_a_server_that_does_not_answer_in_time_is_killed(dist: Path, tmp_path: Path) -> None:
    config = _config(tmp_path / "neo4j", dist)
    try:
        with pytest.raises(ServerError, match=f"n'a pas répondu sur {config.bolt_uri}"):
            server.start(config, timeout=0.5)
    finally:
        server.stop(config)
    assert _servers_of(config.home) == [] and not (config.home / PID_FILE).exists()
    assert server.status(config).running is False


def test_a_start_interrupted_while_waiting_kills_the_server(dist: Path, tmp_path: Path) -> None:
    """Ctrl-C during the wait for Bolt. The starter handles SIGINT as an interactive Python does: started from a
    background job (CI), it would inherit SIGINT ignored."""
    config = _config(tmp_path / "neo4j", dist)
    starter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, sys; from pathlib import Path; from maillage.graph import server; "
            "signal.signal(signal.SIGINT, signal.default_int_handler); "
            "server.start(server.ServerConfig(home=Path(sys.argv[1]), dist=Path(sys.argv[2]), "
            "bolt_port=int(sys.argv[3]), heap='512m', page_cache='128m', disposable=True))",
            str(config.home),
            str(dist),
            str(config.bolt_port),
        ],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not _servers_of(config.home) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _servers_of(config.home), "the server was never launched"
        starter.send_signal(signal.SIGINT)
        _, stderr = starter.communicate(timeout=60)
        left_running = _servers_of(config.home)
    finally:
        starter.kill()
        server.stop(config)
    assert b"KeyboardInterrupt" in stderr
    assert left_running == [] and not (config.home / PID_FILE).exists()


def test_a_jvm_that_cannot_start_reports_why(dist: Path, tmp_path: Path) -> None:
    config = _config(tmp_path / "neo4j", dist, heap="1k")
    try:
        with pytest.raises(ServerError, match="(?s)arrêté pendant le démarrage \\(code de sortie 1\\).*heap"):
            server.start(config)
    finally:
        server.stop(config)
    assert not (config.home / PID_FILE).exists()


def test_a_malformed_memory_size_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    config = _config(tmp_path / "neo4j", DIST, page_cache="lots")
    with pytest.raises(ConfigError, match="page_cache='lots'"):
        server.start(config)
    assert not config.home.exists()


def test_a_home_that_never_started_has_no_server_and_no_password(tmp_path: Path) -> None:
    config = _config(tmp_path / "never", DIST)
    assert server.status(config) == server.ServerStatus(False, None, config.bolt_uri)
    assert server.stop(config) is False
    with pytest.raises(ServerError, match="jamais démarré"):
        server.password(config)
    assert "aucun journal" in server.log_tail(config)


def test_without_java_17_the_error_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_java = tmp_path / "jdk11" / "bin" / "java"
    old_java.parent.mkdir(parents=True)
    old_java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n")
    old_java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(old_java.parent.parent))
    with pytest.raises(PrerequisiteMissing, match="Java 17.*11.0.22.*apt-get install openjdk-17-jre-headless"):
        server.start(_config(tmp_path / "neo4j", DIST))


def test_without_maven_the_install_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = shutil.which("java")
    assert java is not None
    os.symlink(java, bin_dir / "java")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(PrerequisiteMissing, match="apt-get install maven"):
        server.install(_config(tmp_path / "neo4j", tmp_path / "empty-dist"))
