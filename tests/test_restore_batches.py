"""A backup streams the graph to its file and a restore writes it back in batches, each its own transaction, in
memory that does not grow with the graph; a restore that fails midway — a relationship to a missing node in a
late batch, a constraint refusing a publish batch, a killed process — leaves the database as it was, whether it
was empty or replaced (``--force``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from conftest import PEAK_MEMORY, held_process

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError, ImportValidationError
from maillage.importers import journal, restoring, snapshots
from maillage.importers.writing import PUBLISHING, WRITING_NODES, WRITING_RELATIONS
from maillage.queries.snapshot import SnapshotNode, canonical_hash
from maillage.queries.tokens import create_token

GRAPH = """
themes:
  - {id: fle, name: Français langue étrangère}
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: com-namur, name: Namur, level: commune, parent: wallonie}
  - {id: com-liege, name: Liège, level: commune, parent: wallonie}
organisations:
  - {id: cai, name: "Centre d'action interculturelle", acronym: CAI, kind: cri, sector: integration,
     themes: [fle], location: com-namur}
  - {id: cripel, name: CRIPEL, kind: cri, sector: integration, themes: [fle], location: com-liege}
  - {id: asbl, name: Une ASBL, kind: association, sector: integration, location: com-namur}
people:
  - {id: p1, name: Anne Exemple, role: Directrice, organisation: cai}
bodies:
  - {id: observatoire, name: Observatoire, kind: observatoire}
mandates:
  - {id: m1, body: observatoire, holder: cai, person: p1, validFrom: 2024-01-01, validTo: 2026-12-31}
relations:
  - {type: REFERS_TO, from: asbl, to: cai, year: 2023, count: 4}
  - {type: REFERS_TO, from: asbl, to: cripel, year: 2024, count: 2}
"""
BATCH = 2
"""Nodes or relationships per transaction in these tests: many batches from a small graph."""


@pytest.fixture
def filled(load_yaml) -> Graph:  # type: ignore[no-untyped-def]
    graph: Graph = load_yaml(GRAPH)
    create_token(graph, "Sauvegarde", "staff")
    return graph


def backed_up(graph: Graph, path: Path) -> Path:
    snapshots.backup(graph, path)
    return path


def edited(path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """The snapshot file changed by ``edit(document)`` (kept one entry per line)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document)
    lines = [json.dumps({"format": document["format"]})[:-1] + ',\n"nodes": [']
    lines.append(",\n".join(json.dumps(n, ensure_ascii=False) for n in document["nodes"]))
    lines.append('],\n"relationships": [')
    lines.append(",\n".join(json.dumps(r, ensure_ascii=False) for r in document["relationships"]))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def renamed(document: dict) -> None:  # type: ignore[type-arg]
    node = next(n for n in document["nodes"] if n["properties"].get("id") == "cripel")
    node["properties"]["name"] = "CRIPEL (renommé)"


def test_a_backup_prints_the_fingerprint_a_restore_gives_back_in_batches(filled: Graph, tmp_path: Path, wiper) -> None:  # type: ignore[no-untyped-def]
    done = snapshots.backup(filled, tmp_path / "sauvegarde.json")
    assert done.fingerprint == canonical_hash(filled)
    wiper(filled)
    phases: list[str] = []
    restored = restoring.restore(
        filled, [tmp_path / "sauvegarde.json"], batch=BATCH, progress=lambda phase, *_: phases.append(phase)
    )
    assert restored == (done.nodes, done.relationships)
    assert canonical_hash(filled) == done.fingerprint
    assert phases.count(WRITING_NODES) >= done.nodes // BATCH  # one transaction per batch
    assert phases.count(WRITING_RELATIONS) >= done.relationships // BATCH


def test_a_forced_restore_replaces_the_data_and_drops_the_copy_it_kept(filled: Graph, tmp_path: Path) -> None:
    path = edited(backed_up(filled, tmp_path / "sauvegarde.json"), renamed)
    before = canonical_hash(filled)
    restoring.restore(filled, [path], replace=True, batch=BATCH, previous_dir=tmp_path / "kept")
    assert canonical_hash(filled) != before
    assert filled.read("MATCH (o:Organisation {id: 'cripel'}) RETURN o.name AS name") == [{"name": "CRIPEL (renommé)"}]
    assert list((tmp_path / "kept").iterdir()) == []


def test_a_snapshot_file_whose_first_node_is_the_graph_version_is_valid_json(tmp_path: Path) -> None:
    version = SnapshotNode(labels=["GraphVersion"], properties={"id": "graph", "version": 3, "epoch": "e"})
    theme = SnapshotNode(labels=["Entity", "Theme"], properties={"id": "fle", "name": "FLE"})
    snapshots.write_json(snapshots.Snapshot([version, theme], []), tmp_path / "s.json")
    document = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [n["properties"]["id"] for n in document["nodes"]] == ["graph", "fle"]


