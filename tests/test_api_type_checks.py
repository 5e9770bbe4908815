"""Type checks answered once per Python type (api/type_checks.py) give Strawberry's own answers."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from pydantic import BaseModel
from strawberry.experimental.pydantic import type as from_model

from maillage.api.schema import build_schema
from maillage.api.type_checks import made_from_pydantic, once_per_type


class Place(BaseModel):
    name: str


class Town(Place):
    pass


class Other(BaseModel):
    name: str


@from_model(model=Place, all_fields=True)
class PlaceType:
    pass


@from_model(model=Other, all_fields=True)
class OtherType:
    pass


class MarkedClass:
    """A class that carries a cast mark of its own (every instance then answers by the mark)."""


strawberry.cast(OtherType, MarkedClass)


def objects() -> list[Any]:
    marked_as_place = strawberry.cast(PlaceType, Place(name="Namur"))
    marked_as_other = strawberry.cast(OtherType, Place(name="Liège"))
    return [
        Place(name="Mons"),
        Town(name="Arlon"),
        Other(name="Huy"),
        PlaceType(name="Dinant"),
        "Namur",
        None,
        marked_as_place,
        marked_as_other,
        MarkedClass(),
        Place(name="Ciney"),
    ]


def test_a_check_remembered_per_type_answers_as_strawberry_for_every_kind_of_object() -> None:
    check = PlaceType.is_type_of  # type: ignore[attr-defined]
    remembered = once_per_type(check)
    for obj in objects() + objects():
        assert remembered(obj, None) == check(obj, None), obj


def test_an_object_marked_by_cast_is_checked_by_its_own_mark_after_unmarked_ones_of_its_type() -> None:
    remembered = once_per_type(PlaceType.is_type_of)  # type: ignore[attr-defined]
    assert remembered(Place(name="Mons"), None) is True
    assert remembered(strawberry.cast(OtherType, Place(name="Liège")), None) is False
    assert remembered(Place(name="Wavre"), None) is True


def test_every_type_made_from_a_pydantic_model_in_the_schema_checks_once_per_type() -> None:
    schema = build_schema(production=False)._schema
    pydantic_made = [t for t in schema.type_map.values() if isinstance(t, GraphQLObjectType) and made_from_pydantic(t)]
    assert len(pydantic_made) >= 5
    for type_ in pydantic_made:
        assert type_.is_type_of is not None and type_.is_type_of.__qualname__.startswith("once_per_type"), type_.name


def test_the_schema_still_refuses_an_object_of_the_wrong_type_as_an_internal_error() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def place(self) -> PlaceType:
            return Other(name="Huy")  # type: ignore[return-value]

    schema = build_schema(production=False, query=Query)
    result = schema.execute_sync("{ place { name } }")
    assert result.data is None
    assert result.errors and result.errors[0].path == ["place"]
    assert (result.errors[0].extensions or {}).get("code") == "INTERNAL"
