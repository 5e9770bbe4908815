"""Shared fixtures: one disposable Neo4j server for the whole run, a connected Graph, a clean graph.

The server is started by the test session itself (free port, temporary directory) and always
stopped, on failure or Ctrl-C too. ``MAILLAGE_TEST_NEO4J_URI`` (+ ``_PASSWORD``) points the tests
at another, disposable, database instead: the tests wipe it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx
import pytest

from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.graph.schema import migrate
from maillage.graph.settings import Settings, load_settings
from maillage.queries.tokens import create_token

REPO = Path(__file__).resolve().parent.parent


def _sigterm_as_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


signal.signal(signal.SIGTERM, _sigterm_as_interrupt)


@pytest.fixture(scope="session")
def test_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment variables naming a disposable Neo4j server, started for this session."""
    external = os.environ.get("MAILLAGE_TEST_NEO4J_URI")
    if external:
        yield {
            "NEO4J_URI": external,
            "NEO4J_USERNAME": os.environ.get("MAILLAGE_TEST_NEO4J_USERNAME", "neo4j"),
            "NEO4J_PASSWORD": os.environ["MAILLAGE_TEST_NEO4J_PASSWORD"],
        }
        return
    config = server.ServerConfig(
        home=tmp_path_factory.mktemp("neo4j"),
        dist=REPO / "var" / "neo4j-dist",
        bolt_port=server.free_port(),
        heap="1g",
        page_cache="512m",
        disposable=True,
    )
    server.install(config)
    server.start(config)
    try:
        uri, user, password = server.credentials(config)
        yield {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password, "MAILLAGE_ENV": "test"}
    finally:
        server.stop(config)


@pytest.fixture(scope="session")
def settings(test_server: dict[str, str]) -> Settings:
    """Settings that point at the test server (``MAILLAGE_TX_TIMEOUT`` from the environment still applies:
    a loaded machine may need more than the default 30 s for the reference import's one transaction)."""
    passed = {k: os.environ[k] for k in ("MAILLAGE_TX_TIMEOUT",) if k in os.environ}
    return load_settings({**test_server, **passed})


@pytest.fixture(scope="session")
def graph(settings: Settings) -> Iterator[Graph]:
    """A connected Graph on the test server, schema migrated."""
    connected = Graph.from_settings(settings)
    migrate(connected)
    yield connected
    connected.close()


def wipe(graph: Graph) -> None:
    """Delete every node except the schema bookkeeping."""
    graph.write("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")


@pytest.fixture
def wiper() -> Callable[[Graph], None]:
    """The function that empties the test graph (schema kept), for tests that wipe mid-way."""
    return wipe


@pytest.fixture
def empty_graph(graph: Graph) -> Graph:
    """The test graph, emptied of data (schema kept)."""
    wipe(graph)
    return graph


@pytest.fixture
def load_yaml(empty_graph: Graph, tmp_path: Path) -> Callable[[str], Graph]:
    """A function that imports one YAML document (the import format of docs/) into the emptied test graph."""
    from maillage.importers import import_paths

    def load(text: str) -> Graph:
        path = tmp_path / f"data-{len(list(tmp_path.glob('data-*.yaml')))}.yaml"
        path.write_text(text, encoding="utf-8")
        import_paths(empty_graph, [path])
        return empty_graph

    return load


