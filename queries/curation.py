"""Curation: the writes staff make through the API, each validated by the same records as the
importers, applied in one managed transaction with its audit entry and a new graph version.

History is never deleted: ending a mandate or a membership sets its ``validTo``. Every edited entity
carries a ``revision``; an edit that says which revision it read (``expected_revision``) is refused
with a ConflictError when someone else changed the entity meanwhile (no lost update).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from maillage.graph.connection import Graph, Transaction
from maillage.graph.errors import ConflictError, InvalidInput, NotFound
from maillage.graph.model import REL_SPECS, Label, RelType
from maillage.graph.records import NodeRecord, Organisation, RelationRecord
from maillage.graph.vocabulary import ProposalStatus

from .aliases import merged_into, resolve, resolve_in
from .cursors import decode_cursor, encode_cursor
from .results import plain_properties
from .run import run, run_in

SOURCE = "curation"
"""The provenance ``source`` of facts entered through the API (the locator says who and when)."""
MAX_TRAIL = 500


@dataclass(frozen=True)
class Actor:
    """Who writes: the token's name and role."""

    name: str
    role: str


class AuditEntry(BaseModel):
    """One write: who, when, what, on which target, and the target's properties before and after."""

    id: str
    at: str
    actor: str
    role: str
    operation: str
    target: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    import_run: str | None = None
    """The import that made this write (operation ``import``), or None."""
    file: str | None = None
    """The imported file the write comes from (an import's), or None."""
    row: int | None = None
    """The row (or record number) of that file, where known."""

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> AuditEntry:
        """An entry as the trail queries return it (before/after as JSON text)."""
        return cls(
            id=row["id"],
            at=row["at"].iso_format(),
            actor=row["actor"],
            role=row["role"],
            operation=row["operation"],
            target=row["target"],
            before=json.loads(row["before"]) if row["before"] else None,
            after=json.loads(row["after"]) if row["after"] else None,
            import_run=row["importRun"],
            file=row["file"],
            row=row["row"],
        )


class WriteResult(BaseModel):
    """The entity after a write, its revision and the audit entry of the write."""

    id: str
    revision: int | None
    properties: dict[str, Any]
    audit: AuditEntry


