"""What makes an import in many transactions all or nothing: a lock, a journal, a rollback, a recovery.

An import writes in batches that commit one by one (see ``writing.py``), so that memory stays flat in this
process and in Neo4j whatever its size. It stays atomic this way:

* **one import at a time**: the importer holds the ``ImportLock`` in a transaction left open (never
  committed) for as long as it runs; Neo4j releases it when that transaction ends or its connection drops, so a
  killed importer cannot leave it behind. A second import waits for the first.
* **a journal**: ``(:ImportRun {id, state})`` says an import is under way. While it is ``writing``, every new
  node is staged (``ImportStaged``, tagged with the run's id, invisible to queries); every update of an existing
  node or relationship first copies its properties to an ``ImportUndo`` record; a relationship created between
  two existing entities is recorded by one too; a relationship with a staged end goes with that end.
* **the commit point**: once everything is written, the run moves to ``publishing``; the staged nodes then take
  their labels, batch by batch, and the journal is dropped. The run's audit entries (written with each batch,
  see ``history.py``) are hidden from the trail until then.
* **rollback** (any failure before the end, in this process: a problem found by the database, a constraint
  violated, an exception, Ctrl-C): undo records put the old properties back and delete the relationships
  created between existing entities, staged nodes are deleted with their relationships, nodes already published
  are deleted by id (the index kept them), the audit entries the run wrote are deleted (a rolled-back import
  leaves no history), batch by batch; the database is as it was.
* **recovery** (the importer died): the next import, once it holds the lock, finds the runs left open; one left
  ``writing`` is rolled back, one left ``publishing`` is finished (it had passed its commit point). A restore
  (``restoring.py``) keeps the same journal and lock, and is recovered its own way.

Limits: readers see updates of existing data and new relationships between existing entities as soon as their
batch commits (not isolated until the end), new nodes from their batch of the publish phase on; a rollback
restores the properties as they were before the import, overwriting a change another writer made meanwhile to
the same element; an entity created by another writer with an id the import creates makes the publish fail and
the import roll back; an importer killed during its publish phase is finished, not undone, by the next import;
one killed during its own rollback leaves the nodes it had published.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from maillage.graph.connection import Graph
from maillage.queries import load, run

from .index import Index
from .writing import Progress

UNDO_BATCH = 5_000
"""Journal records or staged nodes handled per transaction by a rollback or a clean-up."""
WRITING, PUBLISHING, ROLLING_BACK = "writing", "publishing", "rolling back"
ROLLBACK = "Annulation de l'import"
RECOVERY = "Reprise d'un import interrompu"


def new_run() -> str:
    """A fresh import id."""
    return uuid.uuid4().hex


@contextmanager
def locked(graph: Graph, run_id: str, progress: Progress | None = None) -> Iterator[None]:
    """Hold the import lock (waiting for another import to end) and recover what dead imports left."""
    with graph.holding(load("importing.lock").text, {"run": run_id}):
        recover(graph, progress)
        yield


def begin(graph: Graph, run_id: str) -> bool:
    """Open the run's journal; True when the graph holds no entity (the bulk first-load path applies)."""
    return bool(run(graph, "importing.begin", run=run_id)[0]["empty"])


def commit_point(graph: Graph, run_id: str) -> None:
    """Everything is written: from now on the import is finished, never undone."""
    run(graph, "importing.set_state", run=run_id, state=PUBLISHING)


def _drain(graph: Graph, name: str, run_id: str) -> int:
    """Run a batch query until it finds nothing left; the number of elements handled."""
    total = 0
    while count := run(graph, name, run=run_id, size=UNDO_BATCH)[0]["count"]:
        total += count
    return total


def finish(graph: Graph, run_id: str) -> None:
    """After the publish: drop the journal."""
    _drain(graph, "importing.forget_undo", run_id)
    run(graph, "importing.end", run=run_id)


def rollback(graph: Graph, run_id: str, index: Index | None, progress: Progress | None = None) -> None:
    """Undo everything the run wrote (``index``: the nodes it published, when it got that far)."""
    if progress is not None:
        progress(ROLLBACK, 0, None)
    run(graph, "importing.set_state", run=run_id, state=ROLLING_BACK)
    if index is not None:
        for ids in index.published(UNDO_BATCH):
            run(graph, "importing.discard_published", ids=ids)
    _drain(graph, "importing.undo_relations", run_id)
    _drain(graph, "importing.undo_nodes", run_id)
    _drain(graph, "importing.discard_staged", run_id)
    _drain(graph, "importing.discard_audit", run_id)
    run(graph, "importing.end", run=run_id)
    if progress is not None:
        progress(ROLLBACK, 1, 1)


def recover(graph: Graph, progress: Progress | None = None) -> None:
    """Close the runs dead importers (or restores: ``restoring.py``) left open (call with the lock held: no import
    is running)."""
    for left in run(graph, "importing.unfinished"):
        if progress is not None:
            progress(RECOVERY, 0, None)
        if left["kind"] == "restore":
            from . import restoring  # (it uses this module)

            restoring.recover(graph, left, progress)
        elif left["state"] == PUBLISHING:
            while run(graph, "importing.publish_nodes", run=left["id"], size=UNDO_BATCH):
                pass
            run(graph, "importing.bump_graph_version")
            finish(graph, left["id"])
        else:
            rollback(graph, left["id"], None)
