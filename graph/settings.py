"""Every setting maillage reads, from the environment, in one place.

| variable | meaning | default |
|---|---|---|
| `NEO4J_URI` | an external database (`neo4j://`, `neo4j+s://`, `bolt://`); unset: the managed server | — |
| `NEO4J_USERNAME`, `NEO4J_PASSWORD`, `NEO4J_DATABASE` | its credentials and database | `neo4j`, —, `neo4j` |
| `MAILLAGE_HOME` | data, logs and password of the managed server | `./var/neo4j` |
| `MAILLAGE_NEO4J_DIST` | where the Neo4j jars are downloaded | `./var/neo4j-dist` |
| `MAILLAGE_BOLT_PORT` | Bolt port of the managed server (127.0.0.1 only) | `7687` |
| `MAILLAGE_HTTP_PORT` | turns the managed server's HTTP connector on at this port | off |
| `MAILLAGE_NEO4J_HEAP`, `MAILLAGE_NEO4J_PAGECACHE` | memory of the managed server | `4g`, `4g` |
| `MAILLAGE_TX_TIMEOUT` | seconds a transaction may run before the server aborts it | `30` |
| `MAILLAGE_RETRY_TIME` | seconds from a call's start within which a transient failure is retried | `10` |
| `MAILLAGE_MAX_RESULT_ITEMS` | most list items one API response may hold, else TOO_LARGE | `50000` |
| `MAILLAGE_API_RETRY_TIME` | the same for the API (0.5: retries after 0.05, 0.1, 0.2 s), then UNAVAILABLE | `0.5` |
| `MAILLAGE_SOURCES` | folder of the source documents the provenance links open | `data/sources/` (shipped) |
| `MAILLAGE_ANALYSIS_CACHE` | folder of the analyses, shared by API workers and `maillage analyze` | `./var/analysis` |
| `MAILLAGE_ENV` | `development`, `production` or `test` | `development` |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .sources import PACKAGED

ENVIRONMENTS = ("development", "production", "test")
DEFAULT_SOURCES = PACKAGED
"""The source documents shipped with maillage (``data/sources/``, package data ``maillage.sources``)."""


MAX_RESULT_ITEMS = 50_000
"""Most list items one API response may hold (all lists together) unless MAILLAGE_MAX_RESULT_ITEMS says."""


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Build them with :func:`load_settings`."""

    neo4j_uri: str | None = None
    neo4j_username: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str = "neo4j"
    home: Path = Path("var/neo4j")
    dist: Path = Path("var/neo4j-dist")
    bolt_port: int = 7687
    http_port: int | None = None
    heap: str = "4g"
    page_cache: str = "4g"
    tx_timeout: float = 30.0
    retry_time: float = 10.0
    api_retry_time: float = 0.5
    max_result_items: int = MAX_RESULT_ITEMS
    environment: str = "development"
    sources: Path = DEFAULT_SOURCES
    analysis_cache: Path = Path("var/analysis")

    @property
    def external(self) -> bool:
        """True when an external database is configured (the managed server is not used)."""
        return self.neo4j_uri is not None

    @property
    def production(self) -> bool:
        """True in production mode (no introspection, no GraphiQL)."""
        return self.environment == "production"


def _number(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{key}={raw!r} : un nombre est attendu") from None
    if value <= 0:
        raise ConfigError(f"{key}={raw!r} : un nombre positif est attendu")
    return value


def _port(env: Mapping[str, str], key: str, default: int | None) -> int | None:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ConfigError(f"{key}={raw!r} : un numéro de port entre 1 et 65535 est attendu")
    return int(raw)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``environ`` (default: the process environment).

    Raises :class:`ConfigError` naming the variable when a value is malformed, or when
    ``NEO4J_URI`` is set without ``NEO4J_PASSWORD``.
    """
    env = os.environ if environ is None else environ
    uri = env.get("NEO4J_URI") or None
    password = env.get("NEO4J_PASSWORD") or None
    if uri is not None:
        if "://" not in uri:
            raise ConfigError(f"NEO4J_URI={uri!r} : une adresse comme neo4j://hôte:7687 est attendue")
        if password is None:
            raise ConfigError("NEO4J_URI est défini mais NEO4J_PASSWORD ne l'est pas")
    environment = env.get("MAILLAGE_ENV", "development")
    if environment not in ENVIRONMENTS:
        raise ConfigError(f"MAILLAGE_ENV={environment!r} : valeurs admises {', '.join(ENVIRONMENTS)}")
    bolt_port = _port(env, "MAILLAGE_BOLT_PORT", 7687)
    assert bolt_port is not None
    return Settings(
        neo4j_uri=uri,
        neo4j_username=env.get("NEO4J_USERNAME") or "neo4j",
        neo4j_password=password,
        neo4j_database=env.get("NEO4J_DATABASE") or "neo4j",
        home=Path(env.get("MAILLAGE_HOME") or "var/neo4j").resolve(),
        dist=Path(env.get("MAILLAGE_NEO4J_DIST") or "var/neo4j-dist").resolve(),
        bolt_port=bolt_port,
        http_port=_port(env, "MAILLAGE_HTTP_PORT", None),
        heap=env.get("MAILLAGE_NEO4J_HEAP") or "4g",
        page_cache=env.get("MAILLAGE_NEO4J_PAGECACHE") or "4g",
        tx_timeout=_number(env, "MAILLAGE_TX_TIMEOUT", 30.0),
        retry_time=_number(env, "MAILLAGE_RETRY_TIME", 10.0),
        api_retry_time=_number(env, "MAILLAGE_API_RETRY_TIME", 0.5),
        max_result_items=int(_number(env, "MAILLAGE_MAX_RESULT_ITEMS", MAX_RESULT_ITEMS)),
        environment=environment,
        sources=Path(env.get("MAILLAGE_SOURCES") or DEFAULT_SOURCES).resolve(),
        analysis_cache=Path(env.get("MAILLAGE_ANALYSIS_CACHE") or "var/analysis").resolve(),
    )
