"""Facts of the documents that the graph did not hold before issue 16, each checked against its seed lines."""

from __future__ import annotations

from maillage.graph.connection import Graph

OFFICES = ["andenne", "beauraing", "ciney", "dinant", "gembloux", "namur", "philippeville", "sambreville"]


def _figures(graph: Graph, measure: str) -> dict[tuple[str, str | None, str | None], int]:
    rows = graph.read(
        "MATCH (f:Figure {measure: $m, year: 2023})-[:FIGURE_OF]->(o:ReceptionOffice) "
        "RETURN o.id AS office, f.public AS public, f.channel AS channel, f.value AS value",
        {"m": measure},
    )
    return {(r["office"], r["public"], r["channel"]): r["value"] for r in rows}


def test_each_office_has_its_2023_total_and_its_ukrainian_public(reference_graph: Graph) -> None:
    """Seed 002 l. 431-479: files handled per office (1062 in Namur…), of which Ukrainians (436 in all)."""
    figures = _figures(reference_graph, "personnes_accompagnees")
    totals = {o: figures[(f"ba-{o}", "Tous publics (dossiers traités)", None)] for o in OFFICES}
    ukrainians = {o: figures[(f"ba-{o}", "Personnes ukrainiennes", None)] for o in OFFICES}
    assert totals["namur"] == 1062 and totals["ciney"] == 92
    assert sum(ukrainians.values()) == 436


def test_each_offices_publics_add_up_to_its_total(reference_graph: Graph) -> None:
    """Seed 002 l. 549-560 and the other boxes: primo-arrivants, hors obligation, accompagnement social, ISP."""
    figures = _figures(reference_graph, "personnes_accompagnees")
    publics = ["Primo-arrivants", "Hors obligation", "Accompagnement social", "ISP"]
    for office in OFFICES:
        parts = [figures[(f"ba-{office}", p, None)] for p in publics]
        assert sum(parts) == figures[(f"ba-{office}", "Tous publics (dossiers traités)", None)], office
    assert figures[("ba-namur", "Primo-arrivants", None)] == 218


def test_people_reached_the_namur_office_by_word_of_mouth_another_office_or_operators(reference_graph: Graph) -> None:
    """Seed 002 l. 906-910: another office 23, operators of the region 137, word of mouth 206."""
    figures = _figures(reference_graph, "arrivees")
    assert figures[("ba-namur", None, "autre_bureau")] == 23
    assert figures[("ba-namur", None, "operateurs")] == 137
    assert figures[("ba-namur", None, "bouche_a_oreille")] == 206


def test_no_citizenship_training_was_given_at_beauraing_and_dinant_in_2023(reference_graph: Graph) -> None:
    """Seed 002 l. 584-588 (Beauraing) and l. 806-808 (Dinant)."""
    figures = _figures(reference_graph, "formations_citoyennete")
    given = {office: value for (office, _, _), value in figures.items()}
    assert given["ba-beauraing"] == 0 and given["ba-dinant"] == 0
    assert given["ba-gembloux"] == 3


def test_the_decree_reforms_form_a_timeline_the_coupole_follows(reference_graph: Graph) -> None:
    """Seed 000 l. 12-13 (2015, 2018, 2025) and l. 79 (« suivi rapproché de la réforme »)."""
    rows = reference_graph.read(
        "MATCH (r:Reform) WHERE r.source = '000_053d1c7d8ae3c1b0.txt' RETURN r.year AS year ORDER BY year"
    )
    assert [r["year"] for r in rows] == [2015, 2018, 2025]
    followed = reference_graph.read("MATCH (:Organisation {id: 'coupole'})-[:FOLLOWS]->(r:Reform) RETURN r.year AS y")
    assert followed == [{"y": 2025}]


