"""The connection to Neo4j: one driver per process, writes in managed transactions, one-query reads as retried
auto-commit queries, errors translated once.

Nothing outside ``graph/`` and ``queries/`` imports the driver or its exceptions.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from .circuit import Circuit, Refused, State
from .errors import (
    AuthenticationFailed,
    CommitUncertain,
    ConfigError,
    ConflictError,
    GraphUnavailable,
    InvalidInput,
    MaillageError,
    QueryError,
    QueryTimeout,
)
from .retrying import RetryPolicy
from .rows import rows
from .settings import Settings

T = TypeVar("T")
Transaction = neo4j.ManagedTransaction
Params = Mapping[str, Any]

UNREACHABLE: tuple[type[Exception], ...] = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.DatabaseUnavailable,
)
"""The driver's errors that mean the database cannot be reached or is not started (they start the API's
fail-fast hold); a timeout, a conflict or a refused query does not."""

UNAVAILABLE_MESSAGE = "La base Neo4j est injoignable ou pas encore démarrée ; réessayez dans quelques secondes."
WARMING_MESSAGE = "La base Neo4j vient de redémarrer et se met en route ; réessayez dans quelques secondes."
BUSY_MESSAGE = "La base Neo4j est momentanément occupée ; réessayez dans quelques secondes."

log = logging.getLogger("maillage.graph")

QUICK_READ = 0.5
"""Seconds under which a read counts as quick: the API remembers its last quick reads (one per query text,
at most ``REMEMBERED_READS``) and replays them when Neo4j is back after an outage, so that their plans are
cached again before callers are let through."""
REMEMBERED_READS = 64
WARM_UP_BUDGET = 30.0
"""Seconds after which no replay begins, and the circuit closes, even if some reads were not replayed."""
REPLAY_THREADS = 2

PASSWORD_FILE = "password"
"""Name of the managed server's password file, under its home directory."""

Translation = Callable[[Exception], MaillageError]


def _fixed(kind: type[MaillageError], message: str) -> Translation:
    return lambda exc: kind(message)


def _quoting(kind: type[MaillageError], prefix: str) -> Translation:
    """An error of ours that quotes Neo4j's message (QueryError's are logged, never shown to an API caller)."""
    return lambda exc: kind(f"{prefix} : {getattr(exc, 'message', None) or exc}")


def _client_error(exc: Exception) -> MaillageError:
    if "TransactionTimedOut" in (getattr(exc, "code", None) or ""):
        return QueryTimeout("La requête a dépassé le temps maximal accordé : demandez moins (filtre, limite).")
    return QueryError(f"Neo4j a refusé la requête : {getattr(exc, 'message', None) or exc}")


_INTERNAL = _quoting(QueryError, "Usage incorrect du pilote Neo4j")

