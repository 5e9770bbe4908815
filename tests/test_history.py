"""The network between two dates: ties and mandates that began or ended, and how centrality moved."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import httpx
import pytest

from maillage.analysis import analyse, compare
from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.vocabulary import ChangeKind, Layer
from maillage.queries.history import changes_between

TIMELINE = """
source: chronologie-test.yaml
organisations:
  - {id: fede, name: Fédération, kind: federation, sector: integration}
  - {id: ili-a, name: ILI A, kind: ili, sector: integration}
  - {id: ili-b, name: ILI B, kind: ili, sector: integration}
bodies:
  - {id: ca-fede, name: CA de la fédération, kind: conseil_administration, organisation: fede}
mandates:
  - {id: m-ca-ili-a, title: Administrateur, body: ca-fede, holder: ili-a, seat: effectif, validFrom: 2023-03-01}
relations:
  - {type: MEMBER_OF, from: ili-a, to: fede, role: membre, validFrom: 2022-01-01}
  - {type: MEMBER_OF, from: ili-b, to: fede, role: membre, validFrom: 2020-01-01, validTo: 2023-06-30}
  - {type: PARTNER_OF, from: ili-a, to: ili-b, validFrom: 2024-02-01}
"""
SINCE, UNTIL = dt.date(2022, 6, 1), dt.date(2024, 1, 1)


@pytest.fixture
def timeline(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(TIMELINE)


def test_a_tie_that_ended_in_the_period_is_listed_as_ended(timeline: Graph) -> None:
    ties = changes_between(timeline, SINCE, UNTIL).ties
    assert [(t.change, t.date, t.source.id, t.target.id) for t in ties] == [
        (ChangeKind.ENDED, dt.date(2023, 6, 30), "ili-b", "fede")
    ]


def test_ties_outside_the_period_are_left_out(timeline: Graph) -> None:
    ties = changes_between(timeline, dt.date(2024, 1, 1), dt.date(2025, 1, 1)).ties
    assert [(t.change, t.type) for t in ties] == [(ChangeKind.BEGAN, "PARTNER_OF")]


def test_a_mandate_that_began_in_the_period_is_listed_with_its_body(timeline: Graph) -> None:
    mandates = changes_between(timeline, SINCE, UNTIL).mandates
    assert [(m.change, m.id, m.holder, m.body) for m in mandates] == [
        (ChangeKind.BEGAN, "m-ca-ili-a", "ili-a", "ca-fede")
    ]


def test_changes_carry_their_provenance(timeline: Graph) -> None:
    found = changes_between(timeline, SINCE, UNTIL)
    assert found.ties[0].properties["source"] == "chronologie-test.yaml"
    assert found.mandates[0].source == "chronologie-test.yaml"


def test_changes_can_be_limited_to_one_mesh(timeline: Graph) -> None:
    ties = changes_between(timeline, dt.date(2020, 1, 1), dt.date(2025, 1, 1), layers=[Layer.HORIZONTAL]).ties
    assert {t.layer for t in ties} == {Layer.HORIZONTAL}


def test_a_period_that_ends_before_it_starts_is_refused(timeline: Graph) -> None:
    with pytest.raises(InvalidInput, match="until"):
        changes_between(timeline, UNTIL, SINCE)


def test_centrality_change_shows_who_lost_ties(timeline: Graph) -> None:
    changes = compare(analyse(timeline, as_of=SINCE), analyse(timeline, as_of=UNTIL), "degree")
    by_id = {c.id: c for c in changes}
    assert by_id["ili-b"].delta < 0
    assert by_id["ili-b"].after is None or by_id["ili-b"].after < (by_id["ili-b"].before or 0)


def test_changes_over_http(api_server: str, timeline: Graph) -> None:
    query = """{ changes(since: "2022-06-01", until: "2024-01-01") {
      ties { change date reading source { id } target { id } }
      mandates { change id holderName bodyName } } }"""
    answer = httpx.post(f"{api_server}/graphql", json={"query": query}).json()["data"]["changes"]
    assert answer["ties"] == [
        {
            "change": "ENDED",
            "date": "2023-06-30",
            "reading": "est membre de",
            "source": {"id": "ili-b"},
            "target": {"id": "fede"},
        }
    ]
    assert answer["mandates"] == [
        {"change": "BEGAN", "id": "m-ca-ili-a", "holderName": "ILI A", "bodyName": "CA de la fédération"}
    ]


def test_centrality_change_over_http(api_server: str, timeline: Graph) -> None:
    """The two analyses are computed in the background: the answer says so until both are there."""
    query = """{ centralityChange(since: "2022-06-01", until: "2024-01-01", measure: "degree") {
      analysis { state } changes { id delta } } }"""
    deadline = time.monotonic() + 60
    while True:
        found = httpx.post(f"{api_server}/graphql", json={"query": query}).json()["data"]["centralityChange"]
        if found["analysis"]["state"] == "READY":
            break
        assert time.monotonic() < deadline, found
        time.sleep(0.1)
    deltas = [abs(row["delta"]) for row in found["changes"]]
    assert deltas == sorted(deltas, reverse=True) and deltas[0] > 0