def test_the_sectors_proposals_concern_the_2023_draft_and_were_mostly_heard(reference_graph: Graph) -> None:
    """Seed 002 l. 2191-2198: draft of June 2023; the sector's remarks were « pour la plupart entendues »."""
    rows = reference_graph.read(
        "MATCH (m:Memorandum)-[:CONTAINS]->(rec)-[:CONCERNS]->(r:Reform {stage: 'avant_projet', year: 2023}) "
        "MATCH (m)-[:CONCERNS]->(r) "
        "MATCH (rec)-[:HAS_STATUS]->(s:StatusChange) RETURN m.id AS memo, s.status AS status, s.locator AS locator"
    )
    assert rows == [
        {"memo": "propositions-decret-integration-2023", "status": "prise_en_compte", "locator": "L2196-2197"}
    ]


def test_the_coupole_authored_notes_and_a_memorandum(reference_graph: Graph) -> None:
    """Seed 000 l. 81-82: « Nombreuses notes propositionnelles (techniques et/ou politiques), mémorandum »."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'coupole'})-[:AUTHORED]->(m:Memorandum) RETURN m.id AS id ORDER BY id"
    )
    assert [r["id"] for r in rows] == ["coupole-memorandum", "coupole-notes-propositionnelles"]


def test_the_isp_projects_contact_person_is_staff_only_data(reference_graph: Graph) -> None:
    """Seed 002 l. 424-428 and l. 337-341: « Contact : Honorine Kuete »."""
    rows = reference_graph.read(
        "MATCH (p:Person {id: 'honorine-kuete'})-[w:WORKS_FOR]->(o) "
        "RETURN o.id AS org, p.personalData AS personal, w.role AS role, p.locator AS locator"
    )
    assert rows[0]["org"] == "cai" and rows[0]["personal"] is True
    assert "contact" in rows[0]["role"].lower() and "L424-428" in rows[0]["locator"]


def test_the_2024_memorandum_axes_are_addressed_to_the_region_and_federal_level(reference_graph: Graph) -> None:
    """Seed 002 l. 1730-1731 (« vers la Région wallonne ») and l. 3250-3258 (« élections régionales et fédérales »)."""
    rows = reference_graph.read(
        "MATCH (:Memorandum {id: 'memorandum-regional-federal-2024'})-[:CONTAINS]->(rec)-[:ADDRESSED_TO]->(o) "
        "RETURN DISTINCT o.id AS addressee ORDER BY addressee"
    )
    assert [r["addressee"] for r in rows] == ["autorites-federales", "region-wallonne"]


def test_distinct_partnerships_between_the_same_pair_are_kept_apart(reference_graph: Graph) -> None:
    """Seed 002 l. 966-969, 1224-1227, 2659-2661 (Ville de Namur); l. 1235-1240 and 3782-3786 (CERSO)."""
    namur = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[r:PARTNER_OF]->(:Organisation {id: 'ac-namur'}) RETURN r.project AS p"
    )
    cerso = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[r:PARTNER_OF]->(:Organisation {id: 'cerso'}) RETURN r.project AS p"
    )
    assert len(namur) == 3 and len({r["p"] for r in namur}) == 3
    assert len(cerso) == 2
    for other in ("cpas-namur", "cpas-beauraing", "fedasil"):
        rows = reference_graph.read(
            "MATCH (:Organisation {id: 'cai'})-[r:PARTNER_OF]->(:Organisation {id: $o}) RETURN r.project AS p",
            {"o": other},
        )
        assert len(rows) == 2, other


def test_the_fse_funds_go_to_job(reference_graph: Graph) -> None:
    """Seed 002 l. 2367-2370: « "Go to Job" par le FSE »."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'fse'})-[f:FUNDS]->(:Organisation {id: 'cai'}) RETURN f.programme AS programme"
    )
    assert any("Go to Job" in r["programme"] for r in rows)


def test_the_parties_at_the_ppli_plenary_are_political_parties(reference_graph: Graph) -> None:
    """Seed 002 l. 1435-1441: « Rencontre avec les partis traditionnels »."""
    rows = reference_graph.read(
        "MATCH (p:Person)-[:WORKS_FOR]->(o:Organisation {kind: 'parti'}) RETURN o.id AS party ORDER BY party"
    )
    assert [r["party"] for r in rows] == ["defi", "ecolo", "les-engages", "mr", "ps", "ptb"]
