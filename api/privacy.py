"""The one rule for personal data: a person reaches only a viewer allowed to see people.

The rule is applied at one boundary, :func:`guard`, run on the whole GraphQL schema when it is built
(``api/schema.py``): every field of every object type whose name can carry a person's identity
(:data:`GUARDED_FIELDS`: ``id``, ``name``, ``acronym``, ``title``, ``properties`` and the ends of a
relationship) is resolved through the rule, whatever type declares it; a field cannot opt out, so a field
added tomorrow cannot leak. A field of another name is never changed by the rule (:func:`hidden_value`
returns its value as it is), so it is left to resolve at full speed.

For an anonymous viewer, any object of the response that is a person (its ``label`` is ``Person``, or its
``labels`` hold it) keeps its label, but its ``id`` becomes a pseudonym, its ``name``, ``acronym`` and
``title`` are hidden and its ``properties`` are emptied; any relationship that starts or ends at a person
(its ``type`` is ``EXERCISES``, ``WORKS_FOR``…) gets the pseudonym as ``source`` / ``target``. Queries may
also leave people out for anonymous viewers (``with_people``): that filters data, the boundary guarantees it.

A person's id is a slug of the name (``benoite-dessicy``); its pseudonym (``personne-3f9a…``) comes from a
keyed hash with a secret drawn when the process starts: stable while the server runs, so one person is one
node in a path, and impossible to reverse by guessing names.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema, default_field_resolver
from pydantic import BaseModel

from maillage.graph.model import REL_SPECS, Label

from .resolvers import is_awaitable, is_light, light

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


_ABSENT: dict[tuple[type, str], bool] = {}
"""(class, attribute) → whether no instance of that pydantic model can have the attribute (see _attribute)."""


def _never_has(cls: type, name: str) -> bool:
    """Whether no instance of ``cls`` can have the attribute ``name``: a pydantic model refusing extra fields,
    with no field and no class attribute of that name. Anything else may have it."""
    if not issubclass(cls, BaseModel) or cls.model_config.get("extra") == "allow":
        return False
    return name not in cls.model_fields and not hasattr(cls, name)


def _attribute(parent: Any, name: str) -> Any:
    """``getattr(parent, name, None)``, without a failed lookup where ``parent``'s model cannot have ``name``
    (a pydantic model answers a missing attribute by raising, which costs more than the rest of the rule)."""
    key = (type(parent), name)
    absent = _ABSENT.get(key)
    if absent is None:
        absent = _ABSENT[key] = _never_has(type(parent), name)
    return None if absent else getattr(parent, name, None)


def _is_person(parent: Any) -> bool:
    label = _attribute(parent, "label")
    if label == Label.PERSON.value:
        return True
    labels = _attribute(parent, "labels")
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
    if field not in RELATIONSHIP_ENDS or not isinstance(value, str):
        return value
    type_ = _attribute(parent, "type")
    if isinstance(type_, str):
        people = set()
        if type_ in _FROM_PERSON:
            people.add(getattr(parent, "source", None))
        if type_ in _TO_PERSON:
            people.add(getattr(parent, "target", None))
        if value in {end for end in people if isinstance(end, str)}:
            return pseudonym(value)
    return value


GUARDED_FIELDS = frozenset({"id", "properties"}) | HIDDEN_FIELDS | RELATIONSHIP_ENDS
"""The field names :func:`hidden_value` may change: every field of these names passes the boundary."""

GUARD_MARK = "_maillage_privacy_guard"
"""Attribute set on a guarded resolver (so that guarding twice wraps once, and tests can check coverage)."""


def _guarded(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """``resolve`` behind the rule: for a viewer who may not see people, a person's id is pseudonymised and
    its name hidden wherever it sits (see the module's docstring)."""

    def guarded(root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        value = resolve(root, info, *args, **kwargs)
        if value is None or root is None:  # nothing the rule would change
            return value
        viewer = getattr(info.context, "viewer", None)
        if viewer is not None and viewer.sees_people:
            return value
        if is_awaitable(value):
            return _later(value, root, info.field_name)
        return hidden_value(root, info.field_name, value)

    setattr(guarded, GUARD_MARK, True)
    if is_light(resolve):  # reads no more of info than the resolver it guards
        light(guarded)
    return guarded


async def _later(value: Awaitable[Any], root: Any, field: str) -> Any:
    return hidden_value(root, field, await value)


def is_guarded(resolve: Callable[..., Any] | None) -> bool:
    """Whether a field's resolver passes the boundary."""
    return getattr(resolve, GUARD_MARK, False)


def guard(schema: GraphQLSchema) -> GraphQLSchema:
    """Put the boundary in front of every field of ``schema`` named in :data:`GUARDED_FIELDS`, on every object
    type (introspection's own types aside); returns the same schema.

    Done once when the schema is built, not per field at run time: a field whose name the rule never
    changes resolves with no wrapper at all, and no request pays for a middleware chain per field.
    """
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            if name in GUARDED_FIELDS and not is_guarded(field.resolve):
                field.resolve = _guarded(field.resolve or default_field_resolver)
    return schema