TRANSLATIONS: dict[type[Exception], Translation] = {
    # cannot reach the database: outage (the API answers 503 UNAVAILABLE)
    neo4j_errors.ServiceUnavailable: _fixed(GraphUnavailable, UNAVAILABLE_MESSAGE),
    neo4j_errors.ReadServiceUnavailable: _fixed(GraphUnavailable, UNAVAILABLE_MESSAGE),
    neo4j_errors.WriteServiceUnavailable: _fixed(GraphUnavailable, UNAVAILABLE_MESSAGE),
    neo4j_errors.RoutingServiceUnavailable: _fixed(GraphUnavailable, UNAVAILABLE_MESSAGE),
    neo4j_errors.SessionExpired: _fixed(GraphUnavailable, UNAVAILABLE_MESSAGE),
    neo4j_errors.DatabaseUnavailable: _fixed(GraphUnavailable, UNAVAILABLE_MESSAGE),
    # the connection was lost while a commit was under way: the write may well have been recorded
    neo4j_errors.IncompleteCommit: _fixed(
        CommitUncertain,
        "La connexion à Neo4j a été perdue pendant l'enregistrement : l'écriture a peut-être été faite. "
        "Vérifiez l'état des données avant de la refaire.",
    ),
    # reachable but busy, after the driver's retries
    neo4j_errors.TransientError: _fixed(GraphUnavailable, BUSY_MESSAGE),
    neo4j_errors.NotALeader: _fixed(GraphUnavailable, BUSY_MESSAGE),
    neo4j_errors.ForbiddenOnReadOnlyDatabase: _fixed(
        GraphUnavailable, "La base Neo4j est momentanément en lecture seule ; réessayez plus tard."
    ),
    neo4j_errors.ConnectionAcquisitionTimeoutError: _fixed(GraphUnavailable, BUSY_MESSAGE),
    neo4j_errors.ConnectionPoolError: _fixed(GraphUnavailable, BUSY_MESSAGE),
    # credentials and configuration
    neo4j_errors.AuthError: _fixed(
        AuthenticationFailed, "Neo4j a refusé l'identifiant ou le mot de passe (NEO4J_USERNAME / NEO4J_PASSWORD)."
    ),
    neo4j_errors.TokenExpired: _fixed(AuthenticationFailed, "Le jeton d'authentification Neo4j a expiré."),
    neo4j_errors.Forbidden: _fixed(ConfigError, "L'utilisateur Neo4j configuré n'a pas le droit de faire cela."),
    neo4j_errors.ConfigurationError: _quoting(ConfigError, "Configuration du pilote Neo4j invalide"),
    neo4j_errors.AuthConfigurationError: _quoting(ConfigError, "Configuration d'authentification Neo4j invalide"),
    neo4j_errors.CertificateConfigurationError: _quoting(ConfigError, "Configuration des certificats Neo4j invalide"),
    neo4j_errors.UnsupportedServerProduct: _fixed(ConfigError, "Le serveur joint n'est pas un serveur Neo4j."),
    # the data or the query
    neo4j_errors.ConstraintError: _quoting(ConflictError, "Conflit avec une donnée existante"),
    neo4j_errors.CypherSyntaxError: _quoting(QueryError, "Requête Cypher invalide"),
    neo4j_errors.CypherTypeError: _quoting(InvalidInput, "Valeur de type inattendu"),
    neo4j_errors.ClientError: _client_error,
    neo4j_errors.DatabaseError: _quoting(QueryError, "Erreur interne de Neo4j"),
    neo4j_errors.Neo4jError: _quoting(QueryError, "Erreur de Neo4j"),
    neo4j_errors.GqlError: _quoting(QueryError, "Erreur de Neo4j"),
    # our misuse of the driver: a bug, logged (the API answers INTERNAL)
    neo4j_errors.DriverError: _INTERNAL,
    neo4j_errors.BrokenRecordError: _INTERNAL,
    neo4j_errors.ResultError: _INTERNAL,
    neo4j_errors.ResultConsumedError: _INTERNAL,
    neo4j_errors.ResultFailedError: _INTERNAL,
    neo4j_errors.ResultNotSingleError: _INTERNAL,
    neo4j_errors.SessionError: _INTERNAL,
    neo4j_errors.TransactionError: _INTERNAL,
    neo4j_errors.TransactionNestingError: _INTERNAL,
}
"""Every exception class of ``neo4j.exceptions``, mapped explicitly to maillage's (a test checks none is missing).
The driver's own words never reach an outage message: they go to the log."""


