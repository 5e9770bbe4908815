"""The managed Neo4j 5.26 Community server: installed from Maven Central, started and stopped by maillage.

The jars come from ``graph/neo4j-pom.xml`` (``mvn dependency:copy-dependencies`` into ``<dist>/lib``);
the server runs as ``java … org.neo4j.server.CommunityEntryPoint`` with the JVM options of the 5.26
distribution, detached from the caller, Bolt on 127.0.0.1 only, HTTP off unless asked, and
authentication always on with a password generated at first start and kept in ``<home>/password``
(mode 0600). ``<home>/run/maillage-neo4j.pid`` names the running process.
"""

from __future__ import annotations

import fcntl
import functools
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import neo4j
from neo4j import exceptions as neo4j_errors

from .connection import PASSWORD_FILE
from .errors import ConfigError, PrerequisiteMissing, ServerError

POM = Path(__file__).parent / "neo4j-pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
PID_FILE = "run/maillage-neo4j.pid"
LOCK_FILE = "run/maillage-neo4j.lock"
USER = "neo4j"
JAVA_HINT = "apt-get install openjdk-17-jre-headless"
MAVEN_HINT = "apt-get install maven"

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
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    *(f"--add-opens={module}=ALL-UNNAMED" for module in _ADD_OPENS),
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)
"""The ``server.jvm.additional`` lines of the 5.26 distribution's neo4j.conf plus the launcher's
``-Dfile.encoding``, minus ``-XX:+AlwaysPreTouch`` (it makes start-up slow with a large heap), plus
the ``--add-opens`` the embedded server needs on JDK 17."""

_ADMIN_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Dfile.encoding=UTF-8")
"""A short-lived admin command starts about twice as fast with these."""

_MEMORY_SIZE = re.compile(r"\d+[kmgKMG]?")
_POLL_INTERVAL = 0.25

_children: dict[int, subprocess.Popen[bytes]] = {}
"""Servers launched by this process, kept so they can be reaped (and Python does not warn)."""


@dataclass(frozen=True)
class ServerConfig:
    """Where the managed server lives and how it listens.

    ``home`` holds conf/, data/, logs/, run/ and the password file; ``dist`` holds lib/ with the jars
    (shareable between homes). Relative paths are made absolute at construction.
    """

    home: Path
    dist: Path
    bolt_port: int = 7687
    http_port: int | None = None
    heap: str = "4g"
    page_cache: str = "4g"
    disposable: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "home", Path(self.home).resolve())
        object.__setattr__(self, "dist", Path(self.dist).resolve())

    @property
    def bolt_uri(self) -> str:
        """The Bolt address clients use."""
        return f"bolt://127.0.0.1:{self.bolt_port}"


@dataclass(frozen=True)
class ServerStatus:
    """What :func:`status` or :func:`start` found; version and edition only when Bolt answered."""

    running: bool
    pid: int | None
    bolt_uri: str
    version: str | None = None
    edition: str | None = None


# --- prerequisites and installation -------------------------------------------------------------


def _pom_version() -> str:
    """The Neo4j version ``graph/neo4j-pom.xml`` pins."""
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    for dependency in ElementTree.parse(POM).getroot().iterfind(".//m:dependency", namespace):
        if dependency.findtext("m:artifactId", namespaces=namespace) == "neo4j":
            version = dependency.findtext("m:version", namespaces=namespace)
            if version:
                return version.strip()
    raise ServerError(f"{POM} ne fixe pas la version de org.neo4j:neo4j.")


def _lib(cfg: ServerConfig) -> Path:
    return cfg.dist / "lib"


def _installed(lib: Path) -> bool:
    version = _pom_version()
    return (lib / f"neo4j-kernel-{version}.jar").is_file() and (lib / f"neo4j-server-{version}.jar").is_file()


