"""Case- and accent-folding, and the stored sort key built from it.

One definition of folding for the whole project: the search folds what users type with :func:`fold`,
and every listable node stores :data:`SORT_KEY` (its folded display name, then its id) so that lists
sort and page on an index instead of folding every node on every request.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from .model import Label

SORT_KEY = "sortKey"
"""The stored property holding a node's sort key (see :func:`sort_key`)."""
SORTED_LABELS: frozenset[Label] = frozenset(Label) - {Label.PERSON, Label.STATUS_CHANGE}
"""The labels whose nodes store a sort key: those the API lists (people's names are not listed)."""
SEPARATOR = "\x1f"
"""Between the folded name and the id: below every printable character, so « abc » sorts before « abc d »."""


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents: ``Fédé`` → ``fede``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def sort_key(id: str, name: str | None) -> str:
    """The sort key of a node: its folded display name (its id when it has none), then its id.

    Unique (it ends with the id), so a page can start strictly after the last key seen.

    >>> sort_key("cai", "Centre d'Action Interculturelle") < sort_key("cri-ch", "Centre Régional d'Intégration")
    True
    """
    return f"{fold(name if name else id)}{SEPARATOR}{id}"


def sort_key_of(properties: Mapping[str, Any]) -> str:
    """The sort key of a node from its stored properties: ``name``, else ``title``, else the id."""
    return sort_key(str(properties["id"]), properties.get("name") or properties.get("title"))
