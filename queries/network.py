"""The network the explorer draws: the nodes and named edges of one or more mesh layers at a date.

People never appear (personal data); the edges are those of ``LAYER_REL_TYPES``, so the layer a
relationship belongs to is decided in one place, next to the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.model import LAYER_REL_TYPES, REL_SPECS, Label, RelType
from maillage.graph.vocabulary import Layer, Sector, TerritoryLevel

from .aliases import resolve, run_for_id
from .cursors import decode_cursor, encode_cursor
from .results import NodeRef, RelRef, plain_properties, require, today
from .run import run

MAX_EDGES = 5000
"""The most edges one request may ask for; a bigger network is cut and says so."""
MAX_NEIGHBOURS_PAGE = 200


class NetworkNode(NodeRef):
    """A node of the network view, with the sector and ring that colour it."""

    sector: str | None = None
    ring: int | None = None
    province: str | None = None
    """The name of the province the node lies in (located in, covering or serving a territory in it)."""


class NetworkEdge(RelRef):
    """A named edge of the network view, with the mesh layer it belongs to."""

    layer: Layer


class Network(BaseModel):
    """Nodes and edges of the chosen layers; ``truncated`` when ``limit`` cut the edges."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool


class Neighbour(BaseModel):
    """A relationship of an entity seen from it: its reading, direction, the other end and its properties."""

    type: str
    reading: str
    outgoing: bool
    other: NodeRef
    properties: dict[str, Any]


class Neighbourhood(BaseModel):
    """An entity's labels and properties (provenance included) and its relationships at a date."""

    id: str
    labels: list[str]
    properties: dict[str, Any]
    relationships: list[Neighbour]


class NeighbourPage(BaseModel):
    """A page of an entity's relationships, how many there are in all, and the cursor of the next page."""

    relationships: list[Neighbour]
    total: int
    end_cursor: str | None
    has_next_page: bool


def _node(row: dict[str, Any]) -> NetworkNode:
    sector = row.get("sector")
    ring = Sector(sector).ring if isinstance(sector, str) and sector in Sector._value2member_map_ else None
    return NetworkNode.model_validate({**row, "ring": ring})


def network(
    graph: Graph,
    layers: Iterable[Layer] | None = None,
    *,
    as_of: dt.date | None = None,
    territory: str | None = None,
    limit: int = 2000,
    max_limit: int = MAX_EDGES,
) -> Network:
    """The nodes and edges of ``layers`` (default: all three) valid at ``as_of``, optionally in ``territory``.

    Parameters: ``layers`` the meshes to draw; ``as_of`` the date (default today); ``territory`` a
    territory id (the network keeps edges with an endpoint in it or below it); ``limit`` the most edges
    (1 to ``max_limit``, by default ``MAX_EDGES`` — the analysis projections read more). Raises
    ``NotFound`` for an unknown territory, ``InvalidInput`` for a bad limit.

    >>> network(graph, [Layer.VERTICAL]).nodes[0].label  # doctest: +SKIP
    'Organisation'
    """
    if not 1 <= limit <= max_limit:
        raise InvalidInput(f"limit doit être compris entre 1 et {max_limit} (reçu : {limit}).")
    if territory is not None:
        require(graph, territory, Label.TERRITORY)
    chosen = list(dict.fromkeys(layers)) if layers is not None else list(Layer)
    types = sorted(t.value for layer in chosen for t in LAYER_REL_TYPES[layer])
    day = as_of or today()
    province = TerritoryLevel.PROVINCE.value
    if territory is None:
        rows = run(graph, "network.edges", types=types, asOf=day, limit=limit + 1, provinceLevel=province)
    else:
        rows = run(
            graph,
            "network.edges_in_territory",
            types=types,
            asOf=day,
            territory=territory,
            limit=limit + 1,
            provinceLevel=province,
        )
    truncated = len(rows) > limit
    nodes: dict[str, NetworkNode] = {}
    edges: list[NetworkEdge] = []
    for row in rows[:limit]:
        source, target = _node(row["source"]), _node(row["target"])
        nodes.setdefault(source.id, source)
        nodes.setdefault(target.id, target)
        rel = RelRef.of(row["type"], source.id, target.id, plain_properties(row["properties"]))
        layer = REL_SPECS[RelType(row["type"])].layer
        assert layer is not None  # only layered types were asked for
        edges.append(NetworkEdge(**rel.model_dump(), layer=layer))
    return Network(nodes=sorted(nodes.values(), key=lambda n: n.id), edges=edges, truncated=truncated)