def _iso(value: Any) -> str:
    """A date or time the driver did not convert (a record's ``datetime.date``) as ISO text."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"valeur non représentable en JSON : {value!r}")


def audit_json(value: dict[str, Any] | None) -> str | None:
    """Properties as the audit trail stores them (``before``/``after``): JSON, dates as ISO text."""
    if value is None:
        return None
    return json.dumps(plain_properties(value), ensure_ascii=False, sort_keys=True, default=_iso)


P = TypeVar("P", NodeRecord, RelationRecord)


def _provenance(record: P, actor: Actor) -> P:
    """``record`` with the provenance of an API write: source ``curation``, who and when."""
    return record.model_copy(
        update={"source": SOURCE, "locator": f"saisi par {actor.name} le {dt.date.today().isoformat()}"}
    )


def _merge(tx: Transaction, query: str, rows: list[dict[str, Any]], what: str) -> None:
    if not rows:
        return
    written = sum(row["count"] for row in run_in(tx, query, rows=rows))
    if written != len(rows):
        raise NotFound(f"{what} : une extrémité n'existe pas (vérifiez les identifiants).")


def write_audit(
    tx: Transaction,
    actor: Actor,
    operation: str,
    target: str,
    before: Any,
    after: Any,
    ends: tuple[str, str] | None = None,
) -> AuditEntry:
    """Record one write in the audit trail (who, when, what, before, after; ``ends``: a relationship's two
    entities, so that each one's history shows it) and bump the graph version."""
    entry_id = str(uuid.uuid4())
    row = run_in(
        tx,
        "curation.audit",
        id=entry_id,
        actor=actor.name,
        role=actor.role,
        operation=operation,
        target=target,
        before=audit_json(before),
        after=audit_json(after),
        **{"from": ends[0] if ends else None, "to": ends[1] if ends else None},
    )[0]
    run_in(tx, "importing.bump_graph_version")
    return AuditEntry(
        id=entry_id,
        at=row["at"].iso_format(),
        actor=actor.name,
        role=actor.role,
        operation=operation,
        target=target,
        before=plain_properties(before) if before is not None else None,
        after=plain_properties(after) if after is not None else None,
    )


def relation_target(type_: str, from_: str, to: str) -> str:
    """The audit trail's ``target`` of a relationship: its type and ends."""
    return f"{type_}:{from_}->{to}"


def _check_labels(tx: Transaction, references: Iterable[tuple[str, str, frozenset[Label]]]) -> None:
    for field, ref, labels in references:
        rows = run_in(tx, "common.entity_labels", id=ref)
        if not rows:
            raise NotFound(f"{field} : aucun élément d'identifiant « {ref} ».")
        if labels and not set(rows[0]["labels"]) & {label.value for label in labels}:
            expected = " ou ".join(sorted(label.value for label in labels))
            raise InvalidInput(f"{field} : « {ref} » n'est pas un(e) {expected}.")


def _references(own_id: str, relations: Iterable[RelationRecord]) -> list[tuple[str, str, frozenset[Label]]]:
    refs = []
    for relation in relations:
        spec = REL_SPECS[relation.type]
        if relation.from_ != own_id:
            refs.append((relation.type.value, relation.from_, spec.sources))
        if relation.to != own_id:
            refs.append((relation.type.value, relation.to, spec.targets))
    return refs


def _resolved(tx: Transaction, relation: RelationRecord) -> RelationRecord:
    """``relation`` with each end that a merge folded into another entity pointing at that entity."""
    start, end = resolve_in(tx, relation.from_), resolve_in(tx, relation.to)
    if (start, end) == (relation.from_, relation.to):
        return relation
    return RelationRecord.model_validate({**relation.model_dump(by_alias=True), "from": start, "to": end})


def save_entity(
    graph: Graph,
    record: NodeRecord,
    actor: Actor,
    *,
    create: bool,
    expected_revision: int | None = None,
) -> WriteResult:
    """Create (``create``) or replace the entity ``record`` describes, with the relationships it implies."""
    record = _provenance(record, actor)

    def work(tx: Transaction) -> WriteResult:
        found = run_in(tx, "curation.lock", id=record.id)[0]["found"]
        if not found and (kept := resolve_in(tx, record.id)) != record.id:
            raise ConflictError(
                f"« {record.id} » a été fusionné dans « {kept} » : c'est « {kept} » qu'il faut modifier."
            )
        if create and found:
            raise ConflictError(f"« {record.id} » existe déjà : choisissez un autre identifiant ou modifiez-le.")
        if not create and not found:
            raise NotFound(f"Aucun élément d'identifiant « {record.id} » à modifier.")
        before = None
        if found:
            snapshot = run_in(tx, "curation.snapshot", id=record.id)[0]
            if record.label.value not in snapshot["labels"]:
                raise InvalidInput(
                    f"« {record.id} » est un(e) {', '.join(snapshot['labels'])}, pas un(e) {record.label}."
                )
            before = {k: v for k, v in snapshot["properties"].items() if k != "_lock"}
            if expected_revision is not None and before.get("revision", 0) != expected_revision:
                raise ConflictError(
                    f"« {record.id} » a été modifié entre-temps (révision {before.get('revision', 0)}, "
                    f"vous aviez la révision {expected_revision}) : rechargez puis recommencez."
                )
        relations = [_resolved(tx, r) for r in record.relations()]
        _check_labels(tx, _references(record.id, relations))
        _merge(tx, "importing.merge_nodes", [record.write_row(SOURCE)], record.id)
        _merge(tx, "importing.merge_relations", [r.write_row(SOURCE) for r in relations], record.id)
        after = run_in(tx, "curation.finish", id=record.id, actor=actor.name)[0]["properties"]
        operation = f"{'create' if create else 'update'}{record.label.value}"
        entry = write_audit(tx, actor, operation, record.id, before, after)
        return WriteResult(
            id=record.id, revision=after.get("revision"), properties=plain_properties(after), audit=entry
        )

    return graph.execute(work, write=True)


def end_entity(
    graph: Graph, id: str, label: Label, valid_to: dt.date, actor: Actor, *, expected_revision: int | None = None
) -> WriteResult:
    """End entity ``id`` (a mandate) at ``valid_to``: it stays, with its period closed."""

    def work(tx: Transaction) -> WriteResult:
        if not run_in(tx, "curation.lock", id=id)[0]["found"]:
            raise NotFound(f"Aucun élément d'identifiant « {id} ».")
        snapshot = run_in(tx, "curation.snapshot", id=id)[0]
        if label.value not in snapshot["labels"]:
            raise InvalidInput(f"« {id} » n'est pas un(e) {label.value}.")
        before = {k: v for k, v in snapshot["properties"].items() if k != "_lock"}
        if expected_revision is not None and before.get("revision", 0) != expected_revision:
            raise ConflictError(
                f"« {id} » a été modifié entre-temps (révision {before.get('revision', 0)}, "
                f"vous aviez la révision {expected_revision}) : rechargez puis recommencez."
            )
        start = before.get("validFrom")
        if start is not None and valid_to < start.to_native():
            raise InvalidInput(f"validTo ({valid_to}) précède validFrom ({start.to_native()}).")
        run_in(tx, "curation.set_properties", id=id, properties={"validTo": valid_to})
        after = run_in(tx, "curation.finish", id=id, actor=actor.name)[0]["properties"]
        entry = write_audit(tx, actor, f"end{label.value}", id, before, after)
        return WriteResult(id=id, revision=after.get("revision"), properties=plain_properties(after), audit=entry)

    return graph.execute(work, write=True)


def save_relationship(graph: Graph, given: RelationRecord, actor: Actor) -> AuditEntry:
    """Create (or update) one relationship, e.g. a membership or a platform participation (an end that a
    merge folded into another entity means that entity)."""

    def work(tx: Transaction) -> AuditEntry:
        relation = _resolved(tx, _provenance(given, actor))
        spec = REL_SPECS[relation.type]
        _check_labels(tx, [("from", relation.from_, spec.sources), ("to", relation.to, spec.targets)])
        _merge(tx, "importing.merge_relations", [relation.write_row(SOURCE)], relation.type.value)
        target = relation_target(relation.type.value, relation.from_, relation.to)
        ends = (relation.from_, relation.to)
        return write_audit(tx, actor, f"add{relation.type.value}", target, None, relation.properties(SOURCE), ends)

    return graph.execute(work, write=True)


def end_relationship(graph: Graph, relation: RelationRecord, valid_to: dt.date, actor: Actor) -> AuditEntry:
    """End the relationship ``relation`` names (type, ends and key properties) at ``valid_to``."""

    def work(tx: Transaction) -> AuditEntry:
        rows = run_in(
            tx,
            "curation.end_relationship",
            type=relation.type.value,
            key=relation.key,
            validTo=valid_to,
            actor=actor.name,
            **{"from": relation.from_, "to": relation.to},
        )
        if not rows:
            raise NotFound(f"Aucune relation {relation.type.value} de « {relation.from_} » vers « {relation.to} ».")
        target = relation_target(relation.type.value, relation.from_, relation.to)
        ends = (relation.from_, relation.to)
        return write_audit(tx, actor, f"end{relation.type.value}", target, rows[0]["before"], rows[0]["after"], ends)

    return graph.execute(work, write=True)


def audit_trail(graph: Graph, *, target: str | None = None, limit: int = 100) -> list[AuditEntry]:
    """The latest writes (all, or on ``target``), newest first."""
    if not 1 <= limit <= MAX_TRAIL:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_TRAIL} (reçu : {limit}).")
    return [
        AuditEntry.of_row(row)
        for row in (
            run(graph, "curation.trail", limit=limit)
            if target is None
            else run(graph, "curation.trail_of_target", target=target, limit=limit)
        )
    ]


