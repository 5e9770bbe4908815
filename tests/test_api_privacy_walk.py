"""No person's name reaches an anonymous viewer, whatever field, path or error it could travel by.

The walk reads the schema by introspection (development mode allows it), fills each Query field's
arguments from the reference data (ids of organisations, bodies, mandates, recommendations, people…,
defaults otherwise), selects every scalar field down to a bounded depth within the server's limits,
and runs it anonymously, then with a staff token: the anonymous answers must hold no name of a Person
of the graph, and the staff answers must hold some (else the walk would prove nothing).
"""

from __future__ import annotations

import itertools
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from graphql import Source
from graphql.language import Lexer, TokenKind

from maillage.api.schema import MAX_DEPTH, MAX_TOKENS
from maillage.graph.connection import Graph

WALK_DEPTH = 6
"""Levels of selection below a Query field; the server refuses beyond MAX_DEPTH."""
TOKEN_BUDGET = MAX_TOKENS - 200
CALLS_PER_FIELD = 10
"""At most this many argument sets per field (the pools put the ids closest to people first)."""

INTROSPECTION = """{ __schema { queryType { name } types { name kind
  fields { name args { name defaultValue type { ...T } } type { ...T } } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"""

FIELD_ID_POOLS = {
    "neighbourhood": "anything",
    "traceRecommendation": "recommendations",
    "carriers": "recommendations",
    "statusTimeline": "recommendations",
}
"""The pool an ``id`` argument draws from, by field; other fields' ``id`` is an organisation."""
ARG_POOLS = {
    "id": "organisations",
    "targetId": "targets",
    "memorandumId": "memoranda",
    "criId": "cris",
    "themeId": "themes",
    "year": "years",
    "text": "names",
}
"""The pool a required argument draws from, by name."""
OPTIONAL_CALLS: dict[str, list[dict[str, str]]] = {
    "base": [{"person": "people"}, {"mandate": "mandates"}, {"organisation": "organisations"}],
    "seatsByBody": [{}, {"bodyId": "bodies"}, {"holderId": "organisations"}],
    "accessPaths": [{}, {"sourceId": "organisations"}],
}
"""Optional arguments worth filling too (each dict is one series of calls; {} means defaults)."""
EXTRA_VALUES: dict[str, list[dict[str, Any]]] = {
    "expiringMandates": [{"withinDays": 3660, "asOf": "2020-01-01"}],
    "seatsPerPerson": [{"threshold": 1}],
    "seatsPerOrganisation": [{"threshold": 1}],
    "seatsByBody": [{"asOf": "2020-01-01"}],
}
"""Fixed argument values that widen what the defaults return (every seat, every person)."""
PERSON_BEARING = {"Seat", "ExpiringSeat", "PersonLoad", "Path", "Neighbourhood", "AddresseePaths", "Base"}
"""Types through which a person may travel: every Query field reaching one must be walked."""


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class Walk:
    """What a walk ran and met."""

    bodies: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    walked: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def names(reference_graph: Graph) -> dict[str, str]:
    """Every person of the graph: folded name → id."""
    rows = reference_graph.read("MATCH (p:Person) WHERE p.name IS NOT NULL RETURN p.id AS id, p.name AS name")
    found = {fold(row["name"]): row["id"] for row in rows}
    assert len(found) >= 10, "les données de référence nomment des personnes"
    return found


def column(graph: Graph, cypher: str) -> list[Any]:
    return [row["v"] for row in graph.read(cypher)]


