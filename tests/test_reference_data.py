"""The reference dataset holds what the source documents state, each fact with its provenance."""

from __future__ import annotations

from maillage.graph.connection import Graph


def test_the_coupole_was_founded_by_the_five_federations(reference_graph: Graph) -> None:
    """Seed 000 l.21-22: « Coupole née en 2024 à l'initiative des 5 fédérations d'ILI »."""
    rows = reference_graph.read(
        "MATCH (f:Organisation {kind: 'federation'})-[r:MEMBER_OF {role: 'fondateur'}]->(:Organisation {id: 'coupole'})"
        " "
        "RETURN f.id AS id, r.source AS source, r.locator AS locator ORDER BY id"
    )
    assert [r["id"] for r in rows] == ["aleap", "caips", "codef", "fdss", "risome"]
    assert {(r["source"], r["locator"]) for r in rows} == {("000_053d1c7d8ae3c1b0.txt", "L21-22")}


def test_the_federations_have_their_websites(reference_graph: Graph) -> None:
    """Seed 000 l.102-110: the contacts of the five federations."""
    rows = reference_graph.read("MATCH (o:Organisation {id: 'fdss'}) RETURN o.website AS website, o.acronym AS acronym")
    assert rows == [{"website": "https://www.fdss.be/fr/", "acronym": "FdSS"}]


def test_the_coupole_holds_mandates_at_the_observatory_and_the_cese(reference_graph: Graph) -> None:
    """Seed 000 l.90: « Mandats de représentation (Observatoire de l'Intégration, CESE…) »."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'coupole'})-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b:Body) "
        "RETURN b.name AS body, m.confidence AS confidence ORDER BY body"
    )
    bodies = [r["body"] for r in rows]
    assert "Observatoire de l'Intégration" in bodies and any("CESE" in b for b in bodies)
    assert {r["confidence"] for r in rows} == {"moyenne"}, "no person or date is given: the source is vague"


def test_the_coupole_addresses_the_minister_and_walloon_mps(reference_graph: Graph) -> None:
    """Seed 000 l.86-88: dialogue with the Minister, contacts with Walloon MPs."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'coupole'})-[:ADDRESSES]->(d:Organisation) RETURN d.kind AS kind ORDER BY kind"
    )
    assert {r["kind"] for r in rows} >= {"ministre", "parlement"}


def test_every_node_and_relationship_has_a_provenance(reference_graph: Graph) -> None:
    missing_nodes = reference_graph.read(
        "MATCH (n:Entity) WHERE n.source IS NULL OR n.source = '' RETURN n.id AS id LIMIT 5"
    )
    missing_rels = reference_graph.read(
        "MATCH ()-[r]->() WHERE r.source IS NULL OR r.source = '' RETURN type(r) AS type, r.key AS key LIMIT 5"
    )
    assert missing_nodes == [] and missing_rels == []


def test_seed_facts_cite_a_line_range(reference_graph: Graph) -> None:
    rows = reference_graph.read(
        "MATCH (s:SourceDocument {kind: 'document'}) WITH collect(s.id) AS documents "
        "MATCH (n:Entity) WHERE n.source IN documents AND NOT n.locator STARTS WITH 'L' RETURN n.id AS id LIMIT 5"
    )
    assert rows == []


def test_every_seed_document_contributes_facts(reference_graph: Graph) -> None:
    rows = reference_graph.read("MATCH (n:Entity) RETURN DISTINCT n.source AS source")
    sources = {r["source"] for r in rows}
    assert "000_053d1c7d8ae3c1b0.txt" in sources


def test_no_id_but_a_persons_own_carries_a_persons_name(reference_graph: Graph) -> None:
    """Ids reach anonymous callers; names are for staff (data/reference/README.md, id conventions)."""
    people = [r["id"] for r in reference_graph.read("MATCH (p:Person) RETURN p.id AS id")]
    others = [r["id"] for r in reference_graph.read("MATCH (n:Entity) WHERE NOT n:Person RETURN n.id AS id")]
    assert people
    assert [(other, person) for other in others for person in people if person in other] == []
