"""The connection: clear errors for bad credentials and unreachable servers, recovery after a restart."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from maillage.graph import server
from maillage.graph.connection import Graph, resolve_target
from maillage.graph.errors import AuthenticationFailed, ConfigError, GraphUnavailable
from maillage.graph.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent


def test_a_wrong_password_gives_an_authentication_error(settings: Settings) -> None:
    assert settings.neo4j_uri is not None
    graph = Graph(settings.neo4j_uri, ("neo4j", "not-the-password"), "neo4j")
    try:
        with pytest.raises(AuthenticationFailed, match="mot de passe"):
            graph.verify()
    finally:
        graph.close()


def test_an_unreachable_uri_fails_fast_with_unavailable() -> None:
    graph = Graph(f"bolt://127.0.0.1:{server.free_port()}", ("neo4j", "x"), "neo4j", retry_time=1.0)
    started = time.monotonic()
    try:
        with pytest.raises(GraphUnavailable, match="injoignable"):
            graph.read("RETURN 1")
    finally:
        graph.close()
    assert time.monotonic() - started < 10


def test_without_uri_or_managed_password_the_error_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="maillage db start"):
        resolve_target(load_settings({"MAILLAGE_HOME": str(tmp_path)}))


def test_queries_take_values_only_as_parameters(graph: Graph) -> None:
    hostile = "x'}) DETACH DELETE n //"
    assert graph.read("RETURN $value AS value", {"value": hostile}) == [{"value": hostile}]


@pytest.mark.slow
def test_the_driver_recovers_after_the_server_restarts(restartable_server: server.ServerConfig) -> None:
    uri, user, password = server.credentials(restartable_server)
    graph = Graph(uri, (user, password), "neo4j", retry_time=2.0)
    try:
        assert graph.read("RETURN 1 AS one") == [{"one": 1}]
        server.stop(restartable_server)
        with pytest.raises(GraphUnavailable):
            graph.read("RETURN 1 AS one")
        server.start(restartable_server)
        assert graph.read("RETURN 2 AS two") == [{"two": 2}]
    finally:
        graph.close()