MAX_HISTORY_PAGE = 100
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})")
"""An instant as Neo4j writes it (the time of an audit entry, in a history cursor)."""


class HistoryPage(BaseModel):
    """One page of an entity's history, newest first, and the cursor of the next page."""

    id: str
    """The entity whose history this is (an id merged into it names it too)."""
    ids: list[str]
    """That entity's id and the ids merged into it: the history covers all of them."""
    entries: list[AuditEntry]
    end_cursor: str | None
    has_next_page: bool


def _history_cursor(entry: dict[str, Any]) -> str:
    return encode_cursor(entry["at"].iso_format(), entry["id"])


def _history_keyset(cursor: str | None) -> tuple[str | None, str | None]:
    """The (time, id) a history cursor points after."""
    if cursor is None:
        return None, None
    at, entry_id = decode_cursor(cursor, 2, valid=lambda parts: _INSTANT.fullmatch(parts[0]) is not None)
    return at, entry_id


def entity_history(graph: Graph, id: str, *, first: int = 50, after: str | None = None) -> HistoryPage:
    """The history of entity ``id``, newest first: every write that touched it (mutations, merges, imports of
    the entity or of a relationship it is an end of), the ids merged into it included.

    ``id`` may be an id merged into another entity: the history is the kept entity's. ``after``: the
    ``end_cursor`` of the previous page. Raises NotFound for an id that names nothing, InvalidInput for a bad
    ``first`` or cursor.
    """
    if not 1 <= first <= MAX_HISTORY_PAGE:
        raise InvalidInput(f"first doit être compris entre 1 et {MAX_HISTORY_PAGE} (reçu : {first}).")
    after_at, after_id = _history_keyset(after)
    kept = resolve(graph, id)
    if not run(graph, "common.entity_labels", id=kept):
        raise NotFound(f"Aucun élément d'identifiant « {id} » dans le graphe.")
    ids = [kept, *merged_into(graph, kept)]
    rows = run(graph, "curation.history", ids=ids, afterAt=after_at, afterId=after_id, limit=first + 1)
    page = rows[:first]
    return HistoryPage(
        id=kept,
        ids=ids,
        entries=[AuditEntry.of_row(row) for row in page],
        end_cursor=_history_cursor(page[-1]) if page else None,
        has_next_page=len(rows) > first,
    )


