"""What the cross-file checks need — ids, labels, relationship keys, references — kept on disk.

The index lives in a private temporary SQLite database (deleted when closed), so that checking
files of millions of rows takes a few megabytes of memory. Each definition is stored with a digest
of its values: the first definition of an id wins, an identical repeat is harmless, a different
one is a conflict. References are resolved against the definitions, then against the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from maillage.graph.errors import Problem
from maillage.graph.model import NODE_LABELS, RelType

from .messages import LABEL_NAMES, label_names
from .validation import TYPE_INDEX, Checked, mask_labels, node_fingerprint, relation_fingerprint

NODE, RELATION = 0, 1
_FLUSH = 10_000
_SCHEMA = """
CREATE TABLE defs (kind INTEGER, id TEXT, label INTEGER, fp BLOB, file INTEGER, row INTEGER, a TEXT, b TEXT);
CREATE TABLE refs (id TEXT, allowed INTEGER, type INTEGER, file INTEGER, row INTEGER, field TEXT);
CREATE TABLE known (id TEXT PRIMARY KEY, mask INTEGER) WITHOUT ROWID;
CREATE TABLE published (id TEXT);
"""
_FINISH = """
CREATE INDEX defs_by_id ON defs (kind, id);
CREATE TABLE firsts AS SELECT kind, id, min(rowid) AS first FROM defs GROUP BY kind, id;
CREATE UNIQUE INDEX firsts_by_id ON firsts (kind, id);
CREATE TABLE repeats AS
    SELECT d.rowid AS at, f.first AS first FROM defs d JOIN firsts f ON f.kind = d.kind AND f.id = d.id
    WHERE d.rowid <> f.first;