@pytest.fixture(scope="module")
def pools(reference_graph: Graph) -> dict[str, list[Any]]:
    """Argument values from the reference data, those closest to people first."""
    g = reference_graph
    people = column(g, "MATCH (p:Person) RETURN p.id AS v ORDER BY v")
    mandates = column(
        g,
        """MATCH (m:Mandate)
           RETURN m.id AS v ORDER BY exists { (:Person)-[:EXERCISES]->(m) } DESC, COUNT { (m)--() } DESC, v""",
    )
    organisations = column(
        g,
        """MATCH (o:Organisation)
           RETURN o.id AS v ORDER BY COUNT { (:Person)-[:WORKS_FOR]->(o) }
                                   + COUNT { (o)-[:HOLDS]->(:Mandate)<-[:EXERCISES]-(:Person) } DESC, v""",
    )
    bodies = column(
        g,
        "MATCH (b:Body) RETURN b.id AS v ORDER BY COUNT { (:Person)-[:EXERCISES]->(:Mandate)-[:SEAT_IN]->(b) } DESC, v",
    )
    recommendations = column(g, "MATCH (r:Recommendation) RETURN r.id AS v ORDER BY v")
    found = {
        "people": people,
        "mandates": mandates,
        "organisations": organisations,
        "bodies": bodies,
        "recommendations": recommendations,
        "memoranda": column(g, "MATCH (m:Memorandum) RETURN m.id AS v ORDER BY v"),
        "cris": column(
            g, "MATCH (o:Organisation {kind: 'cri'}) RETURN o.id AS v ORDER BY COUNT { (o)<-[:REFERS_TO]-() } DESC, v"
        ),
        "themes": column(g, "MATCH (t:Theme) RETURN t.id AS v ORDER BY COUNT { (t)--() } DESC, v"),
        "years": column(
            g, "MATCH ()-[r:REFERS_TO]->() WHERE r.year IS NOT NULL RETURN DISTINCT r.year AS v ORDER BY v DESC"
        ),
        "names": [x for p in column(g, "MATCH (p:Person) RETURN p.name AS v ORDER BY v") for x in (p, p.split()[-1])],
        "targets": [x for pair in itertools.zip_longest(bodies, organisations) for x in pair if x],
        "anything": [
            x
            for group in itertools.zip_longest(people, mandates, organisations, bodies, recommendations)
            for x in group
            if x
        ],
    }
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    return found


def post(url: str, query: str, variables: dict[str, Any], token: str | None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers, timeout=60)
    assert response.status_code < 500, response.text[:500]
    body: dict[str, Any] = response.json()
    return body


def unwrap(ref: dict[str, Any]) -> dict[str, Any]:
    while ref["kind"] in ("NON_NULL", "LIST"):
        ref = ref["ofType"]
    return ref


def type_string(ref: dict[str, Any]) -> str:
    if ref["kind"] == "NON_NULL":
        return type_string(ref["ofType"]) + "!"
    if ref["kind"] == "LIST":
        return "[" + type_string(ref["ofType"]) + "]"
    return str(ref["name"])


def required(arg: dict[str, Any]) -> bool:
    return arg["type"]["kind"] == "NON_NULL" and arg["defaultValue"] is None


class Schema:
    """The introspected schema and the selections that read everything below a type."""

    def __init__(self, introspected: dict[str, Any]) -> None:
        self.types = {t["name"]: t for t in introspected["types"]}
        self.query = self.types[introspected["queryType"]["name"]]

    def parts(self, type_name: str, depth: int) -> list[str]:
        """One selection per field of ``type_name`` (leaves as is, objects recursively), none if too deep."""
        kind = self.types[type_name]["kind"]
        if kind not in ("OBJECT", "INTERFACE") or depth == 0:
            return []
        found = []
        for f in self.types[type_name]["fields"] or []:
            if any(required(a) for a in f["args"]):
                continue
            target = unwrap(f["type"])["name"]
            if self.types[target]["kind"] in ("SCALAR", "ENUM"):
                found.append(f["name"])
            elif sub := self.parts(target, depth - 1):
                found.append(f"{f['name']} {{ {' '.join(sub)} }}")
        return found

    def reaches(self, type_name: str, wanted: set[str], depth: int) -> bool:
        if type_name in wanted:
            return True
        if depth == 0 or self.types[type_name]["kind"] != "OBJECT":
            return False
        return any(self.reaches(unwrap(f["type"])["name"], wanted, depth - 1) for f in self.types[type_name]["fields"])


def tokens(query: str) -> int:
    lexer = Lexer(Source(query))
    count = 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