def relation_record(type_: RelType, from_: str, to: str, **props: Any) -> RelationRecord:
    """A validated relationship record (the importers' rules: role vocabulary, period order…)."""
    return RelationRecord.model_validate({"type": type_, "from": from_, "to": to, **props})


def _field_value(record: type[NodeRecord], field: str, value: Any) -> Any:
    """``value`` checked by the rules of ``record``'s ``field`` (the importers' rules)."""
    info = record.model_fields[field]
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    try:
        checked: Any = TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:
        raise InvalidInput(f"{field} : {exc.errors()[0]['msg']} (valeur proposée : {value!r}).") from None
    return getattr(checked, "value", checked)


def decide_proposal(graph: Graph, proposal_id: str, *, accept: bool, actor: Actor) -> AuditEntry:
    """Accept (the organisation takes the proposed value) or refuse a fact proposed by the register.

    Accepting is refused with a ConflictError when the organisation's value changed since the
    proposal was made: the proposal compared against a value that is no longer there.
    """

    def work(tx: Transaction) -> AuditEntry:
        rows = run_in(tx, "proposals.lock", id=proposal_id)
        if not rows:
            raise NotFound(f"Aucune proposition d'identifiant « {proposal_id} ».")
        proposal = rows[0]
        if proposal["status"] != ProposalStatus.PENDING:
            label = ProposalStatus(proposal["status"]).label.lower()
            raise ConflictError(f"La proposition « {proposal_id} » est déjà {label} : elle ne peut plus changer.")
        target, field = proposal["target"], proposal["field"]
        proposed = json.loads(proposal["proposed"])
        if accept:
            if not run_in(tx, "curation.lock", id=target)[0]["found"]:
                raise NotFound(f"L'organisation « {target} » de la proposition n'existe plus.")
            before = dict(run_in(tx, "curation.snapshot", id=target)[0]["properties"])
            before.pop("_lock", None)
            if before.get(field) != json.loads(proposal["current"]):
                raise ConflictError(
                    f"« {target} » a changé depuis la proposition (champ {field}) : "
                    "relancez l'import de la BCE pour une proposition à jour."
                )
            value = _field_value(Organisation, field, proposed)
            run_in(tx, "curation.set_properties", id=target, properties={field: value})
            after = run_in(tx, "curation.finish", id=target, actor=actor.name)[0]["properties"]
            entry = write_audit(tx, actor, "acceptProposal", target, before, after)
        else:
            entry = write_audit(tx, actor, "rejectProposal", target, None, {"proposal": proposal_id, field: proposed})
        status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
        run_in(tx, "proposals.decide", id=proposal_id, status=status.value, actor=actor.name)
        return entry

    return graph.execute(work, write=True)
