"""The synthetic sector graph: deterministic, N times the reference, same proportions, and importable."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from maillage.graph.connection import Graph
from maillage.importers import import_paths
from maillage.importers.synthetic import generate

REFERENCE = sorted((Path(__file__).resolve().parent.parent / "data" / "reference").glob("*.yaml"))


def document(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_the_same_seed_gives_the_same_graph(tmp_path: Path) -> None:
    [a] = generate(REFERENCE, scale=3, seed=7, output=tmp_path / "a")
    [b] = generate(REFERENCE, scale=3, seed=7, output=tmp_path / "b")
    [c] = generate(REFERENCE, scale=3, seed=8, output=tmp_path / "c")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_scale_multiplies_the_entities_and_keeps_the_kinds_proportions(tmp_path: Path) -> None:
    one = document(generate(REFERENCE, scale=1, seed=1, output=tmp_path / "one")[0])
    five = document(generate(REFERENCE, scale=5, seed=1, output=tmp_path / "five")[0])
    assert len(five["organisations"]) == 5 * len(one["organisations"])
    kinds_one = Counter(o["kind"] for o in one["organisations"])
    kinds_five = Counter(o["kind"] for o in five["organisations"])
    assert {k: 5 * n for k, n in kinds_one.items()} == dict(kinds_five)
    assert five["territories"] == one["territories"], "the real territories are shared, not copied"


def test_every_record_says_it_is_synthetic(tmp_path: Path) -> None:
    data = document(generate(REFERENCE, scale=2, seed=1, output=tmp_path)[0])
    assert data["source"] == "synth --scale 2 --seed 1"
    assert all(o["id"].startswith("syn") for o in data["organisations"])


def test_a_synthetic_graph_imports_cleanly(empty_graph: Graph, tmp_path: Path) -> None:
    [path] = generate(REFERENCE, scale=2, seed=1, output=tmp_path)
    report = import_paths(empty_graph, [path])
    organisations = empty_graph.read("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"]
    assert organisations == len({o["id"] for o in document(path)["organisations"]})
    assert report.totals().created > organisations
