"""Exports and backups: an exact JSON round trip, CSV safe for spreadsheets, GraphML for Gephi, and
backups that restore the same graph (canonical hash) or change nothing when they are broken."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError, ImportValidationError
from maillage.graph.model import LAYER_REL_TYPES
from maillage.graph.vocabulary import Layer
from maillage.importers import restoring, snapshots
from maillage.queries.snapshot import canonical_hash
from maillage.queries.tokens import create_token

EVERYTHING = """
themes:
  - {id: fle, name: Français langue étrangère}
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: com-namur, name: Namur, level: commune, parent: wallonie}
organisations:
  - {id: cai, name: "Centre d'action interculturelle", acronym: CAI, kind: cri, sector: integration,
     themes: [fle], location: com-namur, lines: "10-12"}
  - {id: formule, name: "=HYPERLINK(\\"http://x\\")", acronym: "-3", kind: association, sector: sante,
     confidence: basse}
people:
  - {id: p1, name: Anne Exemple, role: Directrice, organisation: cai}
bodies:
  - {id: observatoire, name: Observatoire, kind: observatoire}
mandates:
  - {id: m1, body: observatoire, holder: cai, person: p1, validFrom: 2024-01-01, validTo: 2026-12-31}
memoranda:
  - {id: memo, title: Mémorandum, year: 2024, levels: [regional, communal], authors: [cai]}
recommendations:
  - {id: r1, memorandum: memo, title: Une recommandation, addressees: [formule]}
statuses:
  - {id: s1, recommendation: r1, status: formulee, date: 2024-03-01}
relations:
  - {type: REFERS_TO, from: formule, to: cai, year: 2023, count: 4}
"""


def shell(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "maillage"), *args]
    return subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


@pytest.fixture
def everything(load_yaml) -> Graph:  # type: ignore[no-untyped-def]
    graph: Graph = load_yaml(EVERYTHING)
    create_token(graph, "Sauvegarde", "staff")
    return graph


def test_a_json_export_imports_back_to_the_same_graph(
    wiper: Callable[[Graph], None], everything: Graph, tmp_path: Path
) -> None:
    before = canonical_hash(everything)
    path = tmp_path / "export.json"
    snapshots.write_json(snapshots.take(everything), path)
    wiper(everything)
    assert canonical_hash(everything) != before
    restoring.restore(everything, [path])
    assert canonical_hash(everything) == before


def test_the_reference_dataset_survives_the_round_trip_through_the_cli(
    wiper: Callable[[Graph], None], reference_graph: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    before = canonical_hash(reference_graph)
    path = tmp_path / "reference.json"
    exported = shell("export", "--format", "json", "--output", str(path), env=test_server)
    assert exported.returncode == 0, exported.stderr
    wiper(reference_graph)
    imported = shell("import", str(path), env=test_server)
    assert imported.returncode == 0, imported.stderr
    assert canonical_hash(reference_graph) == before


def test_dates_survive_the_round_trip_as_dates(
    wiper: Callable[[Graph], None], everything: Graph, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    snapshots.write_json(snapshots.take(everything), path)
    wiper(everything)
    restoring.restore(everything, [path])
    row = everything.read("MATCH (m:Mandate {id: 'm1'}) RETURN m.validTo AS end")[0]
    assert row["end"].iso_format() == "2026-12-31"


def test_a_csv_export_neutralises_formulas_and_reads_back_exactly(
    wiper: Callable[[Graph], None], everything: Graph, tmp_path: Path
) -> None:
    before = canonical_hash(everything)
    snapshots.write_csv(snapshots.take(everything), tmp_path / "csv")
    text = (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any("=HYPERLINK" in cell for cell in cells)
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    wiper(everything)
    restoring.restore(everything, [tmp_path / "csv"])
    assert canonical_hash(everything) == before


def test_neutralised_cells_are_restored() -> None:
    for value in ['=HYPERLINK("x")', "-3", "+1", "@cmd", "normal", "'quoted"]:
        assert snapshots.restore_cell(snapshots.neutralise(value)) == value
    assert snapshots.neutralise("=1+1") == "'=1+1"


def test_graphml_opens_with_labels_and_attributes(everything: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graphe.graphml"
    snapshots.write_graphml(snapshots.take(everything), path)
    g = nx.read_graphml(path)
    assert g.nodes["cai"]["label"] == "Centre d'action interculturelle"
    assert g.nodes["cai"]["kind"] == "cri"
    edge = next(data for a, b, data in g.edges(data=True) if (a, b) == ("cai", "m1"))
    assert (edge["label"], edge["reading"]) == ("HOLDS", "détient le mandat")


def test_a_layer_subgraph_keeps_only_that_mesh(everything: Graph) -> None:
    part = snapshots.take(everything, snapshots.Subgraph(layer=Layer.DIAGONAL))
    assert {r.type for r in part.relationships} <= {t.value for t in LAYER_REL_TYPES[Layer.DIAGONAL]}
    assert {"HOLDS", "SEAT_IN"} <= {r.type for r in part.relationships}


def test_a_neighbourhood_subgraph_stops_at_its_depth(everything: Graph) -> None:
    part = snapshots.take(everything, snapshots.Subgraph(around="observatoire", depth=1))
    assert {n.properties["id"] for n in part.nodes} == {"observatoire", "m1"}


def test_a_restore_into_a_non_empty_database_is_refused_and_changes_nothing(everything: Graph, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    snapshots.write_json(snapshots.take(everything), path)
    before = canonical_hash(everything)
    with pytest.raises(ConflictError, match="--force"):
        restoring.restore(everything, [path])
    assert canonical_hash(everything) == before


def test_a_truncated_backup_is_refused_and_changes_nothing(everything: Graph, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    snapshots.write_json(snapshots.take(everything), path)
    path.write_text(path.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    before = canonical_hash(everything)
    with pytest.raises(ImportValidationError, match="tronqué"):
        restoring.restore(everything, [path], replace=True)
    assert canonical_hash(everything) == before


def test_a_backup_whose_relationship_names_a_missing_node_restores_nothing(everything: Graph, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    snapshots.write_json(snapshots.take(everything), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["relationships"][0]["to"] = "absent"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = canonical_hash(everything)
    with pytest.raises(Exception, match="absent|relation"):
        restoring.restore(everything, [path], replace=True)
    assert canonical_hash(everything) == before


def test_backup_and_restore_commands_give_back_the_same_graph(
    wiper: Callable[[Graph], None], everything: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    before = canonical_hash(everything)
    path = tmp_path / "sauvegarde.json"
    saved = shell("db", "backup", str(path), env=test_server)
    assert saved.returncode == 0, saved.stderr
    assert before in saved.stdout
    wiper(everything)
    restored = shell("db", "restore", str(path), env=test_server)
    assert restored.returncode == 0, restored.stderr
    assert canonical_hash(everything) == before
    assert everything.read("MATCH (t:ApiToken) RETURN t.name AS name") == [{"name": "Sauvegarde"}]
