"""After an outage, the API's Graph replays its quick reads before letting every call through; meanwhile
reads are bounded trials and writes are refused (nothing written)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from conftest import eventually

from maillage.graph.circuit import Circuit, State
from maillage.graph.connection import WARMING_MESSAGE, Graph
from maillage.graph.errors import GraphUnavailable
from maillage.graph.settings import Settings


@pytest.fixture
def api_graph(settings: Settings) -> Iterator[Graph]:
    """A Graph configured as the API's (with a circuit), on the test server."""
    connected = Graph.from_settings(settings, retry_time=0.5, hold_unreachable=0.05)
    yield connected
    connected.close()


@pytest.fixture
def held_warming(api_graph: Graph) -> Iterator[tuple[Graph, threading.Event]]:
    """The API's Graph with a circuit held warming (the database is up) until the event is set."""
    release = threading.Event()
    api_graph.circuit = Circuit(lambda: None, hold=0.0, pause=0.01, warm_up=lambda: release.wait(10))
    api_graph.circuit.trip()
    assert eventually(lambda: api_graph.warming)
    yield api_graph, release
    release.set()


def test_the_quick_reads_served_before_an_outage_are_replayed_once_neo4j_answers(api_graph: Graph) -> None:
    api_graph.read("RETURN 1 AS one")
    api_graph.read("RETURN $n AS n", {"n": 2})
    api_graph.read("RETURN 1 AS one")  # one replay per query text
    assert api_graph.circuit is not None
    before = api_graph.round_trips
    api_graph.circuit.trip()
    assert eventually(lambda: api_graph.circuit is not None and api_graph.circuit.state is State.CLOSED)
    assert api_graph.round_trips - before == 2


def test_a_read_is_answered_while_the_database_warms_up(held_warming: tuple[Graph, threading.Event]) -> None:
    warming, _release = held_warming
    assert warming.read("RETURN $n AS n", {"n": 7}) == [{"n": 7}]


def test_a_write_is_refused_while_the_database_warms_up_and_nothing_is_written(
    held_warming: tuple[Graph, threading.Event],
) -> None:
    warming, release = held_warming
    with pytest.raises(GraphUnavailable, match="se met en route") as refused:
        warming.write("CREATE (:WarmingProbe {at: $at})", {"at": time.time()})
    assert str(refused.value) == WARMING_MESSAGE
    release.set()
    assert eventually(lambda: not warming.warming)
    assert warming.read("MATCH (p:WarmingProbe) RETURN count(p) AS n") == [{"n": 0}]


def test_a_read_slower_than_the_trial_wait_is_answered_unavailable_in_time(api_graph: Graph) -> None:
    release = threading.Event()
    api_graph.circuit = Circuit(lambda: None, hold=0.0, pause=0.01, warm_up=lambda: release.wait(10), trial_wait=0.3)
    api_graph.circuit.trip()
    assert eventually(lambda: api_graph.warming)
    try:
        started = time.monotonic()
        with pytest.raises(GraphUnavailable, match="se met en route"):
            api_graph.read("UNWIND range(1, 50000000) AS x RETURN count(x) AS n")
        assert time.monotonic() - started < 1.0
    finally:
        release.set()
