"""The one rule for personal data: a person reaches only a viewer allowed to see people.

The rule is applied at one boundary, :class:`PrivacyBoundary`, a schema extension through which every
field of every response is resolved: a field cannot opt out, so a field added tomorrow cannot leak. For
an anonymous viewer, any object of the response that is a person (its ``label`` is ``Person``, or its
``labels`` hold it) keeps its label, but its ``id`` becomes a pseudonym, its ``name`` and ``acronym`` are
hidden and its ``properties`` are emptied; any relationship that starts or ends at a person (its ``type`` is
``EXERCISES``, ``WORKS_FOR``…) gets the pseudonym as ``source`` / ``target``. Queries may also leave people
out for anonymous viewers (``with_people``): that filters data, the boundary guarantees it.

A person's id is a slug of the name (``benoite-dessicy``); its pseudonym (``personne-3f9a…``) comes from a
keyed hash with a secret drawn when the process starts: stable while the server runs, so one person is one
node in a path, and impossible to reverse by guessing names.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from inspect import isawaitable
from typing import Any

from strawberry.extensions import SchemaExtension

from maillage.graph.model import REL_SPECS, Label

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


RELATIONSHIP_ENDS = frozenset({"source", "target", "fromId", "toId"})
"""Fields of a relationship that name one of its ends (the stored ends, and the ends in the order walked)."""
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
    if isinstance(type_, str) and field in RELATIONSHIP_ENDS and isinstance(value, str):
        people = set()
        if type_ in _FROM_PERSON:
            people.add(getattr(parent, "source", None))
        if type_ in _TO_PERSON:
            people.add(getattr(parent, "target", None))
        if value in {end for end in people if isinstance(end, str)}:
            return pseudonym(value)
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
