"""The circuit breaker: once tripped, calls are refused until a background probe succeeds; then, while the
database warms up, reads are bounded trials."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import eventually

from maillage.graph.circuit import Circuit, Refused, State


def test_a_new_circuit_lets_calls_through() -> None:
    assert Circuit(lambda: None, hold=0.0).state is not State.OPEN


def test_a_tripped_circuit_stays_open_while_the_probe_fails() -> None:
    probes = []

    def failing() -> None:
        probes.append(time.monotonic())
        raise OSError("refused")

    circuit = Circuit(failing, hold=0.0, pause=0.01)
    circuit.trip()
    try:
        assert eventually(lambda: len(probes) >= 3)
        assert circuit.state is State.OPEN
    finally:
        circuit.close()


def test_the_first_successful_probe_closes_the_circuit_when_there_is_nothing_to_warm_up() -> None:
    reachable = threading.Event()

    def probe() -> None:
        if not reachable.is_set():
            raise OSError("refused")

    circuit = Circuit(probe, hold=0.0, pause=0.01)
    circuit.trip()
    assert circuit.state is State.OPEN
    reachable.set()
    assert eventually(lambda: circuit.state is not State.OPEN)


def test_no_probe_runs_before_the_hold() -> None:
    probes: list[float] = []
    circuit = Circuit(lambda: probes.append(time.monotonic()), hold=0.3, pause=0.01)
    tripped = time.monotonic()
    circuit.trip()
    assert eventually(lambda: circuit.state is not State.OPEN)
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
    assert eventually(lambda: len(calls) == 1)
    release.set()
    assert eventually(lambda: circuit.state is not State.OPEN)
    assert calls == ["maillage-probe"]


def test_closing_stops_the_probing() -> None:
    probes: list[float] = []

    def failing() -> None:
        probes.append(time.monotonic())
        raise OSError("refused")

    circuit = Circuit(failing, hold=0.0, pause=0.01)
    circuit.trip()
    assert eventually(lambda: len(probes) >= 1)
    circuit.close()
    time.sleep(0.1)
    seen = len(probes)
    time.sleep(0.1)
    assert len(probes) == seen


def _warming_circuit(release: threading.Event, *, trials: int = 2, trial_wait: float = 1.5) -> Circuit:
    """A circuit tripped and reached again, held warming until ``release`` is set."""
    circuit = Circuit(
        lambda: None,
        hold=0.0,
        pause=0.01,
        warm_up=lambda: release.wait(10),
        trials=trials,
        trial_wait=trial_wait,
    )
    circuit.trip()
    assert eventually(lambda: circuit.state is State.WARMING)
    return circuit


def test_the_circuit_warms_up_after_the_probe_and_closes_when_the_warm_up_ends() -> None:
    release = threading.Event()
    circuit = _warming_circuit(release)
    try:
        assert circuit.state is not State.OPEN
        release.set()
        assert eventually(lambda: circuit.state is State.CLOSED)
    finally:
        circuit.close()


def test_a_trial_returns_the_result_of_a_quick_call() -> None:
    release = threading.Event()
    circuit = _warming_circuit(release)
    try:
        assert circuit.trial(lambda: 42) == 42
    finally:
        release.set()
        circuit.close()


def test_a_trial_raises_what_the_call_raises() -> None:
    release = threading.Event()
    circuit = _warming_circuit(release)

    def failing() -> None:
        raise ValueError("refusée")

    try:
        with pytest.raises(ValueError, match="refusée"):
            circuit.trial(failing)
    finally:
        release.set()
        circuit.close()


def test_a_slow_trial_is_given_up_after_the_trial_wait_and_goes_on_in_the_background() -> None:
    release, finished = threading.Event(), threading.Event()
    circuit = _warming_circuit(release, trial_wait=0.2)

    def slow() -> None:
        time.sleep(0.5)
        finished.set()

    try:
        started = time.monotonic()
        with pytest.raises(Refused):
            circuit.trial(slow)
        assert 0.2 <= time.monotonic() - started < 0.45
        assert not finished.is_set()
        assert finished.wait(2)
    finally:
        release.set()
        circuit.close()


def test_a_trial_is_refused_at_once_when_every_trial_slot_is_taken() -> None:
    release, unblock = threading.Event(), threading.Event()
    circuit = _warming_circuit(release, trials=1, trial_wait=0.05)
    try:
        with pytest.raises(Refused):
            circuit.trial(lambda: unblock.wait(5))
        started = time.monotonic()
        with pytest.raises(Refused, match="en cours"):
            circuit.trial(lambda: 1)
        assert time.monotonic() - started < 0.04
        unblock.set()
        assert eventually(lambda: _trial_passes(circuit))
    finally:
        release.set()
        circuit.close()


def _trial_passes(circuit: Circuit) -> bool:
    try:
        return circuit.trial(lambda: True)
    except Refused:
        return False


def test_a_failed_warm_up_opens_the_circuit_again_and_probing_goes_on() -> None:
    warm_ups: list[float] = []

    def warm_up() -> None:
        warm_ups.append(time.monotonic())
        if len(warm_ups) == 1:
            raise OSError("injoignable de nouveau")

    circuit = Circuit(lambda: None, hold=0.0, pause=0.01, warm_up=warm_up)
    circuit.trip()
    try:
        assert eventually(lambda: len(warm_ups) == 2)
        assert eventually(lambda: circuit.state is State.CLOSED)
    finally:
        circuit.close()


def test_tripping_during_the_warm_up_keeps_the_circuit_from_closing() -> None:
    release = threading.Event()
    probes: list[float] = []
    reachable = threading.Event()
    reachable.set()

    def probe() -> None:
        probes.append(time.monotonic())
        if not reachable.is_set():
            raise OSError("refused")

    circuit = Circuit(probe, hold=0.0, pause=0.01, warm_up=lambda: release.wait(10))
    circuit.trip()
    try:
        assert eventually(lambda: circuit.state is State.WARMING)
        reachable.clear()
        circuit.trip()
        release.set()
        assert eventually(lambda: len(probes) >= 3)
        assert circuit.state is State.OPEN
        reachable.set()
        assert eventually(lambda: circuit.state is State.CLOSED)
    finally:
        circuit.close()
