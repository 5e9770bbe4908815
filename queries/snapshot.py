"""The whole graph as plain data: dump it, restore it exactly, and fingerprint it.

A snapshot lists every node (labels, properties) and every relationship between entities (type, ends,
properties) as readers see them: schema bookkeeping aside, and what an import under way keeps aside.
Neo4j's typed values are written as tagged JSON (``{"$date": "2024-01-01"}``) so that a restored graph is
identical, which the canonical hash checks: it ignores only the ``GraphVersion`` counter (bookkeeping that
every write changes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

import neo4j.time
from pydantic import BaseModel

from maillage.graph.connection import Graph, Transaction
from maillage.graph.errors import ConflictError, InvalidInput
from maillage.graph.folding import SORT_KEY, SORTED_LABELS, keys_of
from maillage.graph.model import ENTITY, Bookkeeping

from .run import run_in

FORMAT = "maillage-graph/1"
"""The ``format`` tag of a snapshot file (JSON export and backup)."""
BATCH = 2_000
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
    """Every property value encoded (see :func:`encode`)."""
    return {key: encode(value) for key, value in sorted(properties.items())}


CONSISTENT_ATTEMPTS = 5
"""How many times :func:`read_consistent` reads again when a write landed during the read."""
IMPORT_JOURNAL = [
    str(label)
    for label in (Bookkeeping.IMPORT_STAGED, Bookkeeping.IMPORT_UNDO, Bookkeeping.IMPORT_RUN, Bookkeeping.IMPORT_LOCK)
]
"""Labels of what an import keeps while it runs: never part of a snapshot (it is not the graph readers see)."""


def _node(row: dict[str, Any]) -> SnapshotNode:
    return SnapshotNode(labels=sorted(row["labels"]), properties=encode_properties(row["properties"]))


def _relationship(row: dict[str, Any]) -> SnapshotRelationship:
    return SnapshotRelationship(
        type=row["type"], from_=row["from"], to=row["to"], properties=encode_properties(row["properties"])
    )


def read_consistent(
    graph: Graph, types: list[str] | None = None
) -> tuple[list[SnapshotNode], list[SnapshotRelationship]]:
    """Every node and relationship (or those of ``types``) as of one moment.

    Both are read in one transaction, between two readings of the graph's version. Neo4j reads committed
    data, so a write that commits in between can show in one query and not in the other: the read starts
    again, up to :data:`CONSISTENT_ATTEMPTS` times, then ConflictError, when the version changed (every
    import and API write bumps it when it ends) or when a relationship ends at an entity the nodes read did
    not hold (a batch of an import under way, or of its publish, committed in between). What an import under
    way keeps (staged nodes, journal, the audit entries of its run) is left out: a relationship is never kept
    without the entity it ends at, so ``restore`` accepts what this returns."""

    def work(tx: Transaction) -> tuple[Any, list[dict[str, Any]], list[dict[str, Any]], Any]:
        before = run_in(tx, "analysis.graph_version")[0]
        node_rows = run_in(tx, "export.nodes", left_out=IMPORT_JOURNAL)
        rel_rows = run_in(tx, "export.relationships", types=types)
        after = run_in(tx, "analysis.graph_version")[0]
        return before, node_rows, rel_rows, after

    for _ in range(CONSISTENT_ATTEMPTS):
        before, node_rows, rel_rows, after = graph.execute(work)
        found = [_node(row) for row in node_rows]
        rels = [_relationship(row) for row in rel_rows]
        ids = {n.properties.get("id") for n in found if ENTITY in n.labels}
        if before == after and all(r.from_ in ids and r.to in ids for r in rels):
            return found, rels
    raise ConflictError("La base change sans arrêt : sauvegarde impossible ; réessayez quand les écritures cessent.")


def fingerprint(found: Iterable[SnapshotNode], rels: Iterable[SnapshotRelationship]) -> str:
    """SHA-256 of the sorted nodes and relationships with all their properties (GraphVersion aside),
    computed from data already read (no second reading of the graph)."""
    node_lines = sorted(
        json.dumps(n.model_dump(), sort_keys=True, ensure_ascii=False)
        for n in found
        if Bookkeeping.GRAPH_VERSION.value not in n.labels
    )
    rel_lines = sorted(json.dumps(r.model_dump(), sort_keys=True, ensure_ascii=False) for r in rels)
    digest = hashlib.sha256()
    for line in [*node_lines, "--", *rel_lines]:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def canonical_hash(graph: Graph) -> str:
    """The :func:`fingerprint` of the whole graph, read at one moment."""
    return fingerprint(*read_consistent(graph))


def _batches(items: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _with_sort_key(labels: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """``properties`` with the sort keys added when a listable node lacks them (snapshots older than the keys)."""
    listed = [label for label in labels if label in {str(sorted_label) for sorted_label in SORTED_LABELS}]
    if SORT_KEY in properties or "id" not in properties or not listed:
        return properties
    return {**properties, **keys_of(listed[0], properties)}


def restore(
    graph: Graph,
    snapshot_nodes: list[SnapshotNode],
    snapshot_relationships: list[SnapshotRelationship],
    *,
    replace: bool = False,
) -> tuple[int, int]:
    """Write a snapshot in one transaction; return (nodes, relationships) created.

    The database must hold no data unless ``replace``, which deletes it in the same transaction (so a
    failed restore leaves the database as it was). Raises ConflictError for a non-empty database and
    InvalidInput when a relationship names a node the snapshot does not hold.
    """
    node_rows = [
        {"labels": n.labels, "properties": _with_sort_key(n.labels, {k: decode(v) for k, v in n.properties.items()})}
        for n in snapshot_nodes
    ]
    rel_rows = [
        {"type": r.type, "from": r.from_, "to": r.to, "properties": {k: decode(v) for k, v in r.properties.items()}}
        for r in snapshot_relationships
    ]

    def work(tx: Transaction) -> tuple[int, int]:
        existing = run_in(tx, "export.count")[0]["nodes"]
        if existing and not replace:
            raise ConflictError(
                f"La base contient déjà {existing} nœud(s) : restaurez dans une base vide, "
                "ou avec --force pour la remplacer."
            )
        if existing:
            run_in(tx, "export.wipe")
        created_nodes = sum(run_in(tx, "export.restore_nodes", rows=b)[0]["created"] for b in _batches(node_rows))
        created_rels = sum(run_in(tx, "export.restore_relationships", rows=b)[0]["created"] for b in _batches(rel_rows))
        if created_rels != len(rel_rows):
            raise InvalidInput(
                f"{len(rel_rows) - created_rels} relation(s) désignent un nœud absent de la sauvegarde : "
                "rien n'a été restauré."
            )
        return created_nodes, created_rels

    return graph.execute(work, write=True)
