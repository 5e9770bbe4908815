"""Seeds 001 (a Charleroi-area CRI's slides) and 003 (the CAI's PPLI page) in the reference dataset."""

from __future__ import annotations

from maillage.graph.connection import Graph


def ids(graph: Graph, cypher: str) -> list[str]:
    return [row["id"] for row in graph.read(cypher)]


def test_the_cri_of_charleroi_is_supported_by_nine_communes(reference_graph: Graph) -> None:
    """Seed 001 l.1-4: « Avec le soutien … des Villes et Communes de Charleroi, Aiseau-Presles, … Pont-à-Celles »."""
    communes = ids(
        reference_graph,
        "MATCH (o:Organisation {kind: 'commune'})-[:FUNDS]->(:Organisation {id: 'cric'}) RETURN o.id AS id ORDER BY id",
    )
    assert len(communes) == 9
    assert {"ac-charleroi", "ac-pont-a-celles"} <= set(communes)


def test_the_cri_of_charleroi_is_also_supported_by_europe_the_region_and_the_province(reference_graph: Graph) -> None:
    """Seed 001 l.1-3: the FSE, the AMIF, Wallonia and the Province de Hainaut."""
    funders = ids(
        reference_graph,
        "MATCH (o:Organisation)-[:FUNDS]->(:Organisation {id: 'cric'}) WHERE o.kind <> 'commune' "
        "RETURN o.id AS id ORDER BY id",
    )
    assert funders == ["amif", "fse", "province-hainaut", "region-wallonne"]


def test_the_pathway_coordination_committee_gathers_cabinets_iweps_and_the_cris(reference_graph: Graph) -> None:
    """Seed 001 l.424-440: cabinets of Action sociale and Emploi, IWEPS, the CRIs."""
    members = ids(
        reference_graph,
        "MATCH (o)-[:SITS_IN]->(:Body {id: 'comite-coordination-parcours'}) RETURN o.id AS id ORDER BY id",
    )
    assert {"cabinet-action-sociale", "cabinet-emploi", "iweps", "cric", "cai"} <= set(members)
    kinds = reference_graph.read(
        "MATCH (o)-[:SITS_IN]->(:Body {id: 'comite-coordination-parcours'}) WHERE o.kind = 'cri' RETURN count(o) AS n"
    )
    assert kinds[0]["n"] == 7, "the seven CRIs the sources name"


def test_the_ppli_is_carried_by_the_province_the_clps_and_the_cai(reference_graph: Graph) -> None:
    """Seed 003 l.63: « Porté par trois entités faîtières – la Province de Namur, le CLPS et le C.A.I. »."""
    carriers = ids(
        reference_graph, "MATCH (o)-[:COORDINATES]->(:Platform {id: 'ppli-namur'}) RETURN o.id AS id ORDER BY id"
    )
    assert carriers == ["cai", "clps-namur", "province-namur"]


def test_the_ppli_mobilised_about_fifty_partners_since_2016(reference_graph: Graph) -> None:
    """Seed 003 l.63: « près de 50 partenaires » — a round figure, so confidence moyenne."""
    rows = reference_graph.read(
        "MATCH (p:Platform {id: 'ppli-namur'}) RETURN p.memberCount AS members, p.year AS year, p.confidence AS c"
    )
    assert rows == [{"members": 50, "year": 2016, "c": "moyenne"}]


def test_the_cai_wrote_a_memorandum_for_the_2018_communal_elections(reference_graph: Graph) -> None:
    """Seed 003 l.100."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[:AUTHORED]->(m:Memorandum) WHERE m.year = 2018 RETURN m.levels AS levels"
    )
    assert rows == [{"levels": ["communal"]}]
