"""Object type checks answered once per Python type: the checks Strawberry gives its pydantic types.

graphql-core asks an object type's ``is_type_of`` of every object it completes as that type. For a type made
from a pydantic model, Strawberry's check first looks for the mark ``strawberry.cast`` leaves on an object,
which a pydantic model without it answers by raising and catching an exception (in the model's
``__getattr__``), then falls back to ``isinstance``: once for every object of every answer. A request for the
22 seats of a body spent about a tenth of its time there.

An object that carries no mark of its own (none in its ``__dict__``) gets an answer that depends on its type
alone (a mark set on the class, or ``isinstance``). :func:`check_once_per_type` makes each such check remember
that answer per type. An object marked by ``strawberry.cast`` is asked every time, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

TypeCheck = Callable[[Any, Any], Any]


def made_from_pydantic(type_: GraphQLObjectType) -> bool:
    """Whether ``type_`` is a Strawberry type made from a pydantic model (``strawberry.experimental.pydantic``)."""
    definition = (type_.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return isinstance(definition, StrawberryObjectDefinition) and hasattr(definition.origin, "_pydantic_type")


def once_per_type(check: TypeCheck) -> TypeCheck:
    """``check``, remembering its answer per Python type for objects without a cast mark of their own."""
    answers: dict[type, Any] = {}

    def checked(obj: Any, info: Any) -> Any:
        if TYPE_CAST_ATTRIBUTE in getattr(obj, "__dict__", ()):
            return check(obj, info)
        kind = type(obj)
        answer = answers.get(kind)
        if answer is None:
            answer = answers[kind] = check(obj, info)
        return answer

    return checked


def check_once_per_type(schema: GraphQLSchema) -> GraphQLSchema:
    """Make the type check of every type made from a pydantic model remember its answers per Python type (see
    the module's docstring); returns the same schema."""
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLObjectType) and type_.is_type_of is not None and made_from_pydantic(type_):
            type_.is_type_of = once_per_type(type_.is_type_of)
    return schema
