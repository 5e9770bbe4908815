"""The write pass: the rows the check pass kept aside, written in batches that each commit on their own.

The check pass spools each valid row's write form (:class:`RowSpool`, a temporary file, so memory stays flat
however large the files): the write pass replays it instead of reading and validating the files a second time.
Nodes are written first, then relationships, from a second pass over the same spool (their ends exist by then),
then the new nodes are published. Each batch is one ``UNWIND $rows`` query in its own transaction, so neither
this process nor Neo4j holds more than one batch, whatever the size of the import.

Until it is published, the import is reversible (see ``journal.py``): a new node is *staged* (label
``ImportStaged`` only, invisible to every query, which all go through ``Entity`` or a domain label); an existing
node or relationship is copied to an ``ImportUndo`` record before it is updated, and a relationship created
between two existing entities is recorded too.

Three modes:

* **bulk** (first load into a graph without entities): nodes are staged with ``CREATE`` and relationships created
  between staged nodes, in larger batches, without looking anything up and without per-element change
  accounting (every row is a creation); each element's audit entry is created by the same query;
* **incremental**: each batch says what it created, updated or left unchanged (and journals what it changes);
* **dry run**: the same counts by read-only queries; nothing is written.

Every batch that writes also leaves its history (``history.py``): one audit entry per element created or
changed, written in the batch's own transaction (by the write query itself in bulk, by one more ``UNWIND``
query otherwise). Ids a merge folded into another
entity are written to the kept entity (``merged_ids.py``).
"""

from __future__ import annotations

import enum
import pickle
import tempfile
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from typing import IO, Any, NamedTuple, TypeVar

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError
from maillage.queries import run_in

from .history import ImportHistory, Place
from .index import NODE, RELATION, Index
from .merged_ids import MERGED_FROM, MergedIds, completing
from .report import ImportReport
from .validation import Checked

BATCH = 5_000
"""Rows per ``UNWIND`` query (one transaction each) when the graph already holds data."""
BULK_BATCH = 20_000
"""Rows per ``UNWIND`` query (one transaction each) on a bulk first load."""

Progress = Callable[[str, int, int | None], None]
"""Called as ``progress(phase, done, total)`` while an import runs (total None when unknown)."""

WRITING_NODES = "Écriture des nœuds"
WRITING_RELATIONS = "Écriture des relations"
PUBLISHING = "Publication des nœuds"

SpooledRow = tuple[str, int, dict[str, Any] | None, list[tuple[str, dict[str, Any]]]]
"""file, row, the node's write row (or None), each relationship's key and write row."""
Audit = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
"""Turns what a write query returned into the audit entries of its batch."""


class _Batch(NamedTuple):
    """Rows to write in one transaction, the file and row each comes from, and how far the pass has got."""

    rows: list[dict[str, Any]]
    places: list[Place]
    done: int


T = TypeVar("T")


