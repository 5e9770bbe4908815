"""The checks that need the database: ids already there with another label, references to it."""

from __future__ import annotations

import itertools

from maillage.graph.connection import Transaction
from maillage.graph.errors import Problem
from maillage.graph.model import NODE_LABELS
from maillage.queries import run_in

from .index import Index
from .messages import LABEL_NAMES, label_names
from .validation import label_mask

LOOKUP_BATCH = 10_000
"""Ids looked up per query."""


def _labels_of(tx: Transaction, ids: list[str]) -> dict[str, list[str]]:
    found = {row["id"]: row["labels"] for row in run_in(tx, "importing.entity_labels", ids=ids)}
    ids.clear()  # the driver keeps every query's parameters until the transaction ends: free them now
    return found


def database_problems(tx: Transaction, index: Index, limit: int) -> list[Problem]:
    """Problems only the database reveals, checked inside ``tx`` (so that the write sees the same state).

    - an id the files define that the database already gives to another label;
    - a reference the files do not resolve and the database does not hold (or holds with a label
      the relationship does not accept).

    At most ``limit`` problems are returned.
    """
    problems: list[Problem] = []
    for batch in index.defined_nodes(LOOKUP_BATCH):
        found = _labels_of(tx, [id_ for id_, *_ in batch])
        for id_, label_index, file, row in batch:
            labels = found.get(id_)
            label = NODE_LABELS[label_index]
            if labels is None or label in labels:
                continue
            actual = label_names(labels) if labels else "nœud sans type"
            message = f"l'identifiant « {id_} » désigne déjà un(e) {actual} dans la base ; ici : {LABEL_NAMES[label]}"
            problems.append(Problem(index.file_name(file), row, "id", message, id_))
            if len(problems) >= limit:
                return problems
    for ids in index.unresolved_ids(LOOKUP_BATCH):
        found = _labels_of(tx, ids)
        index.add_known([(id_, label_mask(labels)) for id_, labels in found.items()])
    problems.extend(itertools.islice(index.dangling_references(), limit - len(problems)))
    return problems
