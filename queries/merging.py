"""Merging two entities that are the same (an ILI imported twice under two ids), undoing a merge, and
finding duplicate candidates.

A merge keeps one entity and folds the other into it, in one transaction: every relationship of the
merged entity moves to the kept one (a relationship the kept one already has, same type, ends and key,
stays as it is); every property the kept entity lacks is copied; the merged entity's provenance is
added to ``mergedSources``. The merged id then resolves to the kept one (``aliases.resolve``), and an
:class:`EntityMerge` record keeps everything needed to undo the merge (:func:`undo_merge`), which puts
back the merged entity, its relationships, and removes what the merge added to the kept one.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph, Transaction
from maillage.graph.errors import ConflictError, InvalidInput, NotFound
from maillage.graph.folding import SORTED_LABELS, keys_of
from maillage.graph.model import Label, RelType
from maillage.graph.records import relation_key

from .curation import Actor, AuditEntry, write_audit
from .run import run, run_in
from .search import fold
from .snapshot import decode, encode_properties

NOT_COPIED = frozenset({"id", "source", "locator", "confidence", "revision", "updatedAt", "updatedBy", "_lock"})
"""Properties of the merged entity that stay its own (identity, provenance, bookkeeping)."""
LEGAL_FORMS = frozenset({"asbl", "vzw", "aisbl", "sa", "srl", "sprl", "sc", "scrl", "scs", "snc", "fondation"})
STOP_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour"})
SIMILARITY = 0.88
"""Least similarity (difflib ratio of the normalised names) for two names to be candidates."""


class MergeResult(BaseModel):
    """What a merge did: the record's id, the kept entity, how many relationships moved, the audit entry."""

    merge: str
    kept: str
    merged: str
    moved: int
    kept_existing: int
    dropped_loops: int
    copied: list[str]
    audit: AuditEntry


class MergeRecord(BaseModel):
    """A merge as recorded: who, when, whether it still holds."""

    id: str
    kept: str
    merged: str
    by: str
    at: str
    status: str
    undoneBy: str | None = None
    undoneAt: str | None = None


class DuplicateCandidate(BaseModel):
    """Two entities that may be the same one, why, and how alike their names are (0 to 1)."""

    first: str
    firstName: str | None
    second: str
    secondName: str | None
    reason: str
    score: float


def _lock_entity(tx: Transaction, id: str, argument: str) -> tuple[list[str], dict[str, Any]]:
    if not run_in(tx, "curation.lock", id=id)[0]["found"]:
        merged = run_in(tx, "merging.resolve", id=id)
        if merged:
            raise ConflictError(f"{argument} : « {id} » a déjà été fusionné dans « {merged[0]['kept']} ».")
        raise NotFound(f"{argument} : aucun élément d'identifiant « {id} ».")
    snapshot = run_in(tx, "curation.snapshot", id=id)[0]
    properties = dict(snapshot["properties"])
    properties.pop("_lock", None)
    return snapshot["labels"], properties


def _moved(rel: dict[str, Any], merged: str, kept: str) -> dict[str, Any]:
    """A relationship of the merged entity, re-pointed at the kept one, with its key computed again."""
    type_ = RelType(rel["type"])
    start, end = (merged, rel["other"]) if rel["outgoing"] else (rel["other"], merged)
    start, end = (kept if start == merged else start), (kept if end == merged else end)
    key = relation_key(type_, start, end, rel["properties"])
    return {"type": type_.value, "from": start, "to": end, "key": key, "props": {**rel["properties"], "key": key}}


def _sort_keys(labels: list[str], properties: dict[str, Any]) -> dict[str, str]:
    """The sort keys of an entity with these labels and properties (none for a label that is not listed)."""
    listed = [label for label in labels if label in {str(sorted_label) for sorted_label in SORTED_LABELS}]
    return keys_of(listed[0], properties) if listed else {}


