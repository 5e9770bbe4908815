"""Case- and accent-folding, and the stored sort keys built from it.

One definition of folding for the whole project: the search folds what users type with :func:`fold`,
and every listable node stores two sort keys, so that lists sort and page on an index instead of
folding and sorting every node on every request:

* :data:`SORT_KEY` — its label, its folded display name, then its id (the name order);
* :data:`ID_KEY` — its label, then its id (the id order).

Both start with the label, so one index over every entity (``Entity``) serves a list of any label as a
range of keys, and both end with the id, so keys are unique and a page starts strictly after the last
key seen (keyset pagination).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from .model import Label

SORT_KEY = "sortKey"
"""The stored property holding a node's name-order key (see :func:`sort_key`)."""
ID_KEY = "idKey"
"""The stored property holding a node's id-order key (see :func:`id_key`)."""
KEYS = (SORT_KEY, ID_KEY)
SORTED_LABELS: frozenset[Label] = frozenset(Label) - {Label.PERSON, Label.STATUS_CHANGE}
"""The labels whose nodes store sort keys: those the API lists (people's names are not listed)."""
LABEL_END = "\x1e"
"""After the label in a key."""
ID_START = "\x1f"
"""Between the folded name and the id: below every printable character, so « abc » sorts before « abc d »."""


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents: ``Fédé`` → ``fede``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def sort_key(label: str, id: str, name: str | None) -> str:
    """The name-order key of a node: its label, its folded display name (its id when it has none), its id.

    >>> sort_key("Organisation", "cai", "Centre d'Action") < sort_key("Organisation", "cri-ch", "Centre Régional")
    True
    """
    return f"{label}{LABEL_END}{fold(name if name else id)}{ID_START}{id}"


def id_key(label: str, id: str) -> str:
    """The id-order key of a node: its label, then its id."""
    return f"{label}{LABEL_END}{id}"


def label_range(label: str) -> tuple[str, str]:
    """The bounds (both excluded) between which every key of ``label`` lies."""
    return f"{label}{LABEL_END}", f"{label}{ID_START}"


def keys_of(label: str, properties: Mapping[str, Any]) -> dict[str, str]:
    """Both keys of a node from its stored properties: the name is ``name``, else ``title``, else the id."""
    id = str(properties["id"])
    return {
        SORT_KEY: sort_key(label, id, properties.get("name") or properties.get("title")),
        ID_KEY: id_key(label, id),
    }
