"""The checks that need the database: ids already there with another label, references to it."""

from __future__ import annotations

import itertools

from maillage.graph.connection import Transaction
from maillage.graph.errors import Problem
from maillage.graph.model import NODE_LABELS
from maillage.queries import run_in

from .index import Index
from .merged_ids import MergedIds
from .messages import LABEL_NAMES, label_names
from .validation import label_mask

LOOKUP_BATCH = 10_000
"""Ids looked up per query."""


def _labels_of(tx: Transaction, ids: list[str]) -> dict[str, list[str]]:
    found = {row["id"]: row["labels"] for row in run_in(tx, "importing.entity_labels", ids=ids)}
    ids.clear()  # the driver keeps every query's parameters until the transaction ends: free them now
    return found


def _kept_labels(tx: Transaction, ids: list[str], merged: MergedIds) -> dict[str, list[str]]:
    """The labels of the entities that the merged ids among ``ids`` stand for, by merged id."""
    kept_of = {id_: merged.kept_of[id_] for id_ in ids if id_ in merged.kept_of}
    if not kept_of:
        return {}
    found = _labels_of(tx, sorted(set(kept_of.values())))
    return {id_: found[kept] for id_, kept in kept_of.items() if kept in found}


def database_problems(tx: Transaction, index: Index, limit: int, merged: MergedIds | None = None) -> list[Problem]:
    """Problems only the database reveals, checked inside ``tx`` (so that the write sees the same state).

    - an id the files define that the database already gives to another label (for an id a merge folded
      into another entity: the label of that entity);
    - a reference the files do not resolve and the database does not hold (or holds with a label
      the relationship does not accept); a merged id stands for the entity it was merged into.

    At most ``limit`` problems are returned.
    """
    merged = merged or MergedIds()
    problems: list[Problem] = []
    for batch in index.defined_nodes(LOOKUP_BATCH):
        ids = [id_ for id_, *_ in batch]
        through_merge = _kept_labels(tx, ids, merged)
        found = {**through_merge, **_labels_of(tx, ids)}
        for id_, label_index, file, row in batch:
            labels = found.get(id_)
            label = NODE_LABELS[label_index]
            if labels is None or label in labels:
                continue
            actual = label_names(labels) if labels else "nœud sans type"
            if id_ in through_merge:
                kept = merged.kept_of[id_]
                message = (
                    f"l'identifiant « {id_} » a été fusionné dans « {kept} », un(e) {actual} ; "
                    f"ici : {LABEL_NAMES[label]}"
                )
            else:
                message = (
                    f"l'identifiant « {id_} » désigne déjà un(e) {actual} dans la base ; ici : {LABEL_NAMES[label]}"
                )
            problems.append(Problem(index.file_name(file), row, "id", message, id_))
            if len(problems) >= limit:
                return problems
    for ids in index.unresolved_ids(LOOKUP_BATCH):
        through_merge = _kept_labels(tx, ids, merged)
        found = {**through_merge, **_labels_of(tx, ids)}
        index.add_known([(id_, label_mask(labels)) for id_, labels in found.items()])
    problems.extend(itertools.islice(index.dangling_references(), limit - len(problems)))
    return problems
