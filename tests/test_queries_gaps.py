"""Coordination gaps of the REFUFAM policy brief (seed 004): silent communes, CPAS without a CRI link,
territories without an operator for a theme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.queries.gaps import (
    cpas_without_cri_link,
    referral_years,
    silent_communes,
    territories_without_operator,
)

TERRITORY = """
source: test
themes:
  - {id: fle, name: Français langue étrangère}
  - {id: logement, name: Logement}
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: prov-namur, name: Province de Namur, level: province, parent: wallonie}
  - {id: prov-luxembourg, name: Province de Luxembourg, level: province, parent: wallonie}
  - {id: arr-dinant, name: Arrondissement de Dinant, level: arrondissement, parent: prov-namur}
  - {id: com-ciney, name: Ciney, level: commune, parent: arr-dinant}
  - {id: com-dinant, name: Dinant, level: commune, parent: arr-dinant}
  - {id: com-andenne, name: Andenne, level: commune, parent: prov-namur}
  - {id: com-gesves, name: Gesves, level: commune, parent: prov-namur}
  - {id: com-gembloux, name: Gembloux, level: commune, parent: prov-namur}
  - {id: com-arlon, name: Arlon, level: commune, parent: prov-luxembourg}
organisations:
  - {id: cai, name: CAI, kind: cri, sector: integration, territories: [prov-namur], location: com-andenne}
  - {id: crilux, name: CRILUX, kind: cri, sector: integration, territories: [prov-luxembourg]}
  - {id: discri, name: DisCRI, kind: discri, sector: integration, territories: [wallonie]}
  - {id: ac-ciney, name: Commune de Ciney, kind: commune, sector: pouvoirs_publics, location: com-ciney}
  - {id: cpas-ciney, name: CPAS de Ciney, kind: cpas, sector: action_sociale, location: com-ciney}
  - {id: ac-dinant, name: Commune de Dinant, kind: commune, sector: pouvoirs_publics, location: com-dinant}
  - {id: cpas-dinant, name: CPAS de Dinant, kind: cpas, sector: action_sociale, location: com-dinant}
  - {id: ac-andenne, name: Commune d'Andenne, kind: commune, sector: pouvoirs_publics, location: com-andenne}
  - {id: cpas-andenne, name: CPAS d'Andenne, kind: cpas, sector: action_sociale, location: com-andenne}
  - {id: cpas-gembloux, name: CPAS de Gembloux, kind: cpas, sector: action_sociale, location: com-gembloux}
  - {id: cpas-gesves, name: CPAS de Gesves, kind: cpas, sector: action_sociale, location: com-gesves}
  - {id: cpas-arlon, name: CPAS d'Arlon, kind: cpas, sector: action_sociale, location: com-arlon}
  - {id: cpas-nulle-part, name: CPAS sans adresse, kind: cpas, sector: action_sociale}
  - {id: ecole-ciney, name: École de Ciney, kind: ecole, sector: formation, themes: [fle], location: com-ciney}
  - {id: ili-dinant, name: ILI de Dinant, kind: ili, sector: integration, themes: [fle], territories: [arr-dinant]}
reception_offices:
  - {id: ba-ciney, name: Bureau d'accueil de Ciney, cri: cai, location: com-ciney, serves: [com-ciney, com-dinant]}
  - {id: ba-andenne, name: Bureau d'accueil d'Andenne, cri: cai, serves: [com-andenne]}
platforms:
  - {id: plateforme-fle, name: Plateforme FLE, kind: plateforme_thematique}
relations:
  - {type: REFERS_TO, from: ac-ciney, to: ba-ciney, year: 2023, count: 12}
  - {type: REFERS_TO, from: cpas-ciney, to: ba-ciney, year: 2023, count: 3}
  - {type: REFERS_TO, from: ac-dinant, to: ba-ciney, year: 2022, count: 7}
  - {type: REFERS_TO, from: ac-dinant, to: ba-ciney, year: 2023, count: 1}
  - {type: REFERS_TO, from: ac-andenne, to: cai, year: 2023, count: 2}
  - {type: REFERS_TO, from: cpas-gembloux, to: cai, year: 2023, count: 1}
  - {type: PARTNER_OF, from: cai, to: cpas-andenne, validTo: 2022-12-31}
  - {type: PARTICIPATES_IN, from: cpas-gesves, to: plateforme-fle, role: membre}
  - {type: PARTICIPATES_IN, from: cai, to: plateforme-fle, role: coordinateur}
  - {type: PARTNER_OF, from: crilux, to: cpas-arlon}
"""


@pytest.fixture
def territory(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(TERRITORY)


# --- communes that refer nobody ---------------------------------------------------------------


def test_communes_of_the_cri_territory_that_referred_nobody(territory: Graph) -> None:
    found = silent_communes(territory, "cai", 2023)
    assert [(c.commune.id, c.referrals) for c in found] == [("com-gesves", 0)]
    assert found[0].offices == []


def test_the_threshold_lists_communes_referring_few_people_fewest_first(territory: Graph) -> None:
    found = silent_communes(territory, "cai", 2023, threshold=5)
    assert [(c.commune.id, c.referrals) for c in found] == [
        ("com-gesves", 0),
        ("com-dinant", 1),
        ("com-gembloux", 1),
        ("com-andenne", 2),
    ]


def test_referrals_add_up_over_the_organisations_of_a_commune(territory: Graph) -> None:
    (ciney,) = [c for c in silent_communes(territory, "cai", 2023, threshold=100) if c.commune.id == "com-ciney"]
    assert ciney.referrals == 15
    assert sorted((r.organisation.id, r.count) for r in ciney.referrers) == [("ac-ciney", 12), ("cpas-ciney", 3)]
    assert [o.id for o in ciney.offices] == ["ba-ciney"]


def test_referrals_of_another_year_do_not_count(territory: Graph) -> None:
    found = silent_communes(territory, "cai", 2022)
    assert [c.commune.id for c in found] == ["com-andenne", "com-ciney", "com-gembloux", "com-gesves"]


def test_a_commune_outside_the_cri_territory_is_not_listed(territory: Graph) -> None:
    ids = {c.commune.id for c in silent_communes(territory, "cai", 2023, threshold=1000)}
    assert ids == {"com-ciney", "com-dinant", "com-andenne", "com-gembloux", "com-gesves"}


def test_the_years_with_referral_data_are_listed_latest_first(territory: Graph) -> None:
    assert referral_years(territory, "cai") == [2023, 2022]
    assert referral_years(territory, "crilux") == []


def test_silent_communes_of_an_unknown_cri_are_not_found(territory: Graph) -> None:
    with pytest.raises(NotFound):
        silent_communes(territory, "cri-nope", 2023)


def test_an_absurd_year_is_refused(territory: Graph) -> None:
    with pytest.raises(InvalidInput, match="année"):
        silent_communes(territory, "cai", 23)


# --- CPAS without a link to their CRI ---------------------------------------------------------


def test_cpas_with_no_link_to_their_cri_are_listed(territory: Graph) -> None:
    found = cpas_without_cri_link(territory, as_of=dt.date(2025, 1, 1))
    assert [(row.cpas.id, row.place.id, row.cri.id) for row in found] == [
        ("cpas-andenne", "com-andenne", "cai"),
        ("cpas-dinant", "com-dinant", "cai"),
        ("cpas-gesves", "com-gesves", "cai"),
    ]


def test_a_referral_to_an_office_of_the_cri_is_a_link(territory: Graph) -> None:
    ids = {row.cpas.id for row in cpas_without_cri_link(territory)}
    assert "cpas-ciney" not in ids


def test_a_direct_referral_to_the_cri_is_a_link(territory: Graph) -> None:
    ids = {row.cpas.id for row in cpas_without_cri_link(territory)}
    assert "cpas-gembloux" not in ids


def test_a_shared_platform_is_not_a_direct_link_but_is_shown(territory: Graph) -> None:
    (gesves,) = [row for row in cpas_without_cri_link(territory) if row.cpas.id == "cpas-gesves"]
    assert [p.id for p in gesves.shared_platforms] == ["plateforme-fle"]


def test_an_expired_partnership_is_no_longer_a_link(territory: Graph) -> None:
    assert "cpas-andenne" in {row.cpas.id for row in cpas_without_cri_link(territory, as_of=dt.date(2024, 1, 1))}
    assert "cpas-andenne" not in {row.cpas.id for row in cpas_without_cri_link(territory, as_of=dt.date(2022, 6, 1))}


def test_a_cpas_without_location_has_no_known_cri(territory: Graph) -> None:
    assert "cpas-nulle-part" not in {row.cpas.id for row in cpas_without_cri_link(territory)}


def test_pages_of_the_whole_list_follow_each_other_without_gap_or_repeat(territory: Graph) -> None:
    day = dt.date(2025, 1, 1)
    whole = [(r.cpas.id, r.cri.id, r.place.id) for r in cpas_without_cri_link(territory, as_of=day)]
    paged: list[tuple[str, str, str]] = []
    after = None
    while page := cpas_without_cri_link(territory, as_of=day, first=1, after=after):
        paged += [(r.cpas.id, r.cri.id, r.place.id) for r in page]
        after = page[-1].cursor
    assert paged == whole and len(whole) == 3


def test_pages_of_one_cri_follow_each_other(territory: Graph) -> None:
    day = dt.date(2025, 1, 1)
    whole = [r.cpas.id for r in cpas_without_cri_link(territory, cri_id="cai", as_of=day)]
    [first] = cpas_without_cri_link(territory, cri_id="cai", as_of=day, first=1)
    rest = [r.cpas.id for r in cpas_without_cri_link(territory, cri_id="cai", as_of=day, after=first.cursor)]
    assert [first.cpas.id, *rest] == whole and len(whole) > 1


MORE_CPAS = """
source: test
organisations:
  - {id: cpas-dinant-2, name: CPAS de Dinant bis, kind: cpas, sector: action_sociale, location: com-dinant}
  - {id: cpas-dinant-0, name: CPAS annexe de Dinant, kind: cpas, sector: action_sociale, location: com-dinant}
  - {id: cpas-gesves-2, name: CPAS de Gesves bis, kind: cpas, sector: action_sociale, location: com-gesves}
"""


def test_pages_of_one_cri_of_any_size_go_place_after_place_in_name_order(
    load_yaml: Callable[[str], Graph],
) -> None:
    load_yaml(TERRITORY)
    graph = load_yaml(MORE_CPAS)
    day = dt.date(2025, 1, 1)
    whole = [(r.place.id, r.cpas.id) for r in cpas_without_cri_link(graph, cri_id="cai", as_of=day)]
    assert whole == [
        ("com-andenne", "cpas-andenne"),
        ("com-dinant", "cpas-dinant-0"),
        ("com-dinant", "cpas-dinant"),
        ("com-dinant", "cpas-dinant-2"),
        ("com-gesves", "cpas-gesves"),
        ("com-gesves", "cpas-gesves-2"),
    ]
    for size in range(1, len(whole) + 1):  # pages that end inside a place, at its end, or span several
        paged: list[tuple[str, str]] = []
        after = None
        while page := cpas_without_cri_link(graph, cri_id="cai", as_of=day, first=size, after=after):
            assert len(page) <= size
            paged += [(r.place.id, r.cpas.id) for r in page]
            after = page[-1].cursor
        assert paged == whole, size


def test_a_cursor_of_one_cri_is_refused_for_the_whole_list(territory: Graph) -> None:
    [first, *_] = cpas_without_cri_link(territory, cri_id="cai", as_of=dt.date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="after"):
        cpas_without_cri_link(territory, after=first.cursor)


def test_the_list_can_be_restricted_to_one_cri(territory: Graph) -> None:
    assert cpas_without_cri_link(territory, cri_id="crilux") == []
    assert {row.cri.id for row in cpas_without_cri_link(territory, cri_id="cai")} == {"cai"}


# --- territories without an operator ----------------------------------------------------------


def test_communes_without_a_local_operator_for_the_theme(territory: Graph) -> None:
    found = territories_without_operator(territory, "fle")
    assert [(t.territory.id, t.parent and t.parent.id) for t in found] == [
        ("com-andenne", "prov-namur"),
        ("com-arlon", "prov-luxembourg"),
        ("com-dinant", "arr-dinant"),  # the ILI covers the arrondissement of Dinant, not the commune itself
        ("com-gembloux", "prov-namur"),
        ("com-gesves", "prov-namur"),
    ]


def test_an_operator_covering_a_wider_territory_is_named_with_the_commune(territory: Graph) -> None:
    (dinant,) = [t for t in territories_without_operator(territory, "fle") if t.territory.id == "com-dinant"]
    assert [(w.organisation.id, w.territory.id, w.link, w.link_label) for w in dinant.wider_operators] == [
        ("ili-dinant", "arr-dinant", "COVERS", "couvre le territoire")
    ]
    assert dinant.wider_operators[0].provenance.source == "test"
    assert dinant.provenance.source == "test"


def test_an_operator_covering_a_wider_territory_counts_only_when_asked(territory: Graph) -> None:
    wide = {t.territory.id for t in territories_without_operator(territory, "fle", include_wider=True)}
    assert "com-dinant" not in wide
    assert "com-ciney" not in wide  # the school is located in Ciney


def test_a_province_with_an_operator_inside_it_has_an_operator(territory: Graph) -> None:
    found = territories_without_operator(territory, "fle", level="province")
    assert [t.territory.id for t in found] == ["prov-luxembourg"]


def test_a_theme_nobody_works_on_leaves_every_territory_without_operator(territory: Graph) -> None:
    found = territories_without_operator(territory, "logement", within_id="prov-namur")
    assert [t.territory.id for t in found] == ["com-andenne", "com-ciney", "com-dinant", "com-gembloux", "com-gesves"]


def test_the_search_can_be_kept_inside_a_territory(territory: Graph) -> None:
    found = territories_without_operator(territory, "fle", within_id="prov-namur")
    assert [t.territory.id for t in found] == ["com-andenne", "com-dinant", "com-gembloux", "com-gesves"]


def test_an_unknown_level_is_refused(territory: Graph) -> None:
    with pytest.raises(InvalidInput, match="Niveau"):
        territories_without_operator(territory, "fle", level="quartier")


def test_an_unknown_theme_is_not_found(territory: Graph) -> None:
    with pytest.raises(NotFound):
        territories_without_operator(territory, "theme-nope")
