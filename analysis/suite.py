"""The whole analysis of one mesh (or all three) at a date, computed once per graph version.

Every import and every API write increases the graph version (``GraphVersion``), so a result is reused
only while the graph is unchanged: a repeated request costs one read of the version.

Two ways to ask:

- :func:`analyse` waits for the result (the CLI, the benchmarks). Callers asking the same question at
  the same graph version while it is being computed wait for that one computation (single flight).
- :func:`snapshot` never waits (the API): it answers with the result of the current version when there
  is one, else with the last result computed for the question (``stale``) or nothing yet
  (``computing``), and starts the computation in a background thread if none is running.

With a ``store`` folder, results are also kept on disk (``store.py``): the API's workers and
``maillage analyze`` (which precomputes) share them, and a lock file makes a process wait for the one
computing instead of computing the same thing again.

Example::

    >>> result = analyse(graph, Layer.VERTICAL)  # doctest: +SKIP
    >>> result.top("betweenness", 3)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import networkx as nx

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.vocabulary import Layer
from maillage.queries.results import today
from maillage.queries.run import run

from . import store as disk
from .communities import Broker, brokers, louvain
from .measures import MEASURES, Score, compute
from .projection import project

CACHE_SIZE = 32
Progress = Callable[[str], None]
Key = tuple[str | None, int, Layer | None, dt.date, str | None]
"""(epoch, version, layer, date, territory): one question at one state of the graph."""

log = logging.getLogger("maillage.analysis")


@dataclass(frozen=True)
class NodeAnalysis:
    """One node: who it is, its community and its score for every measure."""

    id: str
    name: str | None
    label: str
    kind: str | None
    sector: str | None
    community: int
    scores: dict[str, Score]


@dataclass(frozen=True)
class Analysis:
    """The measures of every node of a projection, its communities and its brokers."""

    layer: Layer | None
    as_of: dt.date
    territory: str | None
    graph_version: int
    nodes: dict[str, NodeAnalysis]
    communities: int
    brokers: list[Broker] = field(default_factory=list)
    epoch: str | None = None
    computed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def top(self, measure: str, n: int = 10) -> list[NodeAnalysis]:
        """The ``n`` nodes ranked first by ``measure`` (ties by id)."""
        if measure not in MEASURES:
            raise InvalidInput(f"Mesure inconnue « {measure} » ; mesures : {', '.join(MEASURES)}.")
        ordered = sorted(self.nodes.values(), key=lambda a: (a.scores[measure].rank, a.id))
        return ordered[:n]


class State(StrEnum):
    """How current the analysis an answer carries is."""

    READY = "ready"
    """Computed on the graph as it is now."""
    STALE = "stale"
    """Computed on an earlier version of the graph; the current one is being computed."""
    COMPUTING = "computing"
    """Nothing computed yet for this question: the computation is under way."""


@dataclass(frozen=True)
class Snapshot:
    """The analysis available now for a question (None while the first one is computed) and its state."""

    analysis: Analysis | None
    state: State
    graph_version: int
    """The graph's current version (the analysis's own is ``analysis.graph_version``)."""
    error: str | None = None
    """Why the last computation for the current version failed, if it did (it is retried on the next ask)."""


_cache: OrderedDict[Key, Analysis] = OrderedDict()
"""Results by question and graph state (the current ones)."""
_latest: OrderedDict[tuple[Layer | None, dt.date, str | None], Analysis] = OrderedDict()
"""The last result computed for each question, whatever the graph state (what a stale answer gives)."""
_running: dict[Key, Future[Analysis]] = {}
_failed: dict[Key, str] = {}
_lock = threading.Lock()
_background: ThreadPoolExecutor | None = None
computations = 0
"""How many analyses this process has computed (not read from the cache or the store): tests, benchmarks."""


def clear_cache() -> None:
    """Forget every analysis kept in memory (benchmarks measure a cold run; the disk store is kept)."""
    with _lock:
        _cache.clear()
        _latest.clear()
        _failed.clear()


def graph_version(graph: Graph) -> tuple[str | None, int]:
    """The graph's epoch and version: a write increases the version, emptying the graph starts a new epoch."""
    row = run(graph, "analysis.graph_version")[0]
    return row["epoch"], int(row["version"])


