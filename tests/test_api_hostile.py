"""Hostile input for the GraphQL API, property-based: random strings, huge and negative integers, unicode,
Cypher and Lucene injection attempts, forged cursors and dates, sent as variables and as inline literals.

Whatever the input, the server answers with JSON and a status below 500, every error carries a
client-fault code (never INTERNAL), no message shows Cypher or driver text, and the graph is unchanged.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.graph.connection import Graph
from maillage.queries.snapshot import canonical_hash

HOSTILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

CLIENT_CODES = {"INVALID_INPUT", "NOT_FOUND", "INVALID_QUERY", "TOO_COMPLEX", "TOO_LARGE"}
"""The codes a hostile input may earn (api/errors.py, graph/errors.py): the caller's fault, never the server's.
INTERNAL (a crash) and QUERY (Neo4j refused the Cypher) mean the input reached where it should not."""

LEAKS = ("Neo.", "neo4j", "cypher", "MATCH", "Traceback", "SyntaxError", "Invalid input", 'File "', "line ")
"""Text of Cypher, the driver or Python that no message may show (case-insensitive except MATCH, Neo.)."""

INJECTIONS = [
    '") RETURN n //',
    "') RETURN n //",
    "' OR 1=1 --",
    '" OR 1=1 --',
    "*:*",
    "~",
    "name:*",
    "a~2",
    "\\",
    "\\\\",
    "{}",
    "{id: 'x'}",
    "$query",
    "`id`",
    "}) MATCH (n) DETACH DELETE n //",
    "x' }) MATCH (n) DETACH DELETE n //",
    "CALL db.labels()",
    "AND OR NOT",
    "(",
    ")",
    '"',
    "[a TO z]",
    "/.*/",
    '+-&&||!(){}[]^"~*?:\\/',
    "<script>alert(1)</script>",
    "%00",
    "../../etc/passwd",
]
UNICODE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eCAI",
    "\u200f\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\U0001f600\U0001f4a9",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "e\u0301\u0301\u0301",
    "\u0130stanbul",
    "stra\u00dfe",
    "\ufb01",
    "\uff23\uff21\uff29",
    "\u0661\u0662",
    "\ufeff",
    "\u2028\u2029",
    "\t\n\r",
]
LONG = ["x" * 10_000, "cai " * 2_000, "\u00e9" * 5_000, "\U0001f600" * 2_000, "a" * 70_000]

hostile_text = st.one_of(
    st.text(max_size=100),
    st.sampled_from(INJECTIONS + UNICODE + LONG),
    st.builds(lambda a, b: a + b, st.sampled_from(INJECTIONS + UNICODE), st.text(max_size=20)),
)
known_ids = st.sampled_from(["cai", "coupole", "aleap", "cocom", "benoite-dessicy", "observatoire-integration"])
hostile_id = st.one_of(hostile_text, known_ids, st.builds(lambda i, s: i + s, known_ids, st.sampled_from(INJECTIONS)))
hostile_int = st.one_of(
    st.integers(min_value=-(2**31), max_value=2**31 - 1),
    st.integers(min_value=-5, max_value=600),
    st.sampled_from([0, -1, 1, 2**31 - 1, -(2**31), 2**31, -(2**31) - 1, 2**53 + 1, 2**63, -(2**63) - 1, 10**40]),
)
hostile_json = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_text,
    hostile_int,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
"""Any JSON value, for variables of the wrong type."""
hostile_date = st.one_of(
    st.dates(max_value=dt.date(9000, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["2024-02-30", "2024-13-01", "0000-01-01", "+99999-01-01", "-0001-01-01", "2024-1-1", "hier"]),
    hostile_text,
)
"""Dates as strings; valid ones stop at 9000 (``test_a_far_future_date_*`` checks the days near ``date.max``)."""


def cursor_of(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


hostile_cursor = st.one_of(
    hostile_text,
    st.builds(lambda n: cursor_of(f"apres:{n}"), st.integers(min_value=-(2**70), max_value=2**70)),
    st.builds(lambda n: cursor_of(f"apres:{n}"), st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, "\u0661\u0662"])),
    st.builds(lambda s: cursor_of(f"apres:{s}"), hostile_text),
    st.builds(cursor_of, hostile_text),
)


@pytest.fixture(scope="module")
def api(reference_graph: Graph, api_server: str) -> Iterator[str]:
    """The server on the reference data; the module fails if anything it sends changed the graph."""
    before = canonical_hash(reference_graph)
    yield api_server
    assert canonical_hash(reference_graph) == before, "une requête hostile a modifié le graphe"


def post(url: str, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
    return httpx.post(f"{url}/graphql", json={"query": query, "variables": variables or {}}, timeout=60)


def literal(value: Any) -> str:
    """``value`` as a GraphQL literal (strings with JSON escapes, which GraphQL shares)."""
    if isinstance(value, str):
        return json.dumps(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def strings_in(value: Any) -> list[str]:
    """Every string sent, longest first: a message may quote them (« … ») and that is no leak."""
    if isinstance(value, str):
        found = [value, json.dumps(value)[1:-1], repr(value)[1:-1], value.encode("unicode_escape").decode()]
    elif isinstance(value, dict):
        found = [s for v in value.values() for s in strings_in(v)]
    elif isinstance(value, list | tuple):
        found = [s for v in value for s in strings_in(v)]
    else:
        found = [str(value)]
    return sorted({s for s in found if s}, key=len, reverse=True)


def check(response: httpx.Response, sent: Any) -> dict[str, Any]:
    """The response is a client-fault answer: JSON, status < 500, coded errors, no internal text."""
    assert response.status_code < 500, (response.status_code, response.text[:500])
    body: dict[str, Any] = response.json()
    assert isinstance(body, dict) and ("data" in body or "errors" in body), body
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code in CLIENT_CODES, error
        message = str(error.get("message", ""))
        for quoted in strings_in(sent):
            message = message.replace(quoted, "")
        for leak in LEAKS:
            found = leak in message if leak in ("Neo.", "MATCH") else leak.lower() in message.lower()
            assert not found, f"{leak!r} dans {error}"
    return body


def both_ways(url: str, field: str, args: dict[str, tuple[str, Any]], selection: str) -> None:
    """Send ``field(args) { selection }`` with the values as variables, then inline as literals."""
    declared = ", ".join(f"${name}: {gql_type}" for name, (gql_type, _) in args.items())
    passed = ", ".join(f"{name}: ${name}" for name in args)
    variables = {name: value for name, (_, value) in args.items()}
    query = f"query({declared}) {{ {field}({passed}) {selection} }}" if args else f"{{ {field} {selection} }}"
    check(post(url, query, variables), variables)
    inline = ", ".join(f"{name}: {literal(value)}" for name, (_, value) in args.items())
    check(post(url, f"{{ {field}({inline}) {selection} }}"), variables)


@HOSTILE
@given(text=hostile_text, limit=hostile_int)
def test_search_survives_any_text_and_limit(api: str, text: str, limit: int) -> None:
    both_ways(api, "search", {"text": ("String!", text), "limit": ("Int!", limit)}, "{ id name score }")


ID_LOOKUPS = [
    ("neighbourhood", "id", "ID!", "{ id labels properties relationships { type other { id name } } }"),
    ("nodeCentrality", "id", "ID!", "{ scores { id rank } }"),
    ("affiliationChains", "id", "ID!", "{ nodes { id } }"),
    ("partnersByRing", "id", "ID!", "{ ring partners { organisation { id } } }"),
    ("coMembers", "id", "ID!", "{ shared }"),
    ("traceRecommendation", "id", "ID!", "{ number }"),
    ("carriers", "id", "ID!", "{ isAuthor }"),
    ("statusTimeline", "id", "ID!", "{ recommendationId }"),
    ("recommendationsOf", "memorandumId", "ID!", "{ id }"),
    ("referralYears", "criId", "ID!", ""),
    ("cpasWithoutCriLink", "criId", "ID", "{ cpas { id } }"),
    ("territoriesWithoutOperator", "themeId", "ID!", "{ territory { id } }"),
    ("base", "organisation", "ID", "{ count }"),
    ("base", "mandate", "ID", "{ count }"),
    ("seatsByBody", "bodyId", "ID", "{ body { id } }"),
    ("seatsByBody", "holderId", "ID", "{ body { id } }"),
    ("organisations", "theme", "ID", "{ totalCount }"),
    ("organisations", "territory", "ID", "{ totalCount }"),
    ("organisations", "platform", "ID", "{ totalCount }"),
    ("organisations", "body", "ID", "{ totalCount }"),
    ("organisations", "text", "String", "{ totalCount }"),
    ("territories", "within", "ID", "{ totalCount }"),
    ("network", "territory", "ID", "{ truncated }"),
    ("centralityRanking", "territory", "ID", "{ scores { id } }"),
    ("centralityRanking", "measure", "String!", "{ scores { id } }"),
    ("vocabularies", "names", "[String!]", "{ name }"),
]


@HOSTILE
@given(lookup=st.sampled_from(ID_LOOKUPS), value=hostile_id)
def test_a_lookup_by_any_id_is_refused_cleanly(api: str, lookup: tuple[str, str, str, str], value: str) -> None:
    field, arg, gql_type, selection = lookup
    both_ways(api, field, {arg: (gql_type, [value] if gql_type.startswith("[") else value)}, selection)


@HOSTILE
@given(id=hostile_id, as_of=hostile_date)
def test_a_neighbourhood_survives_any_id_and_date(api: str, id: str, as_of: str) -> None:
    args = {"id": ("ID!", id), "asOf": ("Date", as_of)}
    both_ways(api, "neighbourhood", args, "{ id properties relationships { type properties other { id name } } }")


@HOSTILE
@given(id=hostile_id, theme=st.one_of(st.none(), hostile_id), limit=hostile_int)
def test_partner_suggestions_survive_any_id_and_limit(api: str, id: str, theme: str | None, limit: int) -> None:
    args = {"id": ("ID!", id), "theme": ("ID", theme), "limit": ("Int!", limit)}
    both_ways(api, "partnerSuggestions", args, "{ organisation { id } score }")


@HOSTILE
@given(
    target=hostile_id,
    source=st.one_of(st.none(), hostile_id),
    k=hostile_int,
    max_depth=hostile_int,
    as_of=st.one_of(st.none(), hostile_date),
)
def test_access_paths_survive_any_depth_and_count(
    api: str, target: str, source: str | None, k: int, max_depth: int, as_of: str | None
) -> None:
    args = {
        "targetId": ("ID!", target),
        "sourceId": ("ID", source),
        "k": ("Int!", k),
        "maxDepth": ("Int!", max_depth),
        "asOf": ("Date", as_of),
    }
    both_ways(api, "accessPaths", args, "{ nodes { id name } relationships { type } }")


@HOSTILE
@given(k=hostile_int, max_depth=hostile_int, id=st.one_of(known_ids, hostile_id))
def test_affiliation_chains_and_traces_survive_any_depth(api: str, k: int, max_depth: int, id: str) -> None:
    args = {"id": ("ID!", id), "k": ("Int!", k), "maxDepth": ("Int!", max_depth)}
    both_ways(api, "affiliationChains", args, "{ nodes { id } }")
    both_ways(api, "traceRecommendation", {**args, "id": ("ID!", "refufam-pb3-r2")}, "{ number }")


@HOSTILE
@given(days=hostile_int, as_of=st.one_of(st.none(), hostile_date))
def test_seats_by_body_survive_any_number_of_days(api: str, days: int, as_of: str | None) -> None:
    args = {"expiringWithinDays": ("Int", days), "asOf": ("Date", as_of)}
    both_ways(api, "seatsByBody", args, "{ body { id } seats { id holder { id name } } }")
    both_ways(api, "expiringMandates", {"withinDays": ("Int!", days), "asOf": ("Date", as_of)}, "{ id daysLeft }")


@HOSTILE
@given(
    first=hostile_int,
    after=st.one_of(st.none(), hostile_cursor),
    ring=st.one_of(st.none(), hostile_int),
    text=st.one_of(st.none(), hostile_text),
)
def test_organisation_pages_survive_any_size_and_cursor(
    api: str, first: int, after: str | None, ring: int | None, text: str | None
) -> None:
    args = {"first": ("Int!", first), "after": ("String", after), "ring": ("Int", ring), "text": ("String", text)}
    both_ways(api, "organisations", args, "{ totalCount pageInfo { endCursor hasNextPage } edges { cursor } }")


@HOSTILE
@given(top=hostile_int, measure=st.one_of(st.sampled_from(["pagerank", "degree", "betweenness"]), hostile_text))
def test_centrality_ranking_survives_any_top_and_measure(api: str, top: int, measure: str) -> None:
    both_ways(
        api, "centralityRanking", {"top": ("Int!", top), "measure": ("String!", measure)}, "{ scores { id rank } }"
    )


VARIABLE_TYPES = [
    ("search", "text", "String!"),
    ("search", "limit", "Int!"),
    ("neighbourhood", "id", "ID!"),
    ("neighbourhood", "asOf", "Date"),
    ("organisations", "first", "Int!"),
    ("organisations", "after", "String"),
    ("organisations", "kind", "[OrgKind!]"),
    ("organisations", "sortBy", "SortKey!"),
    ("accessPaths", "k", "Int!"),
    ("seatsByBody", "expiringWithinDays", "Int"),
    ("centralityRanking", "top", "Int!"),
    ("centralityRanking", "layer", "Layer"),
    ("network", "layers", "[Layer!]"),
]


@HOSTILE
@given(target=st.sampled_from(VARIABLE_TYPES), value=hostile_json)
def test_a_variable_of_the_wrong_json_type_is_refused_cleanly(
    api: str, target: tuple[str, str, str], value: Any
) -> None:
    field, arg, gql_type = target
    required = {"neighbourhood": 'id: "cai"', "accessPaths": 'targetId: "cocom"', "search": 'text: "cai"'}
    others = required.get(field, "") if arg not in ("id", "text") else ""
    passed = ", ".join(p for p in (f"{arg}: $v", others) if p)
    query = f"query($v: {gql_type}) {{ {field}({passed}) {{ __typename }} }}"
    check(post(api, query, {"v": value}), value)


def test_a_forged_cursor_beyond_32_bits_is_refused_as_invalid(api: str) -> None:
    """A cursor is an offset the server gave; 2**31 used to reach Neo4j and come back as INTERNAL."""
    for offset in (2**31 - 1, 2**31, 2**63 - 1, 10**30):
        body = check(
            post(
                api,
                "query($a: String) { organisations(after: $a) { totalCount } }",
                {"a": cursor_of(f"apres:{offset}")},
            ),
            [],
        )
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT", (offset, body)


def test_a_variable_out_of_the_32_bit_range_is_refused_as_an_invalid_query(api: str) -> None:
    """Variable values refused by GraphQL itself used to come back as INTERNAL (with a traceback logged)."""
    for value in (2**31, 10**40, "12", 1.5, None):
        body = check(post(api, 'query($l: Int!) { search(text: "cai", limit: $l) { id } }', {"l": value}), [value])
        assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_QUERY"], value


def test_a_variable_whose_value_reads_like_a_limit_is_still_an_invalid_query(api: str) -> None:
    """The echoed value must not decide the code: « trop de token » is a bad Int, not a refused limit."""
    body = post(api, 'query($l: Int!) { search(text: "cai", limit: $l) { id } }', {"l": "trop de token"}).json()
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_QUERY"]


def test_a_search_for_a_very_long_word_finds_nothing_rather_than_failing(api: str) -> None:
    """A word of 1,000 letters used to build a Lucene automaton too large: Neo4j's Java error reached the client."""
    for text in ("x" * 5_000, "\u00e9" * 1_000, "cai" + "0" * 2_000):
        body = check(post(api, "query($t: String!) { search(text: $t) { id } }", {"t": text}), [text])
        assert body == {"data": {"search": []}}


