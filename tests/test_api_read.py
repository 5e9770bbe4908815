"""The read side of the GraphQL API, over HTTP against a running server and the reference dataset."""

from __future__ import annotations

import base64
import time
from typing import Any

import httpx
import pytest


def gql(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables or {}}, timeout=30)
    body: dict[str, Any] = response.json()
    return body


def data(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = gql(url, query, variables)
    assert "errors" not in body, body.get("errors")
    result: dict[str, Any] = body["data"]
    return result


def test_organisations_page_through_every_federation_once(api: str) -> None:
    """Seed 000, l. 102-110: five federations; two pages of two and one of one, the total said each time."""
    query = """query($after: String) { organisations(kind: [FEDERATION], first: 2, after: $after) {
        totalCount pageInfo { endCursor hasNextPage } edges { node { id } } } }"""
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = data(api, query, {"after": after})["organisations"]
        assert page["totalCount"] == 5
        seen += [edge["node"]["id"] for edge in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert (sorted(seen), pages) == (["aleap", "caips", "codef", "fdss", "risome"], 3)


def test_a_page_larger_than_the_maximum_is_refused_with_its_code(api: str) -> None:
    body = gql(api, "{ organisations(first: 1000) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "first" in body["errors"][0]["message"]


def test_a_foreign_cursor_is_refused(api: str) -> None:
    body = gql(api, '{ organisations(after: "pas-un-curseur") { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


@pytest.mark.parametrize("number", ["0", "20", "٤٠", "-1", "2147483647"])
def test_an_offset_cursor_of_the_former_api_is_refused(api: str, number: str) -> None:
    cursor = base64.urlsafe_b64encode(f"apres:{number}".encode()).decode()
    body = gql(api, "query($c: String) { organisations(after: $c) { totalCount } }", {"c": cursor})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_each_edge_cursor_continues_the_list_after_its_node(api: str) -> None:
    query = "query($a: String) { organisations(first: 3, after: $a) { edges { cursor node { id } } } }"
    edges = data(api, query)["organisations"]["edges"]
    following = data(api, query, {"a": edges[0]["cursor"]})["organisations"]["edges"]
    assert [e["node"]["id"] for e in following[:2]] == [e["node"]["id"] for e in edges[1:]]


@pytest.mark.parametrize(
    ("query", "argument"),
    [
        ('{ organisations(territory: "nope") { totalCount } }', "territory"),
        ('{ platforms(theme: "nope") { totalCount } }', "theme"),
        ('{ seatsByBody(bodyId: "nope") { body { id } } }', "bodyId"),
        ('{ cpasWithoutCriLink(criId: "nope") { cpas { id } } }', "criId"),
    ],
)
def test_a_wrong_id_in_a_list_filter_is_not_found_naming_the_argument(api: str, query: str, argument: str) -> None:
    error = gql(api, query)["errors"][0]
    assert error["extensions"]["code"] == "NOT_FOUND" and error["message"].startswith(f"{argument} : ")


def test_organisations_filter_by_ring_and_territory(api: str) -> None:
    """Seed 002, l. 4103 and 251-255: the CAI is a CRI (ring 1) covering the province of Namur."""
    found = data(api, '{ organisations(ring: 1, territory: "prov-namur", kind: [CRI]) { edges { node { id ring } } } }')
    assert [e["node"] for e in found["organisations"]["edges"]] == [{"id": "cai", "ring": 1}]


def test_an_entity_shows_its_french_kind_label_and_provenance(api: str) -> None:
    found = data(api, "{ organisations(kind: [COUPOLE]) { edges { node { id kindLabel source locator } } } }")
    node = found["organisations"]["edges"][0]["node"]
    assert node == {
        "id": "coupole",
        "kindLabel": "Coupole des fédérations d'ILI",
        "source": "000_053d1c7d8ae3c1b0.txt",
        "locator": "L21-45",
    }


def test_the_neighbourhood_of_a_wrong_id_is_not_found(api: str) -> None:
    body = gql(api, '{ neighbourhood(id: "nexiste-pas") { id } }')
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_the_mandate_registry_lists_the_coupole_seats(api: str) -> None:
    """Seed 000, l. 90: the Coupole's mandates at the Observatoire de l'Intégration and the CESE."""
    found = data(api, '{ seatsByBody(holderId: "coupole") { body { id } seats { holder { id } seatLabel } } }')
    assert {b["body"]["id"] for b in found["seatsByBody"]} >= {"observatoire-integration", "cese-integration"}


def test_vocabularies_give_french_labels(api: str) -> None:
    found = data(api, '{ vocabularies(names: ["SeatType"]) { entries { value label } } }')
    assert {"value": "suppleant", "label": "Membre suppléant"} in found["vocabularies"][0]["entries"]


def test_every_node_label_has_a_french_name(api: str) -> None:
    from maillage.graph.model import Label

    found = data(api, '{ vocabularies(names: ["NodeLabel"]) { entries { value label } } }')
    entries = {e["value"]: e["label"] for e in found["vocabularies"][0]["entries"]}
    assert set(entries) == {label.value for label in Label}
    assert entries["Territory"] == "Territoire"


def test_network_nodes_carry_their_province_for_grouping(api: str) -> None:
    """Seed 002: the CAI serves the province of Namur; the Coupole (Wallonia-wide) has no province."""
    found = data(api, "{ network { nodes { id province } } }")
    provinces = {n["id"]: n["province"] for n in found["network"]["nodes"]}
    assert provinces["cai"] == "Province de Namur"
    assert provinces["coupole"] is None


def test_an_entity_of_the_wrong_kind_is_refused_in_french_words(api: str) -> None:
    body = gql(api, '{ accessPaths(sourceId: "risome", targetId: "cese-integration") { nodes { id } } }')
    assert body["errors"][0]["message"] == (
        "« cese-integration » existe mais n'est pas : organisation (c'est : instance)."
    )


def test_an_unknown_vocabulary_is_refused_naming_it(api: str) -> None:
    body = gql(api, '{ vocabularies(names: ["Couleurs"]) { name } }')
    assert "Couleurs" in body["errors"][0]["message"]


def analysed(url: str, query: str, field: str) -> dict[str, Any]:
    """The answer of an analysis field once its analysis is computed (the first asks start it)."""
    deadline = time.monotonic() + 60
    while (found := data(url, query)[field])["analysis"]["state"] != "READY":
        assert time.monotonic() < deadline, found
        time.sleep(0.1)
    return found


def test_node_centrality_gives_every_measure_with_rank_and_percentile(api: str) -> None:
    """Seed 000 l.21-22: the five federations are members of the Coupole (in-degree at least 5)."""
    query = """{ nodeCentrality(id: "coupole", layer: VERTICAL) {
      analysis { state } scores { measure value rank percentile } } }"""
    scores = {s["measure"]: s for s in analysed(api, query, "nodeCentrality")["scores"]}
    assert set(scores) == {"degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank"}
    assert scores["in_degree"]["value"] >= 5


def test_a_centrality_ranking_is_ordered_by_rank(api: str) -> None:
    query = '{ centralityRanking(measure: "pagerank", top: 10) { analysis { state } scores { id rank value } } }'
    found = analysed(api, query, "centralityRanking")["scores"]
    assert len(found) == 10
    assert [s["rank"] for s in found] == sorted(s["rank"] for s in found)


def test_an_unknown_measure_is_refused(api: str) -> None:
    body = gql(api, '{ centralityRanking(measure: "popularite") { scores { id } } }')
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_a_federation_chain_to_the_coupole_over_http(api: str) -> None:
    """Seed 000 l.21-22: ALEAP is a founding member of the Coupole."""
    found = data(api, '{ affiliationChains(id: "aleap") { nodes { id } relationships { type reading } } }')
    assert found["affiliationChains"] == [
        {
            "nodes": [{"id": "aleap"}, {"id": "coupole"}],
            "relationships": [{"type": "MEMBER_OF", "reading": "est membre de"}],
        }
    ]


def test_whom_a_person_represents_is_for_staff_only(api: str) -> None:
    body = gql(api, '{ base(person: "louise-carlier") { count } }')
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_partners_by_ring_name_the_tie_over_http(api: str) -> None:
    """Seed 003 l.63: the CLPS (health, third ring) pilots the PPLI with the CAI."""
    found = data(
        api,
        '{ partnersByRing(id: "cai", ring: 3) { ring label partners { organisation { id } '
        "ties { nodes { id } relationships { type reading } } } } }",
    )
    [ring] = found["partnersByRing"]
    clps = next(p for p in ring["partners"] if p["organisation"]["id"] == "clps-namur")
    through_ppli = {
        "nodes": [{"id": "cai"}, {"id": "ppli-namur"}, {"id": "clps-namur"}],
        "relationships": [
            {"type": "PARTICIPATES_IN", "reading": "participe à"},
            {"type": "PARTICIPATES_IN", "reading": "compte parmi ses participants"},
        ],
    }
    assert through_ppli in clps["ties"]


def test_co_members_and_sector_bridges_over_http(api: str) -> None:
    found = data(
        api,
        '{ coMembers(id: "cai") { organisation { id } shared platforms { id } } '
        "sectorBridges(towards: [SANTE]) { organisation { id } reached { sector partners { id } } } }",
    )
    clps = next(m for m in found["coMembers"] if m["organisation"]["id"] == "clps-namur")
    assert {"id": "ppli-namur"} in clps["platforms"] and clps["shared"] == len(clps["platforms"])
    assert "cai" in {b["organisation"]["id"] for b in found["sectorBridges"]}


def test_an_entity_is_looked_up_by_id_with_its_provenance(api: str) -> None:
    """Seed 000 l.21-22: ALEAP, a federation of the Coupole."""
    found = data(api, '{ entity(id: "aleap") { id label kind source locator } }')["entity"]
    assert (found["id"], found["label"], found["kind"]) == ("aleap", "Organisation", "federation")
    assert found["source"].startswith("000_") and found["locator"].startswith("L")


def test_an_unknown_id_is_not_found(api: str) -> None:
    assert gql(api, '{ entity(id: "inconnu") { id } }')["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_person_is_looked_up_by_staff_only(api: str, staff: str) -> None:
    query = '{ entity(id: "benoite-dessicy") { id name } }'
    assert gql(api, query)["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    response = httpx.post(f"{api}/graphql", json={"query": query}, headers={"Authorization": f"Bearer {staff}"})
    assert response.json()["data"]["entity"] == {"id": "benoite-dessicy", "name": "Benoîte Dessicy"}