def test_the_fingerprint_does_not_depend_on_the_order_of_the_file(filled: Graph, tmp_path: Path) -> None:
    before = canonical_hash(filled)
    path = backed_up(filled, tmp_path / "sauvegarde.json")
    edited(path, lambda d: (d["nodes"].reverse(), d["relationships"].reverse()))
    restoring.restore(filled, [path], replace=True, batch=BATCH)
    assert canonical_hash(filled) == before


def missing_end_in_the_last_batch(document: dict) -> None:  # type: ignore[type-arg]
    document["relationships"][-1]["to"] = "absent"


def test_a_relationship_to_a_missing_node_in_a_late_batch_leaves_an_empty_database_empty(
    filled: Graph, tmp_path: Path, wiper
) -> None:  # type: ignore[no-untyped-def]
    path = edited(backed_up(filled, tmp_path / "sauvegarde.json"), missing_end_in_the_last_batch)
    wiper(filled)
    with pytest.raises(ImportValidationError, match="absent") as refused:
        restoring.restore(filled, [path], batch=BATCH)
    assert refused.value.problems[0].field == f"relationships[{len(json.loads(path.read_text())['relationships'])}]"
    assert filled.read("MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n") == [{"n": 0}]


def test_a_forced_restore_failing_on_a_late_relationship_puts_the_replaced_data_back(
    filled: Graph, tmp_path: Path
) -> None:
    path = edited(backed_up(filled, tmp_path / "sauvegarde.json"), missing_end_in_the_last_batch)
    edited(path, renamed)
    before = canonical_hash(filled)
    with pytest.raises(ImportValidationError, match="absent"):
        restoring.restore(filled, [path], replace=True, batch=BATCH, previous_dir=tmp_path / "kept")
    assert canonical_hash(filled) == before
    assert list((tmp_path / "kept").iterdir()) == []
    assert filled.read("MATCH (r:ImportRun) RETURN count(r) AS n") == [{"n": 0}]


def duplicate_token(document: dict) -> None:  # type: ignore[type-arg]
    token = next(n for n in document["nodes"] if "ApiToken" in n["labels"])
    copy = json.loads(json.dumps(token))
    copy["properties"]["id"] = "autre-jeton"
    document["nodes"].append(copy)  # same hash: the apitoken_hash constraint refuses it when it is published


def test_a_forced_restore_refused_by_a_constraint_while_publishing_puts_the_replaced_data_back(
    filled: Graph, tmp_path: Path
) -> None:
    path = edited(backed_up(filled, tmp_path / "sauvegarde.json"), duplicate_token)
    before = canonical_hash(filled)
    phases: list[str] = []
    with pytest.raises(ConflictError):
        restoring.restore(filled, [path], replace=True, batch=BATCH, progress=lambda phase, *_: phases.append(phase))
    assert PUBLISHING in phases  # it failed past its commit point
    assert canonical_hash(filled) == before


def test_a_bad_entry_late_in_the_file_is_named_and_nothing_is_written(filled: Graph, tmp_path: Path) -> None:
    def bad_date(document: dict) -> None:  # type: ignore[type-arg]
        document["nodes"][-1]["properties"]["validTo"] = {"$nope": "2026"}

    path = edited(backed_up(filled, tmp_path / "sauvegarde.json"), bad_date)
    before = canonical_hash(filled)
    with pytest.raises(ImportValidationError) as refused:
        restoring.restore(filled, [path], replace=True, batch=BATCH, previous_dir=tmp_path / "kept")
    [problem] = refused.value.problems
    count = len(json.loads(path.read_text(encoding="utf-8"))["nodes"])
    assert (problem.field, problem.row) == (f"nodes[{count}]", count + 2)  # one node a line, after two
    assert canonical_hash(filled) == before
    assert not (tmp_path / "kept").exists()  # refused before anything was kept or written


PAUSED_RESTORE = """
import sys
from pathlib import Path
from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.importers import restoring

phase, after, path, force, kept = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "force", sys.argv[5]

def tell(name, done, total):
    if name.startswith(phase) and done >= after:
        print("stopped", done, flush=True)
        sys.stdin.readline()  # wait here until the test kills the process

restoring.restore(Graph.from_settings(load_settings()), [path], replace=force, batch=2, previous_dir=Path(kept),
                  progress=tell)
"""


def restore_killed_at(
    phase: str, after: int, path: Path, env: dict[str, str], kept: Path, *, force: bool = True
) -> AbstractContextManager[int]:
    """A restore of ``path`` (forced unless ``force`` is False) in another process, held still once it reports
    ``phase`` with at least ``after`` elements done, then killed (see :func:`conftest.held_process`)."""
    return held_process(PAUSED_RESTORE, [phase, str(after), str(path), "force" if force else "", str(kept)], env)


