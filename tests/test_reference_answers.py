"""Queries reformulated for speed keep their answers on the reference dataset.

tests/fixtures/pins/reference_answers.json holds the answers the original formulations gave (issue 15):
every partner suggestion (limit 100) of every organisation working on a theme and of two platforms, with its
score and the value of each factor; every recommendation's trace (k 3 and 10) as the node ids along each
path. Paths with the same nodes but other relationships (two ties between the same organisations) are one
answer here: their order among themselves is not part of the contract.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from maillage.graph.connection import Graph
from maillage.queries import load
from maillage.queries.horizontal import MESH_TYPES, partner_suggestions
from maillage.queries.tracing import trace_recommendation

PINS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "fixtures" / "pins" / "reference_answers.json").read_text(encoding="utf-8")
)
AS_OF = dt.date.fromisoformat(PINS["asOf"])


@pytest.mark.parametrize("target", sorted(PINS["suggestions"]))
def test_partner_suggestions_are_those_of_the_original_query(reference_graph: Graph, target: str) -> None:
    found = [
        {"id": s.organisation.id, "score": s.score, "values": {p.factor: p.value for p in s.parts}}
        for s in partner_suggestions(reference_graph, target, as_of=AS_OF, limit=100)
    ]
    assert found == PINS["suggestions"][target]


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_a_short_page_of_suggestions_is_the_head_of_the_long_one(reference_graph: Graph, limit: int) -> None:
    """With fewer places than candidates, the query drops candidates by their bounds before reading them:
    the page must still be the head of the full ranking."""
    for target, pinned in sorted(PINS["suggestions"].items()):
        found = [s.organisation.id for s in partner_suggestions(reference_graph, target, as_of=AS_OF, limit=limit)]
        assert found == [p["id"] for p in pinned[:limit]], target


@pytest.mark.parametrize("key", sorted(PINS["traces"]))
def test_recommendation_traces_are_those_of_the_original_query(reference_graph: Graph, key: str) -> None:
    recommendation, k = key.split("|")
    trace = trace_recommendation(reference_graph, recommendation, k=int(k), as_of=AS_OF)
    found = {
        a.addressee.id: {"isSource": a.is_source, "paths": [" > ".join(n.id for n in p.nodes) for p in a.paths]}
        for a in trace.addressees
    }
    assert found == PINS["traces"][key]


def test_the_pins_cover_suggestions_and_paths() -> None:
    """The pinned answers are not empty lists: they would pin nothing."""
    assert sum(len(v) for v in PINS["suggestions"].values()) > 100
    assert sum(len(a["paths"]) for t in PINS["traces"].values() for a in t.values()) > 300


def test_the_mesh_types_written_out_in_the_suggestion_query_are_those_of_the_model() -> None:
    """suggestion_candidates names the mesh types in its patterns (the degree store is read only for types known
    when the query is planned): they must stay the model's."""
    written = re.findall(r"\(c\)-\[r?:([A-Z_|]+)\]-\(\)", load("horizontal.suggestion_candidates").text)
    assert written and all(tuple(sorted(types.split("|"))) == MESH_TYPES for types in written)
