"""One raw row → a validated record, the relationships it implies, and what it names.

Validation uses the pydantic records of ``graph/records.py`` and nothing else, so a file is held
to the same rules as an API mutation. What a row defines (a node id, relationship keys) and what
it references (ids at the other end of its relationships) feed the cross-file checks.
"""

from __future__ import annotations

import hashlib
import json
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from maillage.graph.errors import Problem
from maillage.graph.model import NODE_LABELS, REL_SPECS, Label, RelType
from maillage.graph.records import NODE_RECORDS, NodeRecord, RelationRecord

from .messages import translate
from .reading import RawRow

PROVENANCE_FIELDS = frozenset({"source", "lines", "locator", "confidence", "row"})
RELATION_PROVENANCE = frozenset({"source", "locator", "confidence"})
LABEL_BITS: dict[Label, int] = {label: 1 << index for index, label in enumerate(NODE_LABELS)}
TYPE_INDEX: dict[RelType, int] = {rel_type: index for index, rel_type in enumerate(RelType)}
_LABEL_VALUES = frozenset(label.value for label in Label)


def label_mask(labels: typing.Iterable[Label | str]) -> int:
    """The labels as a bit mask (bit ``i`` for ``NODE_LABELS[i]``); unknown labels are ignored."""
    mask = 0
    for label in labels:
        if label in _LABEL_VALUES:
            mask |= LABEL_BITS[Label(label)]
    return mask


def mask_labels(mask: int) -> list[Label]:
    """The labels of a bit mask."""
    return [label for label, bit in LABEL_BITS.items() if mask & bit]


@dataclass(frozen=True)
class Reference:
    """An id a row names, the labels it may have, and where it is named."""

    id: str
    allowed: int
    rel_type: RelType
    field: str


@dataclass(frozen=True)
class Checked:
    """A valid row: its record and every relationship it stands for."""

    raw: RawRow
    record: NodeRecord | RelationRecord
    relations: tuple[RelationRecord, ...]

    @property
    def node(self) -> NodeRecord | None:
        """The node record, or None for a row of the ``relations`` section."""
        return self.record if isinstance(self.record, NodeRecord) else None

    def references(self) -> Iterator[Reference]:
        """The ids at the other end of this row's relationships, with the field that names them."""
        node = self.node
        if node is None:
            assert isinstance(self.record, RelationRecord)
            spec = REL_SPECS[self.record.type]
            yield Reference(self.record.from_, label_mask(spec.sources), spec.type, "from")
            yield Reference(self.record.to, label_mask(spec.targets), spec.type, "to")
            return
        used: dict[str, int] = {}
        for relation in self.relations:
            spec = REL_SPECS[relation.type]
            if relation.from_ == node.id:
                other, allowed = relation.to, spec.targets
            else:
                other, allowed = relation.from_, spec.sources
            fields = _fields_naming(node, other)
            index = used.get(other, 0)
            used[other] = index + 1
            field = fields[min(index, len(fields) - 1)] if fields else "id"
            yield Reference(other, label_mask(allowed), spec.type, field)


def _fields_naming(node: NodeRecord, other: str) -> list[str]:
    names = []
    for name in type(node).model_fields:
        if name not in node.relation_fields:
            continue
        value = getattr(node, name)
        if value == other or (isinstance(value, list) and other in value):
            names.append(name)
    return names


def fingerprint(values: dict[str, Any]) -> bytes:
    """A short digest of a record's values, to tell an identical repeat from a conflicting one."""
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def node_fingerprint(node: NodeRecord) -> bytes:
    """Digest of a node's values, provenance left out."""
    return fingerprint(node.model_dump(mode="json", exclude=set(PROVENANCE_FIELDS)))


def relation_fingerprint(relation: RelationRecord) -> bytes:
    """Digest of a relationship's stored properties, provenance left out."""
    props = relation.properties("")
    return fingerprint({k: v for k, v in props.items() if k not in RELATION_PROVENANCE})


@cache
def _model(section: str) -> type[BaseModel]:
    return NODE_RECORDS.get(section) or RelationRecord


@cache
def _text_fields(model: type[BaseModel]) -> frozenset[str]:
    """Fields that take text only: a YAML ``nis: 25005`` is read as the text ``25005``."""
    names = set()
    for name, info in model.model_fields.items():
        args = set(typing.get_args(info.annotation)) or {info.annotation}
        if str in args and not args & {int, float}:
            names.add(info.alias or name)
    return frozenset(names)


def check_row(raw: RawRow, *, tabular: bool) -> Checked | list[Problem]:
    """Validate one row; its problems (in French) when it breaks a rule."""
    model = _model(raw.section)
    data = dict(raw.data)
    problems: list[Problem] = []
    if "row" in data:
        what = "colonne inconnue" if tabular else "champ inconnu"
        problems.append(Problem(raw.file, raw.row, "row", what, str(data.pop("row"))))
    text_fields = _text_fields(model)
    for name, value in data.items():
        if name in text_fields and isinstance(value, int | float) and not isinstance(value, bool):
            data[name] = str(value)
    data["row"] = raw.row
    try:
        record = typing.cast(NodeRecord | RelationRecord, model.model_validate(data))
        relations = tuple(record.relations()) if isinstance(record, NodeRecord) else (record,)
    except ValidationError as exc:
        problems.extend(translate(exc, model, raw.file, raw.row, raw.data, tabular=tabular))
        return problems
    if problems:
        return problems
    return Checked(raw, record, relations)
