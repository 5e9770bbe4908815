"""The connection: clear errors for bad credentials and unreachable servers, recovery after a restart."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from maillage.graph import server
from maillage.graph.connection import Graph, resolve_target
from maillage.graph.errors import AuthenticationFailed, ConfigError, GraphUnavailable, QueryTimeout
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


def test_a_read_running_past_the_transaction_timeout_is_stopped_with_a_timeout(settings: Settings) -> None:
    uri, auth = resolve_target(settings)
    graph = Graph(uri, auth, settings.neo4j_database, tx_timeout=0.5, retry_time=0.0)
    started = time.monotonic()
    try:
        with pytest.raises(QueryTimeout):
            graph.read("UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n")
    finally:
        graph.close()
    assert time.monotonic() - started < 10


def test_a_read_sees_what_a_write_committed_just_before(graph: Graph) -> None:
    graph.write("CREATE (:ReadAfterWrite {token: $token})", {"token": "lu-après-écrit"})
    try:
        assert graph.read(
            "MATCH (n:ReadAfterWrite {token: $token}) RETURN count(n) AS n", {"token": "lu-après-écrit"}
        ) == [{"n": 1}]
    finally:
        graph.write("MATCH (n:ReadAfterWrite) DELETE n")


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


# --- translation of the driver's exceptions (issue 18) ---------------------------------------------------


def _driver_exception_classes() -> list[type[BaseException]]:
    import inspect

    from neo4j import exceptions as neo4j_errors

    return [
        value
        for name in neo4j_errors.__all__
        if inspect.isclass(value := getattr(neo4j_errors, name)) and issubclass(value, BaseException)
    ]


def test_every_exception_class_of_the_driver_has_an_explicit_translation() -> None:
    from maillage.graph.connection import TRANSLATIONS

    missing = [kind.__name__ for kind in _driver_exception_classes() if kind not in TRANSLATIONS]
    assert missing == []


def _translated(exc: BaseException) -> BaseException:
    from maillage.graph.connection import translate_errors

    try:
        with translate_errors():
            raise exc
    except BaseException as raised:  # noqa: BLE001 (what came out is the subject of the test)
        return raised
    raise AssertionError("rien n'a été levé")


def test_an_incomplete_commit_says_the_write_may_have_been_recorded_not_retry() -> None:
    from neo4j.exceptions import IncompleteCommit

    error = _translated(IncompleteCommit("Failed to read from defunct connection"))
    assert error.code == "COMMIT_UNCERTAIN"  # type: ignore[attr-defined]
    assert "peut-être" in str(error) and "réessayez" not in str(error)


def test_an_outage_message_carries_no_driver_text() -> None:
    from neo4j.exceptions import ServiceUnavailable

    error = _translated(ServiceUnavailable("Couldn't connect to 127.0.0.1:7702 (resolved to ())"))
    assert error.code == "UNAVAILABLE"  # type: ignore[attr-defined]
    assert "127.0.0.1" not in str(error) and "Couldn't" not in str(error)


def test_an_os_error_is_not_taken_for_an_outage() -> None:
    error = _translated(FileNotFoundError("queries/absent.cypher"))
    assert isinstance(error, FileNotFoundError)


def test_a_misuse_of_the_driver_is_an_internal_error_not_an_outage() -> None:
    from neo4j.exceptions import ResultConsumedError

    error = _translated(ResultConsumedError(object(), "The result is out of scope."))
    assert error.code == "QUERY"  # type: ignore[attr-defined]


def test_a_transaction_timeout_is_a_timeout_not_an_outage() -> None:
    from neo4j.exceptions import ClientError

    exc = ClientError("The transaction has not completed within the timeout")
    exc._neo4j_code = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"  # type: ignore[attr-defined]
    assert _translated(exc).code == "TIMEOUT"  # type: ignore[attr-defined]
