"""Plain resolvers called directly: the computed fields that need nothing but their object.

Strawberry resolves a field that has a resolver function (``def name(self) -> str | None``) through its
general machinery on every call: it builds an ``Info`` object, converts the (absent) arguments, chains the
(absent) field extensions, then calls the function. A list of 100 organisations asks for ``name`` and
``kind`` 200 times per request, and that machinery costs more than the functions themselves.

:func:`call_directly` runs once, when the schema is built: a field whose resolver is a plain function of
``self`` alone (no argument, no ``info``, not asynchronous) and that has no field extension (permissions are
extensions) is resolved by calling that function with the object, nothing else; a field without a resolver
function reads the attribute of its name, as Strawberry's own resolver does but without its two extra calls.
Every other field keeps Strawberry's resolver. The answers are the same (the function gets the same object);
the privacy boundary (:func:`maillage.api.privacy.guard`) is applied afterwards, on the resolvers as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

DIRECT_MARK = "_maillage_direct"
"""Attribute set on a resolver that calls the field's function directly."""


def plain_function(field: StrawberryField) -> Callable[[Any], Any] | None:
    """The function of ``field`` when it takes ``self`` alone and nothing else runs around it, else None."""
    resolver = field.base_resolver
    if resolver is None or field.extensions or field.arguments or resolver.is_async:
        return None
    if getattr(field, "permission_classes", None):
        return None
    parameters = list(resolver.signature.parameters.values())
    if len(parameters) != 1 or resolver.self_parameter is None or parameters[0] is not resolver.self_parameter:
        return None
    if resolver.info_parameter is not None or resolver.root_parameter is not None:
        return None
    function = resolver.wrapped_func
    return function if callable(function) else None


def _direct(function: Callable[[Any], Any]) -> Callable[..., Any]:
    def direct(source: Any, info: Any, **kwargs: Any) -> Any:
        return function(source)

    setattr(direct, DIRECT_MARK, True)
    return direct


def _read(name: str, default_resolver: Callable[[Any, str], Any]) -> Callable[..., Any]:
    if default_resolver is getattr:

        def read(source: Any, info: Any, **kwargs: Any) -> Any:
            return getattr(source, name)

    else:

        def read(source: Any, info: Any, **kwargs: Any) -> Any:
            return default_resolver(source, name)

    setattr(read, DIRECT_MARK, True)
    return read


def call_directly(schema: GraphQLSchema, *, exception_handlers: bool = False) -> GraphQLSchema:
    """Resolve each field of ``schema`` whose resolver is a plain function of its object by calling that
    function (see the module's docstring); returns the same schema. Nothing changes when the Strawberry
    schema has exception handlers (``exception_handlers``): they run inside Strawberry's resolvers."""
    if exception_handlers:
        return schema
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if not isinstance(definition, StrawberryField):
                continue
            if definition.is_basic_field:
                field.resolve = _read(definition.python_name, definition.default_resolver)
                continue
            function = plain_function(definition)
            if function is not None:
                field.resolve = _direct(function)
    return schema
