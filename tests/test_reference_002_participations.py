"""Seed 002's board and annex of institutional participations: bodies, mandates with the people the
source names, memberships of the CAI, platforms."""

from __future__ import annotations

from maillage.graph.connection import Graph
from maillage.queries.diagonal import seats_by_body


def test_the_cai_board_has_the_towns_the_associations_and_consultative_voices(reference_graph: Graph) -> None:
    """Seed 002 l.3821-3859: 9 town seats, 9 associative seats, 4 consultative voices."""
    [board] = seats_by_body(reference_graph, body_id="ca-cai")
    seats = [s.seat.value for s in board.seats]
    assert (len(seats), seats.count("consultatif")) == (22, 4)
    holders = {s.holder.id for s in board.seats}
    assert {"ac-namur", "ac-sambreville", "alpha-5000", "unia", "csc", "fgtb"} <= holders


def test_the_director_sits_with_a_consultative_voice(reference_graph: Graph) -> None:
    """Seed 002 l.3859: « CAI (Directrice) : Madame Benoîte Dessicy »."""
    [board] = seats_by_body(reference_graph, body_id="ca-cai")
    director = next(s for s in board.seats if s.person and s.person.id == "benoite-dessicy")
    assert director.person is not None
    assert (director.holder.id, director.seat.value, director.person.name) == ("cai", "consultatif", "Benoîte Dessicy")


def test_the_cai_is_represented_at_the_namur_concertation_commission_with_a_substitute(reference_graph: Graph) -> None:
    """Seed 002 l.3877-3880: « Le CAI sera représenté par Benoîte et Bernard comme suppléant »."""
    [commission] = seats_by_body(reference_graph, body_id="commission-concertation-namur")
    seat = commission.seats[0]
    assert (seat.person.id, seat.substitute.id) == ("benoite-dessicy", "bernard-cai")  # type: ignore[union-attr]


def test_the_director_represents_the_regional_centres_at_the_fesefa(reference_graph: Graph) -> None:
    """Seed 002 l.3979-3981: « La directrice représente les centres régionaux au conseil d'administration »."""
    [board] = seats_by_body(reference_graph, body_id="ca-fesefa")
    assert len(board.seats[0].on_behalf_of) == 7


def test_the_cai_is_a_member_of_the_general_assemblies_the_annex_lists(reference_graph: Graph) -> None:
    """Seed 002 l.3944-4073: DisCRI, FESEFA, CODEF, CRAIG, Boukè, Lire et Écrire, CLPS, … FUCID."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[:MEMBER_OF {role: 'membre_ag'}]->(o) RETURN o.id AS id ORDER BY id"
    )
    assert len(rows) == 13
    assert {"discri", "codef", "lire-et-ecrire", "fucid"} <= {r["id"] for r in rows}


def test_the_cai_sits_in_the_steering_committees_of_21_social_cohesion_plans(reference_graph: Graph) -> None:
    """Seed 002 l.4052-4056: the PCS of 21 communes, from Namur to Ciney."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[:SITS_IN]->(b:Body)-[:BODY_OF]->(p:Organisation {kind: 'pcs'}) "
        "RETURN count(DISTINCT p) AS n"
    )
    assert rows[0]["n"] == 21


def test_the_cai_takes_part_in_four_forem_partnership_platforms(reference_graph: Graph) -> None:
    """Seed 002 l.4049-4050: Namur, Sambreville, Andenne and Dinant."""
    rows = reference_graph.read(
        "MATCH (:Organisation {id: 'cai'})-[:PARTICIPATES_IN]->(p:Platform) WHERE p.id STARTS WITH 'plateforme-forem' "
        "RETURN count(p) AS n"
    )
    assert rows[0]["n"] == 4
