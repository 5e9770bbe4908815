"""The BCE/KBO proposals over HTTP: staff list and decide them; anonymous callers cannot."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from conftest import KBO_REGISTER

from maillage.graph.connection import Graph
from maillage.importers.kbo import import_register
from maillage.queries.tokens import create_token

PENDING = "{ proposals { id target targetName field current proposed source locator status } }"
DECIDE = "mutation($id: ID!, $accept: Boolean!) { decideProposal(id: $id, accept: $accept) { operation target } }"


def post(url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    return dict(response.json())


@pytest.fixture
def proposed(registered: Graph) -> tuple[Graph, str]:
    graph = registered
    import_register(graph, KBO_REGISTER)
    return graph, create_token(graph, "Équipe BCE", "staff")[1]


def test_staff_read_the_pending_proposals_with_their_source(api_server: str, proposed: tuple[Graph, str]) -> None:
    answer = post(api_server, PENDING, token=proposed[1])
    dutch = next(p for p in answer["data"]["proposals"] if p["field"] == "nameNl")
    assert (dutch["targetName"], dutch["locator"], dutch["status"]) == (
        "Centre d'Action Interculturelle",
        "ligne 3",
        "PENDING",
    )


def test_anonymous_callers_cannot_read_proposals(api_server: str, proposed: tuple[Graph, str]) -> None:
    answer = post(api_server, PENDING)
    assert answer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_staff_accept_a_proposal_over_http(api_server: str, proposed: tuple[Graph, str]) -> None:
    graph, token = proposed
    address = next(p for p in post(api_server, PENDING, token=token)["data"]["proposals"] if p["field"] == "address")
    answer = post(api_server, DECIDE, {"id": address["id"], "accept": True}, token=token)
    assert answer["data"]["decideProposal"] == {"operation": "acceptProposal", "target": address["target"]}
    stored = graph.read("MATCH (n:Organisation {id: $id}) RETURN n.address AS a", {"id": address["target"]})
    assert stored[0]["a"] == address["proposed"]


def test_anonymous_callers_cannot_decide(api_server: str, proposed: tuple[Graph, str]) -> None:
    graph, token = proposed
    first = post(api_server, PENDING, token=token)["data"]["proposals"][0]
    answer = post(api_server, DECIDE, {"id": first["id"], "accept": True})
    assert answer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert len(post(api_server, PENDING, token=token)["data"]["proposals"]) == 9
