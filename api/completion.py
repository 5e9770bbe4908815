"""Answers completed by plans: the selections made only of light fields, walked without graphql-core's steps.

graphql-core completes a value field by field: for each object of a list and each field asked of it, it
builds a path, looks the field up, calls the resolver, then walks the completion steps (non-null, list, leaf,
object) down to the next selection. For a page of 100 organisations that machinery is most of the request's
time, although nearly every field below the query's root only reads its object (a light resolver, see
:mod:`maillage.api.resolvers`).

A :class:`Plan` is made once per selection and per request, when the selection's fields are all light, take
no arguments and return a scalar, an enum, an object (whose selection is itself planned) or a list of them:
it completes a value by calling each resolver with a :class:`~maillage.api.resolvers.LightInfo` and coercing
leaves as graphql-core does, with no path and no per-field lookup. As soon as a value is not the usual
kind (a null where the type forbids it, an error, a value to await, an object its type refuses, an iterable
that is not a list or tuple, a leaf its type cannot coerce), :class:`Unusual` is raised and the whole value
is completed again by graphql-core, which gives the answer or the located error it always gave: light
resolvers only read their object, so running them twice changes nothing. Selections with anything else
(arguments, directives deferring or streaming, abstract types, resolvers that are not light, middleware)
are not planned and graphql-core completes them as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    Undefined,
)

from maillage.graph.rows import PYTHON_SCALARS

from .resolvers import LeafFastExecutionContext, LightInfo, is_awaitable, is_light
from .type_checks import made_from_pydantic

Completer = Callable[[Any], Any]
"""Completes one resolved value of a planned type; raises :class:`Unusual` when graphql-core must."""


class Unusual(Exception):
    """A value the plan leaves to graphql-core (which completes the whole value again)."""


_UNUSUAL = Unusual()


def _ordinary(value: Any) -> bool:
    """Whether ``value`` may be completed here: not an error, nothing to await."""
    return type(value) in PYTHON_SCALARS or not (isinstance(value, Exception) or is_awaitable(value))


def _null(nullable: bool) -> None:
    """The completion of a null: null where the type allows it, else graphql-core's error."""
    if nullable:
        return None
    raise _UNUSUAL


def _leaf(type_: GraphQLScalarType | GraphQLEnumType, nullable: bool) -> Completer:
    coerce = type_.coerce_output_value

    def complete(value: Any) -> Any:
        if value is None:
            return _null(nullable)
        if not _ordinary(value):
            raise _UNUSUAL
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise _UNUSUAL
        return coerced

    return complete


def _list(item: Completer, nullable: bool) -> Completer:
    def complete(value: Any) -> Any:
        if value is None:
            return _null(nullable)
        kind = type(value)
        if kind is not list and kind is not tuple:
            raise _UNUSUAL
        return [item(each) for each in value]

    return complete


def _object(
    type_: GraphQLObjectType, fields: list[tuple[str, Callable[..., Any], LightInfo, Completer]], nullable: bool
) -> Completer:
    check = type_.is_type_of

    def complete(value: Any) -> Any:
        if value is None:
            return _null(nullable)
        # the check Strawberry gives a pydantic-made type ignores the resolve info (the only kind planned)
        if not _ordinary(value) or (check is not None and check(value, None) is not True):  # type: ignore[arg-type]
            raise _UNUSUAL
        return {name: completer(resolve(value, info)) for name, resolve, info, completer in fields}

    return complete


class Planner:
    """Makes and keeps the plans of one request (the selections of its document with its variables).

    ``collect`` is the execution context's own ``collect_subfields`` (memoized there per selection), ``context``
    the request's context value handed to light resolvers.
    """

    def __init__(self, collect: Callable[[GraphQLObjectType, Any], Any], context: Any, streams: bool) -> None:
        self.collect = collect
        self.context = context
        self.streams = streams
        self._plans: dict[tuple[GraphQLOutputType, int], tuple[Any, Completer | None]] = {}

    def plan(self, type_: GraphQLOutputType, field_details_list: Any) -> Completer | None:
        """The completer of values of ``type_`` asked with ``field_details_list``, or None when not plannable."""
        key = (type_, id(field_details_list))
        known = self._plans.get(key)
        if known is None:
            # the list is kept with its plan, so that its id cannot be reused during the request
            known = self._plans[key] = (field_details_list, self._make(type_, field_details_list))
        return known[1]

    def _make(self, type_: GraphQLOutputType, field_details_list: Any) -> Completer | None:
        nullable = not isinstance(type_, GraphQLNonNull)
        inner = type_ if nullable else type_.of_type  # type: ignore[union-attr]
        if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
            return _leaf(inner, nullable)
        if isinstance(inner, GraphQLList):
            if self.streams:
                return None
            item = self._make(inner.of_type, field_details_list)
            return None if item is None else _list(item, nullable)
        if not isinstance(inner, GraphQLObjectType):
            return None
        if inner.is_type_of is not None and not made_from_pydantic(inner):
            return None  # a check of our own making might read the resolve info, which plans do not build
        grouped_field_set, new_defer_usages, _ = self.collect(inner, field_details_list)
        if new_defer_usages:
            return None
        fields = []
        for response_name, sub_details in grouped_field_set.items():
            node = sub_details[0].node
            field_def = inner.fields.get(node.name.value)
            if field_def is None or node.arguments or node.directives or not is_light(field_def.resolve):
                return None
            completer = self._make(field_def.type, sub_details)
            if completer is None:
                return None
            fields.append((response_name, field_def.resolve, LightInfo(node.name.value, self.context), completer))
        return _object(inner, fields, nullable)


class PlannedExecutionContext(LeafFastExecutionContext):
    """graphql-core's execution with the leaf short path (:class:`~maillage.api.resolvers.LeafFastExecutionContext`)
    and planned completion: a value whose selection can be planned is completed by its plan, else (or when the
    plan meets an unusual value) by graphql-core."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        middleware = self.middleware_manager is not None and self.middleware_manager.middlewares
        streams = self.schema.get_directive("stream") is not None
        self.planner = None if middleware else Planner(self.collect_subfields, self.context_value, streams)

    def complete_value(  # type: ignore[override]
        self,
        return_type: GraphQLOutputType,
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        complete = None if self.planner is None else self.planner.plan(return_type, field_details_list)
        if complete is not None:
            try:
                return complete(result)
            except Exception:  # noqa: BLE001, S110 - graphql-core completes it again below, and locates any error
                pass
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)
