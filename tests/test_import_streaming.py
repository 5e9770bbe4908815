"""Big files are streamed: memory stays bounded, and a crash or kill mid-import leaves the database unchanged.

The 100 MB file is invalid at its last row (a full valid import of that size takes longer than CI allows;
`bench/import_throughput.py --scale 1000` measures that): this proves that
validation streams the whole file with bounded memory, finds the problem at the very end, and that
nothing is written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PEAK_MEMORY, import_paused_at

from maillage.graph.connection import Graph

FILE_SIZE = 100 * 1024 * 1024
MEMORY_BUDGET = 25 * 1024 * 1024
"""Peak memory growth allowed while checking the 100 MB file: a quarter of its size."""

MEASURE = (
    PEAK_MEMORY
    + """
import json, sys, time
from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError
from maillage.graph.settings import load_settings
from maillage.importers import import_paths

graph = Graph.from_settings(load_settings())
graph.verify()
baseline = peak_memory()
started = time.monotonic()
try:
    import_paths(graph, sys.argv[1:])
    problems = []
except ImportValidationError as exc:
    problems = [[p.file, p.row, p.field, p.message] for p in exc.problems]
peak = peak_memory()
print(json.dumps({"baseline": baseline, "peak": peak, "seconds": time.monotonic() - started,
                  "problems": problems}))
"""
)


def entities(graph: Graph) -> int:
    return graph.read("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"]


def organisations_csv(path: Path, size: int, last_kind: str = "ili") -> int:
    """Write organisations referencing the theme ``fle`` until ``size`` bytes; returns the last row number."""
    description = "Organisation fictive générée pour vérifier la lecture en continu des gros fichiers. " * 2
    row = 1
    with path.open("w", encoding="utf-8") as out:
        out.write("id,name,kind,sector,description,themes\n")
        written = 0
        while written < size:
            row += 1
            line = f"org-{row},Organisation numéro {row},ili,integration,{description.strip()},fle\n"
            written += out.write(line)
        row += 1
        out.write(f"org-{row},Dernière organisation,{last_kind},integration,,fle\n")
    return row


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], int]:
    directory = tmp_path_factory.mktemp("big")
    (directory / "themes.csv").write_text("id,name\nfle,Français langue étrangère\n", encoding="utf-8")
    last = organisations_csv(directory / "organisations.csv", FILE_SIZE, last_kind="inconnu")
    return [directory / "themes.csv", directory / "organisations.csv"], last


def _python(code: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_100_mb_file_is_checked_to_its_last_row_in_bounded_memory(
    empty_graph: Graph, test_server: dict[str, str], big_files: tuple[list[Path], int]
) -> None:
    paths, last = big_files
    size = paths[1].stat().st_size
    assert size > FILE_SIZE
    process = _python(MEASURE, [str(p) for p in paths], test_server)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    measured = json.loads(out)
    print(
        f"\n{size / 2**20:.0f} Mo, {last - 1} lignes : {measured['seconds']:.1f} s, "
        f"mémoire de pointe +{(measured['peak'] - measured['baseline']) / 2**20:.1f} Mo"
    )
    assert [p[1:3] for p in measured["problems"]] == [[last, "kind"]]
    assert measured["peak"] - measured["baseline"] < MEMORY_BUDGET
    assert entities(empty_graph) == 0


def test_a_killed_import_leaves_the_database_unchanged(
    empty_graph: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "themes.csv").write_text("id,name\nfle,Français langue étrangère\n", encoding="utf-8")
    organisations_csv(tmp_path / "organisations.csv", 4_000_000)
    paths = [tmp_path / "themes.csv", tmp_path / "organisations.csv"]
    with import_paused_at("Écriture", paths, test_server, batch=None) as done:
        assert done >= 5000  # at least one batch sits in the open transaction
    assert entities(empty_graph) == 0
