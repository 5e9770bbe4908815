"""Planned completion (api/completion.py) answers exactly what graphql-core answers, and only plans what it may."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Any, ClassVar

import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from maillage.api.completion import PlannedExecutionContext
from maillage.api.context import Context, Viewer
from maillage.api.schema import Query, build_schema
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import Role


@strawberry.enum
class Ring(Enum):
    FIRST = "premier"
    SECOND = "deuxième"


@strawberry.type
class Place:
    name: str
    postcode: int | None


@strawberry.type
class Member:
    id: strawberry.ID
    label: str
    ring: Ring
    place: Place | None
    places: list[Place]
    nicknames: list[str | None] | None

    @strawberry.field
    def shout(self) -> str:
        return self.label.upper()

    @strawberry.field
    def with_argument(self, suffix: str = "!") -> str:
        return self.label + suffix


GOOD = [
    Member(
        id=strawberry.ID("cai"),
        label="Organisation",
        ring=Ring.FIRST,
        place=Place(name="Namur", postcode=5000),
        places=[Place(name="Namur", postcode=5000), Place(name="Jambes", postcode=None)],
        nicknames=["CAI", None],
    ),
    Member(
        id=strawberry.ID("marie"),
        label="Person",
        ring=Ring.SECOND,
        place=None,
        places=[],
        nicknames=None,
    ),
]
WITH_A_NULL_NAME = [
    *GOOD,
    Member(
        id=strawberry.ID("x"),
        label="Organisation",
        ring=Ring.FIRST,
        place=Place(name=None, postcode=1),  # type: ignore[arg-type]  # null where the type forbids it
        places=[],
        nicknames=None,
    ),
]
WITH_A_BAD_ENUM = [
    *GOOD[:1],
    Member(id=strawberry.ID("y"), label="Organisation", ring="bleu", place=None, places=[], nicknames=None),  # type: ignore[arg-type]
]
WITH_A_BAD_NUMBER = [
    *GOOD[:1],
    Member(
        id=strawberry.ID("z"),
        label="Organisation",
        ring=Ring.FIRST,
        place=Place(name="Huy", postcode="cinq"),  # type: ignore[arg-type]
        places=[],
        nicknames=None,
    ),
]

CASES = {"good": GOOD, "null_name": WITH_A_NULL_NAME, "bad_enum": WITH_A_BAD_ENUM, "bad_number": WITH_A_BAD_NUMBER}


@strawberry.type
class QueryWithMembers(Query):
    @strawberry.field
    def members(self, case: str) -> list[Member]:
        return CASES[case]


class Recording(PlannedExecutionContext):
    """Records, for each value completed, whether its type and selection were planned."""

    planned: ClassVar[list[str]] = []
    unplanned: ClassVar[list[str]] = []

    def complete_value(self, return_type: Any, field_details_list: Any, *args: Any) -> Any:
        assert self.planner is not None
        target = self.planned if self.planner.plan(return_type, field_details_list) else self.unplanned
        target.append(str(return_type))
        return super().complete_value(return_type, field_details_list, *args)


def schemas() -> tuple[Any, Any]:
    ours = build_schema(production=False, query=QueryWithMembers)
    ours.execution_context_class = Recording
    general = build_schema(production=False, query=QueryWithMembers)
    general.execution_context_class = StrawberryGraphQLCoreExecutionContext
    return ours, general


def answer(schema: Any, case: str, fields: str, role: Role = Role.STAFF) -> tuple[Any, list[tuple[str, list[Any]]]]:
    context = Context(settings=load_settings({}), graph=None, viewer=Viewer(role=role))  # type: ignore[arg-type]
    result = asyncio.run(schema.execute(f'{{ members(case: "{case}") {{ {fields} }} }}', context_value=context))
    errors = sorted((error.message, list(error.path or [])) for error in result.errors or [])
    return result.data, errors


LIGHT = "id label ring shout place { name postcode } places { name postcode } nicknames"


def test_a_selection_of_light_fields_is_planned_and_answers_as_graphql_core() -> None:
    ours, general = schemas()
    Recording.planned.clear()
    assert answer(ours, "good", LIGHT) == answer(general, "good", LIGHT)
    assert Recording.planned[0] == "[Member!]!"
    assert answer(ours, "good", LIGHT)[0]["members"][0]["places"][1] == {"name": "Jambes", "postcode": None}


def test_unusual_values_are_completed_again_by_graphql_core_with_the_same_data_and_errors() -> None:
    ours, general = schemas()
    for case in ("null_name", "bad_enum", "bad_number"):
        data, errors = answer(ours, case, LIGHT)
        assert (data, errors) == answer(general, case, LIGHT), case
        assert errors, case
    assert ["members", 2, "place", "name"] in [path for _, path in answer(ours, "null_name", LIGHT)[1]]


def test_selections_with_arguments_typename_or_directives_are_left_to_graphql_core() -> None:
    ours, general = schemas()
    for fields in ('id withArgument(suffix: "?")', "id __typename", "id label @include(if: true)"):
        Recording.planned.clear()
        Recording.unplanned.clear()
        assert answer(ours, "good", fields) == answer(general, "good", fields), fields
        assert "[Member!]!" in Recording.unplanned and "[Member!]!" not in Recording.planned, fields


def test_a_planned_selection_still_hides_a_person_from_anonymous_callers() -> None:
    ours, general = schemas()
    Recording.planned.clear()
    data, errors = answer(ours, "good", "id label", role=Role.ANONYMOUS)
    assert errors == [] and Recording.planned[0] == "[Member!]!"
    organisation, person = data["members"]
    assert organisation["id"] == "cai" and person["id"].startswith("personne-")
    assert (data, errors) == answer(general, "good", "id label", role=Role.ANONYMOUS)
