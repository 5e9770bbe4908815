"""The one rule for personal data: a person reaches only a viewer allowed to see people.

The rule is applied at one boundary, :class:`PrivacyBoundary`, a schema extension through which every
field of every response is resolved: a field cannot opt out, so a field added tomorrow cannot leak. For
an anonymous viewer, any object of the response that is a person (its ``label`` is ``Person``, or its
``labels`` hold it) keeps its label, but its ``id`` becomes a pseudonym, its ``name`` and ``acronym`` are
hidden and its ``properties`` are emptied; any relationship that starts or ends at a person (its ``type`` is
``EXERCISES``, ``WORKS_FOR``…) gets the pseudonym as ``source`` / ``target``. Queries may also leave people
out for anonymous viewers (``with_people``): that filters data, the boundary guarantees it.

:func:`redact` applies the same rule to query results in Python. For an anonymous viewer,
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
from collections.abc import Awaitable, Callable
from inspect import isawaitable
from typing import Any, TypeVar

from pydantic import BaseModel
from strawberry.extensions import SchemaExtension

from maillage.graph.model import REL_SPECS, Label
from maillage.queries.results import NodeRef, RelRef

T = TypeVar("T")

HIDDEN_NAME = None
"""What an anonymous viewer gets instead of a person's name."""

_SECRET = secrets.token_bytes(32)
_FROM_PERSON = frozenset(t.value for t, spec in REL_SPECS.items() if spec.sources == {Label.PERSON})
_TO_PERSON = frozenset(t.value for t, spec in REL_SPECS.items() if spec.targets == {Label.PERSON})


PSEUDONYM_PREFIX = "personne-"


def pseudonym(person_id: str) -> str:
    """The id an anonymous viewer sees for the person ``person_id`` (the same for the life of the process);
    a pseudonym is kept as it is, so that redacting twice changes nothing."""
    if person_id.startswith(PSEUDONYM_PREFIX) and len(person_id) == len(PSEUDONYM_PREFIX) + 16:
        return person_id
    return PSEUDONYM_PREFIX + hmac.new(_SECRET, person_id.encode(), hashlib.sha256).hexdigest()[:16]


HIDDEN_FIELDS = frozenset({"name", "acronym", "title"})
"""Fields of a person object an anonymous viewer gets as null."""


def _is_person(parent: Any) -> bool:
    label = getattr(parent, "label", None)
    if label == Label.PERSON.value:
        return True
    labels = getattr(parent, "labels", None)
    return isinstance(labels, list | tuple) and Label.PERSON.value in labels


def hidden_value(parent: Any, field: str, value: Any) -> Any:
    """What an anonymous viewer gets for ``field`` of ``parent`` resolved to ``value``."""
    if parent is None or value is None:
        return value
    if _is_person(parent):
        if field == "id":
            return pseudonym(str(value))
        if field in HIDDEN_FIELDS:
            return HIDDEN_NAME
        if field == "properties":
            return {}
        return value
    type_ = getattr(parent, "type", None)
    if isinstance(type_, str):
        if field == "source" and type_ in _FROM_PERSON:
            return pseudonym(str(value))
        if field == "target" and type_ in _TO_PERSON:
            return pseudonym(str(value))
    return value


class PrivacyBoundary(SchemaExtension):
    """Every field of a response passes here: for a viewer who may not see people, a person's id is
    pseudonymised and its name hidden wherever it sits (see the module's docstring)."""

    def resolve(self, _next: Callable[..., Any], root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        value = _next(root, info, *args, **kwargs)
        viewer = getattr(info.context, "viewer", None)
        if viewer is not None and viewer.sees_people:
            return value
        if isawaitable(value):
            return _later(value, root, info.field_name)
        return hidden_value(root, info.field_name, value)


async def _later(value: Awaitable[Any], root: Any, field: str) -> Any:
    return hidden_value(root, field, await value)


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
        changes = {}
        if value.type in _FROM_PERSON:
            changes["source"] = pseudonym(value.source)
        if value.type in _TO_PERSON:
            changes["target"] = pseudonym(value.target)
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, BaseModel):
        changes = {name: _redact(getattr(value, name)) for name in type(value).model_fields}
        return value.model_copy(update=changes)
    if isinstance(value, list):
        return [_redact(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_redact(item) for item in value)
    if isinstance(value, dict):
        return {key: _redact(item) for key, item in value.items()}
    return value
