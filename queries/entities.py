"""Lists of entities of one label: filters, sorting and cursor pagination with the total count.

A cursor is an opaque string (the position after the last item returned); ``first`` is at most
``MAX_PAGE``. People are not listed here: their names are personal data (see the API's privacy rule).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.model import Label

from .aliases import resolve
from .results import plain_properties
from .run import run

MAX_PAGE = 100
LISTABLE: frozenset[Label] = frozenset(Label) - {Label.PERSON, Label.STATUS_CHANGE}
SORT_KEYS = ("name", "id")


@dataclass(frozen=True)
class EntityFilter:
    """What to keep: each field ``None`` keeps everything."""

    kinds: list[str] | None = None
    sectors: list[str] | None = None
    theme: str | None = None
    territory: str | None = None
    platform: str | None = None
    body: str | None = None
    text: str | None = None


class EntityItem(BaseModel):
    """One listed entity: id, label and every stored property (provenance included)."""

    id: str
    label: str
    properties: dict[str, Any]


class EntityPage(BaseModel):
    """A page of entities, the total number matching, and the cursor to ask for the next page."""

    items: list[EntityItem]
    total: int
    end_cursor: str | None
    has_next_page: bool


MAX_OFFSET = 2**31 - 1 - MAX_PAGE
"""The furthest a cursor may point: list indexes in Cypher are 32-bit."""


def encode_cursor(offset: int) -> str:
    """The cursor pointing after ``offset`` items."""
    return base64.urlsafe_b64encode(f"apres:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor points to (0 for none); InvalidInput for a cursor this API did not give."""
    if cursor is None:
        return 0
    try:
        prefix, _, number = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if prefix != "apres" or not (number.isascii() and number.isdigit()) or int(number) > MAX_OFFSET:
            raise ValueError(cursor)
        return int(number)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise InvalidInput(f"Curseur invalide : « {cursor} » (utilisez endCursor d'une page précédente).") from None


def get_entity(graph: Graph, id: str, *, with_people: bool = False) -> EntityItem:
    """The entity ``id`` with every stored property.

    An id a merge folded into another entity gives that entity. People are personal data: without
    ``with_people`` a person is reported as not found, like an unknown id, so that a caller who may
    not see people cannot even learn that one exists. Raises NotFound.
    """
    rows = run(graph, "entities.one", id=id)
    if not rows and (kept := resolve(graph, id)) != id:
        rows = run(graph, "entities.one", id=kept)
    if not rows or (rows[0]["label"] == Label.PERSON.value and not with_people):
        raise NotFound(f"Aucun élément d'identifiant « {id} » dans le graphe.")
    row = rows[0]
    return EntityItem(id=row["id"], label=row["label"], properties=plain_properties(row["properties"]))


def list_entities(
    graph: Graph,
    label: Label,
    filters: EntityFilter | None = None,
    *,
    sort_key: str = "name",
    descending: bool = False,
    first: int = 20,
    after: str | None = None,
) -> EntityPage:
    """A page of ``label`` entities matching ``filters``, sorted by name (case-insensitive) or id.

    Raises InvalidInput for an unlisted label, a page size outside 1..``MAX_PAGE``, an unknown sort key
    or a foreign cursor.
    """
    if label not in LISTABLE:
        raise InvalidInput(f"Les éléments « {label.value} » ne se listent pas.")
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput(f"first doit être compris entre 1 et {MAX_PAGE} (reçu : {first}).")
    if sort_key not in SORT_KEYS:
        raise InvalidInput(f"Tri inconnu « {sort_key} » ; tris possibles : {', '.join(SORT_KEYS)}.")
    skip = decode_cursor(after)
    f = filters or EntityFilter()
    rows = run(
        graph,
        "entities.page",
        label=label.value,
        kinds=f.kinds,
        sectors=f.sectors,
        theme=f.theme,
        territory=f.territory,
        platform=f.platform,
        body=f.body,
        text=f.text.lower() if f.text else None,
        sortKey=sort_key,
        descending=descending,
        skip=skip,
        limit=first,
    )
    total = rows[0]["total"] if rows else 0
    items = [
        EntityItem(id=i["id"], label=i["label"], properties=plain_properties(i["properties"])) for i in rows[0]["items"]
    ]
    end = skip + len(items)
    return EntityPage(
        items=items, total=total, end_cursor=encode_cursor(end) if items else None, has_next_page=end < total
    )
