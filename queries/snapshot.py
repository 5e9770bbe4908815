"""The whole graph as plain data: read it at one moment as a stream, and fingerprint it (``importers/snapshots.py``
writes it to files, ``importers/restoring.py`` restores it).

A snapshot lists every node (labels, properties) and every relationship between entities (type, ends,
properties) as readers see them: schema bookkeeping aside, and what an import under way keeps aside.
Neo4j's typed values are written as tagged JSON (``{"$date": "2024-01-01"}``) so that a restored graph is
identical, which the canonical hash checks: it ignores only the ``GraphVersion`` counter (bookkeeping that
every write changes).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any, Protocol

import neo4j.time
from pydantic import BaseModel

from maillage.graph.connection import Graph, Transaction
from maillage.graph.errors import ConflictError, InvalidInput
from maillage.graph.folding import SORT_KEY, SORTED_LABELS, keys_of
from maillage.graph.model import ENTITY, Bookkeeping
from maillage.graph.rows import PYTHON_SCALARS

from .run import run_in, stream_in

FORMAT = "maillage-graph/1"
"""The ``format`` tag of a snapshot file (JSON export and backup)."""
_TAGS: dict[str, type] = {
    "$date": neo4j.time.Date,
    "$datetime": neo4j.time.DateTime,
    "$localdatetime": neo4j.time.DateTime,
    "$time": neo4j.time.Time,
    "$duration": neo4j.time.Duration,
}


class SnapshotNode(BaseModel):
    """A node as a snapshot holds it."""

    labels: list[str]
    properties: dict[str, Any]


class SnapshotRelationship(BaseModel):
    """A relationship as a snapshot holds it."""

    type: str
    from_: str
    to: str
    properties: dict[str, Any]


def encode(value: Any) -> Any:
    """A property value as JSON: temporal values tagged, lists element by element."""
    if type(value) in PYTHON_SCALARS:
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, neo4j.time.Date):
        return {"$date": value.iso_format()}
    if isinstance(value, neo4j.time.DateTime):
        return {"$datetime" if value.tzinfo else "$localdatetime": value.iso_format()}
    if isinstance(value, neo4j.time.Time):
        return {"$time": value.iso_format()}
    if isinstance(value, neo4j.time.Duration):
        return {"$duration": value.iso_format()}
    return value


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`: tagged JSON back to the driver's temporal values."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in _TAGS:
            raise InvalidInput(f"Valeur de propriété inattendue : {value!r} (seules les dates sont balisées).")
        tag, text = next(iter(value.items()))
        return _TAGS[tag].from_iso_format(text)  # type: ignore[attr-defined]
    return value


def encode_properties(properties: dict[str, Any]) -> dict[str, Any]:
    """Every property value encoded (see :func:`encode`), keys in order."""
    return {key: encode(value) for key, value in sorted(properties.items())}


def _encoded(properties: dict[str, Any]) -> dict[str, Any]:
    """Every property value encoded, in any order: the map itself when none needs it (most maps; a snapshot line
    sorts the keys)."""
    plain = PYTHON_SCALARS
    for value in properties.values():
        if type(value) not in plain:
            return {key: encode(value) for key, value in properties.items()}
    return properties


CONSISTENT_ATTEMPTS = 5
"""How many times :func:`stream_consistent` reads again when a write landed during the read."""
IMPORT_JOURNAL = [
    str(label)
    for label in (Bookkeeping.IMPORT_STAGED, Bookkeeping.IMPORT_UNDO, Bookkeeping.IMPORT_RUN, Bookkeeping.IMPORT_LOCK)
]
"""Labels of what an import keeps while it runs: never part of a snapshot (it is not the graph readers see)."""
NOT_RESTORED = frozenset([*IMPORT_JOURNAL, "SchemaMigration"])
"""Labels a snapshot node may not carry: the import journal's and the schema's bookkeeping."""
FINGERPRINT_FORMAT = "maillage-fingerprint/2"
_FLUSH = 10_000
_MODULUS = 1 << 256


def entry_line(entry: dict[str, Any]) -> str:
    """A snapshot node ``{labels, properties}`` or relationship ``{type, from, to, properties}`` (properties
    encoded) as its line in a snapshot file."""
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


class Fingerprint:
    """The fingerprint of a graph, computed from its lines as they come, in any order, in constant memory.

    Each node line and each relationship line (see :func:`entry_line`; the
    ``GraphVersion`` node aside) is hashed with SHA-256; the digests of the nodes are added modulo 2²⁵⁶, those
    of the relationships too (a multiset hash: the order of the lines does not count, a repeated line does); the
    fingerprint is the SHA-256 of the format tag, both counts and both sums. Two graphs with the same nodes and
    relationships (all their properties) have the same fingerprint, whatever order they were read in."""

    def __init__(self) -> None:
        self.nodes = 0
        self.relationships = 0
        self._node_sum = 0
        self._relationship_sum = 0

    def add_node(self, node: dict[str, Any], line: str) -> None:
        """Count one node (``line``: its :func:`entry_line`)."""
        if Bookkeeping.GRAPH_VERSION.value in node["labels"]:
            return
        self.nodes += 1
        self._node_sum = (self._node_sum + _digest(line)) % _MODULUS

    def add_relationship(self, line: str) -> None:
        """Count one relationship (``line``: its :func:`entry_line`)."""
        self.relationships += 1
        self._relationship_sum = (self._relationship_sum + _digest(line)) % _MODULUS

    def hexdigest(self) -> str:
        """The fingerprint (64 hexadecimal digits)."""
        text = (
            f"{FINGERPRINT_FORMAT}\n{self.nodes} {self._node_sum:064x}\n"
            f"{self.relationships} {self._relationship_sum:064x}\n"
        )
        return hashlib.sha256(text.encode("ascii")).hexdigest()


def _digest(line: str) -> int:
    return int.from_bytes(hashlib.sha256(line.encode("utf-8")).digest(), "big")


class Sink(Protocol):
    """What receives a graph read by :func:`stream_consistent`, node by node then relationship by relationship."""

    def begin(self) -> None:
        """A reading starts (again: drop what an earlier, inconsistent one gave)."""

    def node(self, node: dict[str, Any]) -> None:
        """One node ``{labels, properties}``, properties encoded (see :func:`encode`)."""

    def relationship(self, rel: dict[str, Any]) -> None:
        """One relationship ``{type, from, to, properties}``, properties encoded; after every node."""


class _Ends:
    """The ids of the entities read and the ends of the relationships read, kept in a private temporary SQLite
    database (a few megabytes of memory whatever the size of the graph): does every relationship end at an
    entity read?"""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")
        self._db.executescript("CREATE TABLE ids (id TEXT PRIMARY KEY) WITHOUT ROWID; CREATE TABLE ends (id TEXT);")
        self._ids: list[tuple[str]] = []
        self._ends: list[tuple[str]] = []
        self._last_from: str | None = None

    def reset(self) -> None:
        self._db.executescript("DELETE FROM ids; DELETE FROM ends;")
        self._ids, self._ends, self._last_from = [], [], None

    def entity(self, id_: str) -> None:
        self._ids.append((id_,))
        if len(self._ids) >= _FLUSH:
            self._flush()

    def relationship(self, start: str, end: str) -> None:
        if start != self._last_from:  # relationships often come in runs from one entity
            self._ends.append((start,))
            self._last_from = start
        self._ends.append((end,))
        if len(self._ends) >= _FLUSH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT OR IGNORE INTO ids VALUES (?)", self._ids)
        self._db.executemany("INSERT INTO ends VALUES (?)", self._ends)
        self._ids, self._ends = [], []

    def complete(self) -> bool:
        self._flush()
        query = "SELECT 1 FROM ends WHERE NOT EXISTS (SELECT 1 FROM ids WHERE ids.id = ends.id) LIMIT 1"
        return self._db.execute(query).fetchone() is None

    def close(self) -> None:
        self._db.close()


def stream_consistent(graph: Graph, sink: Sink, types: list[str] | None = None) -> None:
    """Give ``sink`` every node and relationship (or those of ``types``) as of one moment, as they are read.

    Both are read in one transaction, between two readings of the graph's version, and handed to ``sink`` as the
    driver fetches them (a thousand records at a time): neither this process nor the server holds the graph
    whole. Neo4j reads committed data, so a write that commits in between can show in one query and not in the
    other: the read starts again (``sink.begin()`` again), up to :data:`CONSISTENT_ATTEMPTS` times, then
    ConflictError, when the version changed (every import and API write bumps it when it ends) or when a
    relationship ends at an entity the nodes read did not hold (a batch of an import under way, or of its
    publish, committed in between; the ids are checked on disk, see :class:`_Ends`). What an import under way
    keeps (staged nodes, journal, the audit entries of its run) is left out: a relationship is never kept
    without the entity it ends at, so a restore accepts what this gives."""
    ends = _Ends()
    try:
        for _ in range(CONSISTENT_ATTEMPTS):

            def work(tx: Transaction) -> bool:
                sink.begin()
                ends.reset()
                before = run_in(tx, "analysis.graph_version")[0]
                for row in stream_in(tx, "export.nodes", left_out=IMPORT_JOURNAL):
                    node: dict[str, Any] = {
                        "labels": sorted(row["labels"]),
                        "properties": _encoded(row["properties"]),
                    }
                    if ENTITY in node["labels"]:
                        ends.entity(node["properties"].get("id"))
                    sink.node(node)
                for row in stream_in(tx, "export.relationships", types=types):
                    ends.relationship(row["from"], row["to"])
                    properties = _encoded(row["properties"])
                    sink.relationship(
                        {"type": row["type"], "from": row["from"], "to": row["to"], "properties": properties}
                    )
                return bool(before == run_in(tx, "analysis.graph_version")[0])

            if graph.execute(work) and ends.complete():
                return
    finally:
        ends.close()
    raise ConflictError("La base change sans arrêt : sauvegarde impossible ; réessayez quand les écritures cessent.")


class _Collected:
    """A :class:`Sink` that keeps everything (exports of a part of the graph, GraphML)."""

    def __init__(self) -> None:
        self.nodes: list[SnapshotNode] = []
        self.relationships: list[SnapshotRelationship] = []

    def begin(self) -> None:
        self.nodes, self.relationships = [], []

    def node(self, node: dict[str, Any]) -> None:
        self.nodes.append(SnapshotNode(labels=node["labels"], properties=node["properties"]))

    def relationship(self, rel: dict[str, Any]) -> None:
        self.relationships.append(
            SnapshotRelationship(type=rel["type"], from_=rel["from"], to=rel["to"], properties=rel["properties"])
        )


def read_consistent(
    graph: Graph, types: list[str] | None = None
) -> tuple[list[SnapshotNode], list[SnapshotRelationship]]:
    """Every node and relationship (or those of ``types``) as of one moment (see :func:`stream_consistent`), held
    in lists, nodes by id and relationships by type, ends and key (an export that reads the same twice)."""
    collected = _Collected()
    stream_consistent(graph, collected, types)
    nodes = sorted(collected.nodes, key=lambda n: str(n.properties.get("id", "")))
    rels = sorted(collected.relationships, key=lambda r: (r.type, r.from_, r.to, str(r.properties.get("key", ""))))
    return nodes, rels


class _Fingerprinted:
    """A :class:`Sink` that only computes the :class:`Fingerprint`."""

    def __init__(self) -> None:
        self.fingerprint = Fingerprint()

    def begin(self) -> None:
        self.fingerprint = Fingerprint()

    def node(self, node: dict[str, Any]) -> None:
        self.fingerprint.add_node(node, entry_line(node))

    def relationship(self, rel: dict[str, Any]) -> None:
        self.fingerprint.add_relationship(entry_line(rel))


def canonical_hash(graph: Graph) -> str:
    """The :class:`Fingerprint` of the whole graph, read at one moment (in constant memory): what a backup of
    this graph prints, and what a restore of it prints again."""
    sink = _Fingerprinted()
    stream_consistent(graph, sink)
    return sink.fingerprint.hexdigest()


def with_sort_key(labels: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """``properties`` with the sort keys added when a listable node lacks them (snapshots older than the keys)."""
    listed = [label for label in labels if label in {str(sorted_label) for sorted_label in SORTED_LABELS}]
    if SORT_KEY in properties or "id" not in properties or not listed:
        return properties
    return {**properties, **keys_of(listed[0], properties)}
