"""Privacy is applied at one boundary: a field added tomorrow that returns a person cannot leak it."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import strawberry
from graphql import GraphQLObjectType
from strawberry.scalars import JSON

from maillage.api.context import Context, Viewer
from maillage.api.privacy import GUARDED_FIELDS, hidden_value, is_guarded, pseudonym
from maillage.api.schema import Query, build_schema
from maillage.api.types import NodeRef, Path
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import Role
from maillage.queries import results

PERSON = results.NodeRef(id="benoite-dessicy", label="Person", name="Benoîte Dessicy")
ORGANISATION = results.NodeRef(id="coupole", label="Organisation", name="Coupole")


@strawberry.type
class QueryWithANewField(Query):
    @strawberry.field(description="Un champ ajouté sans penser aux personnes.")
    def new_field(self) -> list[NodeRef]:
        return [NodeRef.from_pydantic(PERSON), NodeRef.from_pydantic(ORGANISATION)]

    @strawberry.field(description="Un chemin ajouté sans penser aux personnes.")
    def new_path(self) -> Path:
        path = results.Path(
            nodes=[PERSON, ORGANISATION],
            relationships=[results.RelRef.of("WORKS_FOR", PERSON.id, ORGANISATION.id)],
        )
        return Path.from_pydantic(path)


QUERY = """{ newField { id label name } newPath { nodes { id name } relationships { type source target } } }"""


def run(role: Role) -> dict[str, Any]:
    schema = build_schema(production=False, query=QueryWithANewField)
    context = Context(settings=load_settings({}), graph=None, viewer=Viewer(role=role))  # type: ignore[arg-type]
    result = schema.execute_sync(QUERY, context_value=context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def test_a_new_field_returning_a_person_is_redacted_for_an_anonymous_viewer() -> None:
    data = run(Role.ANONYMOUS)
    person, organisation = data["newField"]
    assert person["name"] is None and person["id"].startswith("personne-") and "dessicy" not in person["id"]
    assert organisation == {"id": "coupole", "label": "Organisation", "name": "Coupole"}
    assert "Dessicy" not in str(data) and "dessicy" not in str(data)


def test_a_relationship_from_a_person_gets_the_same_pseudonym_as_the_person() -> None:
    data = run(Role.ANONYMOUS)
    [works_for] = data["newPath"]["relationships"]
    assert works_for["source"] == data["newPath"]["nodes"][0]["id"] == data["newField"][0]["id"]
    assert works_for["target"] == "coupole"


def test_staff_sees_the_person_of_a_new_field() -> None:
    data = run(Role.STAFF)
    assert data["newField"][0] == {"id": "benoite-dessicy", "label": "Person", "name": "Benoîte Dessicy"}


@strawberry.type(description="Un type ajouté sans penser aux personnes, qui n'hérite d'aucun type existant.")
class Somebody:
    id: strawberry.ID
    label: str
    properties: JSON

    @strawberry.field(description="Un nom calculé par un résolveur.")
    def name(self) -> str | None:
        return cast("dict[str, Any]", self.properties).get("name")

    @strawberry.field(description="Un titre calculé par un résolveur asynchrone.")
    async def title(self) -> str | None:
        return cast("dict[str, Any]", self.properties).get("name")


@strawberry.type
class QueryWithANewType(Query):
    @strawberry.field(description="Un champ d'un type nouveau.")
    def somebody(self) -> Somebody:
        return Somebody(id=strawberry.ID(PERSON.id), label="Person", properties=cast("JSON", {"name": PERSON.name}))


def test_a_new_type_holding_a_person_is_redacted_on_every_field_for_an_anonymous_viewer() -> None:
    schema = build_schema(production=False, query=QueryWithANewType)
    context = Context(settings=load_settings({}), graph=None)  # type: ignore[arg-type]
    result = asyncio.run(schema.execute("{ somebody { id label name title properties } }", context_value=context))
    assert result.errors is None and result.data is not None, result.errors
    somebody = result.data["somebody"]
    assert somebody["id"] == pseudonym(PERSON.id)
    assert somebody == {"id": somebody["id"], "label": "Person", "name": None, "title": None, "properties": {}}


def test_every_field_whose_name_the_rule_can_change_passes_the_boundary() -> None:
    schema = build_schema(production=False, query=QueryWithANewType)._schema
    guarded = {
        (type_.name, name)
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__")
        for name, field in type_.fields.items()
        if name in GUARDED_FIELDS
    }
    assert ("Somebody", "title") in guarded and ("NodeRef", "id") in guarded and ("RelRef", "fromId") in guarded
    unguarded = sorted(
        (type_name, name)
        for type_name, name in guarded
        if not is_guarded(cast("GraphQLObjectType", schema.type_map[type_name]).fields[name].resolve)
    )
    assert unguarded == []


def test_the_rule_never_changes_a_field_of_another_name() -> None:
    """Only the fields of GUARDED_FIELDS pass the boundary: this proves the others need not."""
    schema = build_schema(production=False)._schema
    names = {
        name for type_ in schema.type_map.values() if isinstance(type_, GraphQLObjectType) for name in type_.fields
    }
    person = results.NodeRef(id="benoite-dessicy", label="Person", name="Benoîte Dessicy")
    works_for = results.RelRef.of("WORKS_FOR", person.id, "coupole")
    for name in sorted(names - GUARDED_FIELDS):
        for parent in (person, works_for):
            assert hidden_value(parent, name, "benoite-dessicy") == "benoite-dessicy", name
    changed = {name for name in GUARDED_FIELDS if hidden_value(person, name, "benoite-dessicy") != "benoite-dessicy"}
    changed |= {name for name in GUARDED_FIELDS if hidden_value(works_for, name, person.id) != person.id}
    assert changed == GUARDED_FIELDS
