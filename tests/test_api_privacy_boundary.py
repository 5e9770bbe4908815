"""Privacy is applied at one boundary: a field added tomorrow that returns a person cannot leak it."""

from __future__ import annotations

from typing import Any

import strawberry

from maillage.api.context import Context, Viewer
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
