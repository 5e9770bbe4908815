"""Lists of entities of one label: filters, sorting and cursor pagination with the total count.

A cursor is an opaque string: the sort key of the last item returned (keyset pagination, so a page
costs the same wherever it starts); ``first`` is at most ``MAX_PAGE``. Each combination of filters is
read by the query that plans on an index or an expansion from one node (see :func:`_access`), sorted
on the stored keys of :mod:`maillage.graph.folding`. People are not listed here: their names are
personal data (see the API's privacy rule).
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.folding import label_range
from maillage.graph.model import Label

from .aliases import run_for_id
from .results import plain_properties
from .run import run
from .search import fulltext_query

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
    cursor: str | None = None
    """In a page: the cursor pointing after this item."""


class EntityPage(BaseModel):
    """A page of entities, the total number matching, and the cursor to ask for the next page."""

    items: list[EntityItem]
    total: int
    end_cursor: str | None
    has_next_page: bool


CURSOR_PREFIX = "apres-cle:"
"""Cursors are keyset positions: the sort, the direction and the key of the last item seen."""
WHOLE_LABEL = "page_by_label"
"""The queries of an unfiltered label (their names start so): they read the page only, the total is counted apart."""
ID_ARGUMENTS = {"theme": "thème", "territory": "territoire", "platform": "plateforme", "body": "instance"}
"""The id filters, and what each must name (for NotFound messages)."""


def encode_cursor(sort_key: str, descending: bool, key: str) -> str:
    """The cursor pointing after the item whose sort key (its ``sortKey`` or its id) is ``key``."""
    payload = f"{_cursor_head(sort_key, descending)},{encode_basestring(key)}]"
    return base64.urlsafe_b64encode(payload.encode()).decode()


@functools.cache
def _cursor_head(sort_key: str, descending: bool) -> str:
    """The part of a cursor before its key: the same for every item of a page (computed once per sort)."""
    return CURSOR_PREFIX + json.dumps([sort_key, descending], ensure_ascii=False, separators=(",", ":"))[:-1]


def decode_cursor(cursor: str | None, sort_key: str = "name", descending: bool = False) -> str | None:
    """The key a cursor points after (None for none).

    InvalidInput for a cursor this API did not give, or one given for another sort or direction.
    """
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(cursor)
        sort, down, key = json.loads(text[len(CURSOR_PREFIX) :])
        if not (isinstance(sort, str) and isinstance(down, bool) and isinstance(key, str)):
            raise ValueError(cursor)
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise InvalidInput(f"Curseur invalide : « {cursor} » (utilisez endCursor d'une page précédente).") from None
    if (sort, down) != (sort_key, descending):
        raise InvalidInput(
            f"Curseur invalide : « {cursor} » vient d'une liste triée autrement (même sortBy et descending requis)."
        )
    return key


def get_entity(graph: Graph, id: str, *, with_people: bool = False) -> EntityItem:
    """The entity ``id`` with every stored property.

    An id a merge folded into another entity gives that entity. People are personal data: without
    ``with_people`` a person is reported as not found, like an unknown id, so that a caller who may
    not see people cannot even learn that one exists. Raises NotFound.
    """
    _, rows = run_for_id(graph, "entities.one", id)
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
    """A page of ``label`` entities matching ``filters``, sorted by name (case and accents ignored) or id.

    ``text`` matches words or word beginnings of the name, acronym or title (the search's full-text index).
    Raises InvalidInput for an unlisted label, a page size outside 1..``MAX_PAGE``, an unknown sort key,
    a foreign cursor or one from another sort; NotFound naming the argument for a theme, territory,
    platform or body id that names nothing of that label.
    """
    _require_listable(label)
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput(f"first doit être compris entre 1 et {MAX_PAGE} (reçu : {first}).")
    if sort_key not in SORT_KEYS:
        raise InvalidInput(f"Tri inconnu « {sort_key} » ; tris possibles : {', '.join(SORT_KEYS)}.")
    after_key = decode_cursor(after, sort_key, descending)
    f = filters or EntityFilter()
    name, params = _access(label, f, sort_key, descending, after_key)
    rows = run(graph, f"entities.{name}", **params, limit=first + 1)
    row = rows[0]
    if name.startswith(WHOLE_LABEL):
        row = {**row, "total": label_total(graph, label)}
    if row.get("missing"):
        argument = row["missing"][0]
        raise NotFound(f"{argument} : aucun(e) {ID_ARGUMENTS[argument]} d'identifiant « {getattr(f, argument)} ».")
    found = row["items"][:first]
    # rows of our own query (ids and labels are strings, properties a map): built without validation
    items = [
        EntityItem.model_construct(
            id=i["id"],
            label=i["label"],
            properties=plain_properties(i["properties"]),
            cursor=encode_cursor(sort_key, descending, i["key"]),
        )
        for i in found
    ]
    return EntityPage(
        items=items,
        total=row["total"],
        end_cursor=items[-1].cursor if items else None,
        has_next_page=len(row["items"]) > first,
    )


def label_total(graph: Graph, label: Label) -> int:
    """How many ``label`` entities the graph holds, from Neo4j's count store (one read whatever the size)."""
    _require_listable(label)
    return int(run(graph, "entities.label_total", label=label.value)[0]["total"])


def _require_listable(label: Label) -> None:
    if label not in LISTABLE:
        raise InvalidInput(f"Les éléments « {label.value} » ne se listent pas.")


def _access(
    label: Label, f: EntityFilter, sort_key: str, descending: bool, after: str | None
) -> tuple[str, dict[str, Any]]:
    """The query that reads the fewest candidates for these filters, and its parameters (``limit`` aside).

    Full-text words first, then the id filters (body, platform, theme, territory: expansions from one node),
    then kinds and sectors (indexes of organisations, read in name order), else the whole label as a range
    of the Entity sort-key index. The other filters are checked on the candidates.
    """
    ids = {"theme": f.theme, "territory": f.territory, "platform": f.platform, "body": f.body}
    order = {"sortKey": sort_key, "descending": descending, "after": after}
    anchored = {"label": label.value, **ids, "kinds": f.kinds, "sectors": f.sectors, **order}
    if f.text is not None:
        return "page_by_text", {"query": fulltext_query(f.text), **anchored}
    for argument in ("body", "platform", "theme", "territory"):
        if ids[argument] is not None:
            return f"page_by_{argument}", anchored
    start, end = label_range(label.value)
    first_after = after if after is not None else end if descending else start
    suffix = "_desc" if descending else ""
    if label is Label.ORGANISATION and (f.kinds is not None or f.sectors is not None):
        if sort_key == "id":
            return "page_by_values", {"kinds": f.kinds, "sectors": f.sectors, **order}
        if f.kinds is not None:
            return f"page_by_kind{suffix}", {"kinds": f.kinds, "sectors": f.sectors, "after": first_after}
        return f"page_by_sector{suffix}", {"sectors": f.sectors, "after": first_after}
    by_id = "_id" if sort_key == "id" else ""
    bounds = {"start": start} if descending else {"end": end}
    return f"{WHOLE_LABEL}{by_id}{suffix}", {**bounds, "after": first_after}
