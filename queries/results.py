"""Result types shared by the queries: node references, named relationships, paths, explained scores."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from maillage.graph.connection import Graph
from maillage.graph.errors import NotFound
from maillage.graph.folding import KEYS
from maillage.graph.model import PROVENANCE_PROPERTIES, Direction, Label, RelType, reading
from maillage.graph.rows import PYTHON_SCALARS
from maillage.graph.vocabulary import NodeLabel

from .run import run


class NodeRef(BaseModel):
    """A node as results show it: id, main label, display name and kind."""

    id: str
    label: str
    name: str | None = None
    kind: str | None = None


class Provenance(BaseModel):
    """Where a fact comes from: a source (document or import file) and a locator in it (lines, row).

    ``confidence`` says how firmly the source states it (``haute``, ``moyenne``, ``basse``). The names are
    :data:`maillage.graph.model.PROVENANCE_PROPERTIES`, stored on every node and relationship.
    """

    source: str | None = None
    locator: str | None = None
    confidence: str | None = None

    @classmethod
    def of(cls, properties: dict[str, Any] | None) -> Provenance:
        """The provenance of a node or relationship, from its stored properties (or a query's map)."""
        properties = properties or {}
        return cls(**{name: _text(properties.get(name)) for name in PROVENANCE_PROPERTIES})


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class RelRef(BaseModel):
    """A relationship as results show it, walked from ``from_id`` to ``to_id``, with its French reading in
    that direction (``est membre de`` forward, ``compte parmi ses membres`` backward) and its provenance."""

    type: str
    reading: str = Field(description="lecture en français dans le sens du parcours (de from_id vers to_id)")
    source: str = Field(description="id du nœud de départ du lien tel qu'il est enregistré")
    target: str = Field(description="id du nœud d'arrivée du lien tel qu'il est enregistré")
    from_id: str = Field(description="id du nœud d'où part ce pas du chemin")
    to_id: str = Field(description="id du nœud où arrive ce pas du chemin")
    direction: Direction = Field(description="forward : dans le sens du lien ; backward : à rebours")
    properties: dict[str, Any] = {}
    provenance: Provenance

    @classmethod
    def of(
        cls,
        type_: str,
        source: str,
        target: str,
        properties: dict[str, Any] | None = None,
        *,
        from_id: str | None = None,
    ) -> RelRef:
        """Build a RelRef walked from ``from_id`` (default: its start node), reading from the model."""
        direction = Direction.BACKWARD if from_id is not None and from_id != source else Direction.FORWARD
        forward = direction is Direction.FORWARD
        return cls(
            type=type_,
            reading=reading(RelType(type_), direction),
            source=source,
            target=target,
            from_id=source if forward else target,
            to_id=target if forward else source,
            direction=direction,
            properties=properties or {},
            provenance=Provenance.of(properties),
        )


class Path(BaseModel):
    """A path: its nodes in order and the named relationships between them."""

    nodes: list[NodeRef]
    relationships: list[RelRef]

    @property
    def length(self) -> int:
        """Number of relationships."""
        return len(self.relationships)


class ScorePart(BaseModel):
    """One term of an explained score."""

    factor: str
    value: float
    weight: float
    explanation: str


def plain_properties(properties: dict[str, Any]) -> dict[str, Any]:
    """Stored properties with Neo4j dates as ISO strings, so that they travel as JSON.

    The sort keys are left out: it is derived from the name (see :mod:`maillage.graph.folding`).
    """
    return {
        k: v if type(v) in _PLAIN else v.iso_format() if hasattr(v, "iso_format") else v
        for k, v in properties.items()
        if k not in KEYS
    }


_PLAIN = PYTHON_SCALARS | {list}
"""Property value types that travel as JSON as they are (stored lists hold scalars only)."""


def today() -> dt.date:
    """The default ``asOf`` date."""
    return dt.date.today()


def _french(label: str) -> str:
    try:
        return NodeLabel(label).label
    except ValueError:
        return label


def provenance_of(graph: Graph, ids: list[str]) -> dict[str, Provenance]:
    """The provenance of each entity of ``ids`` found in the graph, by id (unknown ids are left out)."""
    return {row["id"]: Provenance.of(row) for row in run(graph, "common.provenance", ids=list(dict.fromkeys(ids)))}


def require(graph: Graph, id: str, *labels: Label) -> list[str]:
    """The labels of the entity ``id``; NotFound when it does not exist or has none of ``labels``."""
    rows = run(graph, "common.entity_labels", id=id)
    if not rows:
        raise NotFound(f"Aucun élément d'identifiant « {id} » dans le graphe.")
    found: list[str] = rows[0]["labels"]
    if labels and not set(found) & {label.value for label in labels}:
        expected = " ou ".join(_french(label.value) for label in labels)
        actual = ", ".join(_french(label) for label in found if label != "Entity")
        raise NotFound(f"« {id} » existe mais n'est pas : {expected.lower()} (c'est : {actual.lower()}).")
    return found