def test_a_far_future_date_with_expiring_seats_is_refused_as_invalid(api: str) -> None:
    body = check(post(api, '{ seatsByBody(expiringWithinDays: 3660, asOf: "9999-12-31") { body { id } } }'), [])
    assert "errors" not in body or body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_a_far_future_date_with_expiring_mandates_is_refused_as_invalid(api: str) -> None:
    body = check(post(api, '{ expiringMandates(withinDays: 1, asOf: "9999-12-31") { id } }'), [])
    assert "errors" not in body or body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_a_body_over_the_size_limit_is_refused_with_413(api: str) -> None:
    response = post(api, "query($t: String!) { search(text: $t) { id } }", {"t": "a" * 100_000})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_LARGE"


def test_a_query_that_is_not_graphql_is_refused_as_invalid(api: str) -> None:
    for query in ['") RETURN n //', "MATCH (n) DETACH DELETE n", "{", "{ search(text: ) { id } }", "\x00", "}" * 5000]:
        response = post(api, query)
        assert response.status_code == 200
        assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["INVALID_QUERY"], query


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"\xff\xfe",
        b"[]",
        b'{"query": 1}',
        b'{"query": ""}',
        b'{"query": "{ viewer { role } }", "variables": "x"}',
    ],
)
def test_a_malformed_request_body_is_a_400(api: str, raw: bytes) -> None:
    """Refused by Strawberry before any GraphQL runs (its answer is plain text, not GraphQL JSON)."""
    response = httpx.post(f"{api}/graphql", content=raw, headers={"content-type": "application/json"}, timeout=30)
    assert response.status_code == 400, response.text


@pytest.mark.parametrize("raw", [b"null", b"1", b'"{ viewer { role } }"', b"true"])
def test_a_json_body_that_is_not_an_object_is_a_400(api: str, raw: bytes) -> None:
    response = httpx.post(f"{api}/graphql", content=raw, headers={"content-type": "application/json"}, timeout=30)
    assert response.status_code == 400, response.text


@pytest.mark.parametrize(
    "query",
    [
        "query($t: ID!) { neighbourhood(id: $t) { id } }",
        "query($t: String) { organisations(text: $t) { totalCount } }",
        "query($t: ID) { seatsByBody(bodyId: $t) { body { id } } }",
    ],
)
def test_a_lone_surrogate_in_a_variable_is_refused_as_invalid(api: str, query: str) -> None:
    """JSON may escape half a UTF-16 pair (RFC 8259 allows the syntax); Python decodes it to an unencodable str."""
    raw = json.dumps({"query": query, "variables": {"t": "PLACEHOLDER"}}).replace("PLACEHOLDER", "a\\ud800b")
    response = httpx.post(f"{api}/graphql", content=raw.encode(), headers={"content-type": "application/json"})
    check(response, ["a\ud800b"])
