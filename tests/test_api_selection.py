"""Resolvers read only what a request selects: the seats of a body, with or without who exercises them.

Seed 002, l. 3977-3981: the CAI's seat at the FESEFA board (``cai-ca-fesefa``) is exercised by Benoîte
Dessicy on behalf of the seven regional centres. A staff token is used so that the person's id shows.
"""

from __future__ import annotations

from typing import Any

import httpx

SEAT = "id seat validFrom validTo holder { id }"
DETAILS = "person { id } substitute { id } onBehalfOf { id }"


def seats(api: str, token: str, selection: str, fragments: str = "") -> list[dict[str, Any]]:
    query = f'{{ seatsByBody(bodyId: "ca-fesefa") {{ seats {{ {selection} }} }} }} {fragments}'
    response = httpx.post(
        f"{api}/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    body = response.json()
    assert "errors" not in body, body["errors"]
    found: list[dict[str, Any]] = body["data"]["seatsByBody"][0]["seats"]
    return found


def the_cai_seat(found: list[dict[str, Any]]) -> dict[str, Any]:
    return next(seat for seat in found if seat["id"] == "cai-ca-fesefa")


def test_seats_asked_without_their_people_are_the_same_seats(api: str, staff: str) -> None:
    full = seats(api, staff, f"{SEAT} {DETAILS}")
    lean = seats(api, staff, SEAT)
    assert lean == [{field: seat[field] for field in ("id", "seat", "validFrom", "validTo", "holder")} for seat in full]


def test_people_and_principals_asked_directly_come_back(api: str, staff: str) -> None:
    seat = the_cai_seat(seats(api, staff, f"{SEAT} {DETAILS}"))
    assert seat["person"] == {"id": "benoite-dessicy"}
    assert len(seat["onBehalfOf"]) == 7


def test_people_asked_through_a_named_fragment_come_back(api: str, staff: str) -> None:
    found = seats(api, staff, f"{SEAT} ...people", "fragment people on Seat { person { id } }")
    assert the_cai_seat(found)["person"] == {"id": "benoite-dessicy"}


def test_principals_asked_through_an_inline_fragment_come_back(api: str, staff: str) -> None:
    found = seats(api, staff, f"{SEAT} ... on Seat {{ onBehalfOf {{ id }} }}")
    assert {"id": "cric"} in the_cai_seat(found)["onBehalfOf"]


def test_people_asked_under_an_alias_come_back(api: str, staff: str) -> None:
    found = seats(api, staff, "id titular: person { id }")
    assert the_cai_seat(found)["titular"] == {"id": "benoite-dessicy"}
