"""Every API result that states a fact says where it comes from (source document and lines, or import row)."""

from __future__ import annotations

from typing import Any

import httpx
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType

from maillage.api.schema import build_schema

SEED_000 = "000_053d1c7d8ae3c1b0.txt"
SEED_002 = "002_d66ab93602949589.txt"
SEED_004 = "004_b3701010d6178f1d.txt"

NOT_FACTS: dict[str, str] = {
    "AnalysisStatus": "the state of a computation (ready, stale, computing), not a fact of the sector",
    "Brokers": "a container: the analysis status and the brokers, each of which carries its provenance",
    "CentralityChanges": "a container: the analysis status and the changes, each of which carries its provenance",
    "CentralityRanking": "a container: the analysis status and the scores, each of which carries its provenance",
    "NodeCentrality": "a container: the analysis status and one actor's scores (computed figures)",
    "SourceDocument": "a source document is where provenance points, not a fact that needs one",
    # roots and pages
    "Query": "root of the reads",
    "Mutation": "root of the writes",
    "EntityConnection": "a page: its entities carry their provenance",
    "EntityEdge": "a page entry: its node carries its provenance",
    "PageInfo": "a cursor, not a fact",
    "Network": "a container of nodes and edges, each with its provenance",
    "Path": "a container of nodes (NodeRef) and steps (RelRef), each with its provenance",
    "AddresseePaths": "groups paths to one addressee; the addressee and each step carry provenance",
    "RecommendationTrace": "groups the trace; its NodeRefs and path steps carry provenance",
    "StatusTimeline": "groups status steps, each with its provenance",
    "RingOfPartners": "groups partners by ring (a classification of the model, not a fact)",
    "SectorReach": "groups partners by sector (a classification of the model, not a fact)",
    "BodySeats": "groups a body's seats, each with its provenance; body and organisations are NodeRefs",
    "Partner": "a partner and its ties: each tie is a path whose steps carry provenance",
    "SectorBridge": "an organisation and its ties: each tie is a path whose steps carry provenance",
    "CoMember": "an organisation and the platforms shared with it, all NodeRefs with provenance",
    "Carrier": "groups carrier routes, each with the provenance of both seats",
    # figures computed by the product from facts that carry their own provenance
    "Base": "a count computed over membership paths",
    "BaseMember": "a distance computed over membership paths",
    "OrganisationLoad": "a count of seats computed over mandates",
    "PersonLoad": "a count of seats computed over mandates",
    "Representativeness": "a share computed over bases",
    "PartnerSuggestion": "a score computed by the product",
    "ScorePart": "a term of a computed score",
    "BodyWithoutSeat": "an absence computed over mandates",
    "CpasWithoutCriLink": "an absence computed over links; its CPAS, place and CRI are NodeRefs",
    "NeighbourPage": "a page of relationships, each with its provenance",
    "PeriodChanges": "groups tie and mandate changes, each with its provenance",
    "OrganisationCounts": "counts computed over organisations",
    "CountGroup": "a count computed over organisations",
    "GroupKey": "a grouping value of a count",
    "DuplicateCandidate": "a similarity computed by the product between two entities",
    # not sector facts
    "Provenance": "the provenance itself",
    "Viewer": "who is asking",
    "Vocabulary": "a controlled vocabulary of the model",
    "VocabularyEntry": "a value of the model's vocabularies",
    "AuditEntry": "the audit trail is itself the record of who wrote what and when",
    "HistoryPage": "a page of an entity's audit entries (an import's entries name their file and row)",
    "WriteResult": "the outcome of a write, with its audit entry",
    "MergeRecord": "bookkeeping of a merge (who, when), not a sector fact",
    "MergeResult": "the outcome of a merge, with its audit entry",
}
"""Result object types without a provenance field, each with the reason it needs none."""


def test_every_result_type_stating_a_fact_has_a_provenance_field() -> None:
    schema = build_schema(production=False, max_result_items=1000)._schema
    missing = sorted(
        name
        for name, type_ in schema.type_map.items()
        if isinstance(type_, GraphQLObjectType)
        and not name.startswith("__")
        and "provenance" not in type_.fields
        and name not in NOT_FACTS
    )
    assert missing == [], f"result types without provenance (add it, or a reason in NOT_FACTS): {missing}"


def test_every_provenance_field_is_a_provenance() -> None:
    schema = build_schema(production=False, max_result_items=1000)._schema
    for name, type_ in schema.type_map.items():
        if isinstance(type_, GraphQLObjectType) and "provenance" in type_.fields:
            of = type_.fields["provenance"].type
            while isinstance(of, (GraphQLNonNull, GraphQLList)):
                of = of.of_type
            assert of.name == "Provenance", name


def test_the_allowlist_names_only_existing_types() -> None:
    schema = build_schema(production=False, max_result_items=1000)._schema
    assert set(NOT_FACTS) <= set(schema.type_map)