@functools.lru_cache(maxsize=8)
def _java_version(java: str) -> tuple[int, str]:
    """The major version of ``java`` and the line of ``java -version`` that gave it."""
    try:
        result = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrerequisiteMissing(f"{java} ne répond pas ({exc}) : installez Java 17 ({JAVA_HINT}).") from None
    output = result.stderr + result.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?[^"]*"', output)
    if match is None:
        first = output.strip().splitlines()[0] if output.strip() else "aucune sortie"
        return 0, first
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_392" is Java 8
        major = int(match.group(2))
    line = next(line for line in output.splitlines() if match.group(0) in line)
    return major, line.strip()


def _java() -> str:
    """The ``java`` to run (``$JAVA_HOME/bin/java``, else the PATH's), checked to be 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    java = str(candidate) if candidate is not None and os.access(candidate, os.X_OK) else shutil.which("java")
    if java is None:
        raise PrerequisiteMissing(f"Java est introuvable (ni $JAVA_HOME/bin/java ni java dans le PATH) : {JAVA_HINT}.")
    major, line = _java_version(java)
    if major < 17:
        raise PrerequisiteMissing(f"Neo4j 5.26 demande Java 17 ou plus ; {java} donne « {line} » : {JAVA_HINT}.")
    return java


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock, held between processes for the ``with`` block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def install(cfg: ServerConfig) -> Path:
    """Copy the Neo4j jars into ``<dist>/lib`` with Maven unless they are there; return that folder.

    Raises PrerequisiteMissing when Java 17+ or Maven is missing, ServerError with the end of
    Maven's output when the download fails. The jars appear all at once (staged, then renamed).
    """
    lib = _lib(cfg)
    if _installed(lib):
        return lib
    _java()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise PrerequisiteMissing(f"Maven est introuvable (mvn absent du PATH) : {MAVEN_HINT}.")
    cfg.dist.mkdir(parents=True, exist_ok=True)
    with _file_lock(cfg.dist / ".install.lock"):
        if _installed(lib):  # another process installed it while we waited
            return lib
        staging = Path(tempfile.mkdtemp(prefix="lib.partial-", dir=cfg.dist))
        try:
            command = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={staging}"]
            try:
                result = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
            except subprocess.TimeoutExpired:
                raise ServerError("Maven n'a pas fini de télécharger Neo4j en 30 minutes.") from None
            if result.returncode != 0:
                tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
                raise ServerError(f"Le téléchargement de Neo4j par Maven a échoué (code {result.returncode}) :\n{tail}")
            if not _installed(staging):
                raise ServerError(f"Maven a fini sans copier les jars de Neo4j {_pom_version()} dans {staging}.")
            shutil.rmtree(lib, ignore_errors=True)
            staging.rename(lib)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return lib


# --- small helpers ------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_taken(port: int) -> bool:
    """True when something else holds ``port`` on 127.0.0.1 (TIME_WAIT leftovers do not count)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _check_memory(name: str, value: str) -> None:
    if not _MEMORY_SIZE.fullmatch(value):
        raise ConfigError(f"{name}={value!r} : une taille comme 512m ou 4g est attendue.")


def _password_path(cfg: ServerConfig) -> Path:
    return cfg.home / PASSWORD_FILE


def password(cfg: ServerConfig) -> str:
    """The managed server's password, generated at its first start.

    Raises ServerError when the server never started (no password file).
    """
    try:
        return _password_path(cfg).read_text().strip()
    except FileNotFoundError:
        raise ServerError(f"Le serveur géré n'a jamais démarré ({_password_path(cfg)} absent).") from None


def credentials(cfg: ServerConfig) -> tuple[str, str, str]:
    """Bolt URI (``bolt://127.0.0.1:PORT``), user and password of the managed server."""
    return cfg.bolt_uri, USER, password(cfg)


def _tail(path: Path, lines: int) -> list[str]:
    """The last ``lines`` lines of ``path``, read from its end (logs can be large)."""
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        position = handle.tell()
        data = b""
        while position > 0 and data.count(b"\n") <= lines:
            step = min(65536, position)
            position -= step
            handle.seek(position)
            data = handle.read(step) + data
    text = data.decode("utf-8", errors="replace")
    # The server writes an ACK byte (0x06) to its console when it detaches its logging: not a line.
    kept = [line for line in text.splitlines() if line.strip("\x06 \t")]
    return kept[-lines:]


def log_tail(cfg: ServerConfig, lines: int = 50) -> str:
    """The last ``lines`` lines of ``<home>/logs/neo4j.log`` and of the console output, each under a header."""
    parts = []
    for name in ("neo4j.log", "console.log"):
        path = cfg.home / "logs" / name
        if lines > 0 and path.is_file():
            content = _tail(path, lines)
            if content:
                parts.append(f"--- {path} ---\n" + "\n".join(content))
    return "\n".join(parts) or f"(aucun journal dans {cfg.home / 'logs'})"


# --- processes ----------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    """True when ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _is_ours(pid: int, cfg: ServerConfig) -> bool:
    """True when ``pid`` is a live Neo4j server started for ``cfg.home`` (a recycled pid is not)."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return not Path("/proc/self").exists() and _alive(pid)  # without /proc, trust the pid file
    except OSError:
        return False
    return ENTRY_POINT.encode() in arguments and f"--home-dir={cfg.home}".encode() in arguments and _alive(pid)


def _find_ours(cfg: ServerConfig) -> int | None:
    """The pid of a server of ``cfg.home`` whose pid file was lost, if one runs."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    for entry in proc.iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid() and _is_ours(int(entry.name), cfg):
            return int(entry.name)
    return None


def _running_pid(cfg: ServerConfig) -> int | None:
    """The pid of the server of ``cfg.home`` if it runs; a stale pid file is removed."""
    pid_file = cfg.home / PID_FILE
    try:
        pid: int | None = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        pid = None
    if pid is not None and _is_ours(pid, cfg):
        return pid
    pid_file.unlink(missing_ok=True)
    found = _find_ours(cfg)
    if found is not None:
        pid_file.write_text(f"{found}\n")
    return found


def _gone(pid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for ``pid`` to end (reaping it if it is our child)."""
    deadline = time.monotonic() + timeout
    child = _children.get(pid)
    while True:
        if child is not None:
            try:
                child.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
            else:
                _children.pop(pid, None)
                return True
        elif not _alive(pid):
            return True
        else:
            time.sleep(0.1)
        if time.monotonic() >= deadline:
            return False


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _terminate(cfg: ServerConfig, pid: int, timeout: float) -> None:
    """SIGTERM, then SIGKILL after ``timeout`` seconds; the pid file goes."""
    _signal(pid, signal.SIGTERM)
    if not _gone(pid, timeout):
        _signal(pid, signal.SIGKILL)
        _gone(pid, 30)
    (cfg.home / PID_FILE).unlink(missing_ok=True)


# --- configuration and password -----------------------------------------------------------------


def _settings(cfg: ServerConfig) -> dict[str, str]:
    home = cfg.home
    settings = {
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.import": str(home / "import"),
        "server.directories.transaction.logs.root": str(home / "data" / "transactions"),
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{cfg.bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{cfg.bolt_port}",
        "server.http.enabled": "false" if cfg.http_port is None else "true",
        "server.https.enabled": "false",
        "server.memory.heap.initial_size": cfg.heap,
        "server.memory.heap.max_size": cfg.heap,
        "server.memory.pagecache.size": cfg.page_cache,
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "db.transaction.timeout": "60s",
        # Bolt waits this many seconds twice (two netty loops) after the databases are closed and
        # checkpointed: 5 by default, i.e. a 10 s stop for nothing.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
    }
    if cfg.http_port is not None:
        settings["server.http.listen_address"] = f"127.0.0.1:{cfg.http_port}"
        settings["server.http.advertised_address"] = f"127.0.0.1:{cfg.http_port}"
    if cfg.disposable:
        # A throwaway database: no 256 MiB preallocated transaction log per database, none kept.
        settings["db.tx_log.preallocate"] = "false"
        settings["db.tx_log.rotation.retention_policy"] = "keep_none"
    return settings


def _make_dirs(cfg: ServerConfig) -> None:
    cfg.home.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder in ("conf", "data", "logs", "run", "plugins", "import"):
        (cfg.home / folder).mkdir(exist_ok=True, mode=0o700)


def _write_config(cfg: ServerConfig) -> None:
    """Write ``<home>/conf/neo4j.conf`` (replaced whole at each start)."""
    lines = ["# Written by maillage at each start of the managed server: edits here are overwritten."]
    lines += [f"{key}={value}" for key, value in _settings(cfg).items()]
    target = cfg.home / "conf" / "neo4j.conf"
    partial = target.with_suffix(".conf.partial")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(partial, target)


def _configured_bolt_port(cfg: ServerConfig) -> int | None:
    """The Bolt port in the current neo4j.conf (the one a running server listens on)."""
    try:
        text = (cfg.home / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    match = re.search(r"^server\.bolt\.listen_address=.*:(\d+)\s*$", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def _admin_env(cfg: ServerConfig) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(cfg.home), "NEO4J_CONF": str(cfg.home / "conf")}


def _ensure_password(cfg: ServerConfig, java: str) -> None:
    """Before the first start: generate the password, set it in the store, keep it in a 0600 file.

    The secret never appears on a command line: it is written to ``<home>/run/password.partial``
    (created 0600, exclusively) and handed to the admin tool as an ``@file`` argument, which its
    command-line parser expands. The file is linked to ``<home>/password`` only once the store took
    it; a crash in between leaves no password file, and the next start sets a new one (allowed
    until the server first starts).
    """
    path = _password_path(cfg)
    if path.exists():
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        return
    if (cfg.home / "data" / "databases" / "system").exists():
        raise ServerError(
            f"La base de {cfg.home} existe déjà mais son mot de passe ({path}) a disparu : "
            f"restaurez ce fichier, ou effacez {cfg.home / 'data'} pour repartir d'une base vide."
        )
    secret = secrets.token_urlsafe(24)
    while secret.startswith("-"):  # it would read as an option wherever it is typed
        secret = secrets.token_urlsafe(24)
    partial = cfg.home / "run" / "password.partial"
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secret + "\n")
        command = [java, *_ADMIN_JVM_OPTIONS, "-cp", f"{_lib(cfg)}/*", ADMIN_TOOL]
        command += ["dbms", "set-initial-password", "--", f"@{partial}"]
        result = subprocess.run(command, capture_output=True, text=True, env=_admin_env(cfg), timeout=300, check=False)
        if result.returncode != 0:
            output = (result.stdout + result.stderr).replace(secret, "***").strip()
            raise ServerError(f"Impossible de fixer le mot de passe initial de Neo4j :\n{output}")
        os.link(partial, path)  # fails rather than overwrite a password file that appeared meanwhile
    finally:
        partial.unlink(missing_ok=True)


# --- start, status, stop ------------------------------------------------------------------------


def _probe(cfg: ServerConfig, secret: str) -> tuple[str, str]:
    """Version and edition read over Bolt with ``CALL dbms.components()`` (raises the driver's errors)."""
    with neo4j.GraphDatabase.driver(
        cfg.bolt_uri,
        auth=(USER, secret),
        connection_timeout=2.0,
        max_connection_pool_size=1,
        notifications_min_severity="OFF",
    ) as driver:
        # An auto-commit query is not retried by the driver: each probe answers at once.
        with driver.session(database="system") as session:
            record = session.run(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"
            ).single(strict=True)
    return record["version"], record["edition"]


_NOT_ANSWERING = (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError)


def status(cfg: ServerConfig) -> ServerStatus:
    """Whether the server of ``cfg.home`` runs and, when Bolt answers, its version and edition.

    ``running`` is true as soon as the process lives, even while it is still starting.
    """
    pid = _running_pid(cfg) if cfg.home.is_dir() else None
    if pid is None:
        return ServerStatus(False, None, cfg.bolt_uri)
    try:
        version, edition = _probe(cfg, password(cfg))
    except (*_NOT_ANSWERING, ServerError):
        return ServerStatus(True, pid, cfg.bolt_uri)
    return ServerStatus(True, pid, cfg.bolt_uri, version, edition)


def _launch(cfg: ServerConfig, java: str) -> subprocess.Popen[bytes]:
    """Start the server detached (own session), its console going to ``<home>/logs/console.log``."""
    home, conf = cfg.home, cfg.home / "conf"
    command = [
        java,
        f"-Xms{cfg.heap}",
        f"-Xmx{cfg.heap}",
        *JVM_OPTIONS,
        "-cp",
        f"{home / 'plugins'}/*:{conf}/*:{_lib(cfg)}/*",
        ENTRY_POINT,
        f"--home-dir={home}",
        f"--config-dir={conf}",
    ]
    with open(home / "logs" / "console.log", "ab") as console:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            cwd=home,
            env=_admin_env(cfg),
            start_new_session=True,
        )
    _children[process.pid] = process
    (home / PID_FILE).write_text(f"{process.pid}\n")
    return process


def _wait_for_bolt(
    cfg: ServerConfig, pid: int, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> ServerStatus:
    """Poll Bolt until the server answers (it logs "Started." once every database is up).

    Raises ServerError with the log tail when the process ends or ``timeout`` passes; a server this
    call launched (``process``) is then killed.
    """
    secret = password(cfg)
    deadline = time.monotonic() + timeout
    reason = "pas de réponse"
    while True:
        code = process.poll() if process is not None else None
        if code is not None or (process is None and not _alive(pid)):
            _children.pop(pid, None)
            (cfg.home / PID_FILE).unlink(missing_ok=True)
            how = f" (code de sortie {code})" if code is not None else ""
            raise ServerError(f"Neo4j s'est arrêté pendant le démarrage{how}.\n{log_tail(cfg, 30)}")
        try:
            version, edition = _probe(cfg, secret)
        except neo4j_errors.AuthError as exc:
            if process is not None:
                _terminate(cfg, pid, 30)
            raise ServerError(f"Neo4j refuse le mot de passe de {_password_path(cfg)} : {exc.message}") from exc
        except _NOT_ANSWERING as exc:
            reason = str(exc) or type(exc).__name__
        else:
            return ServerStatus(True, pid, cfg.bolt_uri, version, edition)
        if time.monotonic() >= deadline:
            break
        time.sleep(_POLL_INTERVAL)
    if process is not None:
        _terminate(cfg, pid, 10)
    raise ServerError(
        f"Neo4j n'a pas répondu sur {cfg.bolt_uri} en {timeout:g} s ({reason})"
        + (" : processus arrêté." if process is not None else ".")
        + f"\n{log_tail(cfg, 30)}"
    )


def start(cfg: ServerConfig, timeout: float = 120) -> ServerStatus:
    """Start the server unless it runs (installing the jars if needed) and wait until Bolt answers.

    Idempotent: a running server of the same home is returned as is. Raises ServerError with the
    reason and the end of the logs when a port is taken, the process dies, or Bolt does not answer
    within ``timeout`` seconds (the process is then killed, as it is when the wait is interrupted by
    KeyboardInterrupt); PrerequisiteMissing without Java 17+
    or Maven; ConfigError for a malformed memory size.
    """
    _check_memory("heap", cfg.heap)
    _check_memory("page_cache", cfg.page_cache)
    if cfg.http_port is not None and cfg.http_port == cfg.bolt_port:
        raise ConfigError(f"Bolt et HTTP ne peuvent pas partager le port {cfg.bolt_port}.")
    java = _java()
    install(cfg)
    _make_dirs(cfg)
    with _file_lock(cfg.home / LOCK_FILE):
        pid = _running_pid(cfg)
        if pid is not None:
            port = _configured_bolt_port(cfg)
            if port is not None and port != cfg.bolt_port:
                raise ServerError(
                    f"Le serveur de {cfg.home} tourne déjà (pid {pid}) sur le port {port}, pas {cfg.bolt_port} : "
                    "arrêtez-le d'abord (maillage db stop)."
                )
            return _wait_for_bolt(cfg, pid, timeout)
        for kind, port in (("Bolt", cfg.bolt_port), ("HTTP", cfg.http_port)):
            if port is not None and _port_taken(port):
                variable = "MAILLAGE_BOLT_PORT" if kind == "Bolt" else "MAILLAGE_HTTP_PORT"
                raise ServerError(
                    f"Le port {kind} {port} est déjà pris sur 127.0.0.1 par un autre programme : "
                    f"choisissez-en un autre, par exemple {variable}={free_port()}."
                )
        _write_config(cfg)
        _ensure_password(cfg, java)
        process = _launch(cfg, java)
        try:
            return _wait_for_bolt(cfg, process.pid, timeout, process)
        except KeyboardInterrupt:
            # Ctrl-C (or a SIGTERM a caller turns into one) while waiting: nobody would own the server.
            _terminate(cfg, process.pid, 10)
            raise


def stop(cfg: ServerConfig, timeout: float = 60) -> bool:
    """Stop the server of ``cfg.home``: SIGTERM, SIGKILL after ``timeout`` seconds; the pid file goes.

    Returns True if it was running. A pid file naming a process that is not this home's server
    (gone, or a recycled pid) is removed and nothing is signalled.
    """
    if not cfg.home.is_dir():
        return False
    with _file_lock(cfg.home / LOCK_FILE):
        pid = _running_pid(cfg)
        if pid is None:
            return False
        _terminate(cfg, pid, timeout)
        return True
