"""The one rule for personal data: a person's name reaches only a viewer allowed to see people.

Every resolver that returns query results passes them through :func:`redact`; node references of
label ``Person`` lose their name for anonymous viewers, wherever they sit in the result (a seat, a
path, a list).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from maillage.graph.model import Label
from maillage.queries.results import NodeRef

T = TypeVar("T")

HIDDEN_NAME = None
"""What an anonymous viewer gets instead of a person's name."""


def redact(value: T, *, sees_people: bool) -> T:
    """``value`` with every person's name removed unless ``sees_people``; other data untouched."""
    if sees_people:
        return value
    return _redact(value)  # type: ignore[no-any-return]


def _redact(value: Any) -> Any:
    if isinstance(value, NodeRef):
        return value.model_copy(update={"name": HIDDEN_NAME}) if value.label == Label.PERSON.value else value
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