def analyse(
    graph: Graph,
    layer: Layer | None = None,
    *,
    as_of: dt.date | None = None,
    territory: str | None = None,
    progress: Progress | None = None,
    store: Path | None = None,
) -> Analysis:
    """Measures, communities and brokers of ``layer`` (None: the three meshes together) at the current version.

    Waits for the result: from memory, from the ``store`` folder, from a computation already running for
    the same question and version (in this process, or in another one sharing ``store``), or computed here.
    """
    epoch, version = graph_version(graph)
    key: Key = (epoch, version, layer, as_of or today(), territory)
    with _lock:
        cached = _cached(key)
        if cached is not None:
            return cached
        running = _running.get(key)
        if running is None:
            running = _running[key] = Future()
            owner = True
        else:
            owner = False
    if not owner:
        return running.result()
    _settle(key, running, lambda: _obtain(graph, key, progress, store))
    return running.result()


def snapshot(
    graph: Graph,
    layer: Layer | None = None,
    *,
    as_of: dt.date | None = None,
    territory: str | None = None,
    store: Path | None = None,
) -> Snapshot:
    """The analysis available now, without waiting; starts the one computation of the current version if needed."""
    epoch, version = graph_version(graph)
    question = (layer, as_of or today(), territory)
    key: Key = (epoch, version, *question)
    with _lock:
        cached = _cached(key)
        if cached is not None:
            return Snapshot(cached, State.READY, version)
        error = _failed.get(key)
        if key not in _running:
            future: Future[Analysis] = Future()
            _running[key] = future
            background().submit(_settle, key, future, lambda: _obtain(graph, key, None, store))
        previous = _latest.get(question)
    if previous is None:
        return Snapshot(None, State.COMPUTING, version, error)
    return Snapshot(previous, State.STALE, version, error)


def _cached(key: Key) -> Analysis | None:
    """The result of ``key`` in memory (call with the lock held)."""
    found = _cache.get(key)
    if found is not None:
        _cache.move_to_end(key)
    return found


def background() -> ThreadPoolExecutor:
    """The background thread of the analyses and of the suggestion index (``analysis.suggestions``): one
    computation at a time, whichever it is (each uses a whole core)."""
    global _background
    if _background is None:
        _background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="maillage-analysis")
    return _background


def _settle(key: Key, future: Future[Analysis], work: Callable[[], Analysis]) -> None:
    """Run ``work`` for ``key`` and give its result (or error) to everyone waiting on ``future``."""
    try:
        result = work()
    except BaseException as exc:
        log.exception("analyse %s impossible", key[2:])
        with _lock:
            _running.pop(key, None)
            _failed[key] = str(exc) or type(exc).__name__
        future.set_exception(exc)
        return
    with _lock:
        _running.pop(key, None)
        _failed.pop(key, None)
        _cache[key] = result
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        question = key[2:]
        _latest[question] = result  # type: ignore[index]
        _latest.move_to_end(question)  # type: ignore[arg-type]
        while len(_latest) > CACHE_SIZE:
            _latest.popitem(last=False)
    future.set_result(result)


def _obtain(graph: Graph, key: Key, progress: Progress | None, store: Path | None) -> Analysis:
    """The analysis of ``key``: read from ``store`` if a process already wrote it, else computed (and stored)."""
    epoch, version, layer, day, territory = key
    if store is None:
        return _compute(graph, key, progress)
    question = (layer, day, territory)
    with ExitStack() as held:
        try:
            _recall(store, question)
            held.enter_context(disk.computing(store, question, epoch, version))  # another process computing: wait
        except OSError as exc:  # a folder that cannot be written (read-only image…): the memory cache still works
            log.warning("dossier des analyses %s inutilisable (%s) : résultat gardé en mémoire seulement", store, exc)
            return _compute(graph, key, progress)
        data = disk.read(store, question, epoch, version)
        if data is not None:
            return _decode(data)
        result = _compute(graph, key, progress)
        try:
            disk.write(store, question, epoch, version, _encode(result))
        except OSError as exc:
            log.warning("analyse non gardée dans %s (%s)", store, exc)
        return result


