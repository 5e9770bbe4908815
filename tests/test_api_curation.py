"""Tokens, roles and curation over HTTP: who may write, what a write records, no lost update."""

from __future__ import annotations

import concurrent.futures
from typing import Any

import httpx

from maillage.graph.connection import Graph
from maillage.queries.tokens import create_token, revoke_token

MANDATE = {
    "id": "coupole-test-observatoire",
    "title": "Mandat de test",
    "body": "observatoire-integration",
    "holder": "coupole",
    "seat": "SUPPLEANT",
    "validFrom": "2025-01-01",
}
CREATE = "mutation($input: MandateInput!) { createMandate(input: $input) { id revision audit { actor operation } } }"
END = """mutation($id: ID!, $validTo: Date!, $rev: Int) {
  endMandate(id: $id, validTo: $validTo, expectedRevision: $rev) { id revision properties } }"""


def post(url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers, timeout=30
    )


def code(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


def mandate_count(graph: Graph) -> int:
    return int(graph.read("MATCH (m:Mandate) RETURN count(m) AS n")[0]["n"])


def test_an_anonymous_write_is_refused_as_unauthenticated(api: str, reference_graph: Graph) -> None:
    before = mandate_count(reference_graph)
    response = post(api, CREATE, {"input": {**MANDATE, "id": "anonyme"}})
    assert code(response) == "UNAUTHENTICATED"
    assert mandate_count(reference_graph) == before


def test_an_unknown_token_is_refused_with_401(api: str) -> None:
    response = post(api, "{ viewer { role } }", token="mlg_faux")
    assert (response.status_code, code(response)) == (401, "UNAUTHENTICATED")


def test_a_revoked_token_is_refused(api: str, reference_graph: Graph) -> None:
    info, token = create_token(reference_graph, "Temporaire", "staff")
    assert post(api, "{ viewer { role } }", token=token).json()["data"]["viewer"]["role"] == "STAFF"
    revoke_token(reference_graph, info.id)
    assert post(api, "{ viewer { role } }", token=token).status_code == 401


def test_a_token_is_stored_only_as_its_hash(reference_graph: Graph, staff: str) -> None:
    stored = reference_graph.read("MATCH (t:ApiToken) RETURN properties(t) AS p")
    assert stored and all(staff not in str(row["p"]) for row in stored)


def test_staff_creates_a_mandate_and_the_write_is_audited(api: str, staff: str) -> None:
    created = post(api, CREATE, {"input": MANDATE}, token=staff).json()["data"]["createMandate"]
    assert created == {
        "id": MANDATE["id"],
        "revision": 1,
        "audit": {"actor": "Équipe test", "operation": "createMandate"},
    }
    seats = post(api, '{ seatsByBody(bodyId: "observatoire-integration") { seats { id seatLabel } } }').json()
    assert {"id": MANDATE["id"], "seatLabel": "Membre suppléant"} in seats["data"]["seatsByBody"][0]["seats"]
    trail = post(api, "query($t: ID) { auditTrail(target: $t) { actor after } }", {"t": MANDATE["id"]}, token=staff)
    assert trail.json()["data"]["auditTrail"][0]["after"]["title"] == "Mandat de test"


def test_the_audit_trail_is_for_staff_only(api: str) -> None:
    assert code(post(api, "{ auditTrail { id } }")) == "UNAUTHENTICATED"


def test_invalid_input_names_the_field_and_writes_nothing(api: str, staff: str, reference_graph: Graph) -> None:
    before = mandate_count(reference_graph)
    response = post(api, CREATE, {"input": {**MANDATE, "id": "Pas Valide", "validTo": "2024-01-01"}}, token=staff)
    assert code(response) == "INVALID_INPUT"
    assert "input.id" in response.json()["errors"][0]["message"]
    assert mandate_count(reference_graph) == before


def test_a_dangling_reference_is_not_found_and_writes_nothing(api: str, staff: str, reference_graph: Graph) -> None:
    before = mandate_count(reference_graph)
    response = post(api, CREATE, {"input": {**MANDATE, "id": "sans-instance", "body": "nulle-part"}}, token=staff)
    assert code(response) == "NOT_FOUND"
    assert "nulle-part" in response.json()["errors"][0]["message"]
    assert mandate_count(reference_graph) == before


def test_ending_a_mandate_keeps_it_with_its_end_date(api: str, staff: str, reference_graph: Graph) -> None:
    post(api, CREATE, {"input": {**MANDATE, "id": "a-terminer"}}, token=staff)
    ended = post(api, END, {"id": "a-terminer", "validTo": "2025-06-30", "rev": 1}, token=staff).json()
    assert ended["data"]["endMandate"]["properties"]["validTo"] == "2025-06-30"
    assert reference_graph.read("MATCH (m:Mandate {id: 'a-terminer'}) RETURN m.validTo AS v")[0]["v"].iso_format() == (
        "2025-06-30"
    )


def test_a_stale_revision_is_a_conflict(api: str, staff: str) -> None:
    post(api, CREATE, {"input": {**MANDATE, "id": "revision-test"}}, token=staff)
    post(api, END, {"id": "revision-test", "validTo": "2025-06-30", "rev": 1}, token=staff)
    stale = post(api, END, {"id": "revision-test", "validTo": "2025-05-31", "rev": 1}, token=staff)
    assert code(stale) == "CONFLICT"
    assert "révision 2" in stale.json()["errors"][0]["message"]


def test_two_concurrent_edits_of_one_mandate_do_not_lose_an_update(api: str, staff: str) -> None:
    post(api, CREATE, {"input": {**MANDATE, "id": "concurrent"}}, token=staff)
    dates = ["2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(
            pool.map(lambda d: post(api, END, {"id": "concurrent", "validTo": d, "rev": 1}, token=staff), dates)
        )
    outcomes = sorted("ok" if "errors" not in r.json() else code(r) for r in responses)
    assert outcomes == ["CONFLICT", "CONFLICT", "CONFLICT", "ok"]


def test_anonymous_seats_hide_names_and_ids_staff_seats_show_them(api: str, staff: str, reference_graph: Graph) -> None:
    reference_graph.write("CREATE (:Entity:Person {id: 'p-test', name: 'Camille Exemple', source: 'test'})")
    post(api, CREATE, {"input": {**MANDATE, "id": "avec-personne", "person": "p-test"}}, token=staff)
    query = '{ seatsByBody(bodyId: "observatoire-integration") { seats { id person { id name } } } }'

    def person(token: str | None) -> dict[str, Any]:
        seats = post(api, query, token=token).json()["data"]["seatsByBody"][0]["seats"]
        return next(s["person"] for s in seats if s["id"] == "avec-personne")

    anonymous = person(None)
    assert anonymous["name"] is None and anonymous["id"].startswith("personne-") and "p-test" not in anonymous["id"]
    assert person(None) == anonymous  # a pseudonym: the same person is the same node from one request to the next
    assert person(staff) == {"id": "p-test", "name": "Camille Exemple"}


def test_a_too_large_request_is_refused(api: str) -> None:
    response = post(api, "{ viewer { role } }", {"padding": "x" * 100_000})
    assert (response.status_code, code(response)) == (413, "TOO_LARGE")
