"""The horizontal mesh: partner suggestions, ranked by an explained score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.queries.horizontal import WEIGHTS, partner_suggestions

AS_OF = dt.date(2025, 6, 1)

SECTOR = """
themes:
  - {id: fle, name: Français langue étrangère}
  - {id: isp, name: Insertion socioprofessionnelle}
  - {id: sante, name: Santé}
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: prov-namur, name: Province de Namur, level: province, parent: wallonie}
  - {id: prov-liege, name: Province de Liège, level: province, parent: wallonie}
  - {id: com-namur, name: Namur, level: commune, parent: prov-namur}
  - {id: com-liege, name: Liège, level: commune, parent: prov-liege}
organisations:
  - {id: cible, name: Cible, kind: ili, sector: integration, themes: [fle, isp], location: com-namur}
  - {id: alpha, name: Alpha, kind: operateur, sector: formation, themes: [fle, isp], location: com-namur}
  - {id: beta, name: Beta, kind: operateur, sector: formation, themes: [fle], location: com-namur}
  - {id: bravo, name: Bravo, kind: operateur, sector: formation, themes: [fle], location: com-namur}
  - {id: provincial, name: Provincial, kind: operateur, sector: formation, themes: [fle], territories: [prov-namur]}
  - {id: liegeois, name: Liégeois, kind: operateur, sector: formation, themes: [fle], location: com-liege}
  - {id: soins, name: Soins, kind: association, sector: sante, themes: [sante], location: com-namur}
  - {id: deja, name: Déjà partenaire, kind: operateur, sector: formation, themes: [fle], location: com-namur}
  - {id: ancien, name: Ancien partenaire, kind: operateur, sector: formation, themes: [fle], location: com-namur}
  - {id: pont, name: Pont, kind: cpas, sector: action_sociale, location: com-namur}
  - {id: sans-theme, name: Sans thème, kind: operateur, sector: formation, location: com-namur}
platforms:
  - {id: plateforme-fle, name: Plateforme FLE, kind: plateforme_thematique, themes: [fle], territory: com-namur}
relations:
  - {type: PARTNER_OF, from: cible, to: deja}
  - {type: PARTNER_OF, from: cible, to: ancien, validTo: 2024-12-31}
  - {type: PARTNER_OF, from: cible, to: pont}
  - {type: PARTNER_OF, from: alpha, to: pont}
  - {type: PARTICIPATES_IN, from: beta, to: plateforme-fle, role: membre}
"""


@pytest.fixture
def sector(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(SECTOR)


def ids(graph: Graph, target: str, **kwargs: object) -> list[str]:
    return [s.organisation.id for s in partner_suggestions(graph, target, as_of=AS_OF, **kwargs)]  # type: ignore[arg-type]


def test_suggestions_work_on_the_themes_in_the_territory_best_first(sector: Graph) -> None:
    assert ids(sector, "cible") == ["alpha", "beta", "ancien", "bravo", "provincial"]


def test_an_organisation_already_connected_is_not_suggested(sector: Graph) -> None:
    assert "deja" not in ids(sector, "cible")


def test_a_partnership_ended_before_the_date_does_not_count_as_connected(sector: Graph) -> None:
    assert "ancien" in ids(sector, "cible")
    earlier = [s.organisation.id for s in partner_suggestions(sector, "cible", as_of=dt.date(2024, 6, 1))]
    assert "ancien" not in earlier


def test_an_organisation_elsewhere_or_on_other_themes_is_not_suggested(sector: Graph) -> None:
    assert not {"liegeois", "soins", "sans-theme"} & set(ids(sector, "cible"))


def test_a_wider_territory_counts_half(sector: Graph) -> None:
    provincial = next(s for s in partner_suggestions(sector, "cible", as_of=AS_OF) if s.organisation.id == "provincial")
    territory = next(p for p in provincial.parts if p.factor == "territory")
    assert (territory.value, territory.explanation) == (0.5, "Actif sur un territoire plus large qui contient Namur")


def test_the_score_is_the_weighted_sum_of_its_explained_parts(sector: Graph) -> None:
    alpha = partner_suggestions(sector, "cible", as_of=AS_OF)[0]
    assert alpha.score == pytest.approx(sum(p.value * p.weight for p in alpha.parts), abs=1e-4)
    assert {p.factor: p.weight for p in alpha.parts} == WEIGHTS
    assert [p.explanation for p in alpha.parts][:3] == [
        "Travaille sur 2 des 2 thèmes recherchés : Français langue étrangère, Insertion socioprofessionnelle",
        "Situé ou actif à Namur",
        "1 partenaire(s) en commun : Pont",
    ]


def test_ties_are_broken_by_name(sector: Graph) -> None:
    scores = {s.organisation.id: s.score for s in partner_suggestions(sector, "cible", as_of=AS_OF)}
    assert scores["ancien"] == scores["bravo"]
    assert ids(sector, "cible").index("ancien") < ids(sector, "cible").index("bravo")


def test_a_platform_gets_suggestions_that_do_not_take_part_yet(sector: Graph) -> None:
    suggested = ids(sector, "plateforme-fle")
    assert "beta" not in suggested
    assert {"alpha", "bravo", "cible"} <= set(suggested)


def test_a_theme_given_replaces_the_targets_themes(sector: Graph) -> None:
    assert ids(sector, "cible", theme="sante") == ["soins"]


def test_a_territory_given_replaces_the_targets_territory(sector: Graph) -> None:
    assert ids(sector, "cible", territory="prov-liege") == ["liegeois"]


def test_a_target_without_themes_asks_for_one(sector: Graph) -> None:
    with pytest.raises(InvalidInput, match="theme"):
        partner_suggestions(sector, "pont")


def test_a_wrong_id_is_not_found(sector: Graph) -> None:
    with pytest.raises(NotFound, match="personne"):
        partner_suggestions(sector, "personne")


def test_a_wrong_theme_is_not_found(sector: Graph) -> None:
    with pytest.raises(NotFound, match="cuisine"):
        partner_suggestions(sector, "cible", theme="cuisine")