@contextmanager
def serving(
    env: dict[str, str],
    log: Path,
    maillage: Path | None = None,
    cwd: Path | None = None,
    options: Sequence[str] = (),
) -> Iterator[str]:
    """Run `maillage serve` (uvicorn) on a free port with ``env`` added to the environment; yield its base URL.

    ``maillage``: the console script to run (default: this virtualenv's), from ``cwd`` (default: this one),
    with ``options`` added to its command line.
    Its log and its output (uvicorn's access log) go to ``log``: a pipe nobody reads fills up (64 KiB of
    tracebacks) and blocks the server."""
    port = server.free_port()
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [str(maillage or Path(sys.executable).parent / "maillage"), "serve", "--port", str(port), *options],
            env={**os.environ, **env},
            stdout=stderr,
            stderr=stderr,
            cwd=cwd,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a loaded machine (shared CI) starts slowly
        while not _answers(f"{url}/health"):
            if process.poll() is not None or time.monotonic() > deadline:
                detail = log.read_text(errors="replace") if process.poll() is not None else ""
                raise RuntimeError(f"maillage serve n'a pas démarré : {detail}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def serve() -> Callable[..., AbstractContextManager[str]]:
    """:func:`serving`, for tests that need a server of their own (other settings)."""
    return serving


@pytest.fixture(scope="session")
def api_server(test_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a real `maillage serve` process on a free port, reading the test database."""
    with serving(test_server, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url


@pytest.fixture
def restartable_server(tmp_path: Path) -> Iterator[server.ServerConfig]:
    """A second, small managed server that a test may stop and start (the session's one stays up)."""
    config = server.ServerConfig(
        home=tmp_path / "neo4j",
        dist=REPO / "var" / "neo4j-dist",
        bolt_port=server.free_port(),
        heap="512m",
        page_cache="128m",
        disposable=True,
    )
    server.start(config)
    yield config
    server.stop(config)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


REFERENCE_FILES = sorted((REPO / "data" / "reference").glob("*.yaml"))


@pytest.fixture(scope="module")
def reference_graph(graph: Graph) -> Graph:
    """The test graph holding exactly the reference dataset (loaded once per test module; don't write to it)."""
    from maillage.importers import import_paths

    wipe(graph)
    import_paths(graph, REFERENCE_FILES)
    return graph


@pytest.fixture(scope="module")
def api(reference_graph: Graph, api_server: str) -> str:
    """The running API's base URL, its database holding exactly the reference dataset."""
    return api_server


@pytest.fixture(scope="module")
def staff(reference_graph: Graph) -> str:
    """A staff token (the plain text a caller sends) valid on the reference database."""
    return create_token(reference_graph, "Équipe test", "staff")[1]


KBO_REGISTER = REPO / "tests" / "fixtures" / "kbo"
"""A tiny extract of the BCE/KBO open data, in the register's own CSV layout."""
KBO_ORGANISATIONS = REPO / "tests" / "fixtures" / "kbo-organisations.yaml"
"""Organisations with enterprise numbers: two in the extract, one absent from it, one without a number."""


@pytest.fixture
def registered(empty_graph: Graph) -> Graph:
    """The emptied test graph holding the organisations of ``KBO_ORGANISATIONS``."""
    from maillage.importers import import_paths

    import_paths(empty_graph, [KBO_ORGANISATIONS])
    return empty_graph


def eventually(check: Callable[[], object], timeout: float = 10.0) -> bool:
    """True as soon as ``check()`` is truthy (polled every 10 ms), False after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return False


PAUSED_IMPORT = """
import sys
from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.importers import import_paths

def tell(phase, done, total):
    if phase.startswith(sys.argv[1]):
        print("stopped", done, flush=True)
        sys.stdin.readline()  # wait here until the test kills the process

batch = int(sys.argv[2])
options = {"batch": batch} if batch else {}
import_paths(Graph.from_settings(load_settings()), sys.argv[3:], progress=tell, **options)
"""


@contextmanager
def held_process(script: str, arguments: list[str], env: dict[str, str]) -> Iterator[int]:
    """``script`` run by Python in another process with ``arguments`` and ``env``, until it prints
    ``stopped <count>`` and waits (reading its standard input); held there for as long as the block runs, then
    killed (SIGKILL: nothing of it runs again, as after a crash). The block gets the count."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, *arguments],
        env={**os.environ, **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("stopped"), process.communicate(timeout=60)
        yield int(line.split()[1])
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)


def import_paused_at(
    phase: str, paths: list[Path], env: dict[str, str], *, batch: int | None = 50
) -> AbstractContextManager[int]:
    """An import of ``paths`` (``batch`` rows per batch; None: the default) in another process, held still once
    it reports a phase starting with ``phase`` (see :func:`held_process`). The block gets the count the import
    reported with that phase."""
    return held_process(PAUSED_IMPORT, [phase, str(batch or 0), *map(str, paths)], env)


PEAK_MEMORY = """
def peak_memory():
    # VmHWM, not ru_maxrss: a child keeps the ru_maxrss of the process it was forked from (pytest, larger)
    line = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024
"""
"""Source of ``peak_memory()`` (bytes) for the scripts tests run in a child process to measure its memory."""

READER_MEMORY = (
    PEAK_MEMORY
    + """
import importlib, sys
from pathlib import Path

read = getattr(importlib.import_module(sys.argv[1]), sys.argv[2])
baseline = peak_memory()
count = sum(1 for _ in read(Path(sys.argv[3]), "f"))
print(count, peak_memory() - baseline)
"""
)


def read_in_child(reader: Callable[[Path, str], Iterable[object]], path: Path) -> tuple[int, int]:
    """How many items ``reader`` (an importer's reader function) yields from ``path``, and by how many bytes
    reading them grew the peak memory of the process: read in a fresh child process, so that nothing of this one
    counts."""
    arguments = [reader.__module__, reader.__name__, str(path)]
    out = subprocess.run([sys.executable, "-c", READER_MEMORY, *arguments], capture_output=True, text=True, check=True)
    count, growth = map(int, out.stdout.split())
    return count, growth
