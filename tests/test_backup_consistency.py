"""A backup taken while writes land is still one consistent moment of the graph as readers see it, which restore
accepts."""

from __future__ import annotations

import threading
from pathlib import Path

from conftest import import_paused_at

from maillage.graph.connection import Graph
from maillage.graph.model import ENTITY, Bookkeeping
from maillage.importers import import_paths, restoring, snapshots
from maillage.importers.writing import PUBLISHING

GROWING = 120
"""New organisations of the import paused in its publish phase: 50 published, the rest still staged."""


def _writer(graph: Graph, folder: Path, stop: threading.Event, written: list[int]) -> None:
    """Import, again and again, a new organisation and the relationship that places it in a territory."""
    i = 0
    while not stop.is_set():
        i += 1
        path = folder / f"w{i}.yaml"
        path.write_text(
            "source: test.txt\nterritories:\n  - {id: t-test, name: Territoire, level: commune}\n"
            f"organisations:\n  - {{id: org-{i}, name: Organisation {i}, kind: association, sector: integration, "
            "location: t-test}\n",
            encoding="utf-8",
        )
        import_paths(graph, [path])
        written.append(i)


def test_a_backup_taken_during_concurrent_writes_is_accepted_by_restore(empty_graph: Graph, tmp_path: Path) -> None:
    stop = threading.Event()
    written: list[int] = []
    writer = threading.Thread(target=_writer, args=(empty_graph, tmp_path, stop, written))
    writer.start()
    backups = []
    try:
        while len(written) < 2:
            stop.wait(0.05)
        for n in range(5):
            data = snapshots.take(empty_graph)
            ids = {node.properties.get("id") for node in data.nodes if ENTITY in node.labels}
            assert all(r.from_ in ids and r.to in ids for r in data.relationships)
            file = tmp_path / f"backup-{n}.json"
            snapshots.write_json(data, file)
            backups.append((file, len(data.nodes)))
    finally:
        stop.set()
        writer.join(timeout=120)
    assert len(written) >= 3  # writes really landed while the backups were taken
    file, count = backups[-1]
    restored_nodes, _ = restoring.restore(empty_graph, [file], replace=True)
    assert restored_nodes == count


def _organisations(folder: Path, first: int, count: int) -> Path:
    path = folder / f"organisations-{first}.yaml"
    rows = "".join(
        f"  - {{id: org-{i}, name: Organisation {i}, kind: association, sector: integration, location: t-test}}\n"
        for i in range(first, first + count)
    )
    path.write_text(
        f"source: test.txt\nterritories:\n  - {{id: t-test, name: Territoire, level: commune}}\norganisations:\n{rows}",
        encoding="utf-8",
    )
    return path


def test_a_backup_taken_while_an_import_publishes_holds_only_what_readers_see(
    empty_graph: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    import_paths(empty_graph, [_organisations(tmp_path, 1, 3)])
    with import_paused_at(PUBLISHING, [_organisations(tmp_path, 100, GROWING)], test_server):
        visible = {row["id"] for row in empty_graph.read("MATCH (n:Entity) RETURN n.id AS id")}
        trail = empty_graph.read("MATCH (a:AuditEntry) RETURN count(a) AS n")[0]["n"]
        data = snapshots.take(empty_graph)
    journal = {str(b) for b in (Bookkeeping.IMPORT_STAGED, Bookkeeping.IMPORT_RUN, Bookkeeping.IMPORT_UNDO)}
    assert 1 + 3 < len(visible) < 1 + 3 + GROWING  # the import stood between its first and its last publish batch
    assert not [node for node in data.nodes if journal & set(node.labels)]
    assert {node.properties["id"] for node in data.nodes if ENTITY in node.labels} == visible
    audit = [node for node in data.nodes if str(Bookkeeping.AUDIT_ENTRY) in node.labels]
    assert trail - len(audit) >= GROWING  # the paused run's entries stay out, as they stay out of the trail
    file = tmp_path / "backup.json"
    snapshots.write_json(data, file)
    assert restoring.restore(empty_graph, [file], replace=True) == (len(data.nodes), len(data.relationships))
