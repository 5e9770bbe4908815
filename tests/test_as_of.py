"""The graph as it was at a date: ``asOf`` keeps the ties and mandates valid that day (begun on or before it,
not ended before it) in the network, an entity's neighbourhood and its neighbours' pages, on the database and
over HTTP; a malformed date is refused with a message naming the argument."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from test_queries_network import SECTOR

from maillage.graph.connection import Graph
from maillage.queries.network import neighbourhood, neighbours_page

BEFORE_THE_END = dt.date(2024, 6, 1)
"""m-old (held by fede) still runs; ili-liege has left fede (2024-01-01)."""
AFTER_THE_END = dt.date(2025, 6, 1)
"""m-old has ended (2024-12-31)."""
LONG_AGO = dt.date(2023, 6, 1)
"""ili-liege is still a member of fede."""


@pytest.fixture
def sector(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(SECTOR)


def others(graph: Graph, id: str, day: dt.date) -> set[str]:
    return {r.other.id for r in neighbourhood(graph, id, as_of=day).relationships}


def test_a_mandate_that_has_ended_leaves_its_holders_neighbourhood(sector: Graph) -> None:
    assert "m-old" in others(sector, "fede", BEFORE_THE_END)
    assert "m-old" not in others(sector, "fede", AFTER_THE_END)


def test_a_mandate_that_has_ended_leaves_its_bodys_neighbourhood(sector: Graph) -> None:
    assert {"m1", "m-old"} <= others(sector, "observatoire", BEFORE_THE_END)
    assert "m-old" not in others(sector, "observatoire", AFTER_THE_END)


def test_a_tie_that_has_ended_is_only_in_the_neighbourhood_before_its_end(sector: Graph) -> None:
    assert "ili-liege" in others(sector, "fede", LONG_AGO)
    assert "ili-liege" not in others(sector, "fede", BEFORE_THE_END)


def test_the_neighbours_pages_count_only_what_is_valid_at_the_date(sector: Graph) -> None:
    then = neighbours_page(sector, "fede", as_of=BEFORE_THE_END)
    now = neighbours_page(sector, "fede", as_of=AFTER_THE_END)
    assert "m-old" in {r.other.id for r in then.relationships}
    assert "m-old" not in {r.other.id for r in now.relationships}
    assert now.total == then.total - 1


def post(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables or {}}, timeout=60)
    return dict(response.json())


def test_the_network_over_http_shows_the_ties_of_the_date_asked(sector: Graph, api_server: str) -> None:
    query = "query($d: Date) { network(layers: [VERTICAL], asOf: $d) { edges { source target } } }"

    def ties(day: dt.date) -> set[tuple[str, str]]:
        body = post(api_server, query, {"d": day.isoformat()})
        return {(e["source"], e["target"]) for e in body["data"]["network"]["edges"]}

    assert ("ili-liege", "fede") in ties(LONG_AGO)
    assert ("ili-liege", "fede") not in ties(AFTER_THE_END)
    assert ("ili-namur", "fede") in ties(AFTER_THE_END)


def test_the_neighbourhood_over_http_leaves_out_a_mandate_ended_at_the_date(sector: Graph, api_server: str) -> None:
    query = 'query($d: Date) { neighbourhood(id: "fede", asOf: $d) { relationships { other { id } } } }'

    def shown(day: dt.date) -> set[str]:
        body = post(api_server, query, {"d": day.isoformat()})
        return {r["other"]["id"] for r in body["data"]["neighbourhood"]["relationships"]}

    assert "m-old" in shown(BEFORE_THE_END)
    assert "m-old" not in shown(AFTER_THE_END)


def test_the_neighbours_over_http_page_what_is_valid_at_the_date(sector: Graph, api_server: str) -> None:
    query = 'query($d: Date) { neighbours(id: "fede", asOf: $d, first: 10) { total relationships { other { id } } } }'
    then = post(api_server, query, {"d": BEFORE_THE_END.isoformat()})["data"]["neighbours"]
    now = post(api_server, query, {"d": AFTER_THE_END.isoformat()})["data"]["neighbours"]
    assert now["total"] == then["total"] - 1
    assert "m-old" not in {r["other"]["id"] for r in now["relationships"]}


@pytest.mark.parametrize("literal", ['"2024-13-45"', '"01/06/2024"', '"hier"', "20240601"])
def test_a_malformed_date_literal_is_refused_naming_the_argument(api_server: str, literal: str) -> None:
    body = post(api_server, f"{{ network(asOf: {literal}) {{ truncated }} }}")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["message"].startswith("asOf : date invalide")
    assert "AAAA-MM-JJ" in error["message"]


def test_a_malformed_date_variable_is_refused_naming_the_argument_and_the_variable(api_server: str) -> None:
    query = 'query($jour: Date) { neighbourhood(id: "fede", asOf: $jour) { id } }'
    [error] = post(api_server, query, {"jour": "2024-02-30"})["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["message"].startswith("asOf (variable $jour) : date invalide « 2024-02-30 »")
