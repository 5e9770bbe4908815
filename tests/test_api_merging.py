"""Duplicates over HTTP: staff list candidates, merge, undo; anonymous callers can do none of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from maillage.graph.connection import Graph
from maillage.queries.tokens import create_token

PAIR = """
source: doublons-api.yaml
organisations:
  - {id: fede, name: Fédération, kind: federation, sector: integration}
  - {id: ili-x, name: "ILI de Xhoris", kind: ili, sector: integration}
  - {id: ili-x-bis, name: "ILI de Xhoris ASBL", kind: ili, sector: integration}
relations:
  - {type: MEMBER_OF, from: ili-x-bis, to: fede, role: membre}
"""
MERGE = "mutation($k: ID!, $m: ID!) { mergeEntities(kept: $k, merged: $m) { merge moved audit { operation } } }"
UNDO = "mutation($id: ID!) { undoMerge(merge: $id) { operation target } }"


def post(url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers, timeout=30
    )
    return dict(response.json())


@pytest.fixture
def pair(load_yaml: Callable[[str], Graph]) -> tuple[Graph, str]:
    graph = load_yaml(PAIR)
    return graph, create_token(graph, "Équipe fusion", "staff")[1]


def test_staff_see_the_duplicate_candidates(api_server: str, pair: tuple[Graph, str]) -> None:
    answer = post(api_server, "{ duplicateCandidates { first second reason score } }", token=pair[1])
    assert answer["data"]["duplicateCandidates"][0]["first"] == "ili-x"
    assert answer["data"]["duplicateCandidates"][0]["second"] == "ili-x-bis"


def test_staff_merge_then_the_merged_id_answers_with_the_kept_entity(api_server: str, pair: tuple[Graph, str]) -> None:
    merged = post(api_server, MERGE, {"k": "ili-x", "m": "ili-x-bis"}, token=pair[1])["data"]["mergeEntities"]
    assert (merged["moved"], merged["audit"]["operation"]) == (1, "merge")
    entity = post(api_server, '{ entity(id: "ili-x-bis") { id } }')["data"]["entity"]
    assert entity == {"id": "ili-x"}


def test_staff_undo_a_merge_over_http(api_server: str, pair: tuple[Graph, str]) -> None:
    merged = post(api_server, MERGE, {"k": "ili-x", "m": "ili-x-bis"}, token=pair[1])["data"]["mergeEntities"]
    undone = post(api_server, UNDO, {"id": merged["merge"]}, token=pair[1])["data"]["undoMerge"]
    assert undone == {"operation": "undoMerge", "target": "ili-x"}
    assert post(api_server, '{ entity(id: "ili-x-bis") { id } }')["data"]["entity"] == {"id": "ili-x-bis"}


def test_merging_with_itself_is_an_invalid_input_over_http(api_server: str, pair: tuple[Graph, str]) -> None:
    answer = post(api_server, MERGE, {"k": "ili-x", "m": "ili-x"}, token=pair[1])
    assert answer["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_anonymous_callers_cannot_merge(api_server: str, pair: tuple[Graph, str]) -> None:
    answer = post(api_server, MERGE, {"k": "ili-x", "m": "ili-x-bis"})
    assert answer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert post(api_server, '{ entity(id: "ili-x-bis") { id } }')["data"]["entity"] == {"id": "ili-x-bis"}
