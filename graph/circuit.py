"""The API's circuit breaker: once Neo4j was found unreachable, calls fail at once until it answers again.

While Neo4j starts, it accepts connections before its database is available, and a transaction begun then
waits until the database is started (seconds, or tens of seconds on a loaded machine): a caller let through
would wait as long. So after an outage is seen, no caller is let through to find out. One background
thread probes the database, every ``pause`` seconds after at least ``hold`` seconds; its first success
closes the circuit. Only the probe ever waits for a starting database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("maillage.graph")


class Circuit:
    """Open (calls refused) from :meth:`trip` until ``probe`` succeeds; closed otherwise.

    ``probe``: reaches the database or raises. ``hold``: seconds the circuit stays open at least.
    ``pause``: seconds between two probes.

    Example::

        >>> circuit = Circuit(probe=lambda: None, hold=0.0, pause=0.01)
        >>> circuit.is_open()
        False
        >>> circuit.trip(); circuit.is_open()
        True
    """

    def __init__(self, probe: Callable[[], None], *, hold: float, pause: float = 0.25) -> None:
        self._probe = probe
        self._hold = hold
        self._pause = pause
        self._lock = threading.Lock()
        self._open = False
        self._prober: threading.Thread | None = None
        self._closing = threading.Event()

    def is_open(self) -> bool:
        """True while calls are to be refused without reaching the database."""
        return self._open

    def trip(self) -> None:
        """Open the circuit (the database was found unreachable) and start probing, once."""
        with self._lock:
            self._open = True
            if self._prober is None:
                self._prober = threading.Thread(target=self._probe_until_reached, name="maillage-probe", daemon=True)
                self._prober.start()

    def close(self) -> None:
        """Stop probing (the connection is being closed)."""
        self._closing.set()

    def _probe_until_reached(self) -> None:
        if self._closing.wait(self._hold):
            return
        while True:
            try:
                self._probe()
            except Exception as exc:  # any failure means: not yet
                log.debug("Neo4j toujours injoignable (%s)", type(exc).__name__)
                if self._closing.wait(self._pause):
                    return
                continue
            with self._lock:
                self._open = False
                self._prober = None
            log.warning("Neo4j joignable de nouveau : les requêtes passent.")
            return
