"""`maillage db start | status | logs | stop` on a managed server in a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from maillage.cli import cli
from maillage.graph import server

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def managed_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {
        "NEO4J_URI": "",
        "MAILLAGE_HOME": str(tmp_path / "neo4j"),
        "MAILLAGE_NEO4J_DIST": str(REPO / "var" / "neo4j-dist"),
        "MAILLAGE_BOLT_PORT": str(server.free_port()),
        "MAILLAGE_NEO4J_HEAP": "512m",
        "MAILLAGE_NEO4J_PAGECACHE": "128m",
    }
    yield env
    CliRunner().invoke(cli, ["db", "stop"], env=env)


def test_db_start_status_logs_stop_round(managed_env: dict[str, str]) -> None:
    runner = CliRunner()
    started = runner.invoke(cli, ["db", "start"], env=managed_env)
    assert started.exit_code == 0, started.output
    assert "5.26" in started.output and "Migrations appliquées" in started.output

    status = runner.invoke(cli, ["db", "status"], env=managed_env)
    assert status.exit_code == 0, status.output
    assert "Neo4j 5.26." in status.output and "community" in status.output

    again = runner.invoke(cli, ["db", "start"], env=managed_env)
    assert again.exit_code == 0 and "Migrations appliquées" not in again.output

    assert "Started" in runner.invoke(cli, ["db", "logs", "-n", "200"], env=managed_env).output

    stopped = runner.invoke(cli, ["db", "stop"], env=managed_env)
    assert stopped.exit_code == 0 and "arrêté" in stopped.output
    assert runner.invoke(cli, ["db", "status"], env=managed_env).exit_code == 1


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for path in (["--help"], ["db", "--help"], ["db", "start", "--help"], ["serve", "--help"], ["import", "--help"]):
        result = runner.invoke(cli, path)
        assert result.exit_code == 0 and "Usage" in result.output, path