def _recall(store: Path, question: tuple[Layer | None, dt.date, str | None]) -> None:
    """Load the last stored result of ``question`` (any version) if this process has none: what is answered
    (stale) while the current version is computed, e.g. after a restart."""
    with _lock:
        if question in _latest:
            return
    data = disk.latest(store, question)
    if data is None:
        return
    previous = _decode(data)
    with _lock:
        _latest.setdefault(question, previous)


def _compute(graph: Graph, key: Key, progress: Progress | None) -> Analysis:
    """Project, measure, find communities and brokers: the whole work, at the graph's current state."""
    global computations
    epoch, version, layer, day, territory = key
    with _lock:
        computations += 1
    tell = progress or (lambda step: None)
    tell("Projection du graphe")
    directed = project(graph, [layer] if layer else None, as_of=day, territory=territory)
    tell("Mesures de centralité")
    scores = compute(directed)
    tell("Communautés et courtiers")
    undirected = nx.Graph(directed)  # a real copy: path algorithms on a view are several times slower
    communities = louvain(undirected)
    membership = {node: index for index, members in enumerate(communities) for node in members}
    nodes = {
        node: NodeAnalysis(
            id=node,
            name=data.get("name"),
            label=data.get("label", ""),
            kind=data.get("kind"),
            sector=data.get("sector"),
            community=membership[node],
            scores={measure: scores[measure][node] for measure in scores},
        )
        for node, data in directed.nodes(data=True)
    }
    return Analysis(
        layer=layer,
        as_of=day,
        territory=territory,
        graph_version=version,
        nodes=nodes,
        communities=len(communities),
        brokers=brokers(undirected, scores.get("betweenness", {}), membership) if nodes else [],
        epoch=epoch,
    )


def _encode(result: Analysis) -> dict[str, object]:
    """``result`` as plain JSON data (see ``store.py``)."""
    return {
        "layer": result.layer.value if result.layer else None,
        "as_of": result.as_of.isoformat(),
        "territory": result.territory,
        "epoch": result.epoch,
        "graph_version": result.graph_version,
        "computed_at": result.computed_at.isoformat(),
        "communities": result.communities,
        "nodes": [
            [n.id, n.name, n.label, n.kind, n.sector, n.community, disk.encode_scores(n.scores)]
            for n in result.nodes.values()
        ],
        "brokers": [disk.encode_broker(b) for b in result.brokers],
    }


def _decode(data: dict[str, object]) -> Analysis:
    """The inverse of :func:`_encode`."""
    nodes = {
        row[0]: NodeAnalysis(
            id=row[0],
            name=row[1],
            label=row[2],
            kind=row[3],
            sector=row[4],
            community=row[5],
            scores=disk.decode_scores(row[6]),
        )
        for row in data["nodes"]  # type: ignore[attr-defined]
    }
    return Analysis(
        layer=Layer(str(data["layer"])) if data["layer"] else None,
        as_of=dt.date.fromisoformat(str(data["as_of"])),
        territory=data["territory"],  # type: ignore[arg-type]
        graph_version=int(data["graph_version"]),  # type: ignore[call-overload]
        nodes=nodes,
        communities=int(data["communities"]),  # type: ignore[call-overload]
        brokers=[disk.decode_broker(b) for b in data["brokers"]],  # type: ignore[attr-defined]
        epoch=data["epoch"],  # type: ignore[arg-type]
        computed_at=dt.datetime.fromisoformat(str(data["computed_at"])),
    )
