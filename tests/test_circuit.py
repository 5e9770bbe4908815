"""The circuit breaker: once tripped, calls are refused until a background probe succeeds."""

from __future__ import annotations

import threading
import time

from maillage.graph.circuit import Circuit


def _eventually(check, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return False


def test_a_new_circuit_lets_calls_through() -> None:
    assert not Circuit(lambda: None, hold=0.0).is_open()


def test_a_tripped_circuit_stays_open_while_the_probe_fails() -> None:
    probes = []

    def failing() -> None:
        probes.append(time.monotonic())
        raise OSError("refused")

    circuit = Circuit(failing, hold=0.0, pause=0.01)
    circuit.trip()
    try:
        assert _eventually(lambda: len(probes) >= 3)
        assert circuit.is_open()
    finally:
        circuit.close()


def test_the_first_successful_probe_closes_the_circuit() -> None:
    reachable = threading.Event()

    def probe() -> None:
        if not reachable.is_set():
            raise OSError("refused")

    circuit = Circuit(probe, hold=0.0, pause=0.01)
    circuit.trip()
    assert circuit.is_open()
    reachable.set()
    assert _eventually(lambda: not circuit.is_open())


def test_no_probe_runs_before_the_hold() -> None:
    probes: list[float] = []
    circuit = Circuit(lambda: probes.append(time.monotonic()), hold=0.3, pause=0.01)
    tripped = time.monotonic()
    circuit.trip()
    assert _eventually(lambda: not circuit.is_open())
    assert probes[0] - tripped >= 0.3


def test_tripping_twice_starts_one_prober() -> None:
    calls: list[str] = []
    release = threading.Event()

    def probe() -> None:
        calls.append(threading.current_thread().name)
        release.wait(5)

    circuit = Circuit(probe, hold=0.0, pause=0.01)
    circuit.trip()
    circuit.trip()
    assert _eventually(lambda: len(calls) == 1)
    release.set()
    assert _eventually(lambda: not circuit.is_open())
    assert calls == ["maillage-probe"]


def test_closing_stops_the_probing() -> None:
    probes: list[float] = []

    def failing() -> None:
        probes.append(time.monotonic())
        raise OSError("refused")

    circuit = Circuit(failing, hold=0.0, pause=0.01)
    circuit.trip()
    assert _eventually(lambda: len(probes) >= 1)
    circuit.close()
    time.sleep(0.1)
    seen = len(probes)
    time.sleep(0.1)
    assert len(probes) == seen
