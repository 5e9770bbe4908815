"""``maillage import``: a report table on success, every problem and a non-zero exit code on failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from maillage.cli import cli
from maillage.graph.connection import Graph
from maillage.importers import import_paths

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BASE = [str(FIXTURES / "base" / "base.yaml"), str(FIXTURES / "base" / "platforms.csv")]


def entities(graph: Graph) -> int:
    return graph.read("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"]


def test_import_prints_the_counts_per_label_and_type(empty_graph: Graph, test_server: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, ["import", *BASE], env=test_server)
    assert result.exit_code == 0, result.output
    assert "Import terminé : 8 ligne(s) lue(s)" in result.output
    assert any(line.split()[1:6] == ["nœud", "│", "Organisation", "│", "3"] for line in result.output.splitlines())
    assert "Version du graphe" in result.output
    assert entities(empty_graph) == 7


def test_import_dry_run_says_nothing_was_kept(empty_graph: Graph, test_server: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, ["import", "--dry-run", *BASE], env=test_server)
    assert result.exit_code == 0, result.output
    assert "Simulation (rien n'a été enregistré)" in result.output
    assert entities(empty_graph) == 0


def test_import_of_bad_files_lists_every_problem_and_exits_non_zero(
    empty_graph: Graph, test_server: dict[str, str]
) -> None:
    import_paths(empty_graph, BASE)
    before = entities(empty_graph)
    bad = str(FIXTURES / "bad" / "organisations.csv")
    completed = subprocess.run(
        [sys.executable, "-c", "from maillage.cli import main; main()", "import", bad],
        env={**os.environ, **test_server},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.startswith("Erreur [INVALID_INPUT] : 5 problème(s) : rien n'a été importé.")
    assert f"  - {bad}, ligne 4, champ « kind » : valeur inconnue « federatoin »" in completed.stderr
    assert completed.stdout == ""
    assert entities(empty_graph) == before
