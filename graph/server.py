"""The managed Neo4j 5.26 Community server: installed from Maven Central, started and stopped by maillage.

The jars come from ``graph/neo4j-pom.xml`` (``mvn dependency:copy-dependencies``); the server runs
as ``java … org.neo4j.server.CommunityEntryPoint`` with the JVM options the official 5.x launcher
passes, Bolt on 127.0.0.1 only, HTTP off unless asked, and authentication always on with a
password generated at first start (kept in ``<home>/password``, mode 0600).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j
from neo4j import exceptions as neo4j_errors

from .connection import PASSWORD_FILE
from .errors import PrerequisiteMissing, ServerError

POM = Path(__file__).parent / "neo4j-pom.xml"
NEO4J_VERSION = "5.26.30"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
PID_FILE = "run/maillage-neo4j.pid"
USER = "neo4j"

_ADD_OPENS = (
    "java.base/java.nio",
    "java.base/java.io",
    "java.base/sun.nio.ch",
    "java.base/java.lang",
    "java.base/java.util",
    "java.base/java.util.concurrent",
    "java.base/java.lang.invoke",
    "java.base/jdk.internal.misc",
    "java.base/jdk.internal.ref",
)
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    *(f"--add-opens={module}=ALL-UNNAMED" for module in _ADD_OPENS),
)
"""The options of the 5.26 distribution's neo4j.conf (``server.jvm.additional``), minus AlwaysPreTouch,
which makes start-up slow with a large heap."""


@dataclass(frozen=True)
class ServerConfig:
    """Where the managed server lives and how it listens."""

    home: Path
    dist: Path
    bolt_port: int = 7687
    http_port: int | None = None
    heap: str = "4g"
    page_cache: str = "4g"
    disposable: bool = False

    @property
    def bolt_uri(self) -> str:
        """The Bolt address clients use."""
        return f"bolt://127.0.0.1:{self.bolt_port}"


@dataclass(frozen=True)
class ServerStatus:
    """What ``status`` found."""

    running: bool
    pid: int | None
    bolt_uri: str
    version: str | None = None
    edition: str | None = None


def _lib(cfg: ServerConfig) -> Path:
    return cfg.dist.resolve() / "lib"


def _installed(cfg: ServerConfig) -> bool:
    lib = _lib(cfg)
    return lib.is_dir() and any(lib.glob(f"neo4j-kernel-{NEO4J_VERSION}.jar"))


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise PrerequisiteMissing("Java 17 est introuvable : installez-le (apt-get install openjdk-17-jre-headless).")
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    match = re.search(r'version "(\d+)', out)
    if match is None or int(match.group(1)) < 17:
        raise PrerequisiteMissing(
            f"Neo4j 5.26 demande Java 17 ou plus ; trouvé : {out.splitlines()[0] if out else '?'}. "
            "Installez openjdk-17-jre-headless."
        )
    return java


def install(cfg: ServerConfig) -> Path:
    """Copy the Neo4j jars into ``<dist>/lib`` with Maven unless they are there; return that folder."""
    lib = _lib(cfg).resolve()
    if _installed(cfg):
        return lib
    _java()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise PrerequisiteMissing("Maven est introuvable : installez-le (apt-get install maven).")
    staging = (cfg.dist / "lib.partial").resolve()
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    result = subprocess.run(
        [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={staging}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise ServerError(f"Le téléchargement de Neo4j par Maven a échoué :\n{tail}")
    shutil.rmtree(lib, ignore_errors=True)
    staging.rename(lib)
    return lib


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def password(cfg: ServerConfig) -> str:
    """The managed server's password (generated at first start)."""
    try:
        return (cfg.home / PASSWORD_FILE).read_text().strip()
    except FileNotFoundError:
        raise ServerError(f"Le serveur géré n'a jamais démarré ({cfg.home / PASSWORD_FILE} absent).") from None


def credentials(cfg: ServerConfig) -> tuple[str, str, str]:
    """Bolt URI, user and password of the managed server."""
    return cfg.bolt_uri, USER, password(cfg)


