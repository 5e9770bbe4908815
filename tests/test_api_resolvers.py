"""The shorter paths of the GraphQL layer (api/resolvers.py) answer exactly what Strawberry and graphql-core do."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from enum import Enum
from typing import Any

import strawberry
from graphql import GraphQLObjectType
from pydantic import BaseModel
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from maillage.api.context import Context, Viewer
from maillage.api.resolvers import DIRECT_MARK, is_awaitable, is_light
from maillage.api.schema import Query, build_schema
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import Role


@strawberry.enum
class Colour(Enum):
    RED = "red"


@strawberry.type
class Thing:
    id: strawberry.ID
    label: str
    count: int
    maybe: str | None
    must: str
    colour: Colour
    raw: str

    @strawberry.field
    def computed(self) -> str:
        return self.label.upper()

    @strawberry.field
    def failing(self) -> str | None:
        raise ValueError("échec voulu")

    @strawberry.field
    def with_argument(self, suffix: str = "!") -> str:
        return self.label + suffix

    @strawberry.field
    def with_info(self, info: strawberry.Info) -> str:
        return info.field_name

    @strawberry.field
    async def later(self) -> str:
        return self.label


def things() -> list[Thing]:
    good = Thing(
        id=strawberry.ID("coupole"), label="Person", count=3, maybe=None, must="là", colour=Colour.RED, raw="x"
    )
    bad = Thing(
        id=strawberry.ID("codef"),
        label="Organisation",
        count="trois",  # type: ignore[arg-type]  # not an Int: the coercion refuses it
        maybe="peut-être",
        must=None,  # type: ignore[arg-type]  # null where the type forbids it
        colour="bleu",  # type: ignore[arg-type]  # not a value of the enum
        raw="y",
    )
    return [good, bad]


@strawberry.type
class QueryWithThings(Query):
    @strawberry.field
    def things(self) -> list[Thing]:
        return things()


@strawberry.type
class PlainQuery:
    @strawberry.field
    def things(self) -> list[Thing]:
        return things()


FIELDS = 'id label count maybe must colour raw computed failing withArgument(suffix: "?") withInfo later'


def answer(schema: Any, fields: str, role: Role = Role.STAFF) -> tuple[Any, list[tuple[str, list[Any]]]]:
    context = Context(settings=load_settings({}), graph=None, viewer=Viewer(role=role))  # type: ignore[arg-type]
    result = asyncio.run(schema.execute(f"{{ things {{ {fields} }} }}", context_value=context))
    errors = sorted((error.message, list(error.path or [])) for error in result.errors or [])
    return result.data, errors


def selections() -> list[str]:
    return [
        'withArgument(suffix: "?")' if f == "withArgument" else f for f in FIELDS.replace('(suffix: "?")', "").split()
    ]


def test_the_short_path_answers_values_and_errors_exactly_as_the_general_path() -> None:
    ours = build_schema(production=False, query=QueryWithThings)
    general = build_schema(production=False, query=QueryWithThings)
    general.execution_context_class = StrawberryGraphQLCoreExecutionContext
    for selection in [*selections(), FIELDS]:
        assert answer(ours, selection) == answer(general, selection), selection
    data, errors = answer(ours, FIELDS)
    assert data is None  # a null in a non-null field of a non-null list: the whole list is null
    assert ["things", 1, "count"] in [path for _, path in errors]  # the first bad field of the second thing


def test_direct_resolvers_answer_the_same_data_and_error_places_as_plain_strawberry() -> None:
    ours = build_schema(production=False, query=QueryWithThings)
    plain = strawberry.Schema(query=PlainQuery)
    for selection in selections():
        (our_data, our_errors), (plain_data, plain_errors) = answer(ours, selection), answer(plain, selection)
        assert our_data == plain_data, selection
        assert [path for _, path in our_errors] == [path for _, path in plain_errors], selection


def test_a_resolver_of_self_alone_is_called_directly_and_others_keep_strawberry() -> None:
    thing = build_schema(production=False, query=QueryWithThings)._schema.type_map["Thing"]
    assert isinstance(thing, GraphQLObjectType)
    fields = thing.fields
    for name in ("count", "raw", "computed"):
        assert getattr(fields[name].resolve, DIRECT_MARK, False) and is_light(fields[name].resolve), name
    for name in ("withArgument", "withInfo", "later"):
        assert not getattr(fields[name].resolve, DIRECT_MARK, False) and not is_light(fields[name].resolve), name


def test_a_guarded_field_on_the_short_path_still_hides_a_person() -> None:
    ours = build_schema(production=False, query=QueryWithThings)
    thing = ours._schema.type_map["Thing"]
    assert isinstance(thing, GraphQLObjectType) and is_light(thing.fields["id"].resolve)
    data, errors = answer(ours, "id label", role=Role.ANONYMOUS)
    assert errors == []
    person, organisation = data["things"]
    assert person["id"].startswith("personne-") and organisation["id"] == "codef"


class _Model(BaseModel):
    name: str = "x"


class _Future:
    def __await__(self) -> Generator[None, None, int]:
        yield
        return 1


async def _coroutine() -> int:
    return 1


def test_awaitability_decided_per_type_agrees_with_strawberry_for_every_kind_of_value() -> None:
    coroutine = _coroutine()
    generator = (letter for letter in "ab")
    values: list[Any] = [_Model(), _Model(), _Future(), _Future(), coroutine, generator, "a", 1, None, [], {}]
    assert [is_awaitable(v) for v in values] == [optimized_is_awaitable(v) for v in values]
    assert [is_awaitable(v) for v in values[:5]] == [False, False, True, True, True]
    coroutine.close()
