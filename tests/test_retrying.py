"""Retries of transient failures: short growing waits, none begun after the budget, refusals never retried."""

from __future__ import annotations

import logging

import pytest

from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.graph.errors import GraphUnavailable, QueryError
from maillage.graph.retrying import RetryPolicy


def test_waits_grow_from_the_first_wait() -> None:
    policy = RetryPolicy(budget=10, jitter=0.0)
    assert [policy.wait(attempt, elapsed=0.0) for attempt in range(4)] == [0.05, 0.1, 0.2, 0.4]


def test_a_wait_never_exceeds_the_longest_wait() -> None:
    policy = RetryPolicy(budget=100, jitter=0.0, longest_wait=1.5)
    assert policy.wait(10, elapsed=0.0) == 1.5


def test_no_retry_begins_after_the_budget() -> None:
    policy = RetryPolicy(budget=0.5, jitter=0.0)
    assert policy.wait(0, elapsed=0.44) == 0.05
    assert policy.wait(0, elapsed=0.46) is None


def test_the_jitter_spreads_a_wait_on_both_sides() -> None:
    policy = RetryPolicy(budget=10, jitter=0.2)
    assert policy.wait(0, elapsed=0.0, draw=0.0) == pytest.approx(0.04)
    assert policy.wait(0, elapsed=0.0, draw=0.999999) == pytest.approx(0.06)


def _retries(caplog: pytest.LogCaptureFixture) -> int:
    return sum("retried" in record.getMessage() for record in caplog.records)


def test_an_unreachable_database_is_retried_within_the_budget_then_unavailable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    graph = Graph(f"bolt://127.0.0.1:{server.free_port()}", ("neo4j", "x"), "neo4j", retry_time=0.5)
    try:
        with caplog.at_level(logging.INFO, logger="maillage.graph"), pytest.raises(GraphUnavailable):
            graph.read("RETURN 1")
    finally:
        graph.close()
    # waits of about 0.05, 0.1 and 0.2 s fit in 0.5 s; a fourth (about 0.4 s) would begin after it
    assert 1 <= _retries(caplog) <= 3


def test_a_refused_query_is_not_retried(graph: Graph, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="maillage.graph"), pytest.raises(QueryError):
        graph.read("RETURN")
    assert _retries(caplog) == 0