def merge_entities(graph: Graph, kept: str, merged: str, actor: Actor) -> MergeResult:
    """Fold entity ``merged`` into entity ``kept`` (same label), in one transaction.

    Raises InvalidInput for an entity merged with itself or entities of different labels, NotFound for an
    unknown id, ConflictError for an id already merged (which is also what stops a cycle of merges).
    """
    if kept == merged:
        raise InvalidInput(f"merged : un élément ne peut pas être fusionné avec lui-même (« {kept} »).")

    def work(tx: Transaction) -> MergeResult:
        kept_labels, kept_before = _lock_entity(tx, kept, "kept")
        merged_labels, merged_properties = _lock_entity(tx, merged, "merged")
        if set(kept_labels) != set(merged_labels):
            raise InvalidInput(
                f"« {merged} » ({', '.join(merged_labels)}) et « {kept} » ({', '.join(kept_labels)}) "
                "ne sont pas du même type : seuls deux éléments du même type se fusionnent."
            )
        relationships = run_in(tx, "merging.relationships", id=merged)
        loops = [rel for rel in relationships if rel["other"] == kept]
        rows = [_moved(rel, merged, kept) for rel in relationships if rel["other"] != kept]
        run_in(tx, "merging.delete_entity", id=merged)
        created = run_in(tx, "merging.create_relationships", rows=rows) if rows else []
        created_rows = [row for row, outcome in zip(rows, created, strict=True) if outcome["created"]]
        copied = sorted(k for k in merged_properties.keys() - kept_before.keys() if k not in NOT_COPIED)
        provenance = f"{merged_properties.get('source', '')} {merged_properties.get('locator', '')}".strip()
        kept_after = {
            **kept_before,
            **{k: merged_properties[k] for k in copied},
            "mergedSources": [*kept_before.get("mergedSources", []), f"{merged} : {provenance}"],
        }
        kept_after.update(_sort_keys(kept_labels, kept_after))  # a name copied from the merged entity
        run_in(tx, "merging.set_properties", id=kept, properties=kept_after)
        after = run_in(tx, "curation.finish", id=kept, actor=actor.name)[0]["properties"]
        merge_id = f"fusion-{uuid.uuid4()}"
        snapshot = {
            "labels": merged_labels,
            "properties": encode_properties(merged_properties),
            "relationships": [{**rel, "properties": encode_properties(rel["properties"])} for rel in relationships],
            "created": [{k: row[k] for k in ("type", "from", "to", "key")} for row in created_rows],
            "copied": copied,
        }
        run_in(
            tx,
            "merging.record",
            id=merge_id,
            kept=kept,
            merged=merged,
            actor=actor.name,
            snapshot=json.dumps(snapshot, ensure_ascii=False),
        )
        entry = write_audit(tx, actor, "merge", kept, kept_before, after)
        return MergeResult(
            merge=merge_id,
            kept=kept,
            merged=merged,
            moved=len(created_rows),
            kept_existing=len(rows) - len(created_rows),
            dropped_loops=len(loops),
            copied=copied,
            audit=entry,
        )

    return graph.execute(work, write=True)


def undo_merge(graph: Graph, merge_id: str, actor: Actor) -> AuditEntry:
    """Split a merge back: the merged entity returns with its properties and relationships, and what the
    merge added to the kept entity (copied properties, relationships it created, its provenance line) goes.

    Raises NotFound for an unknown merge, ConflictError for one already undone or whose merged id has
    been used again since.
    """

    def work(tx: Transaction) -> AuditEntry:
        rows = run_in(tx, "merging.lock", id=merge_id)
        if not rows:
            raise NotFound(f"Aucune fusion d'identifiant « {merge_id} ».")
        record = rows[0]
        if record["status"] != "active":
            raise ConflictError(f"La fusion « {merge_id} » a déjà été annulée.")
        kept, merged = record["kept"], record["merged"]
        if run_in(tx, "common.entity_labels", id=merged):
            raise ConflictError(f"« {merged} » existe de nouveau dans le graphe : la fusion ne peut plus être annulée.")
        _, kept_before = _lock_entity(tx, kept, "kept")
        snapshot = json.loads(record["snapshot"])
        merged_properties = {k: decode(v) for k, v in snapshot["properties"].items()}
        run_in(tx, "merging.restore_entity", labels=snapshot["labels"], properties=merged_properties)
        if snapshot["created"]:
            run_in(tx, "merging.delete_relationships", rows=snapshot["created"])
        originals = [
            {
                "type": rel["type"],
                "from": merged if rel["outgoing"] else rel["other"],
                "to": rel["other"] if rel["outgoing"] else merged,
                "key": rel["properties"]["key"],
                "props": {k: decode(v) for k, v in rel["properties"].items()},
            }
            for rel in snapshot["relationships"]
        ]
        if originals:
            run_in(tx, "merging.create_relationships", rows=originals)
        line = next((s for s in reversed(kept_before.get("mergedSources", [])) if s.startswith(f"{merged} : ")), None)
        sources = [s for s in kept_before.get("mergedSources", []) if s != line]
        kept_after = {k: v for k, v in kept_before.items() if k not in snapshot["copied"] and k != "mergedSources"}
        if sources:
            kept_after["mergedSources"] = sources
        run_in(tx, "merging.set_properties", id=kept, properties=kept_after)
        after = run_in(tx, "curation.finish", id=kept, actor=actor.name)[0]["properties"]
        run_in(tx, "merging.undone", id=merge_id, actor=actor.name)
        return write_audit(tx, actor, "undoMerge", kept, kept_before, after)

    return graph.execute(work, write=True)