def translation_of(exc: Exception) -> MaillageError | None:
    """maillage's error for a driver exception (the nearest mapped class of its MRO), or None if not the driver's."""
    for kind in type(exc).__mro__:
        translate = TRANSLATIONS.get(kind)
        if translate is not None:
            return translate(exc)
    return None


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn the driver's exceptions into maillage's, keeping the original as ``__cause__``."""
    try:
        yield
    except MaillageError:
        raise
    except neo4j_errors.GqlError as exc:
        translated = translation_of(exc)
        assert translated is not None
        if isinstance(translated, GraphUnavailable | CommitUncertain):
            log.warning("%s (%s: %s)", translated, type(exc).__name__, exc)
        raise translated from exc


def resolve_target(settings: Settings) -> tuple[str, tuple[str, str]]:
    """The URI and credentials to use: the external database if configured, else the managed server."""
    if settings.neo4j_uri is not None:
        assert settings.neo4j_password is not None
        return settings.neo4j_uri, (settings.neo4j_username, settings.neo4j_password)
    password_file = Path(settings.home) / PASSWORD_FILE
    try:
        password = password_file.read_text().strip()
    except FileNotFoundError:
        raise ConfigError(
            f"Aucune base configurée : NEO4J_URI n'est pas défini et le serveur géré n'a jamais démarré "
            f"({password_file} absent). Lancez `maillage db start` ou définissez NEO4J_URI."
        ) from None
    return f"bolt://127.0.0.1:{settings.bolt_port}", ("neo4j", password)


class Graph:
    """A Neo4j database reached through one driver: writes and multi-query work in managed transactions, a
    one-query read as an auto-commit query (one round trip), each retried by maillage on transient failures."""

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str],
        database: str,
        *,
        tx_timeout: float = 30.0,
        retry_time: float = 10.0,
        hold_unreachable: float = 0.0,
        connection_timeout: float = 3.0,
        acquisition_timeout: float = 5.0,
    ) -> None:
        """``retry_time``: seconds from the start of a call within which a transient failure is retried
        (:class:`~maillage.graph.retrying.RetryPolicy`; the driver itself attempts once).
        ``hold_unreachable``: when positive, once the database was found unreachable, calls fail at once for
        that many seconds and then until a background probe reaches it, and while it warms up reads are
        bounded trials and writes are refused (:class:`~maillage.graph.circuit.Circuit`: the API's callers
        wait; a script's don't care).
        ``connection_timeout`` bounds opening a connection, ``acquisition_timeout`` getting one from the pool
        (opening, handshake and login included): the API keeps both short so that an outage is answered fast."""
        self.uri = uri
        self.database = database
        self.tx_timeout = tx_timeout
        self.retry = RetryPolicy(budget=retry_time)
        self.round_trips = 0
        self.circuit = (
            Circuit(self._probe, hold=hold_unreachable, warm_up=self._replay_quick_reads)
            if hold_unreachable > 0
            else None
        )
        self._quick_reads: dict[str, Params] = {}
        self._quick_reads_lock = threading.Lock()
        with translate_errors():
            self.driver = neo4j.GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=acquisition_timeout,
                # one attempt per call: maillage retries itself, with a budget counted from the call's start
                max_transaction_retry_time=0.0,
                liveness_check_timeout=2.0,
                max_connection_lifetime=600,
                notifications_min_severity="OFF",
            )

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        retry_time: float | None = None,
        hold_unreachable: float = 0.0,
        connection_timeout: float = 3.0,
        acquisition_timeout: float = 5.0,
    ) -> Graph:
        """Connect to the database the settings name (external, or the managed server).

        ``retry_time`` replaces ``settings.retry_time`` (the API retries for less: its callers wait).
        """
        uri, auth = resolve_target(settings)
        return cls(
            uri,
            auth,
            settings.neo4j_database,
            tx_timeout=settings.tx_timeout,
            retry_time=settings.retry_time if retry_time is None else retry_time,
            hold_unreachable=hold_unreachable,
            connection_timeout=connection_timeout,
            acquisition_timeout=acquisition_timeout,
        )

    def close(self) -> None:
        """Close the driver and its connections."""
        if self.circuit is not None:
            self.circuit.close()
        self.driver.close()

    @property
    def warming(self) -> bool:
        """True while Neo4j, back after an outage, warms up (:class:`~maillage.graph.circuit.Circuit`)."""
        return self.circuit is not None and self.circuit.state is State.WARMING

    def verify(self) -> None:
        """Raise GraphUnavailable or AuthenticationFailed unless the database answers."""
        with translate_errors():
            self.driver.verify_connectivity()
            self.read("RETURN 1 AS ok")

    def execute(self, work: Callable[[Transaction], T], *, write: bool = False) -> T:
        """Run ``work(tx)`` in one managed transaction, retried on transient failures within ``retry_time``.

        ``work`` must be idempotent: it may run more than once.
        """
        timed_work = neo4j.unit_of_work(timeout=self.tx_timeout)(work)
        return self._retried(lambda: self._attempt(timed_work, write), write=write)

    def _retried(self, attempt: Callable[[], T], *, write: bool) -> T:
        """``attempt()``, admitted by the circuit and retried on transient failures within ``retry_time``."""
        self.round_trips += 1
        started = time.monotonic()
        tries = 0
        while True:
            attempt_once = self._admitted(attempt, write)
            with translate_errors():
                try:
                    return attempt_once()
                except (neo4j_errors.DriverError, neo4j_errors.Neo4jError) as exc:
                    wait = self._retry_wait(exc, tries, time.monotonic() - started)
            time.sleep(wait)
            tries += 1

    def _admitted(self, attempt: Callable[[], T], write: bool) -> Callable[[], T]:
        """How one ``attempt`` may reach the database, as the circuit allows; GraphUnavailable at once if it may
        not (circuit open, or warming and ``write``)."""
        circuit = self.circuit
        if circuit is None or circuit.state is State.CLOSED:
            return attempt
        if circuit.state is State.OPEN:
            raise GraphUnavailable(UNAVAILABLE_MESSAGE)
        if write:
            raise GraphUnavailable(WARMING_MESSAGE)

        def trial() -> T:
            try:
                return circuit.trial(attempt)
            except Refused:
                raise GraphUnavailable(WARMING_MESSAGE) from None

        return trial

    def _retry_wait(self, exc: neo4j_errors.GqlError, attempt: int, elapsed: float) -> float:
        """The wait before retrying after ``exc``; re-raises it when it is not transient or the budget is spent
        (then, if the database could not be reached, the hold begins)."""
        retryable = isinstance(exc, neo4j_errors.DriverError | neo4j_errors.Neo4jError) and exc.is_retryable()
        wait = self.retry.wait(attempt, elapsed) if retryable else None
        if wait is None:
            if isinstance(exc, UNREACHABLE) and self.circuit is not None:
                self.circuit.trip()
            raise exc
        log.info("Transaction retried in %.2f s (%s: %s)", wait, type(exc).__name__, exc)
        return wait

    def _probe(self) -> None:
        with self.driver.session(database=self.database) as session:
            session.run("RETURN 1").consume()

    def _replay_quick_reads(self) -> None:
        """Run again, once each and ``REPLAY_THREADS`` at a time, the quick reads served before the outage
        (none begun after ``WARM_UP_BUDGET`` seconds): a database that has just started plans every query anew,
        slowly. Raises if the database is unreachable."""
        with self._quick_reads_lock:
            reads = list(self._quick_reads.items())
        deadline = time.monotonic() + WARM_UP_BUDGET

        def replay(read: tuple[str, Params]) -> bool:
            if time.monotonic() > deadline:
                return False
            cypher, params = read
            self.round_trips += 1
            try:
                self._read_once(cypher, params)
            except UNREACHABLE:
                raise
            except (neo4j_errors.DriverError, neo4j_errors.Neo4jError) as exc:
                log.debug("Mise en route : lecture rejouée en échec (%s)", type(exc).__name__)
            return True

        with ThreadPoolExecutor(max_workers=REPLAY_THREADS, thread_name_prefix="maillage-warm-up") as replayers:
            replayed = sum(replayers.map(replay, reads))
        if replayed < len(reads):
            log.info("Mise en route : %d lectures non rejouées (délai écoulé)", len(reads) - replayed)

    def _remember_quick_read(self, cypher: str, params: Params | None, seconds: float) -> None:
        if self.circuit is None or seconds >= QUICK_READ:
            return
        with self._quick_reads_lock:
            self._quick_reads.pop(cypher, None)
            self._quick_reads[cypher] = dict(params or {})
            if len(self._quick_reads) > REMEMBERED_READS:
                del self._quick_reads[next(iter(self._quick_reads))]

    def _attempt(self, work: Callable[[Transaction], T], write: bool) -> T:
        with self.driver.session(database=self.database) as session:
            if write:
                return session.execute_write(work)
            return session.execute_read(work)

    def _read_once(self, cypher: str, params: Params | None) -> list[dict[str, Any]]:
        """One attempt of a read, as an auto-commit query: one round trip, where a managed transaction takes
        three (BEGIN, the query, COMMIT); a single query needs no more, and :meth:`_retried` retries it."""
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return rows(session.run(neo4j.Query(cypher, timeout=self.tx_timeout), dict(params or {})))

    def read(self, cypher: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run one read query, retried on transient failures like a managed transaction; values only through
        ``params``."""
        started = time.monotonic()
        rows = self._retried(partial(self._read_once, cypher, params), write=False)
        self._remember_quick_read(cypher, params, time.monotonic() - started)
        return rows

    def write(self, cypher: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run one write query in a managed transaction; values only through ``params``."""
        return self.execute(lambda tx: _rows(tx, cypher, params), write=True)

    @contextmanager
    def holding(self, cypher: str, params: Params | None = None) -> Iterator[list[dict[str, Any]]]:
        """Run a write query in a transaction kept open (no time limit) until the block ends, then rolled back.

        The locks the query takes are held as long, and released when the block ends or the process dies (its
        connection drops): a lock across processes that a killed holder cannot leave behind. Nothing it
        writes is ever committed. Not a managed transaction: it is never retried.
        """
        self.round_trips += 1
        with translate_errors(), self.driver.session(database=self.database) as session:
            tx = session.begin_transaction(timeout=0)
            try:
                yield _rows(tx, cypher, params)
            finally:
                tx.rollback()

    def auto_commit(self, cypher: str, params: Params | None = None, *, timeout: float | None = None) -> None:
        """Run a statement that must not be inside an explicit transaction (schema changes, ``CALL { … } IN
        TRANSACTIONS``); ``timeout``: seconds it may last (default: the server's, which bounds a ``CALL … IN
        TRANSACTIONS`` as a whole)."""
        self.round_trips += 1
        with translate_errors(), self.driver.session(database=self.database) as session:
            session.run(neo4j.Query(cypher, timeout=timeout), dict(params or {})).consume()


def _rows(tx: Transaction | neo4j.Transaction, cypher: str, params: Params | None) -> list[dict[str, Any]]:
    return rows(tx.run(cypher, dict(params or {})))


_lock = threading.Lock()
_shared: Graph | None = None


def connect(settings: Settings) -> Graph:
    """The process's one :class:`Graph`, created on first use."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Graph.from_settings(settings)
        return _shared


def disconnect() -> None:
    """Close the process's shared :class:`Graph`, if any."""
    global _shared
    with _lock:
        if _shared is not None:
            _shared.close()
            _shared = None