def queries_for(schema: Schema, f: dict[str, Any], args: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``f`` with ``args`` selecting everything, split into several queries under the token limit."""
    declared = {a["name"]: type_string(a["type"]) for a in f["args"]}
    head = f["name"]
    if args:
        head += "(" + ", ".join(f"{n}: ${n}" for n in args) + ")"
    prefix = "query(" + ", ".join(f"${n}: {declared[n]}" for n in args) + ") " if args else ""
    target = unwrap(f["type"])["name"]
    if schema.types[target]["kind"] in ("SCALAR", "ENUM"):
        return [(f"{prefix}{{ {head} }}", args)]
    chunks: list[list[str]] = [[]]
    for part in schema.parts(target, WALK_DEPTH):
        if chunks[-1] and tokens(f"{prefix}{{ {head} {{ {' '.join([*chunks[-1], part])} }} }}") > TOKEN_BUDGET:
            chunks.append([])
        chunks[-1].append(part)
    return [(f"{prefix}{{ {head} {{ {' '.join(chunk)} }} }}", args) for chunk in chunks]


def calls_for(f: dict[str, Any], pools: dict[str, list[Any]]) -> list[dict[str, Any]] | str:
    """The argument sets to run ``f`` with, or why it cannot be filled."""
    name = f["name"]
    needed = [a["name"] for a in f["args"] if required(a)]
    series: list[dict[str, str]] = [
        {n: FIELD_ID_POOLS.get(name, ARG_POOLS["id"]) if n == "id" else ARG_POOLS.get(n, "") for n in needed}
    ]
    if missing := [n for n, pool in series[0].items() if not pool]:
        return f"argument(s) sans valeurs de référence : {', '.join(missing)}"
    if name in OPTIONAL_CALLS:
        series = [{**series[0], **extra} for extra in OPTIONAL_CALLS[name]]
    calls: list[dict[str, Any]] = []
    for chosen in series:
        if not chosen:
            calls.append({})
            continue
        names_ = list(chosen)
        columns = [pools[chosen[n]] for n in names_]
        combos = itertools.islice(zip(*(itertools.cycle(c) for c in columns), strict=False), max(map(len, columns)))
        calls += [dict(zip(names_, combo, strict=True)) for combo in itertools.islice(combos, CALLS_PER_FIELD)]
    base_args = calls[0] if calls and not OPTIONAL_CALLS.get(name) else {}
    calls += [{**base_args, **extra} for extra in EXTRA_VALUES.get(name, [])]
    return calls or [{}]


def walk(url: str, token: str | None, pools: dict[str, list[Any]]) -> tuple[Walk, Schema]:
    introspected = post(url, INTROSPECTION, {}, token)
    assert "errors" not in introspected, introspected["errors"]
    schema = Schema(introspected["data"]["__schema"])
    result = Walk()
    for f in schema.query["fields"]:
        calls = calls_for(f, pools)
        if isinstance(calls, str):
            result.skipped[f["name"]] = calls
            continue
        for args in calls:
            for query, variables in queries_for(schema, f, args):
                assert tokens(query) <= MAX_TOKENS, query
                body = post(url, query, variables, token)
                result.bodies.append((query, variables, body))
                for error in body.get("errors") or []:
                    code = (error.get("extensions") or {}).get("code", "?")
                    result.codes[code] = result.codes.get(code, 0) + 1
                assert not any(
                    e.get("extensions", {}).get("code") == "TOO_COMPLEX" for e in body.get("errors") or []
                ), (query, body)
        result.walked[f["name"]] = len(calls)
    return result, schema


@pytest.fixture(scope="module")
def anonymous_walk(api: str, pools: dict[str, list[Any]]) -> tuple[Walk, Schema]:
    return walk(api, None, pools)


@pytest.fixture(scope="module")
def staff_walk(api: str, staff: str, pools: dict[str, list[Any]]) -> tuple[Walk, Schema]:
    return walk(api, staff, pools)


def names_in(result: Walk, names: dict[str, str]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Each person's name found in an answer (data or errors), with the queries that gave it.

    Person ids are left out first: they may contain a name (``bernard-cai``), and error messages echo
    the ids the caller sent (:func:`ids_in_data` checks that no answer gives one)."""
    ids = sorted(names.values(), key=len, reverse=True)
    found: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for query, variables, body in result.bodies:
        text = fold(json.dumps(body, ensure_ascii=False))
        for id in ids:
            text = text.replace(f'"{id}"', '""').replace(f"« {id} »", "« »")
        for name in names:
            if name in text:
                found.setdefault(name, []).append((query[:200], variables))
    return found


def test_no_person_name_reaches_an_anonymous_viewer(anonymous_walk: tuple[Walk, Schema], names: dict[str, str]) -> None:
    result, _ = anonymous_walk
    print(f"\nmarche anonyme : {len(result.bodies)} requêtes, codes d'erreur {result.codes}")
    print("champs parcourus :", ", ".join(f"{n} ({c})" for n, c in sorted(result.walked.items())))
    print("champs laissés :", "; ".join(f"{n} : {why}" for n, why in sorted(result.skipped.items())) or "aucun")
    leaked = names_in(result, names)
    assert not leaked, json.dumps({name: hits[:3] for name, hits in leaked.items()}, ensure_ascii=False, indent=1)


def test_a_staff_viewer_sees_person_names_so_the_walk_can_fail(
    staff_walk: tuple[Walk, Schema], names: dict[str, str]
) -> None:
    result, _ = staff_walk
    shown = names_in(result, names)
    print(f"\nmarche équipe : {len(result.bodies)} requêtes ; {len(shown)} des {len(names)} noms vus")
    assert shown


def ids_in_data(result: Walk, names: dict[str, str]) -> set[str]:
    """The person ids found in the data of the answers (errors may echo what the caller sent)."""
    text = json.dumps([body.get("data") for _, _, body in result.bodies], ensure_ascii=False)
    return {id for id in names.values() if f'"{id}"' in text}


def test_no_person_id_reaches_an_anonymous_viewer(anonymous_walk: tuple[Walk, Schema], names: dict[str, str]) -> None:
    """A person's id is a slug of the name: anonymous viewers get a pseudonym instead (api/privacy.py)."""
    result, _ = anonymous_walk
    assert ids_in_data(result, names) == set()


def test_a_staff_viewer_sees_person_ids_so_the_id_check_can_fail(
    staff_walk: tuple[Walk, Schema], names: dict[str, str]
) -> None:
    result, _ = staff_walk
    assert ids_in_data(result, names)


def test_the_walk_covers_every_field_that_can_carry_a_person(anonymous_walk: tuple[Walk, Schema]) -> None:
    result, schema = anonymous_walk
    carrying = {
        f["name"]
        for f in schema.query["fields"]
        if schema.reaches(unwrap(f["type"])["name"], PERSON_BEARING, WALK_DEPTH)
    }
    assert {"seatsByBody", "expiringMandates", "seatsPerPerson", "accessPaths", "neighbourhood"} <= carrying
    assert carrying <= set(result.walked), sorted(carrying - set(result.walked))


def test_the_walk_meets_no_internal_error(anonymous_walk: tuple[Walk, Schema], staff_walk: tuple[Walk, Schema]) -> None:
    for result, _ in (anonymous_walk, staff_walk):
        internal = [
            (q[:200], v)
            for q, v, b in result.bodies
            for e in b.get("errors") or []
            if e["extensions"]["code"] == "INTERNAL"
        ]
        assert not internal, internal


def test_the_walk_stays_within_the_server_depth_limit() -> None:
    assert WALK_DEPTH + 1 < MAX_DEPTH


def test_a_path_over_a_dated_relationship_is_answered_as_json(api: str) -> None:
    """Path relationships held Python dates (validFrom) that the JSON encoder refused: HTTP 500 for accessPaths."""
    # seed 000 l.21-22: CODEF is a founding member of the Coupole since 2024 (validFrom)
    body = post(
        api, '{ accessPaths(targetId: "coupole", sourceId: "codef") { relationships { type properties } } }', {}, None
    )
    assert "errors" not in body, body["errors"]
    dated = [
        r["properties"]
        for p in body["data"]["accessPaths"]
        for r in p["relationships"]
        if "validFrom" in r["properties"]
    ]
    assert dated and all(isinstance(p["validFrom"], str) for p in dated)
