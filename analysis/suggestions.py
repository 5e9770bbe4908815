"""The partner-suggestion index of each graph, built in the background once per graph version and day.

:func:`suggestion_index` never waits (the API): it gives the index built at the graph's current version for
today, or None while there is none — then it starts the one build of that version in a background thread,
and the caller answers with the query (``horizontal.partner_suggestions`` without an index). After any
write the graph version changes: the next call sees the index is for an older version, answers None and
starts the rebuild; until it is done, requests go to the query. At midnight the same happens (the degrees
count the relationships valid on the index's day). :func:`wait_for_suggestion_index` waits for it (tests,
benchmarks, ``maillage analyze``-like warm-ups).

One index per process and graph (each API worker holds and builds its own: a few tens of MB at
``synth --scale 1000``, see bench/results/suggestion_index_1000.md).

>>> index = wait_for_suggestion_index(graph)  # doctest: +SKIP
>>> partner_suggestions(graph, "cai", index=index)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from maillage.graph.connection import Graph
from maillage.queries.results import today
from maillage.queries.suggestion_index import SuggestionIndex, build

from .suite import background, graph_version

log = logging.getLogger("maillage.suggestions")

State = tuple[str | None, int, dt.date]
"""(epoch, version, day): what an index is built for."""


@dataclass
class _Kept:
    """The index of one graph (database) and its build under way, if any."""

    index: SuggestionIndex | None = None
    building: Future[SuggestionIndex | None] | None = None
    error: str | None = None
    """Why the last build failed, if it did (the next call starts another)."""

    def current(self, state: State) -> SuggestionIndex | None:
        """The kept index if it was built for ``state``."""
        return self.index if self.index is not None and self.index.answers(*state) else None


def _state(graph: Graph) -> State:
    """What an index of ``graph`` must be built for now: its epoch and version (one read), and today."""
    epoch, version = graph_version(graph)
    return (epoch, version, today())


_kept: dict[tuple[str, str], _Kept] = {}
_lock = threading.Lock()
builds = 0
"""How many indexes this process has built (tests, benchmarks)."""


def suggestion_index(graph: Graph) -> SuggestionIndex | None:
    """The index of ``graph`` at its current version for today, or None (and its build started) if there is none.

    Costs one read of the graph version; never waits for a build.
    """
    state = _state(graph)
    with _lock:
        kept = _kept.setdefault(_key(graph), _Kept())
        if (index := kept.current(state)) is not None:
            return index
        if kept.building is None:
            _start(graph, kept, state)
    return None


def wait_for_suggestion_index(graph: Graph, timeout: float | None = None) -> SuggestionIndex | None:
    """The index of ``graph`` at its current version for today: kept, or from the build under way, or built now.

    None when the graph kept changing while it was read (see :func:`maillage.queries.suggestion_index.build`).
    """
    for _ in range(3):
        state = _state(graph)
        with _lock:
            kept = _kept.setdefault(_key(graph), _Kept())
            if (index := kept.current(state)) is not None:
                return index
            running = kept.building if kept.building is not None else _start(graph, kept, state)
        found = running.result(timeout)  # a build of an older state may end first: then ask again
        if found is not None and found.answers(*state):
            return found
    return None


def forget_suggestion_indexes() -> None:
    """Drop every index kept in memory (benchmarks measure a cold build; a build under way still finishes)."""
    with _lock:
        for kept in _kept.values():
            kept.index = None


def _key(graph: Graph) -> tuple[str, str]:
    return (graph.uri, graph.database)


def _start(graph: Graph, kept: _Kept, state: State) -> Future[SuggestionIndex | None]:
    """Start the build of ``state`` in the background thread (call with the lock held)."""
    future: Future[SuggestionIndex | None] = Future()
    kept.building = future
    background().submit(_build, graph, kept, state, future)
    return future


def _build(graph: Graph, kept: _Kept, state: State, future: Future[SuggestionIndex | None]) -> None:
    """Build the index of ``state``; keep it unless the graph changed meanwhile (then the next call rebuilds)."""
    global builds
    try:
        index = build(graph, state[2])
    except Exception as exc:
        log.exception("index des suggestions impossible à construire")
        with _lock:
            kept.building = None
            kept.error = str(exc) or type(exc).__name__
        future.set_result(None)
        return
    with _lock:
        builds += 1
        if index is not None:
            kept.index = index
            log.info(
                "index des suggestions : %d organisations, version %d, construit en %.1f s",
                len(index),
                index.version,
                index.built_in,
            )
        kept.building = None
        kept.error = None
    future.set_result(index)