def _neighbour(rel: dict[str, Any]) -> Neighbour:
    return Neighbour(
        type=rel["type"],
        reading=REL_SPECS[RelType(rel["type"])].label,
        outgoing=rel["outgoing"],
        other=NodeRef.model_validate(rel["other"]),
        properties=plain_properties(rel["properties"]),
    )


def _keyset(cursor: str | None) -> tuple[str, str]:
    """The (name, key) a neighbours cursor points after."""
    if cursor is None:
        return "", ""
    name, key = decode_cursor(cursor, 2)
    return name, key


def neighbours_page(
    graph: Graph,
    id: str,
    *,
    layers: Iterable[Layer] | None = None,
    as_of: dt.date | None = None,
    with_people: bool = False,
    first: int = 50,
    after: str | None = None,
) -> NeighbourPage:
    """One page of the relationships of entity ``id`` (all types, or those of ``layers``) valid at ``as_of``.

    Sorted by the name of the node at the other end; ``after`` is the ``end_cursor`` of the previous
    page (a keyset: pages stay consistent when relationships are added before the cursor). People
    are left out without ``with_people``. Raises NotFound for an unknown id (or a person's, without
    ``with_people``), InvalidInput for a bad ``first`` or cursor.
    """
    if not 1 <= first <= MAX_NEIGHBOURS_PAGE:
        raise InvalidInput(f"first doit être compris entre 1 et {MAX_NEIGHBOURS_PAGE} (reçu : {first}).")
    id = resolve(graph, id)
    labels = require(graph, id)
    if not with_people and Label.PERSON.value in labels:
        raise NotFound(f"Aucun élément d'identifiant « {id} » dans le graphe.")
    types = (
        sorted(t.value for layer in dict.fromkeys(layers) for t in LAYER_REL_TYPES[layer])
        if layers is not None
        else sorted(t.value for t in RelType)
    )
    after_name, after_key = _keyset(after)
    row = run(
        graph,
        "network.neighbours_page",
        id=id,
        types=types,
        asOf=as_of or today(),
        withPeople=with_people,
        afterName=after_name,
        afterKey=after_key,
        limit=first + 1,
    )[0]
    found = row["relationships"]
    page = found[:first]
    end_cursor = encode_cursor(page[-1]["sortName"], page[-1]["sortKey"]) if page else None
    return NeighbourPage(
        relationships=[_neighbour(rel) for rel in page],
        total=row["total"],
        end_cursor=end_cursor,
        has_next_page=len(found) > first,
    )


def neighbourhood(graph: Graph, id: str, *, as_of: dt.date | None = None, with_people: bool = False) -> Neighbourhood:
    """Entity ``id`` with every relationship valid at ``as_of`` (default today), for a detail panel.

    People are personal data: without ``with_people`` a person is neither returned nor shown at the
    other end of a relationship (``NotFound`` for a person's id). ``NotFound`` for an unknown id.
    """
    id, rows = run_for_id(graph, "network.neighbourhood", id, asOf=as_of or today(), withPeople=with_people)
    if not rows or (not with_people and Label.PERSON.value in rows[0]["entity"]["labels"]):
        raise NotFound(f"Aucun élément d'identifiant « {id} » dans le graphe.")
    entity = rows[0]["entity"]
    return Neighbourhood(
        id=id,
        labels=entity["labels"],
        properties=plain_properties(entity["properties"]),
        relationships=[_neighbour(rel) for rel in rows[0]["relationships"]],
    )