def _ahead(items: Iterator[T]) -> Generator[T, None, None]:
    """``items``, each one computed in a worker thread while the caller handles the one before: the Python work
    of the next batch (spool, history JSON) overlaps the database's work on this one (the driver waits on its
    socket without the GIL). One item ahead at most; an error of the worker is raised here."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-ahead") as pool:
        pending = pool.submit(next, items, None)
        while (item := pending.result()) is not None:
            pending = pool.submit(next, items, None)
            yield item


class Mode(enum.Enum):
    """How the write pass writes (see the module's documentation)."""

    BULK = "bulk"
    INCREMENTAL = "incremental"
    DRY_RUN = "dry run"


class RowSpool:
    """The write form of every valid row, pickled in batches to a temporary file and read back in order."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()
        self._batch: list[SpooledRow] = []
        self._batches = 0

    def add(self, checked: Checked, default_source: str) -> None:
        """Keep the write form of a valid row (``default_source``: the file name, for facts without a source)."""
        node = checked.node.write_row(default_source) if checked.node is not None else None
        relations = [(r.key, r.write_row(default_source)) for r in checked.relations]
        self._batch.append((checked.raw.file, checked.raw.row, node, relations))
        if len(self._batch) >= BATCH:
            self._dump()

    def _dump(self) -> None:
        pickle.dump(self._batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._batches += 1
        self._batch = []

    def __iter__(self) -> Iterator[SpooledRow]:
        """Every kept row, in the order added (may be iterated again)."""
        if self._batch:
            self._dump()
        self._file.seek(0)
        for _ in range(self._batches):
            yield from pickle.load(self._file)

    def close(self) -> None:
        """Drop the temporary file."""
        self._file.close()


class Writer:
    """Writes the spooled rows of one import (``run``: its id) in batches, each its own transaction.

    ``history``: who makes the import, for the audit entries of what it writes (None: no history, e.g. a dry
    run); ``merged``: the ids merges folded into other entities (written to those entities)."""

    def __init__(
        self,
        graph: Graph,
        run: str,
        index: Index,
        report: ImportReport,
        progress: Progress | None,
        mode: Mode,
        batch: int | None = None,
        *,
        history: ImportHistory | None = None,
        merged: MergedIds | None = None,
    ) -> None:
        self.graph = graph
        self.run = run
        self.index = index
        self.report = report
        self.progress = progress
        self.mode = mode
        self.batch = batch or (BULK_BATCH if mode is Mode.BULK else BATCH)
        self.history = history
        self.merged = merged or MergedIds()
        self._relation_total = 0

    def _query(
        self, name: str, rows: list[dict[str, Any]], audit: Audit | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """Run one batch's write query and, in the same transaction, record its history (``audit``)."""
        if self.mode is Mode.DRY_RUN:
            return self.graph.execute(lambda tx: run_in(tx, name, rows=rows, **params))

        def work(tx: Any) -> list[dict[str, Any]]:
            found = run_in(tx, name, rows=rows, **params)
            entries = audit(found) if audit is not None and self.history is not None else []
            if entries:
                run_in(tx, "importing.audit", entries=entries)
            return found

        return self.graph.execute(work, write=True)

    def _counted(
        self, name: str, rows: list[dict[str, Any]], audit: Audit | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        counted = self._query(name, rows, audit, **params)
        written = sum(row["count"] for row in counted)
        if written != len(rows):
            raise ConflictError(
                f"{len(rows) - written} élément(s) dont une extrémité a été supprimée pendant l'import : "
                "import annulé, relancez-le"
            )
        return counted

    def _bulk_history(self) -> ImportHistory:
        if self.history is None:  # its queries write each element with its entry
            raise ValueError("a bulk first load keeps its history")
        return self.history

    def _created(self, name: str, rows: list[dict[str, Any]]) -> None:
        """Run a bulk first load's query, which writes each element with its audit entry."""
        actor = self._bulk_history().actor
        self._counted(name, rows, run=self.run, actor=actor.name, role=actor.role)

    def _completed(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The batch with each row of a merged id reduced to what the kept entity lacks (one read per batch
        that has such rows)."""
        kept = sorted({row["id"] for row in rows if MERGED_FROM in row})
        if not kept:
            return rows
        current = self.graph.execute(lambda tx: run_in(tx, "importing.entity_properties", ids=kept))
        return completing(rows, {row["id"]: row["properties"] for row in current})

    def _audit(self, kind: int, rows: list[dict[str, Any]], places: list[Place] | None) -> Audit | None:
        """How the result of a batch's write query (``rows`` of ``kind``, from ``places``) becomes its audit
        entries; None when the import keeps no history."""
        history = self.history
        if history is None:
            return None
        where = places if places is not None else [("", None)] * len(rows)
        entries = history.nodes if kind == NODE else history.relations
        return lambda found: entries(rows, where, [change for row in found for change in row["changed"]])

    def write_nodes(self, rows: list[dict[str, Any]], places: list[Place] | None = None) -> None:
        """One batch of nodes (``places``: the file and row of each, for its history)."""
        if self.mode is Mode.BULK:  # rows prepared with their audit entries' fields (see _prepared)
            self._created("importing.stage_nodes", rows)
            for row in rows:
                self.report.count_node(row["label"], "created", 1)
            return
        rows = self._completed(rows)
        if self.mode is Mode.DRY_RUN:
            counted = self._query("importing.count_nodes", rows)
        else:
            counted = self._query("importing.write_nodes", rows, self._audit(NODE, rows, places), run=self.run)
        for row in counted:
            self.report.count_node(row["label"], row["outcome"], row["count"])

    def write_relations(self, rows: list[dict[str, Any]], places: list[Place] | None = None) -> None:
        """One batch of relationships (``places``: the file and row of each, for its history)."""
        if self.mode is Mode.BULK:  # rows prepared with their audit entries' fields (see _prepared)
            self._created("importing.create_relations", rows)
            for row in rows:
                self.report.count_relation(row["type"], "created", 1)
            return
        if self.mode is Mode.DRY_RUN:
            counted = self._counted("importing.count_relations", rows)
        else:
            audit = self._audit(RELATION, rows, places)
            counted = self._counted("importing.write_relations", rows, audit, run=self.run)
        for row in counted:
            self.report.count_relation(row["type"], row["outcome"], row["count"])

    def _kept(self, rows: RowSpool) -> Iterator[tuple[Place, dict[str, Any] | None, list[dict[str, Any]]]]:
        """Each row's place (file, row), node and relationships to write: what an earlier row already defined is
        written once; merged ids are written to the kept entities (see ``merged_ids.py``)."""
        merged = self.merged
        written: set[str] = set()  # keys of relationships of kept entities written by this pass
        kept_written: set[str] = set()  # kept entities written from a merged id's row by this pass
        for file, row, node, relations in rows:
            repeated = self.index.repeated_keys(file, row)
            kept_node = node if node is not None and (NODE, node["id"]) not in repeated else None
            seen: set[str] = set()
            kept_relations = []
            for key, relation in relations:
                if key not in seen and (RELATION, key) not in repeated:
                    rewritten = merged.relation(relation, written) if merged else relation
                    if rewritten is not None:
                        kept_relations.append(rewritten)
                seen.add(key)
            if merged and kept_node is not None:
                kept_node = merged.node(kept_node, self.index.defines_node, kept_written)
            yield (file, row), kept_node, kept_relations

    def _node_batches(self, rows: RowSpool) -> Iterator[_Batch]:
        """The nodes to write in batches, each with the number of rows read so far (counts the relationships to
        write in ``_relation_total`` on the way)."""
        nodes: list[dict[str, Any]] = []
        places: list[Place] = []
        done = self._relation_total = 0
        for place, node, relations in self._kept(rows):
            done += 1
            self._relation_total += len(relations)
            if node is not None:
                nodes.append(node)
                places.append(place)
            if len(nodes) >= self.batch:
                yield self._prepared(NODE, nodes, places, done)
                nodes, places = [], []
        if nodes:
            yield self._prepared(NODE, nodes, places, done)

    def _relation_batches(self, rows: RowSpool) -> Iterator[_Batch]:
        """The relationships to write in batches, each with the number of relationships up to its end."""
        batch: list[dict[str, Any]] = []
        places: list[Place] = []
        written = 0
        for place, _, relations in self._kept(rows):
            batch.extend(relations)
            places.extend([place] * len(relations))
            if len(batch) >= self.batch:
                written += len(batch)
                yield self._prepared(RELATION, batch, places, written)
                batch, places = [], []
        if batch:
            written += len(batch)
            yield self._prepared(RELATION, batch, places, written)

    def _prepared(self, kind: int, rows: list[dict[str, Any]], places: list[Place], done: int) -> _Batch:
        """A batch as its query takes it: on a bulk first load, each row with its audit entry's fields."""
        if self.mode is Mode.BULK:
            history = self._bulk_history()
            rows = history.created_nodes(rows, places) if kind == NODE else history.created_relations(rows, places)
        return _Batch(rows, places, done)

    def write(self, rows: RowSpool) -> None:
        """Every node first, then every relationship (their ends exist by then): two passes over the spool.

        The next batch is read from the spool and prepared (history included) in a worker thread while the
        database writes the current one: at most two batches are held."""
        with closing(_ahead(self._node_batches(rows))) as batches:  # on an error, the worker stops first
            for batch in batches:
                self.write_nodes(batch.rows, batch.places)
                self._tell(WRITING_NODES, batch.done, self.index.rows)
        self._tell(WRITING_NODES, self.index.rows, self.index.rows)
        with closing(_ahead(self._relation_batches(rows))) as batches:
            for batch in batches:
                self.write_relations(batch.rows, batch.places)
                self._tell(WRITING_RELATIONS, batch.done, self._relation_total)

    def publish(self) -> None:
        """Give every staged node its labels, a batch per transaction; the ids published go to the index."""
        total = sum(c.created for c in self.report.nodes.values())
        done = 0
        while ids := [
            row["id"]
            for row in self.graph.execute(
                lambda tx: run_in(tx, "importing.publish_nodes", run=self.run, size=self.batch), write=True
            )
        ]:
            self.index.add_published(ids)
            done += len(ids)
            self._tell(PUBLISHING, done, total)

    def _tell(self, phase: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)
