"""The GraphQL schema: its SDL is kept in the repo, production hides introspection, nested queries
do not multiply database round trips."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLError

from maillage.api.context import Context
from maillage.api.errors import coded
from maillage.api.limits import count_items
from maillage.api.schema import build_schema
from maillage.graph.connection import Graph
from maillage.graph.errors import QueryError
from maillage.graph.settings import Settings

SDL = Path(__file__).resolve().parent.parent / "api" / "schema.graphql"


def test_the_sdl_in_the_repo_is_the_live_schema() -> None:
    live = build_schema(production=False).as_str() + "\n"
    assert SDL.read_text(encoding="utf-8") == live, "le schéma a changé : lancez scripts/schema et relisez le diff"


def test_production_refuses_introspection() -> None:
    result = build_schema(production=True).execute_sync("{ __schema { types { name } } }")
    assert result.errors and "introspection" in result.errors[0].message.lower()


def test_production_gives_no_field_suggestions() -> None:
    result = build_schema(production=True).execute_sync("{ organisatoins { totalCount } }")
    assert result.errors and "Did you mean" not in result.errors[0].message


def test_a_nested_registry_query_costs_one_round_trip(reference_graph: Graph, settings: Settings) -> None:
    """Seats, their bodies, holders, people and principals come from one Cypher query, not one per seat."""
    schema = build_schema(production=False)
    query = """{ seatsByBody { body { id name } organisations { id }
                 seats { id holder { id name } person { id } substitute { id } onBehalfOf { id } } } }"""
    before = reference_graph.round_trips
    result = schema.execute_sync(query, context_value=Context(settings=settings, graph=reference_graph))
    assert result.errors is None
    assert result.data and len(result.data["seatsByBody"]) >= 2
    assert reference_graph.round_trips - before == 1


def _round_trips_of(graph: Graph, settings: Settings, query: str) -> int:
    schema = build_schema(production=False)
    before = graph.round_trips
    result = schema.execute_sync(query, context_value=Context(settings=settings, graph=graph))
    assert result.errors is None
    return graph.round_trips - before


PAGE_FIELDS = "totalCount edges { node { id name kindLabel sector ring source } }"


def test_a_filtered_page_of_organisations_with_their_fields_costs_one_round_trip(
    reference_graph: Graph, settings: Settings
) -> None:
    query = f"{{ organisations(first: 50, kind: [ILI, CRI]) {{ {PAGE_FIELDS} }} }}"
    assert _round_trips_of(reference_graph, settings, query) == 1


@pytest.mark.parametrize("first", [5, 50])
def test_a_page_of_all_organisations_costs_its_page_and_its_total_whatever_its_size(
    reference_graph: Graph, settings: Settings, first: int
) -> None:
    """The total of a whole label is read from the count store by a query of its own (entities.label_total)."""
    query = f"{{ organisations(first: {first}) {{ {PAGE_FIELDS} }} }}"
    assert _round_trips_of(reference_graph, settings, query) == 2


def post(api: str, body: object) -> httpx.Response:
    return httpx.post(f"{api}/graphql", json=body, timeout=30)


def test_too_many_aliases_are_refused_as_too_complex(api: str) -> None:
    query = "{ " + " ".join(f'a{i}: search(text: "cai") {{ id }}' for i in range(30)) + " }"
    body = post(api, {"query": query}).json()
    assert body["errors"][0]["extensions"]["code"] == "TOO_COMPLEX"


def test_a_query_of_too_many_tokens_is_refused_as_too_complex(api: str) -> None:
    query = "{ organisations { edges { node { " + " ".join(["id"] * 3000) + " } } } }"
    body = post(api, {"query": query}).json()
    assert body["errors"][0]["extensions"]["code"] == "TOO_COMPLEX"


def test_batched_operations_are_refused(api: str) -> None:
    response = post(api, [{"query": "{ viewer { role } }"}] * 5)
    assert response.status_code == 400


def test_a_syntax_error_has_a_code_and_no_traceback(api: str) -> None:
    body = post(api, {"query": "{ organisations { "}).json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INVALID_QUERY"
    assert "Traceback" not in str(body)


def test_list_items_are_counted_at_every_depth() -> None:
    assert count_items({"a": [1, 2, {"b": [3, [4, 5]]}], "c": "texte"}) == 7


@pytest.fixture(scope="module")
def small_api(
    reference_graph: Graph,
    test_server: dict[str, str],
    serve: Callable[[dict[str, str], Path], AbstractContextManager[str]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """A server whose responses may hold at most 50 list items."""
    env = {**test_server, "MAILLAGE_MAX_RESULT_ITEMS": "50"}
    with serve(env, tmp_path_factory.mktemp("small") / "serve.log") as url:
        yield url


def test_a_response_with_too_many_list_items_is_refused_as_too_large(small_api: str) -> None:
    query = "{ organisations(first: 100) { edges { node { id } } } }"
    body = httpx.post(f"{small_api}/graphql", json={"query": query}).json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "TOO_LARGE"
    assert "first" in body["errors"][0]["message"]


def test_a_response_under_the_item_limit_is_sent(small_api: str) -> None:
    query = "{ organisations(first: 20) { edges { node { id } } } }"
    body = httpx.post(f"{small_api}/graphql", json={"query": query}).json()
    assert len(body["data"]["organisations"]["edges"]) == 20


def test_a_query_neo4j_refuses_reaches_the_client_as_internal_without_neo4js_words() -> None:
    refused = QueryError("Neo4j a refusé la requête : java.lang.IllegalArgumentException: input automaton is too large")
    error = coded(GraphQLError(str(refused), original_error=refused, path=["search"]))
    assert error.extensions == {"code": "INTERNAL"}
    assert "java" not in error.message and "Neo4j" not in error.message
