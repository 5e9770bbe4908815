"""The API's circuit breaker: once Neo4j was found unreachable, calls fail at once until it answers again,
and while it warms up no caller waits long.

While Neo4j starts, it accepts connections before its database is available, and a transaction begun then
waits until the database is started (seconds, or tens of seconds on a loaded machine): a caller let through
would wait as long. So after an outage is seen, no caller is let through to find out. One background
thread probes the database, every ``pause`` seconds after at least ``hold`` seconds.

A database that has just started answers its first queries slowly: each query is planned anew on a cold
JVM (5 to 9 s each on the reference data, measured under load). So the probe's first success does not
close the circuit: it begins a **warm-up**. The prober runs ``warm_up`` (the API replays the quick reads
it served before the outage, so that their plans are cached again) and closes the circuit when it returns.
Meanwhile reads are **trials**: at most ``trials`` run at a time, each caller waits ``trial_wait`` seconds
at most (the read keeps running in the background, warming the database) and any other call is refused
at once. A refused or abandoned call has changed nothing: writes are never trials, they are refused. (Closing
as soon as a few trials answer in time was tried: the queries not yet planned then kept callers waiting up to
18 s.)
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

T = TypeVar("T")

log = logging.getLogger("maillage.graph")


class State(enum.Enum):
    """Where the circuit stands."""

    CLOSED = "closed"
    """Calls go through."""
    OPEN = "open"
    """The database was found unreachable: calls are refused, the prober probes."""
    WARMING = "warming"
    """The database answers again and is warming up: reads are bounded trials, writes are refused."""


class Refused(Exception):
    """The circuit did not let the call through, or gave up waiting for it (nothing was changed)."""


class Circuit:
    """Open (calls refused) from :meth:`trip` until ``probe`` succeeds; then warming until ``warm_up`` returns;
    closed otherwise.

    ``probe``: reaches the database or raises. ``warm_up``: run by the prober once the probe succeeds; if it
    raises, probing starts again. ``hold``: seconds the circuit stays open at least. ``pause``: seconds
    between two probes. ``trials``: reads let through at a time while warming; ``trial_wait``: seconds a
    caller waits for its trial.

    Example::

        >>> circuit = Circuit(probe=lambda: None, hold=0.0, pause=0.01)
        >>> circuit.state
        <State.CLOSED: 'closed'>
        >>> circuit.trip(); circuit.state
        <State.OPEN: 'open'>
    """

    def __init__(
        self,
        probe: Callable[[], None],
        *,
        hold: float,
        pause: float = 0.25,
        warm_up: Callable[[], object] = lambda: None,
        trials: int = 2,
        trial_wait: float = 1.5,
    ) -> None:
        self._probe = probe
        self._warm_up = warm_up
        self._hold = hold
        self._pause = pause
        self._trial_wait = trial_wait
        self._trial_slots = threading.BoundedSemaphore(trials)
        self._trial_runner = ThreadPoolExecutor(max_workers=trials, thread_name_prefix="maillage-trial")
        self._lock = threading.Lock()
        self._state = State.CLOSED
        self._prober: threading.Thread | None = None
        self._closing = threading.Event()

    @property
    def state(self) -> State:
        """The circuit's state now."""
        return self._state

    def trip(self) -> None:
        """Open the circuit (the database was found unreachable) and start probing, once."""
        with self._lock:
            self._state = State.OPEN
            if self._prober is None:
                self._prober = threading.Thread(target=self._probe_until_warm, name="maillage-probe", daemon=True)
                self._prober.start()

    def trial(self, call: Callable[[], T]) -> T:
        """Run ``call`` (a read) as a warm-up trial: its result if it ends within ``trial_wait`` seconds.

        Raises :class:`Refused` when every trial slot is taken or the wait is over; the call then goes on in
        the background, and its result is dropped. Exceptions of ``call`` are raised as they are.
        """
        if not self._trial_slots.acquire(blocking=False):
            raise Refused("toutes les lectures d'essai sont en cours")
        try:
            future: Future[T] = self._trial_runner.submit(call)
        except RuntimeError:  # the runner is shut down: the connection is being closed
            self._trial_slots.release()
            raise Refused("connexion en cours de fermeture") from None
        future.add_done_callback(lambda _done: self._trial_slots.release())
        try:
            return future.result(timeout=self._trial_wait)
        except FutureTimeout:
            raise Refused(f"pas de réponse en {self._trial_wait} s") from None

    def close(self) -> None:
        """Stop probing and trials (the connection is being closed)."""
        self._closing.set()
        self._trial_runner.shutdown(wait=False, cancel_futures=True)

    def _probe_until_warm(self) -> None:
        if self._closing.wait(self._hold):
            return
        while True:
            try:
                self._probe()
                with self._lock:
                    self._state = State.WARMING
                log.warning("Neo4j joignable de nouveau : mise en route, les lectures passent à l'essai.")
                self._warm_up()
            except Exception as exc:  # any failure means: not yet
                log.debug("Neo4j pas encore prêt (%s)", type(exc).__name__)
                with self._lock:
                    self._state = State.OPEN
                if self._closing.wait(self._pause):
                    return
                continue
            with self._lock:
                tripped_while_warming = self._state is State.OPEN
                if not tripped_while_warming:
                    self._state = State.CLOSED
                    self._prober = None
            if tripped_while_warming:
                if self._closing.wait(self._pause):
                    return
                continue
            log.warning("Neo4j prêt : toutes les requêtes passent.")
            return
