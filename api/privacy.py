"""The one rule for personal data: a person reaches only a viewer allowed to see people.

Every resolver that returns query results passes them through :func:`redact`. For an anonymous viewer,
every node reference of label ``Person`` loses its name, and its id — a slug of the name
(``benoite-dessicy``) — becomes a pseudonym (``personne-3f9a…``), wherever it sits in the result (a seat,
a path, a list), and so does the end of every relationship that starts at a person (``EXERCISES``,
``WORKS_FOR``). Pseudonyms come from a keyed hash with a secret drawn when the process starts: stable
while the server runs, so one person is one node in a path, and impossible to reverse by guessing names.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any, TypeVar

from pydantic import BaseModel

from maillage.graph.model import REL_SPECS, Label
from maillage.queries.results import NodeRef, RelRef

T = TypeVar("T")

HIDDEN_NAME = None
"""What an anonymous viewer gets instead of a person's name."""

_SECRET = secrets.token_bytes(32)
_FROM_PERSON = frozenset(t.value for t, spec in REL_SPECS.items() if spec.sources == {Label.PERSON})
_TO_PERSON = frozenset(t.value for t, spec in REL_SPECS.items() if spec.targets == {Label.PERSON})


def pseudonym(person_id: str) -> str:
    """The id an anonymous viewer sees for the person ``person_id`` (the same for the life of the process)."""
    return "personne-" + hmac.new(_SECRET, person_id.encode(), hashlib.sha256).hexdigest()[:16]


def redact(value: T, *, sees_people: bool) -> T:
    """``value`` with every person's name removed and id pseudonymised unless ``sees_people``."""
    if sees_people:
        return value
    return _redact(value)  # type: ignore[no-any-return]


def _redact(value: Any) -> Any:
    if isinstance(value, NodeRef):
        if value.label != Label.PERSON.value:
            return value
        return value.model_copy(update={"id": pseudonym(value.id), "name": HIDDEN_NAME})
    if isinstance(value, RelRef):
        people = set()
        if value.type in _FROM_PERSON:
            people.add(value.source)
        if value.type in _TO_PERSON:
            people.add(value.target)
        if not people:
            return value
        ends = ("source", "target", "from_id", "to_id")
        return value.model_copy(
            update={end: pseudonym(getattr(value, end)) for end in ends if getattr(value, end) in people}
        )
    # Containers are copied only when something inside them changed: most results hold no person.
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            redacted = _redact(item)
            if redacted is not item:
                changes[name] = redacted
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, list | tuple):
        items = [_redact(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        redacted = {key: _redact(item) for key, item in value.items()}
        if all(redacted[key] is item for key, item in value.items()):
            return value
        return redacted
    return value