CREATE INDEX repeats_at ON repeats (at);
CREATE INDEX refs_by_id ON refs (id);
"""


class Index:
    """Definitions and references of every valid row, for the checks that span rows and files."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", check_same_thread=False)  # the write pass reads it from a worker thread
        self._db.executescript(_SCHEMA)
        self._defs: list[tuple[Any, ...]] = []
        self._refs: list[tuple[Any, ...]] = []
        self._files: dict[str, int] = {}
        self.rows = 0
        self._has_repeats: bool | None = None

    def close(self) -> None:
        """Drop the index (its temporary file goes with it)."""
        self._db.close()

    def file_id(self, file: str) -> int:
        """A small number standing for a file name."""
        return self._files.setdefault(file, len(self._files))

    def file_name(self, file_id: int) -> str:
        """The file name a number stands for."""
        return next(name for name, number in self._files.items() if number == file_id)

    def add(self, checked: Checked) -> None:
        """Record what a valid row defines and references."""
        self.rows += 1
        file, row = self.file_id(checked.raw.file), checked.raw.row
        node = checked.node
        if node is not None:
            label = NODE_LABELS.index(node.label)
            self._defs.append((NODE, node.id, label, node_fingerprint(node), file, row, None, None))
        for relation in checked.relations:
            fp = relation_fingerprint(relation)
            type_index = TYPE_INDEX[relation.type]
            self._defs.append((RELATION, relation.key, type_index, fp, file, row, relation.from_, relation.to))
        for ref in checked.references():
            self._refs.append((ref.id, ref.allowed, TYPE_INDEX[ref.rel_type], file, row, ref.field))
        if len(self._defs) + len(self._refs) >= _FLUSH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO defs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._defs)
        self._db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)", self._refs)
        self._defs.clear()
        self._refs.clear()

    def finish(self) -> None:
        """Close the reading phase: build the lookups the checks use."""
        self._flush()
        self._db.executescript(_FINISH)
        self._db.commit()

    def conflicts(self) -> Iterator[Problem]:
        """An id or a relationship defined twice with different values, naming both places."""
        rows = self._db.execute(
            """
            SELECT d.kind, d.id, d.label, d.file, d.row, d.a, d.b, f.label, f.file, f.row
            FROM repeats r JOIN defs d ON d.rowid = r.at JOIN defs f ON f.rowid = r.first
            WHERE d.label <> f.label OR d.fp <> f.fp
            ORDER BY d.rowid
            """
        )
        for kind, id_, label, file, row, source, target, first_label, first_file, first_row in rows:
            where = f"{self.file_name(first_file)}, ligne {first_row}"
            if kind == RELATION:
                detail = f"{list(RelType)[label].value} {source} → {target}"
                message = f"relation {detail} déjà définie avec d'autres propriétés ({where})"
                yield Problem(self.file_name(file), row, None, message)
            elif label != first_label:
                message = (
                    f"l'identifiant « {id_} » est déjà celui d'un(e) {LABEL_NAMES[NODE_LABELS[first_label]]} "
                    f"({where}) ; ici : {LABEL_NAMES[NODE_LABELS[label]]}"
                )
                yield Problem(self.file_name(file), row, "id", message, id_)
            else:
                message = f"l'identifiant « {id_} » est déjà défini avec d'autres valeurs ({where})"
                yield Problem(self.file_name(file), row, "id", message, id_)

    def repeated_keys(self, file: str, row: int) -> set[tuple[int, str]]:
        """The (kind, id) pairs the row at ``file``/``row`` repeats from an earlier row: written only once."""
        if self._has_repeats is None:
            self._has_repeats = self._db.execute("SELECT 1 FROM repeats LIMIT 1").fetchone() is not None
            if self._has_repeats:
                self._db.execute("CREATE INDEX defs_by_place ON defs (file, row)")
        if not self._has_repeats:
            return set()
        rows = self._db.execute(
            """
            SELECT d.kind, d.id FROM defs d JOIN repeats r ON r.at = d.rowid JOIN defs f ON f.rowid = r.first
            WHERE d.file = ? AND d.row = ? AND NOT (f.file = d.file AND f.row = d.row)
            """,
            (self.file_id(file), row),
        )
        return {(kind, id_) for kind, id_ in rows}

    def defines_node(self, id_: str) -> bool:
        """Whether a row of the files defines the node ``id_``."""
        return self._db.execute("SELECT 1 FROM firsts WHERE kind = 0 AND id = ?", (id_,)).fetchone() is not None

    def add_published(self, ids: list[str]) -> None:
        """Record ids of nodes the import has published (a publish that fails midway deletes them again)."""
        self._db.executemany("INSERT INTO published VALUES (?)", [(id_,) for id_ in ids])

    def published(self, size: int) -> Iterator[list[str]]:
        """The ids recorded by :meth:`add_published`, in batches."""
        cursor = self._db.execute("SELECT id FROM published")
        while batch := cursor.fetchmany(size):
            yield [id_ for (id_,) in batch]

    def misplaced_references(self) -> Iterator[Problem]:
        """References to ids the files define with a label the relationship does not accept."""
        rows = self._db.execute(
            """
            SELECT r.id, r.allowed, r.type, r.file, r.row, r.field, d.label
            FROM refs r JOIN firsts f ON f.kind = 0 AND f.id = r.id JOIN defs d ON d.rowid = f.first
            WHERE (r.allowed >> d.label) & 1 = 0
            ORDER BY r.rowid
            """
        )
        for id_, allowed, type_index, file, row, field, label in rows:
            yield self._wrong_label(id_, allowed, type_index, file, row, field, 1 << label)

    def defined_nodes(self, size: int) -> Iterator[list[tuple[str, int, int, int]]]:
        """(id, label index, file, row) of every node the files define, in batches."""
        cursor = self._db.execute(
            "SELECT f.id, d.label, d.file, d.row FROM firsts f JOIN defs d ON d.rowid = f.first WHERE f.kind = 0"
        )
        while batch := cursor.fetchmany(size):
            yield batch

    def unresolved_ids(self, size: int) -> Iterator[list[str]]:
        """Ids referenced but defined in no file, in batches: the database must hold them."""
        cursor = self._db.execute(
            "SELECT DISTINCT r.id FROM refs r WHERE NOT EXISTS "
            "(SELECT 1 FROM firsts f WHERE f.kind = 0 AND f.id = r.id)"
        )
        while batch := cursor.fetchmany(size):
            yield [id_ for (id_,) in batch]

    def add_known(self, found: list[tuple[str, int]]) -> None:
        """Record ids found in the database with their labels (as a mask)."""
        self._db.executemany("INSERT OR REPLACE INTO known VALUES (?, ?)", found)

    def dangling_references(self) -> Iterator[Problem]:
        """References resolved neither by the files nor by the database, or to the wrong label."""
        rows = self._db.execute(
            """
            SELECT r.id, r.allowed, r.type, r.file, r.row, r.field, k.mask
            FROM refs r LEFT JOIN known k ON k.id = r.id
            WHERE NOT EXISTS (SELECT 1 FROM firsts f WHERE f.kind = 0 AND f.id = r.id)
              AND (k.id IS NULL OR (r.allowed & k.mask) = 0)
            ORDER BY r.rowid
            """
        )
        for id_, allowed, type_index, file, row, field, mask in rows:
            if mask is None:
                expected = label_names(mask_labels(allowed))
                message = (
                    f"référence introuvable : aucun(e) {expected} « {id_} » dans les fichiers importés ni dans la base"
                )
                yield Problem(self.file_name(file), row, field, message, id_)
            else:
                yield self._wrong_label(id_, allowed, type_index, file, row, field, mask)

    def _wrong_label(
        self, id_: str, allowed: int, type_index: int, file: int, row: int, field: str, mask: int
    ) -> Problem:
        rel_type = list(RelType)[type_index]
        actual = label_names(mask_labels(mask)) or "nœud sans type"
        message = (
            f"« {id_} » est un(e) {actual}, alors que la relation {rel_type.value} attend : "
            f"{label_names(mask_labels(allowed))}"
        )
        return Problem(self.file_name(file), row, field, message, id_)
