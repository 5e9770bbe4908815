"""What third-party attack tools found (issue 18): the media type gate, unreadable names, the cost budget."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from maillage.api.cost import ANONYMOUS_BUDGET, STAFF_BUDGET
from maillage.graph.connection import Graph

VIEWER = b'{"query": "{ viewer { role } }"}'


def raw(url: str, body: bytes, content_type: str | None, token: str | None = None) -> httpx.Response:
    headers = {"content-type": content_type} if content_type is not None else {}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return httpx.post(f"{url}/graphql", content=body, headers=headers, timeout=30)


def post(url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers, timeout=60
    )


def code(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


# --- the Content-Type gate ---------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["x-application/json", "text/plain, application/json", "text/plain", ""])
def test_a_media_type_other_than_application_json_is_refused_with_415(api: str, content_type: str) -> None:
    response = raw(api, VIEWER, content_type)
    assert (response.status_code, code(response)) == (415, "UNSUPPORTED_MEDIA_TYPE")
    assert "application/json" in response.json()["errors"][0]["message"]


def test_application_json_with_a_charset_is_executed(api: str) -> None:
    response = raw(api, VIEWER, "Application/JSON; charset=utf-8")
    assert response.json()["data"]["viewer"]["role"] == "ANONYMOUS"


@pytest.mark.parametrize("body", [b'"x"', b"123", b"null", b"9" * 5000, b"[" * 50_000])
@pytest.mark.parametrize("content_type", ["application/json", "x-application/json"])
def test_a_body_that_is_not_a_graphql_request_never_gives_a_server_error(
    api: str, body: bytes, content_type: str
) -> None:
    response = raw(api, body, content_type)
    assert response.status_code in (400, 415)
    assert code(response) in ("INVALID_QUERY", "UNSUPPORTED_MEDIA_TYPE")


def test_a_5000_digit_variable_is_refused_before_strawberry_sees_it(api: str) -> None:
    body = b'{"query": "query($n: Int) { themes(first: $n) { totalCount } }", "variables": {"n": ' + b"9" * 5000 + b"}}"
    response = raw(api, body, "application/json")
    assert (response.status_code, code(response)) == (400, "INVALID_QUERY")


# --- names made of invisible characters ------------------------------------------------------------------

CREATE_ORG = "mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }"


@pytest.mark.parametrize("name", ["\u0000", "\u202egnp.exe", "\u200b", "\u2066\u2069", "\\\x8e", "   \u200d  "])
def test_a_name_of_control_or_invisible_characters_is_refused_by_mutations(
    api: str, staff: str, reference_graph: Graph, name: str
) -> None:
    response = post(
        api,
        CREATE_ORG,
        {"input": {"id": "invisible", "name": name, "kind": "COUPOLE", "sector": "INTEGRATION"}},
        token=staff,
    )
    assert code(response) == "INVALID_INPUT"
    assert "input.name" in response.json()["errors"][0]["message"]
    assert reference_graph.read("MATCH (o:Organisation {id: 'invisible'}) RETURN o") == []


# --- the cost budget ---------------------------------------------------------------------------------


def aliases(field: str, count: int) -> str:
    return "{ " + " ".join(f"a{i}: {field}" for i in range(count)) + " }"


RANKING = 'centralityRanking(measure: "betweenness", top: 500) { scores { id value } }'
NETWORK = "network(limit: 2000) { nodes { id } edges { source target } }"


@pytest.mark.parametrize("field", [RANKING, NETWORK])
def test_twenty_aliases_of_a_large_field_are_refused_anonymously_naming_cost_and_budget(api: str, field: str) -> None:
    response = post(api, aliases(field, 20))
    assert code(response) == "TOO_COMPLEX"
    error = response.json()["errors"][0]
    assert error["extensions"]["budget"] == ANONYMOUS_BUDGET and error["extensions"]["cost"] > ANONYMOUS_BUDGET
    assert (
        f"budget {ANONYMOUS_BUDGET}" in error["message"] and f"coût {error['extensions']['cost']}" in error["message"]
    )
    assert response.json()["data"] is None


def test_a_single_large_network_fits_the_anonymous_budget(api: str) -> None:
    assert "errors" not in post(api, "{ " + NETWORK + " }").json()


def test_staff_has_a_higher_budget_than_anonymous_callers(api: str, staff: str) -> None:
    query = aliases(NETWORK, 3)
    assert code(post(api, query)) == "TOO_COMPLEX"
    assert "errors" not in post(api, query, token=staff).json()
    assert STAFF_BUDGET > ANONYMOUS_BUDGET


def test_a_size_given_by_a_variable_is_priced_too(api: str) -> None:
    query = "query($n: Int!) { " + " ".join(f"a{i}: network(limit: $n) {{ nodes {{ id }} }}" for i in range(10)) + " }"
    assert code(post(api, query, {"n": 2000})) == "TOO_COMPLEX"
    assert "errors" not in post(api, query, {"n": 10}).json()


# --- source documents and people ----------------------------------------------------------------------


def people(graph: Graph) -> list[str]:
    return [row["name"] for row in graph.read("MATCH (p:Person) RETURN p.name AS name")]


def source_names(api: str, graph: Graph) -> list[str]:
    """The provenance sources of the mandates (where a person's name could be read)."""
    rows = graph.read("MATCH (m:Mandate) RETURN DISTINCT m.source AS source")
    return [row["source"] for row in rows if row["source"] and row["source"].endswith(".txt")]


def test_an_anonymous_reader_of_a_source_document_sees_no_person_name(api: str, reference_graph: Graph) -> None:
    names = people(reference_graph)
    sources = source_names(api, reference_graph)
    assert names and sources
    for source in sources:
        page = httpx.get(f"{api}/sources/{source}", timeout=30)
        assert page.status_code == 200
        assert not [name for name in names if name in page.text], source
    assert any("ligne masquée" in httpx.get(f"{api}/sources/{source}", timeout=30).text for source in sources)


def test_staff_reads_the_whole_source_document(api: str, reference_graph: Graph, staff: str) -> None:
    names = people(reference_graph)
    pages = [
        httpx.get(f"{api}/sources/{source}", headers={"Authorization": f"Bearer {staff}"}, timeout=30).text
        for source in source_names(api, reference_graph)
    ]
    assert any(name in text for name in names for text in pages)
    assert not any("ligne masquée" in text for text in pages)