def _write_config(cfg: ServerConfig) -> None:
    home = cfg.home
    settings = {
        "server.directories.data": home / "data",
        "server.directories.logs": home / "logs",
        "server.directories.run": home / "run",
        "server.directories.plugins": home / "plugins",
        "server.directories.import": home / "import",
        "server.directories.transaction.logs.root": home / "data" / "transactions",
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{cfg.bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{cfg.bolt_port}",
        "server.http.enabled": "true" if cfg.http_port else "false",
        "server.https.enabled": "false",
        "server.memory.heap.initial_size": cfg.heap,
        "server.memory.heap.max_size": cfg.heap,
        "server.memory.pagecache.size": cfg.page_cache,
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "db.transaction.timeout": "60s",
    }
    if cfg.http_port:
        settings["server.http.listen_address"] = f"127.0.0.1:{cfg.http_port}"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    for folder in ("data", "logs", "run", "plugins", "import"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    text = "".join(f"{key}={value}\n" for key, value in settings.items())
    (home / "conf" / "neo4j.conf").write_text(text)


def _ensure_password(cfg: ServerConfig, java: str) -> None:
    path = cfg.home / PASSWORD_FILE
    if path.exists():
        return
    secret = secrets.token_urlsafe(24)
    env = {**os.environ, "NEO4J_HOME": str(cfg.home), "NEO4J_CONF": str(cfg.home / "conf")}
    result = subprocess.run(
        [java, "-cp", f"{_lib(cfg)}/*", ADMIN_TOOL, "dbms", "set-initial-password", secret],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise ServerError(f"Impossible de fixer le mot de passe initial :\n{result.stdout}{result.stderr}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret + "\n")


def _read_pid(cfg: ServerConfig) -> int | None:
    try:
        return int((cfg.home / PID_FILE).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (FileNotFoundError, IndexError):
        return True
    return state != "Z"


def _running_pid(cfg: ServerConfig) -> int | None:
    pid = _read_pid(cfg)
    if pid is None:
        return None
    if _alive(pid):
        return pid
    (cfg.home / PID_FILE).unlink(missing_ok=True)
    return None


def _components(cfg: ServerConfig, secret: str) -> tuple[str, str]:
    with neo4j.GraphDatabase.driver(
        cfg.bolt_uri, auth=(USER, secret), connection_timeout=2.0, notifications_min_severity="OFF"
    ) as driver:
        # An auto-commit query is not retried by the driver: each poll answers at once.
        with driver.session(database="system") as session:
            record = session.run(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"
            ).single(strict=True)
    return record["version"], record["edition"]


def log_tail(cfg: ServerConfig, lines: int = 50) -> str:
    """The last ``lines`` lines of the server's log and console output."""
    parts = []
    for name in ("neo4j.log", "console.log"):
        path = cfg.home / "logs" / name
        if path.exists():
            content = path.read_text(errors="replace").splitlines()[-lines:]
            if content:
                parts.append(f"--- {path} ---\n" + "\n".join(content))
    return "\n".join(parts) or f"(aucun journal dans {cfg.home / 'logs'})"


def status(cfg: ServerConfig) -> ServerStatus:
    """Whether the server runs and, if it answers, its version and edition."""
    pid = _running_pid(cfg)
    if pid is None:
        return ServerStatus(False, None, cfg.bolt_uri)
    try:
        version, edition = _components(cfg, password(cfg))
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
        return ServerStatus(True, pid, cfg.bolt_uri)
    return ServerStatus(True, pid, cfg.bolt_uri, version, edition)


def start(cfg: ServerConfig, timeout: float = 120) -> ServerStatus:
    """Start the server unless it runs, and wait until Bolt answers.

    Raises ServerError with the reason and the tail of the log when the port is taken, the
    process dies or Bolt does not answer within ``timeout`` seconds.
    """
    java = _java()
    install(cfg)
    current = status(cfg)
    if current.running and current.version:
        return current
    if current.running:
        return _wait_for_bolt(cfg, current.pid or 0, timeout)
    if _port_taken(cfg.bolt_port):
        raise ServerError(
            f"Le port Bolt {cfg.bolt_port} est déjà pris par un autre programme : "
            "choisissez-en un autre (MAILLAGE_BOLT_PORT)."
        )
    if cfg.http_port and _port_taken(cfg.http_port):
        raise ServerError(f"Le port HTTP {cfg.http_port} est déjà pris : choisissez-en un autre (MAILLAGE_HTTP_PORT).")
    _write_config(cfg)
    _ensure_password(cfg, java)
    command = [
        java,
        *JVM_OPTIONS,
        "-cp",
        f"{cfg.home / 'plugins'}/*:{cfg.home / 'conf'}/*:{_lib(cfg)}/*",
        ENTRY_POINT,
        f"--home-dir={cfg.home}",
        f"--config-dir={cfg.home / 'conf'}",
    ]
    command[1:1] = [f"-Xms{cfg.heap}", f"-Xmx{cfg.heap}"]
    console = open(cfg.home / "logs" / "console.log", "ab")  # noqa: SIM115 - handed to the child
    with console:
        process = subprocess.Popen(
            command,
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "NEO4J_HOME": str(cfg.home), "NEO4J_CONF": str(cfg.home / "conf")},
        )
    (cfg.home / PID_FILE).write_text(f"{process.pid}\n")
    return _wait_for_bolt(cfg, process.pid, timeout, process)


def _wait_for_bolt(
    cfg: ServerConfig, pid: int, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> ServerStatus:
    secret = password(cfg)
    deadline = time.monotonic() + timeout
    last_error = "pas de réponse"
    while time.monotonic() < deadline:
        exited = process.poll() is not None if process else not _alive(pid)
        if exited:
            (cfg.home / PID_FILE).unlink(missing_ok=True)
            raise ServerError(f"Neo4j s'est arrêté pendant le démarrage.\n{log_tail(cfg, 30)}")
        try:
            version, edition = _components(cfg, secret)
            return ServerStatus(True, pid, cfg.bolt_uri, version, edition)
        except neo4j_errors.AuthError as exc:
            raise ServerError(f"Neo4j refuse le mot de passe de {cfg.home / PASSWORD_FILE} : {exc}") from exc
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            last_error = str(exc)
        time.sleep(0.5)
    _terminate(cfg, pid, 10)
    raise ServerError(f"Neo4j n'a pas répondu sur Bolt en {timeout:.0f} s ({last_error}).\n{log_tail(cfg, 30)}")


def _terminate(cfg: ServerConfig, pid: int, timeout: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        _reap(pid)
        time.sleep(0.2)
    if _alive(pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while _alive(pid):
            _reap(pid)
            time.sleep(0.1)
    _reap(pid)
    (cfg.home / PID_FILE).unlink(missing_ok=True)


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def stop(cfg: ServerConfig, timeout: float = 60) -> bool:
    """Stop the server (SIGTERM, then SIGKILL after ``timeout``); True if it was running."""
    pid = _running_pid(cfg)
    if pid is None:
        return False
    _terminate(cfg, pid, timeout)
    return True
