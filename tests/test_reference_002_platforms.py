"""Seed 002's second line (l.1302-3813): the CAI's provincial platforms, local coordinations and
concertations, the memoranda prepared for the 2024 elections and the interpellations of decision-makers."""

from __future__ import annotations

import datetime as dt

from maillage.graph.connection import Graph
from maillage.queries.horizontal import co_members
from maillage.queries.network import neighbourhood
from maillage.queries.tracing import memoranda


def test_the_cai_animates_the_six_provincial_thematic_platforms(reference_graph: Graph) -> None:
    """Seed 002 l.1319-1322: « via les plateformes thématiques (citoyenneté, formation à la langue française,
    sociojuridique, interculturalité, lutte contre le racisme, personnes sans papiers, migrants en transit) »."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[:COORDINATES]->(p:Platform {kind: 'plateforme_thematique'})"
        "-[:COVERS]->(:Territory {id: 'prov-namur'}) RETURN p.id AS id ORDER BY id"
    )
    assert [r["id"] for r in rows] == [
        "plateforme-citoyennete-namur",
        "plateforme-fle-namur",
        "plateforme-interculturelle-namur",
        "plateforme-racisme-namur",
        "plateforme-sans-papiers-namur",
        "plateforme-sociojuridique-namur",
    ]


def test_the_french_language_platform_is_led_by_the_cai_without_named_members(reference_graph: Graph) -> None:
    """Seed 002 l.1486-1494: « lors de la plateforme du 12 juin, les membres ont décidé de poursuivre le travail
    … au sein de différents groupes de travail » — the operators are not named, so the CAI is its only member."""
    panel = neighbourhood(reference_graph, "plateforme-fle-namur")
    participants = [
        (r.other.id, r.properties["role"], r.properties["confidence"])
        for r in panel.relationships
        if r.type == "PARTICIPATES_IN"
    ]
    assert participants == [("cai", "coordinateur", "moyenne")]
    assert {r.other.id for r in panel.relationships if r.type == "HAS_THEME"} == {"fle"}


def test_the_sociojuridique_platform_has_18_members_and_met_three_times(reference_graph: Graph) -> None:
    """Seed 002 l.1667-1680: « composée de 18 ASBL et structures publiques … une plateforme plénière qui s'est
    réunie à trois reprises en mars, mai et novembre »."""
    rows = reference_graph.read(
        "MATCH (p:Platform {id: 'plateforme-sociojuridique-namur'}) "
        "RETURN p.memberCount AS members, p.meetingCount AS meetings, p.year AS year"
    )
    assert rows == [{"members": 18, "meetings": 3, "year": 2023}]


def test_the_ville_de_namur_and_the_cmgv_were_invited_to_the_sociojuridique_platform(reference_graph: Graph) -> None:
    """Seed 002 l.1686-1689: « le service de médiation interculturelle de la Ville de Namur et le Centre de
    Médiation pour les Gens du voyage et des Roms y ont été invités à présenter leur service »."""
    rows = reference_graph.read(
        "MATCH (o:Organisation)-[:PARTICIPATES_IN {role: 'invite'}]->"
        "(:Platform {id: 'plateforme-sociojuridique-namur'})"
        " RETURN o.id AS id ORDER BY id"
    )
    assert [r["id"] for r in rows] == ["ac-namur", "cmgv"]


def test_the_cribw_joined_the_sociojuridique_intervision_only_in_2023(reference_graph: Graph) -> None:
    """Seed 002 l.1702: « Mise en place depuis maintenant 4 ans par le CAI, le CRIC, le CRILUX et depuis cette
    année le CRIBW »."""

    def coordinators(as_of: dt.date) -> set[str]:
        panel = neighbourhood(reference_graph, "intervision-sociojuridique", as_of=as_of)
        return {r.other.id for r in panel.relationships if r.type == "COORDINATES"}

    assert coordinators(dt.date(2022, 6, 1)) == {"cai", "cric", "crilux"}
    assert coordinators(dt.date(2023, 6, 1)) == {"cai", "cric", "crilux", "cribw"}


def test_the_local_coordination_of_ciney_covers_ciney_and_did_not_meet_in_2023(reference_graph: Graph) -> None:
    """Seed 002 l.1968-1969: « Comme pour les autres bureaux d'accueil, il a été décidé de ne pas tenir de
    coordination locale en 2023 »."""
    panel = neighbourhood(reference_graph, "coordination-locale-ciney")
    assert [r.other.id for r in panel.relationships if r.type == "COVERS"] == ["com-ciney"]
    assert (panel.properties["meetingCount"], panel.properties["year"]) == (0, 2023)


def test_the_dinant_french_operators_are_co_members_of_the_cai(reference_graph: Graph) -> None:
    """Seed 002 l.1995-1997: « une rencontre avec les acteurs de formation à la langue française dinantais :
    SAD, Lire et écrire et le Tremplin »."""
    shared = {
        m.organisation.id
        for m in co_members(reference_graph, "cai")
        if any(p.id == "concertation-fle-dinant" for p in m.platforms)
    }
    assert shared == {"sad", "lire-et-ecrire", "le-tremplin"}


def test_the_regional_and_federal_memorandum_is_written_by_the_discri_the_federations_and_every_cri(
    reference_graph: Graph,
) -> None:
    """Seed 002 l.3253-3262: « le DisCRI, en collaboration avec les Fédérations d'employeurs du non marchand
    (ALEAP, CAIPS, CODEF), la Fédération des services sociaux … avec l'ensemble des autres centres régionaux »."""
    [memo] = [m for m in memoranda(reference_graph) if m.id == "memorandum-regional-federal-2024"]
    authors = {a.id for a in memo.authors}
    assert {"discri", "aleap", "caips", "codef", "fdss"} <= authors
    assert len([a for a in memo.authors if a.kind == "cri"]) == 7, "the CAI and the six other CRIs the sources name"


def test_the_cai_met_the_six_traditional_parties_at_the_ppli_plenary(reference_graph: Graph) -> None:
    """Seed 002 l.1474-1475: « Rencontre avec les partis traditionnels : Défi, Ecolo, Les Engagés, le MR, le PS
    et le PTB »."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[a:ADDRESSES]->(p:Organisation)"
        " WHERE a.channel STARTS WITH 'Plénière du PPLI'"
        " RETURN p.id AS id ORDER BY id"
    )
    assert [r["id"] for r in rows] == ["defi", "ecolo", "les-engages", "mr", "ps", "ptb"]


def test_the_cai_interpellated_the_namur_prosecutor_on_nationality(reference_graph: Graph) -> None:
    """Seed 002 l.3305-3306: « le CAI a interpellé le parquet de Namur afin de connaitre les dispositions mises
    en application sur la juridiction »."""
    panel = neighbourhood(reference_graph, "cai")
    channels = [
        r.properties["channel"]
        for r in panel.relationships
        if r.type == "ADDRESSES" and r.outgoing and r.other.id == "parquet-namur"
    ]
    assert len(channels) == 1 and "Cour constitutionnelle" in channels[0]
