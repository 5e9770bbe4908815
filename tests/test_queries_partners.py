"""The horizontal mesh: partners by ring with the ties that make them partners, co-members of platforms,
bridges between sectors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.queries.horizontal import co_members, partners_by_ring, sector_bridges

AS_OF = dt.date(2025, 6, 1)

MESH = """
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: com-namur, name: Namur, level: commune, parent: wallonie}
organisations:
  - {id: cai, name: CAI, kind: cri, sector: integration, location: com-namur}
  - {id: ili-a, name: ILI A, kind: ili, sector: integration, location: com-namur}
  - {id: forem, name: Forem, kind: organisme_public, sector: emploi}
  - {id: cpas, name: CPAS de Namur, kind: cpas, sector: action_sociale, location: com-namur}
  - {id: logis, name: Logis, kind: association, sector: logement, location: com-namur}
  - {id: clinique, name: Clinique, kind: association, sector: sante, location: com-namur}
  - {id: province, name: Province, kind: administration, sector: pouvoirs_publics}
  - {id: ancien, name: Ancien, kind: association, sector: sante}
  - {id: isole, name: Isolé, kind: association, sector: culture}
reception_offices:
  - {id: ba-namur, name: Bureau d'accueil de Namur, cri: cai, serves: [com-namur]}
platforms:
  - {id: pf-fle, name: Plateforme FLE, kind: plateforme_thematique}
  - {id: pf-sante, name: Plateforme santé, kind: plateforme_thematique}
relations:
  - {type: PARTNER_OF, from: cai, to: forem, note: Projet commun}
  - {type: PARTNER_OF, from: cai, to: ancien, validTo: 2024-12-31}
  - {type: REFERS_TO, from: cpas, to: ba-namur, year: 2023, count: 12}
  - {type: PARTICIPATES_IN, from: cai, to: pf-fle, role: coordinateur}
  - {type: PARTICIPATES_IN, from: ili-a, to: pf-fle, role: membre}
  - {type: PARTICIPATES_IN, from: logis, to: pf-fle, role: membre}
  - {type: PARTICIPATES_IN, from: province, to: pf-fle, role: invite}
  - {type: PARTICIPATES_IN, from: cai, to: pf-sante, role: membre}
  - {type: PARTICIPATES_IN, from: logis, to: pf-sante, role: membre}
  - {type: PARTICIPATES_IN, from: clinique, to: pf-sante, role: membre}
  - {type: PARTICIPATES_IN, from: isole, to: pf-fle, role: membre, validTo: 2024-12-31}
  - {type: PARTICIPATES_IN, from: ili-a, to: pf-sante, role: membre, validTo: 2024-01-31}
"""


@pytest.fixture
def mesh(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(MESH)


def ring_ids(
    graph: Graph, organisation: str, as_of: dt.date = AS_OF, ring: int | None = None
) -> dict[int | None, list[str]]:
    rings = partners_by_ring(graph, organisation, ring=ring, as_of=as_of)
    return {r.ring: [p.organisation.id for p in r.partners] for r in rings}


def test_partners_are_grouped_by_the_ring_of_their_sector(mesh: Graph) -> None:
    assert ring_ids(mesh, "cai") == {
        1: ["ili-a"],
        2: ["cpas", "forem"],
        3: ["clinique", "logis"],
        None: ["province"],
    }


def test_the_three_rings_come_back_even_when_empty_and_public_authorities_only_when_present(mesh: Graph) -> None:
    rings = partners_by_ring(mesh, "forem", as_of=AS_OF)
    assert [(r.ring, len(r.partners)) for r in rings] == [(1, 1), (2, 0), (3, 0)]
    assert rings[0].label == "1er cercle : secteur de l'intégration"


def test_a_direct_partnership_is_its_own_named_tie(mesh: Graph) -> None:
    [forem] = [
        p for p in partners_by_ring(mesh, "cai", ring=2, as_of=AS_OF)[0].partners if p.organisation.id == "forem"
    ]
    [tie] = forem.ties
    assert [(r.type, r.reading, r.source, r.target) for r in tie.relationships] == [
        ("PARTNER_OF", "est partenaire de", "cai", "forem")
    ]
    assert tie.relationships[0].properties["note"] == "Projet commun"


def test_a_shared_platform_makes_partners_through_the_platform(mesh: Graph) -> None:
    [logis] = partners_by_ring(mesh, "cai", ring=3, as_of=AS_OF)[0].partners[1:]
    assert [[n.id for n in tie.nodes] for tie in logis.ties] == [
        ["cai", "pf-fle", "logis"],
        ["cai", "pf-sante", "logis"],
    ]
    assert [r.properties["role"] for r in logis.ties[0].relationships] == ["coordinateur", "membre"]


def test_referring_people_to_an_office_the_organisation_runs_makes_partners(mesh: Graph) -> None:
    [cpas] = [p for p in partners_by_ring(mesh, "cai", ring=2, as_of=AS_OF)[0].partners if p.organisation.id == "cpas"]
    assert [r.type for r in cpas.ties[0].relationships] == ["RUNS", "REFERS_TO"]
    assert cpas.ties[0].relationships[1].properties["count"] == 12


def test_ended_partnerships_and_participations_do_not_make_partners(mesh: Graph) -> None:
    partners = {p for ids in ring_ids(mesh, "cai").values() for p in ids}
    assert not {"ancien", "isole"} & partners
    earlier = {p for ids in ring_ids(mesh, "cai", as_of=dt.date(2024, 6, 1)).values() for p in ids}
    assert {"ancien", "isole"} <= earlier


def test_one_ring_can_be_asked_for(mesh: Graph) -> None:
    assert ring_ids(mesh, "cai", ring=3) == {3: ["clinique", "logis"]}


def test_an_organisation_without_ties_has_empty_rings(mesh: Graph) -> None:
    assert ring_ids(mesh, "isole") == {1: [], 2: [], 3: []}


def test_a_ring_other_than_one_two_or_three_is_refused(mesh: Graph) -> None:
    with pytest.raises(InvalidInput, match="ring"):
        partners_by_ring(mesh, "cai", ring=4)


def test_partners_of_an_unknown_organisation_are_not_found(mesh: Graph) -> None:
    with pytest.raises(NotFound, match="inconnue"):
        partners_by_ring(mesh, "inconnue")


def test_co_members_come_with_the_count_of_shared_platforms_most_first(mesh: Graph) -> None:
    found = co_members(mesh, "cai", as_of=AS_OF)
    assert [(m.organisation.id, m.shared, [p.id for p in m.platforms]) for m in found] == [
        ("logis", 2, ["pf-fle", "pf-sante"]),
        ("clinique", 1, ["pf-sante"]),
        ("ili-a", 1, ["pf-fle"]),
        ("province", 1, ["pf-fle"]),
    ]


def test_co_members_can_require_a_minimum_of_shared_platforms(mesh: Graph) -> None:
    assert [m.organisation.id for m in co_members(mesh, "cai", min_shared=2, as_of=AS_OF)] == ["logis"]


def test_an_ended_participation_does_not_count_as_shared(mesh: Graph) -> None:
    [ili] = [m for m in co_members(mesh, "logis", as_of=AS_OF) if m.organisation.id == "ili-a"]
    assert [p.id for p in ili.platforms] == ["pf-fle"]


def test_co_members_refuse_a_minimum_below_one(mesh: Graph) -> None:
    with pytest.raises(InvalidInput, match="minShared"):
        co_members(mesh, "cai", min_shared=0)


def test_bridges_of_the_integration_sector_reach_other_sectors_most_first(mesh: Graph) -> None:
    found = sector_bridges(mesh, as_of=AS_OF)
    assert [(b.organisation.id, b.sectors) for b in found] == [("cai", 4), ("ili-a", 1)]
    assert [r.sector for r in found[0].reached] == ["action_sociale", "emploi", "logement", "sante"]


def test_bridges_towards_given_sectors_keep_only_ties_to_them(mesh: Graph) -> None:
    [cai, ili] = sector_bridges(mesh, towards=["logement", "sante"], as_of=AS_OF)
    assert [(r.label, [p.id for p in r.partners]) for r in cai.reached] == [
        ("Logement", ["logis"]),
        ("Santé", ["clinique"]),
    ]
    assert {tie.nodes[-1].id for tie in cai.ties} == {"logis", "clinique"}
    assert ili.organisation.id == "ili-a"


def test_bridges_can_start_from_another_sector(mesh: Graph) -> None:
    found = sector_bridges(mesh, sector="sante", as_of=AS_OF)
    assert [(b.organisation.id, [r.sector for r in b.reached]) for b in found] == [
        ("clinique", ["integration", "logement"])
    ]


def test_bridges_refuse_an_unknown_sector(mesh: Graph) -> None:
    with pytest.raises(InvalidInput, match="secteur inconnu « cuisine »"):
        sector_bridges(mesh, towards=["cuisine"])


def test_co_members_of_the_cai_include_the_ppli_pilots(reference_graph: Graph) -> None:
    """Seed 003 l.63: the PPLI is piloted by the CAI, the Province of Namur and the CLPS."""
    found = {m.organisation.id for m in co_members(reference_graph, "cai")}
    assert {"province-namur", "clps-namur"} <= found


def test_the_forem_is_a_second_ring_partner_of_the_cai(reference_graph: Graph) -> None:
    """Seed 002 l.273-303: « Levons les freins », with the Forem as partner (Forem: public employment)."""
    [ring_two] = partners_by_ring(reference_graph, "cai", ring=2)
    forem = next(p for p in ring_two.partners if p.organisation.id == "forem")
    assert any(r.type == "PARTNER_OF" for tie in forem.ties for r in tie.relationships)


def test_the_cai_bridges_integration_and_health(reference_graph: Graph) -> None:
    """Seed 003 l.63: the CLPS (health promotion) pilots the PPLI with the CAI."""
    bridges = {b.organisation.id: b for b in sector_bridges(reference_graph, towards=["sante"], limit=200)}
    assert "clps-namur" in {p.id for r in bridges["cai"].reached for p in r.partners}
