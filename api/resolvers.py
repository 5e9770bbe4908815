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
from types import CoroutineType, GeneratorType
from typing import Any, NamedTuple

from graphql import (
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
)
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
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
    return light(direct)


def _read(name: str, default_resolver: Callable[[Any, str], Any]) -> Callable[..., Any]:
    if default_resolver is getattr:

        def read(source: Any, info: Any, **kwargs: Any) -> Any:
            return getattr(source, name)

    else:

        def read(source: Any, info: Any, **kwargs: Any) -> Any:
            return default_resolver(source, name)

    setattr(read, DIRECT_MARK, True)
    return light(read)


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


# --- leaf fields completed without the general machinery --------------------------------------------------

LIGHT_MARK = "_maillage_light"
"""Attribute set on a resolver that reads nothing of ``info`` but ``context`` and ``field_name`` (the direct
resolvers above, and the privacy boundary around one of them): it may be given a :class:`LightInfo`."""


class LightInfo(NamedTuple):
    """What a light resolver reads of the resolve info."""

    field_name: str
    context: Any


_AWAITABLE_BY_TYPE: dict[type, bool] = dict.fromkeys((str, int, float, bool, dict, list), False)
"""Whether values of a type can be awaited, learnt per type (most resolved values are of the types given)."""


def is_awaitable(value: Any) -> bool:
    """Whether ``value`` can be awaited, decided once per type.

    ``await`` looks ``__await__`` up on the type, so the type tells, except for coroutines and generators
    (their code flags tell), which go to Strawberry's own check every time. Strawberry's check asks the
    value itself (``hasattr(value, "__await__")``), and a pydantic model answers a missing attribute by
    raising an exception: once for every object of every answer.
    """
    kind = type(value)
    known = _AWAITABLE_BY_TYPE.get(kind)
    if known is not None:
        return known
    if issubclass(kind, CoroutineType | GeneratorType):
        return optimized_is_awaitable(value)
    _AWAITABLE_BY_TYPE[kind] = known = hasattr(kind, "__await__")
    return known


def light(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """Mark ``resolve`` as reading no more of ``info`` than :class:`LightInfo` holds; returns it."""
    setattr(resolve, LIGHT_MARK, True)
    return resolve


def is_light(resolve: Callable[..., Any] | None) -> bool:
    """Whether ``resolve`` is marked light (see :func:`light`)."""
    return getattr(resolve, LIGHT_MARK, False)


class LeafFastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, with a shorter path for the commonest field: a scalar or enum, without
    arguments, whose resolver is light (see :data:`LIGHT_MARK`).

    Such a field is resolved with a :class:`LightInfo` and its value coerced by its type, as graphql-core
    does, without building the full resolve info nor walking the completion steps. Whenever the short path
    meets anything else (an error, a null where the type forbids it, a value to await, a middleware), the
    field is executed again by graphql-core's general path, which gives the answer or error it always gave
    (a light resolver only reads its object, so running it twice changes nothing). Whether a value is
    awaitable is decided once per type (:func:`is_awaitable`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = is_awaitable  # type: ignore[assignment]

    def execute_field(  # type: ignore[override]
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        field_def = parent_type.fields.get(node.name.value)
        middleware = self.middleware_manager is not None and self.middleware_manager.middlewares
        if field_def is None or middleware or node.arguments or not is_light(field_def.resolve):
            return super().execute_field(parent_type, source, field_details_list, path, position_context)
        return_type = field_def.type
        leaf = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        if not isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
            return super().execute_field(parent_type, source, field_details_list, path, position_context)
        try:
            value = field_def.resolve(source, LightInfo(node.name.value, self.context_value))
            if value is None:
                if leaf is return_type:
                    return None
            elif not is_awaitable(value):
                coerced = leaf.coerce_output_value(value)
                if coerced is not None and coerced is not Undefined:
                    return coerced
            else:  # cannot be run twice without leaving a coroutine unawaited: close it, run the general path
                close = getattr(value, "close", None)
                if callable(close):
                    close()
        except Exception:  # noqa: BLE001, S110 - the general path below raises it again, located
            pass
        return super().execute_field(parent_type, source, field_details_list, path, position_context)
