"""The write pass: MERGE the rows the check pass kept aside, in batches, in one transaction.

The check pass spools each valid row's write form (:class:`RowSpool`, a temporary file, so memory
stays flat however large the files): the write pass replays it instead of reading and validating
the files a second time. Nodes are written first, then relationships, from a second pass over the
same spool (their ends exist by then). Each batch is one ``UNWIND $rows`` query that also says which
records it created, updated or left unchanged.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from maillage.graph.connection import Transaction
from maillage.graph.errors import ConflictError
from maillage.queries import run_in

from .index import NODE, RELATION, Index
from .report import ImportReport
from .validation import Checked

BATCH = 5_000
"""Rows per ``UNWIND`` query (several batches run inside the one transaction)."""

Progress = Callable[[str, int, int | None], None]
"""Called as ``progress(phase, done, total)`` while an import runs (total None when unknown)."""

WRITING_NODES = "Écriture des nœuds"
WRITING_RELATIONS = "Écriture des relations"

SpooledRow = tuple[str, int, dict[str, Any] | None, list[tuple[str, dict[str, Any]]]]
"""file, row, the node's write row (or None), each relationship's key and write row."""


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
        """Every kept row, in the order added (may be iterated again: a retried transaction replays it)."""
        if self._batch:
            self._dump()
        self._file.seek(0)
        for _ in range(self._batches):
            yield from pickle.load(self._file)

    def close(self) -> None:
        """Drop the temporary file."""
        self._file.close()


class _Writer:
    def __init__(self, tx: Transaction, index: Index, report: ImportReport, progress: Progress | None) -> None:
        self.tx = tx
        self.index = index
        self.report = report
        self.progress = progress

    def _merge(self, query: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        counted = run_in(self.tx, query, rows=rows)
        expected = len(rows)
        rows.clear()  # the driver keeps every query's parameters until the transaction ends: free them now
        written = sum(row["count"] for row in counted)
        if written != expected:
            raise ConflictError(
                f"{expected - written} élément(s) dont une extrémité a été supprimée pendant l'import : "
                "import annulé, relancez-le"
            )
        return counted

    def write_nodes(self, rows: list[dict[str, Any]]) -> None:
        for row in self._merge("importing.merge_nodes", rows):
            self.report.count_node(row["label"], row["outcome"], row["count"])

    def write_relations(self, rows: list[dict[str, Any]]) -> None:
        for row in self._merge("importing.merge_relations", rows):
            self.report.count_relation(row["type"], row["outcome"], row["count"])

    def _kept(self, rows: RowSpool) -> Iterator[tuple[dict[str, Any] | None, list[dict[str, Any]]]]:
        """Each row's node and relationships to write: what an earlier row already defined is written once."""
        for file, row, node, relations in rows:
            repeated = self.index.repeated_keys(file, row)
            kept_node = node if node is not None and (NODE, node["id"]) not in repeated else None
            seen: set[str] = set()
            kept_relations = []
            for key, relation in relations:
                if key not in seen and (RELATION, key) not in repeated:
                    kept_relations.append(relation)
                seen.add(key)
            yield kept_node, kept_relations

    def run(self, rows: RowSpool) -> None:
        """Every node first, then every relationship (their ends exist by then): two passes over the spool."""
        nodes: list[dict[str, Any]] = []
        done = relation_total = 0
        for node, relations in self._kept(rows):
            done += 1
            relation_total += len(relations)
            if node is not None:
                nodes.append(node)
            if len(nodes) >= BATCH:
                self.write_nodes(nodes)
                self._tell(WRITING_NODES, done, self.index.rows)
        if nodes:
            self.write_nodes(nodes)
        self._tell(WRITING_NODES, done, self.index.rows)
        batch: list[dict[str, Any]] = []
        written = 0
        for _, relations in self._kept(rows):
            batch.extend(relations)
            if len(batch) >= BATCH:
                written += len(batch)
                self.write_relations(batch)
                self._tell(WRITING_RELATIONS, written, relation_total)
        if batch:
            written += len(batch)
            self.write_relations(batch)
            self._tell(WRITING_RELATIONS, written, relation_total)

    def _tell(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)


def write_all(tx: Transaction, rows: RowSpool, index: Index, report: ImportReport, progress: Progress | None) -> None:
    """MERGE every spooled row inside ``tx`` and count the outcomes in ``report``."""
    _Writer(tx, index, report, progress).run(rows)