def recover(graph: Graph) -> None:
    """What the next import or restore does first, once it holds the lock."""
    with journal.locked(graph, journal.new_run()):
        pass


def test_a_restore_into_an_empty_database_killed_while_writing_leaves_it_empty_after_the_next_one(
    filled: Graph, test_server: dict[str, str], tmp_path: Path, wiper
) -> None:  # type: ignore[no-untyped-def]
    path = backed_up(filled, tmp_path / "sauvegarde.json")
    wiper(filled)
    with restore_killed_at(WRITING_RELATIONS, 2, path, test_server, tmp_path / "kept", force=False):
        staged = filled.read("MATCH (n:ImportStaged) RETURN count(n) AS n")[0]["n"]
        assert staged > 0
        assert filled.read("MATCH (n:Entity) RETURN count(n) AS n") == [{"n": 0}]  # staged nodes stay hidden
    recover(filled)
    assert filled.read("MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n") == [{"n": 0}]


def test_a_forced_restore_killed_while_writing_is_rolled_back_by_the_next_one(
    filled: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    path = edited(backed_up(filled, tmp_path / "sauvegarde.json"), renamed)
    before = canonical_hash(filled)
    with restore_killed_at(WRITING_RELATIONS, 2, path, test_server, tmp_path / "kept"):
        assert filled.read("MATCH (r:ImportRun {kind: 'restore'}) RETURN r.state AS state") == [{"state": "writing"}]
        assert canonical_hash(filled) != before  # the replaced data was deleted already
    recover(filled)
    assert canonical_hash(filled) == before
    assert list((tmp_path / "kept").iterdir()) == []


def test_a_forced_restore_killed_while_publishing_is_finished_by_the_next_one(
    filled: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    path = edited(backed_up(filled, tmp_path / "sauvegarde.json"), renamed)
    with restore_killed_at(PUBLISHING, 2, path, test_server, tmp_path / "kept"):
        assert filled.read("MATCH (r:ImportRun {kind: 'restore'}) RETURN r.state AS state") == [{"state": "publishing"}]
    recover(filled)
    finished = canonical_hash(filled)
    assert list((tmp_path / "kept").iterdir()) == []
    restoring.restore(filled, [path], replace=True)  # what the restore gives when it is not killed
    assert canonical_hash(filled) == finished


MEASURE_BACKUP = (
    PEAK_MEMORY
    + """
import sys
from pathlib import Path
from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.importers import restoring, snapshots

graph = Graph.from_settings(load_settings())
graph.read("RETURN 1 AS one")
baseline = peak_memory()
if sys.argv[1] == "backup":
    done = snapshots.backup(graph, Path(sys.argv[2]))
    print(done.nodes, peak_memory() - baseline)
else:
    nodes, _ = restoring.restore(graph, [Path(sys.argv[2])], batch=1000)
    print(nodes, peak_memory() - baseline)
"""
)
LARGE = 30_000
"""Organisations of the graph whose backup and restore are measured: about 40 MiB of JSON."""
GROWTH = 24 * 2**20
"""The most a backup or restore may grow its process's memory (the graph held whole takes several times the file;
a restore holds one batch, here a thousand nodes: 1.4 MiB of JSON)."""


def measured(step: str, path: Path, env: dict[str, str]) -> tuple[int, int]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE_BACKUP, step, str(path)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    count, growth = map(int, out.stdout.split())
    return count, growth


def test_a_large_graph_is_backed_up_and_restored_in_memory_that_does_not_grow_with_it(
    empty_graph: Graph, test_server: dict[str, str], tmp_path: Path, wiper
) -> None:  # type: ignore[no-untyped-def]
    description = "Organisation fictive – générée pour vérifier la sauvegarde en continu ’ " * 16
    empty_graph.write(
        "UNWIND range(1, $count) AS i CREATE (o:Entity:Organisation {id: 'org-' + i, name: 'Organisation ' + i, "
        "kind: 'association', sector: 'integration', description: $description})",
        {"count": LARGE, "description": description},
    )
    path = tmp_path / "grande.json"
    count, growth = measured("backup", path, test_server)
    size = path.stat().st_size
    assert count == LARGE
    assert size > 35 * 2**20
    assert growth < GROWTH, f"sauvegarde : {growth / 2**20:.1f} MiB pour un fichier de {size / 2**20:.0f} MiB"
    wiper(empty_graph)
    count, growth = measured("restore", path, test_server)
    assert count == LARGE
    assert growth < GROWTH, f"restauration : {growth / 2**20:.1f} MiB pour un fichier de {size / 2**20:.0f} MiB"
