"""A backup taken while writes land is still one consistent moment of the graph, which restore accepts."""

from __future__ import annotations

import threading
from pathlib import Path

from maillage.graph.connection import Graph
from maillage.importers import import_paths, snapshots


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
            ids = {node.properties.get("id") for node in data.nodes}
            assert all(r.from_ in ids and r.to in ids for r in data.relationships)
            file = tmp_path / f"backup-{n}.json"
            snapshots.write_json(data, file)
            backups.append((file, len(data.nodes)))
    finally:
        stop.set()
        writer.join(timeout=120)
    assert len(written) >= 3  # writes really landed while the backups were taken
    file, count = backups[-1]
    restored_nodes, _ = snapshots.load(empty_graph, [file], replace=True)
    assert restored_nodes == count