def data(url: str, query: str) -> dict[str, Any]:
    body: dict[str, Any] = httpx.post(f"{url}/graphql", json={"query": query}, timeout=60).json()
    assert "errors" not in body, body.get("errors")
    result: dict[str, Any] = body["data"]
    return result


PROVENANCE = "{ source locator confidence }"


def test_seats_by_body_cite_each_mandate(api: str) -> None:
    """Seed 000 l.90: the Coupole's mandates at the Observatoire and the CESE."""
    found = data(
        api,
        f'{{ seatsByBody(holderId: "coupole") {{ body {{ id provenance {PROVENANCE} }} '
        f"seats {{ id provenance {PROVENANCE} }} }} }}",
    )
    seats = [seat for body in found["seatsByBody"] for seat in body["seats"]]
    assert seats
    assert {(s["provenance"]["source"], s["provenance"]["locator"]) for s in seats} == {(SEED_000, "L90")}
    assert all(body["body"]["provenance"]["source"] for body in found["seatsByBody"])


def test_silent_communes_cite_the_territory_and_the_referrals(api: str) -> None:
    """Seed 002 l.483-485: Andenne and Gesves referred people to the Andenne office in 2023."""
    found = data(
        api,
        f'{{ silentCommunes(criId: "cai", year: 2023, threshold: 1000) {{ commune {{ id }} provenance {PROVENANCE} '
        f"referrers {{ organisation {{ id }} count provenance {PROVENANCE} }} }} }}",
    )
    communes = {c["commune"]["id"]: c for c in found["silentCommunes"]}
    gesves = communes["com-gesves"]
    assert gesves["provenance"] and all(p["source"] == SEED_002 and p["locator"] for p in gesves["provenance"])
    (referrer,) = [r for r in gesves["referrers"] if r["organisation"]["id"] == "ac-gesves"]
    assert [(p["source"], p["locator"]) for p in referrer["provenance"]] == [(SEED_002, "L483-485")]


def test_memoranda_and_their_recommendations_cite_their_lines(api: str) -> None:
    """Seed 002 l.1449-1457: the CAI's communal and provincial memorandum 2024 and its first axis."""
    memos = data(api, f"{{ memoranda {{ id provenance {PROVENANCE} authorship {PROVENANCE} }} }}")["memoranda"]
    assert memos and all(m["provenance"]["source"] and m["provenance"]["locator"] for m in memos)
    recs = data(
        api,
        f'{{ recommendationsOf(memorandumId: "cai-memorandum-communal-provincial-2024") '
        f"{{ id provenance {PROVENANCE} addressees {{ id provenance {PROVENANCE} }} }} }}",
    )["recommendationsOf"]
    (axe1,) = [r for r in recs if r["id"] == "cai-memo-2024-axe-1"]
    assert (axe1["provenance"]["source"], axe1["provenance"]["confidence"]) == (SEED_002, "basse")
    assert axe1["provenance"]["locator"].startswith("L1449")
    assert all(a["provenance"]["source"] for a in axe1["addressees"])


def test_unrepresented_ilis_cite_where_each_ili_comes_from(api: str) -> None:
    found = data(api, f"{{ unrepresentedIlis {{ id provenance {PROVENANCE} }} }}")["unrepresentedIlis"]
    assert found
    assert all(ili["provenance"]["source"] and ili["provenance"]["locator"] for ili in found)


def test_territories_without_a_local_operator_over_http(api: str) -> None:
    """Seed 002 l.251-253: the CAI covers the whole province of Namur; it is a wider operator for Gesves."""
    query = (
        '{{ territoriesWithoutOperator(themeId: "interpretariat"{wider}) {{ territory {{ id }} provenance {p} '
        "widerOperators {{ organisation {{ id }} territory {{ id }} linkLabel provenance {p} }} }} }}"
    )
    local = data(api, query.format(wider="", p=PROVENANCE))["territoriesWithoutOperator"]
    (gesves,) = [t for t in local if t["territory"]["id"] == "com-gesves"]
    (cai,) = [w for w in gesves["widerOperators"] if w["organisation"]["id"] == "cai"]
    assert (cai["territory"]["id"], cai["linkLabel"], cai["provenance"]["source"]) == (
        "prov-namur",
        "couvre le territoire",
        SEED_002,
    )
    wide = data(api, query.format(wider=", includeWider: true", p=PROVENANCE))["territoriesWithoutOperator"]
    assert "com-gesves" not in {t["territory"]["id"] for t in wide}


def test_path_steps_read_in_the_walked_direction_over_http(api: str) -> None:
    found = data(
        api,
        '{ accessPaths(targetId: "codef", sourceId: "cai") { nodes { id } '
        f"relationships {{ type reading fromId toId direction provenance {PROVENANCE} }} }} }}",
    )
    first = found["accessPaths"][0]
    assert first["relationships"][0] == {
        "type": "MEMBER_OF",
        "reading": "est membre de",
        "fromId": "cai",
        "toId": "codef",
        "direction": "FORWARD",
        "provenance": first["relationships"][0]["provenance"],
    }
    assert first["relationships"][0]["provenance"]["source"] == SEED_002