def merges(graph: Graph, *, active_only: bool = False, limit: int = 100) -> list[MergeRecord]:
    """The merges, newest first."""
    if not 1 <= limit <= 500:
        raise InvalidInput(f"limit doit être compris entre 1 et 500 (reçu : {limit}).")
    return [
        MergeRecord.model_validate(
            {**row, "at": row["at"].iso_format(), "undoneAt": row["undoneAt"].iso_format() if row["undoneAt"] else None}
        )
        for row in run(graph, "merging.list", activeOnly=active_only, limit=limit)
    ]


def normalised_name(name: str) -> str:
    """A name reduced to what tells organisations apart: folded, legal forms and small words left out.

    >>> normalised_name("L'A.S.B.L. Maison de l'Intégration")
    'integration maison'
    """
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", fold(name)).replace(".", "")
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in LEGAL_FORMS and w not in STOP_WORDS]
    return " ".join(sorted(words))


def duplicate_pairs(entities: Iterable[dict[str, Any]], *, threshold: float = SIMILARITY) -> list[DuplicateCandidate]:
    """Pairs of entities that may be duplicates: the same normalised name, the same acronym and kind,
    or names at least ``threshold`` alike (compared within blocks sharing a word, to stay near-linear)."""
    rows = [row for row in entities if row.get("name")]
    by_id = {row["id"]: row for row in rows}
    found: dict[tuple[str, str], tuple[str, float]] = {}

    def add(a: str, b: str, reason: str, score: float) -> None:
        pair = (min(a, b), max(a, b))
        if pair not in found or found[pair][1] < score:
            found[pair] = (reason, score)

    names = {row["id"]: normalised_name(row["name"]) for row in rows}
    blocks: dict[str, list[str]] = defaultdict(list)
    for id_, name in names.items():
        for word in set(name.split()):
            if len(word) > 2:
                blocks[word].append(id_)
    for members in blocks.values():
        if len(members) > 200:  # a word shared by hundreds of names tells nothing
            continue
        for a, b in itertools.combinations(sorted(members), 2):
            score = difflib.SequenceMatcher(None, names[a], names[b]).ratio()
            if score == 1.0:
                add(a, b, "même nom (aux formes juridiques, accents et petits mots près)", 1.0)
            elif score >= threshold:
                add(a, b, "noms très proches", round(score, 3))
    acronyms: dict[tuple[str, Any], list[str]] = defaultdict(list)
    for row in rows:
        if row.get("acronym"):
            acronyms[(fold(row["acronym"]).replace(".", ""), row.get("kind"))].append(row["id"])
    for members in acronyms.values():
        for a, b in itertools.combinations(sorted(members), 2):
            add(a, b, "même sigle et même type", 0.9)
    return sorted(
        (
            DuplicateCandidate(
                first=a, firstName=by_id[a]["name"], second=b, secondName=by_id[b]["name"], reason=reason, score=score
            )
            for (a, b), (reason, score) in found.items()
        ),
        key=lambda c: (-c.score, c.first, c.second),
    )


def duplicate_candidates(graph: Graph, label: Label = Label.ORGANISATION, limit: int = 100) -> list[DuplicateCandidate]:
    """The likeliest duplicate pairs among the entities of ``label`` (people are not compared)."""
    if label is Label.PERSON:
        raise InvalidInput("label : les personnes ne sont pas comparées (données personnelles).")
    return duplicate_pairs(run(graph, "merging.named_entities", label=label.value))[:limit]
