"""Seed 004 (REFUFAM Policy Brief 3) in the reference dataset: its recommendations, their addressees,
the Brussels reception offices, the institutions the brief is written for."""

from __future__ import annotations

from maillage.graph.connection import Graph
from maillage.queries.tracing import recommendations_of, trace_recommendation

SOURCE = "004_b3701010d6178f1d.txt"


def addressees(graph: Graph, number: str) -> list[str]:
    rows = graph.read(
        "MATCH (:Memorandum {id: 'refufam-policy-brief-3'})-[:CONTAINS]->(r:Recommendation {number: $n})"
        "-[:ADDRESSED_TO]->(o) RETURN o.id AS id ORDER BY id",
        {"n": number},
    )
    return [row["id"] for row in rows]


def test_the_policy_brief_holds_seven_recommendations_by_refufam(reference_graph: Graph) -> None:
    """Seed 004 l.180-204: three recommendations for the COCOM and the Region, four for communes and CPAS."""
    found = recommendations_of(reference_graph, "refufam-policy-brief-3")
    assert [r.number for r in found] == ["1", "2", "3", "4", "5", "6", "7"]
    authors = reference_graph.read(
        "MATCH (o)-[:AUTHORED]->(:Memorandum {id: 'refufam-policy-brief-3'}) RETURN o.id AS id"
    )
    assert authors == [{"id": "refufam"}]


def test_local_coordinations_are_asked_of_the_cocom_and_the_walloon_administration(reference_graph: Graph) -> None:
    """Seed 004 l.182-184: « Pour la COCOM et la Région wallonne (DG Intérieur et Action sociale) »."""
    assert addressees(reference_graph, "1") == ["cocom", "spw-ias"]


def test_harmonising_the_walloon_offer_is_asked_of_the_region_only(reference_graph: Graph) -> None:
    """Seed 004 l.189: harmonise the pathway's offer « sur le territoire wallon »."""
    assert addressees(reference_graph, "3") == ["spw-ias"]


def test_the_cpas_referent_is_asked_of_communes_and_cpas_through_their_federations(reference_graph: Graph) -> None:
    """Seed 004 l.191-197 (« Pour les communes et CPAS ») and l.11 (Brulocalis and the Union des Villes)."""
    assert addressees(reference_graph, "4") == ["brulocalis", "uvcw"]


def test_the_newcomers_desk_is_also_supported_by_the_cire(reference_graph: Graph) -> None:
    """Seed 004 l.204 and note 22 (l.235): recommendation also made by the CIRÉ."""
    rows = reference_graph.read(
        "MATCH (o)-[:SUPPORTS]->(:Recommendation {id: 'refufam-pb3-r7'}) RETURN o.id AS id, o.acronym AS acronym"
    )
    assert rows == [{"id": "cire", "acronym": "CIRÉ"}]


def test_recommendations_cite_their_lines(reference_graph: Graph) -> None:
    rows = reference_graph.read("MATCH (r:Recommendation {id: 'refufam-pb3-r1'}) RETURN r.source AS s, r.locator AS l")
    assert rows == [{"s": SOURCE, "l": "L182-184"}]


def test_brussels_has_six_reception_offices_of_four_operators(reference_graph: Graph) -> None:
    """Seed 004 l.25: BON, VIA, BAPA Bxl and Convivial; VIA and Convivial have two sites each (6 offices)."""
    operators = reference_graph.read(
        "MATCH (o:Organisation) WHERE o.id IN ['bon', 'via', 'bapa-bxl', 'convivial'] RETURN count(o) AS n"
    )
    sites = reference_graph.read(
        "MATCH (o:Organisation)-[:RUNS]->(b:ReceptionOffice) WHERE o.id IN ['via', 'convivial'] "
        "RETURN o.id AS operator, count(b) AS sites ORDER BY operator"
    )
    assert operators[0]["n"] == 4
    assert sites == [{"operator": "convivial", "sites": 2}, {"operator": "via", "sites": 2}]


def test_the_brief_addresses_the_institutions_it_is_written_for(reference_graph: Graph) -> None:
    """Seed 004 l.7-11: « Cette Policy Brief est pertinente pour » the SPW IAS, the COCOM, UVCW and Brulocalis."""
    rows = reference_graph.read("MATCH (:Organisation {id: 'refufam'})-[:ADDRESSES]->(o) RETURN o.id AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["brulocalis", "cocom", "spw-ias", "uvcw"]


def test_the_authors_are_named_with_their_role(reference_graph: Graph) -> None:
    """Seed 004 l.217-229: four authors; people are personal data, kept with their role."""
    rows = reference_graph.read(
        "MATCH (p:Person)-[w:WORKS_FOR]->(:Organisation {id: 'refufam'}) "
        "RETURN p.name AS name, w.role AS role ORDER BY name"
    )
    assert {"name": "Louise Carlier", "role": "Chercheuse"} in rows
    assert len(rows) == 4


def test_a_recommendation_can_be_traced_to_its_addressees(reference_graph: Graph) -> None:
    trace = trace_recommendation(reference_graph, "refufam-pb3-r1")
    assert sorted(a.addressee.id for a in trace.addressees) == ["cocom", "spw-ias"]
    assert [a.id for a in trace.authors] == ["refufam"]
