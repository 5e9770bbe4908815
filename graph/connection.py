"""The connection to Neo4j: one driver per process, managed transactions, errors translated once.

Nothing outside ``graph/`` and ``queries/`` imports the driver or its exceptions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from .errors import (
    AuthenticationFailed,
    ConfigError,
    ConflictError,
    GraphUnavailable,
    InvalidInput,
    MaillageError,
    QueryError,
)
from .settings import Settings

T = TypeVar("T")
Transaction = neo4j.ManagedTransaction
Params = Mapping[str, Any]

UNREACHABLE = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)
"""The driver's errors that mean the database cannot be reached at all (not a timeout, not a conflict)."""

PASSWORD_FILE = "password"
"""Name of the managed server's password file, under its home directory."""


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn the driver's exceptions into maillage's, keeping the original as ``__cause__``."""
    try:
        yield
    except MaillageError:
        raise
    except neo4j_errors.AuthError as exc:
        raise AuthenticationFailed(
            "Neo4j a refusé l'identifiant ou le mot de passe (NEO4J_USERNAME / NEO4J_PASSWORD)."
        ) from exc
    except UNREACHABLE as exc:
        raise GraphUnavailable(f"La base Neo4j est injoignable : {exc}") from exc
    except neo4j_errors.ConstraintError as exc:
        raise ConflictError(f"Conflit avec une donnée existante : {exc.message}") from exc
    except neo4j_errors.CypherSyntaxError as exc:
        raise QueryError(f"Requête Cypher invalide : {exc.message}") from exc
    except neo4j_errors.CypherTypeError as exc:
        raise InvalidInput(f"Valeur de type inattendu : {exc.message}") from exc
    except neo4j_errors.TransientError as exc:
        raise GraphUnavailable(f"La base Neo4j est momentanément indisponible : {exc.message}") from exc
    except neo4j_errors.ClientError as exc:
        if exc.code and "TransactionTimedOut" in exc.code:
            raise GraphUnavailable("La requête a dépassé le temps maximal accordé.") from exc
        raise QueryError(f"Neo4j a refusé la requête : {exc.message}") from exc
    except neo4j_errors.DriverError as exc:
        raise GraphUnavailable(f"Erreur de connexion à Neo4j : {exc}") from exc


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
    """A Neo4j database reached through one driver; reads and writes run in managed transactions."""

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str],
        database: str,
        *,
        tx_timeout: float = 30.0,
        retry_time: float = 10.0,
        hold_unreachable: float = 0.0,
    ) -> None:
        """``hold_unreachable``: for that many seconds after the database was found unreachable, calls fail at
        once instead of each waiting for the driver's retries (the API's callers wait; a script's don't care)."""
        self.uri = uri
        self.database = database
        self.tx_timeout = tx_timeout
        self.hold_unreachable = hold_unreachable
        self.round_trips = 0
        self._unreachable_until = 0.0
        with translate_errors():
            self.driver = neo4j.GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=3.0,
                connection_acquisition_timeout=5.0,
                max_transaction_retry_time=retry_time,
                liveness_check_timeout=2.0,
                max_connection_lifetime=600,
                notifications_min_severity="OFF",
            )

    @classmethod
    def from_settings(
        cls, settings: Settings, *, retry_time: float | None = None, hold_unreachable: float = 0.0
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
        )

    def close(self) -> None:
        """Close the driver and its connections."""
        self.driver.close()

    def verify(self) -> None:
        """Raise GraphUnavailable or AuthenticationFailed unless the database answers."""
        with translate_errors():
            self.driver.verify_connectivity()
            self.read("RETURN 1 AS ok")

    def execute(self, work: Callable[[Transaction], T], *, write: bool = False) -> T:
        """Run ``work(tx)`` in one managed transaction (retried on transient failures).

        ``work`` must be idempotent: the driver may run it more than once.
        """
        if time.monotonic() < self._unreachable_until:
            raise GraphUnavailable("La base Neo4j est injoignable (constaté il y a un instant) ; réessayez bientôt.")
        timed_work = neo4j.unit_of_work(timeout=self.tx_timeout)(work)
        self.round_trips += 1
        try:
            with translate_errors(), self.driver.session(database=self.database) as session:
                if write:
                    return session.execute_write(timed_work)
                return session.execute_read(timed_work)
        except GraphUnavailable as exc:
            if isinstance(exc.__cause__, UNREACHABLE):
                self._unreachable_until = time.monotonic() + self.hold_unreachable
            raise

    def read(self, cypher: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run one read query; values only through ``params``."""
        return self.execute(lambda tx: _rows(tx, cypher, params))

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

    def auto_commit(self, cypher: str, params: Params | None = None) -> None:
        """Run a statement that must not be inside an explicit transaction (schema changes)."""
        self.round_trips += 1
        with translate_errors(), self.driver.session(database=self.database) as session:
            session.run(cypher, dict(params or {})).consume()


def _rows(tx: Transaction, cypher: str, params: Params | None) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(cypher, dict(params or {}))]


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
