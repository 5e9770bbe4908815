"""Result types shared by the queries: node references, named relationships, paths, explained scores."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from maillage.graph.connection import Graph
from maillage.graph.errors import NotFound
from maillage.graph.folding import KEYS
from maillage.graph.model import REL_SPECS, Label, RelType

from .run import run


class NodeRef(BaseModel):
    """A node as results show it: id, main label, display name and kind."""

    id: str
    label: str
    name: str | None = None
    kind: str | None = None


class RelRef(BaseModel):
    """A relationship as results show it, with its French reading (``est membre de``)."""

    type: str
    reading: str
    source: str = Field(description="id du nœud de départ")
    target: str = Field(description="id du nœud d'arrivée")
    properties: dict[str, Any] = {}

    @classmethod
    def of(cls, type_: str, source: str, target: str, properties: dict[str, Any] | None = None) -> RelRef:
        """Build a RelRef, taking the French reading from the model."""
        return cls(
            type=type_,
            reading=REL_SPECS[RelType(type_)].label,
            source=source,
            target=target,
            properties=properties or {},
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
    return {k: v.iso_format() if hasattr(v, "iso_format") else v for k, v in properties.items() if k not in KEYS}


def today() -> dt.date:
    """The default ``asOf`` date."""
    return dt.date.today()


def require(graph: Graph, id: str, *labels: Label) -> list[str]:
    """The labels of the entity ``id``; NotFound when it does not exist or has none of ``labels``."""
    rows = run(graph, "common.entity_labels", id=id)
    if not rows:
        raise NotFound(f"Aucun élément d'identifiant « {id} » dans le graphe.")
    found: list[str] = rows[0]["labels"]
    if labels and not set(found) & {label.value for label in labels}:
        expected = " ou ".join(label.value for label in labels)
        raise NotFound(f"« {id} » existe mais n'est pas un(e) {expected} (c'est un(e) {', '.join(found)}).")
    return found
