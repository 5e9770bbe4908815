"""What changed in the network between two dates: the ties and the mandates that began or ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.model import LAYER_REL_TYPES, REL_SPECS, RelType
from maillage.graph.vocabulary import ChangeKind, Layer

from .results import NodeRef, plain_properties
from .run import run

MAX_CHANGES = 2000


class TieChange(BaseModel):
    """A relationship that began or ended in the period, read from its start to its end."""

    change: ChangeKind
    date: dt.date
    type: str
    reading: str
    layer: Layer
    source: NodeRef
    target: NodeRef
    properties: dict[str, object]


class MandateChange(BaseModel):
    """A mandate that began or ended in the period, with its holder, its body and its provenance."""

    change: ChangeKind
    date: dt.date
    id: str
    title: str | None
    holder: str | None
    holderName: str | None
    body: str | None
    bodyName: str | None
    source: str | None
    locator: str | None


class PeriodChanges(BaseModel):
    """The changes of a period; ``truncated`` when ``limit`` cut the ties or the mandates."""

    since: dt.date
    until: dt.date
    ties: list[TieChange]
    mandates: list[MandateChange]
    truncated: bool


def changes_between(
    graph: Graph,
    since: dt.date,
    until: dt.date,
    *,
    layers: Iterable[Layer] | None = None,
    with_people: bool = False,
    limit: int = 500,
) -> PeriodChanges:
    """The ties of ``layers`` (default: the three meshes) and the mandates that began after ``since`` and by
    ``until``, or ended from ``since`` and before ``until``, oldest first.

    People are left out without ``with_people``. Raises InvalidInput when ``until`` is not after
    ``since`` or ``limit`` is out of 1..``MAX_CHANGES``.
    """
    if until <= since:
        raise InvalidInput(f"until ({until}) doit suivre since ({since}).")
    if not 1 <= limit <= MAX_CHANGES:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_CHANGES} (reçu : {limit}).")
    chosen = list(dict.fromkeys(layers)) if layers is not None else list(Layer)
    types = sorted(t.value for layer in chosen for t in LAYER_REL_TYPES[layer])
    tie_rows = run(
        graph, "history.tie_changes", types=types, since=since, until=until, withPeople=with_people, limit=limit + 1
    )
    mandate_rows = run(graph, "history.mandate_changes", since=since, until=until, limit=limit + 1)
    ties = []
    for row in tie_rows[:limit]:
        spec = REL_SPECS[RelType(row["type"])]
        assert spec.layer is not None  # only layered types were asked for
        ties.append(
            TieChange(
                change=row["change"],
                date=row["date"].to_native(),
                type=row["type"],
                reading=spec.label,
                layer=spec.layer,
                source=NodeRef.model_validate(row["from"]),
                target=NodeRef.model_validate(row["to"]),
                properties=plain_properties(row["properties"]),
            )
        )
    mandates = [MandateChange.model_validate({**row, "date": row["date"].to_native()}) for row in mandate_rows[:limit]]
    return PeriodChanges(
        since=since,
        until=until,
        ties=ties,
        mandates=mandates,
        truncated=len(tie_rows) > limit or len(mandate_rows) > limit,
    )
