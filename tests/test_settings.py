"""Settings come from the environment and malformed values are named."""

from __future__ import annotations

import pytest

from maillage.graph.errors import ConfigError
from maillage.graph.settings import load_settings


def test_without_neo4j_uri_the_managed_server_is_used() -> None:
    settings = load_settings({})
    assert not settings.external
    assert settings.bolt_port == 7687 and settings.home.name == "neo4j"


def test_an_external_database_needs_a_password() -> None:
    with pytest.raises(ConfigError, match="NEO4J_PASSWORD"):
        load_settings({"NEO4J_URI": "neo4j://db.example:7687"})


def test_an_external_database_is_used_when_configured() -> None:
    settings = load_settings(
        {"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_PASSWORD": "s", "NEO4J_DATABASE": "g"}
    )
    assert settings.external and settings.neo4j_database == "g"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("MAILLAGE_BOLT_PORT", "seventy"),
        ("MAILLAGE_BOLT_PORT", "70000"),
        ("MAILLAGE_TX_TIMEOUT", "-1"),
        ("MAILLAGE_API_RETRY_TIME", "soon"),
        ("MAILLAGE_ENV", "prod"),
    ],
)
def test_a_malformed_value_is_named_in_the_error(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=key):
        load_settings({key: value})


def test_the_password_is_not_shown_in_the_settings_repr() -> None:
    settings = load_settings({"NEO4J_URI": "bolt://h:1", "NEO4J_PASSWORD": "hunter2"})
    assert "hunter2" not in repr(settings)


def test_the_api_retries_for_less_time_than_the_command_line() -> None:
    settings = load_settings({})
    assert (settings.retry_time, settings.api_retry_time) == (10.0, 0.5)
    assert load_settings({"MAILLAGE_API_RETRY_TIME": "3"}).api_retry_time == 3.0
