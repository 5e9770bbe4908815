"""The explorer's views for keeping the graph true over time, end to end in headless Chromium against a
running `maillage serve`: the network between two dates (Évolution), duplicates and merges (Doublons),
the BCE/KBO proposals (Propositions BCE), and the history of an entity in its panel.

The reference dataset gets an ILI imported twice (tests/fixtures/explorer-curation.yaml), a dated mandate,
and the CAI's enterprise number with the BCE/KBO extract of tests/fixtures/kbo imported: its
differences wait as proposals. Each test leaves the data as it found it (a merge is undone, a decided
proposal was one nobody else looks at).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import KBO_REGISTER
from playwright.sync_api import Browser, Page, expect
from test_explorer import axe_violations, browser, choose, log_in, open_page, shot  # noqa: F401  (browser: a fixture)

from maillage.graph.connection import Graph
from maillage.importers import import_paths
from maillage.importers.kbo import import_register
from maillage.queries.tokens import create_token

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "explorer-curation.yaml"
CAI = "Centre d'action interculturelle de la province de Namur"
DUTCH = "Centrum voor interculturele actie van de provincie Namen"
"""The CAI's official Dutch name in the BCE/KBO extract (denomination.csv, line 3)."""


@pytest.fixture(scope="module")
def curated(reference_graph: Graph) -> Graph:
    import_paths(reference_graph, [FIXTURE])
    reference_graph.write("MATCH (o:Organisation {id: 'cai'}) SET o.enterpriseNumber = '0418.547.872'")
    import_register(reference_graph, KBO_REGISTER)
    return reference_graph


@pytest.fixture(scope="module")
def url(curated: Graph, api_server: str) -> str:
    return api_server


@pytest.fixture
def page(browser: Browser, url: str) -> Iterator[Page]:  # noqa: F811
    opened, errors = open_page(browser, url)
    yield opened
    opened.context.close()
    assert errors == [], f"erreurs JavaScript : {errors}"


@pytest.fixture
def phone(browser: Browser, url: str) -> Iterator[Page]:  # noqa: F811
    opened, errors = open_page(browser, url, width=390, height=844)
    yield opened
    opened.context.close()
    assert errors == [], f"erreurs JavaScript : {errors}"


@pytest.fixture(scope="module")
def token(curated: Graph) -> str:
    return create_token(curated, "Équipe API", "staff")[1]


def post(url: str, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
    response = httpx.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    body = dict(response.json())
    assert "errors" not in body, body
    return dict(body["data"])


MERGE = "mutation($k: ID!, $m: ID!) { mergeEntities(kept: $k, merged: $m) { merge } }"
UNDO = "mutation($id: ID!) { undoMerge(merge: $id) { target } }"


def entity_ids(graph: Graph, *ids: str) -> set[str]:
    return {
        row["id"] for row in graph.read("MATCH (o:Organisation) WHERE o.id IN $ids RETURN o.id AS id", {"ids": ids})
    }


# --- Évolution: the network between two dates ------------------------------------------------------


def test_the_ties_and_mandates_that_began_in_a_period_are_grouped_with_links(page: Page) -> None:
    """Seed 000 l. 21-22: the five federations founded the Coupole in 2024 (MEMBER_OF from 2024-01-01)."""
    page.get_by_role("tab", name="Évolution").click()
    page.fill("#evolution-du", "2023-06-01")
    page.fill("#evolution-au", "2024-06-30")
    page.get_by_role("button", name="Comparer").click()
    began = page.locator("#evolution-apparus")
    expect(began.locator("#evolution-apparus-vertical")).to_contain_text("Risome")
    expect(began).to_contain_text("1 janvier 2024")
    expect(began.get_by_role("link", name="Coupole des fédérations d'ILI").first).to_be_visible()
    expect(page.locator("#evolution-mandats-commences")).to_contain_text("CESE Wallonie")
    expect(page.locator("#evolution-termines")).to_have_count(0)
    expect(page.locator("#evolution-resume")).to_contain_text("Du 1 juin 2023 au 30 juin 2024")
    assert "#/evolution?du=2023-06-01&au=2024-06-30" in page.url
    shot(page, "20-evolution", docs=True)
    began.get_by_role("link", name="Risome").first.click()
    expect(page.locator("#fiche h2")).to_have_text("Risome")


def test_a_deep_link_with_two_dates_shows_the_ties_that_ended_and_back_restores_the_dates(page: Page, url: str) -> None:
    """Seed 002 l. 3671-3677: the CAI and the Carhop worked together from 2015 to 2017."""
    page.goto(f"{url}/#/evolution?du=2017-01-01&au=2018-06-30")
    ended = page.locator("#evolution-termines")
    expect(ended).to_contain_text("Carhop")
    expect(ended).to_contain_text("31 décembre 2017")
    expect(page.locator("#evolution-du")).to_have_value("2017-01-01")
    page.fill("#evolution-du", "2023-06-01")
    page.fill("#evolution-au", "2024-06-30")
    page.get_by_role("button", name="Comparer").click()
    expect(page.locator("#evolution-apparus")).to_contain_text("Risome")
    page.go_back()
    expect(page.locator("#evolution-termines")).to_contain_text("Carhop")
    expect(page.locator("#evolution-du")).to_have_value("2017-01-01")
    page.go_forward()
    expect(page.locator("#evolution-du")).to_have_value("2023-06-01")


def test_centrality_at_both_dates_and_its_change_are_listed(page: Page, url: str) -> None:
    """Before 2024 the Coupole had none of its five founding members: its degree grows by at least five."""
    page.goto(f"{url}/#/evolution?du=2023-06-01&au=2024-06-30&maillage=VERTICAL")
    table = page.locator("#evolution-centralite table")
    expect(table).to_be_visible(timeout=120_000)  # the two analyses are computed in the background
    expect(table.locator("caption")).to_contain_text("nombre de liens")
    row = table.locator("tbody tr", has_text="Coupole des fédérations d'ILI")
    delta = row.locator("td").last.inner_text()
    assert re.fullmatch(r"\+\d+", delta) and int(delta[1:]) >= 5, delta
    expect(page.locator("#evolution-maillage")).to_have_value("VERTICAL")
    shot(page, "21-evolution-centralite")


def test_dates_in_the_wrong_order_are_refused_in_french(page: Page) -> None:
    page.get_by_role("tab", name="Évolution").click()
    page.fill("#evolution-du", "2024-06-30")
    page.fill("#evolution-au", "2023-06-01")
    page.get_by_role("button", name="Comparer").click()
    expect(page.locator("#message")).to_have_text("La seconde date doit suivre la première.")


# --- Doublons: candidates, comparison, merge and undo ----------------------------------------------


def test_staff_see_the_duplicate_candidates_with_their_reason(page: Page, curated: Graph) -> None:
    log_in(page, curated)
    page.get_by_role("tab", name="Doublons").click()
    row = page.locator("#doublons-candidats tbody tr", has_text="ILI de Xhoris ASBL")
    expect(row).to_contain_text("même nom (aux formes juridiques, accents et petits mots près)")
    expect(row).to_contain_text("100 %")
    shot(page, "22-doublons")


def test_staff_compare_two_entities_side_by_side(page: Page, curated: Graph) -> None:
    log_in(page, curated)
    page.get_by_role("tab", name="Doublons").click()
    page.get_by_role("link", name="Comparer ILI de Xhoris et ILI de Xhoris ASBL").click()
    table = page.locator("#doublons-table")
    expect(table.locator("thead")).to_contain_text("ILI de Xhoris ASBL")
    expect(table.locator("tr", has_text="Site")).to_contain_text("https://xhoris.example")
    expect(table.locator("tr", has_text="Liens")).to_contain_text("est membre de : 1")
    assert "a=ili-xhoris&b=ili-xhoris-bis" in page.url


def test_staff_merge_a_duplicate_after_confirming_then_undo_the_merge(page: Page, curated: Graph) -> None:
    log_in(page, curated)
    page.get_by_role("tab", name="Doublons").click()
    page.get_by_role("link", name="Comparer ILI de Xhoris et ILI de Xhoris ASBL").click()
    page.get_by_label("garder « ILI de Xhoris » (ili-xhoris)").check()
    page.get_by_role("button", name="Fusionner…").click()
    dialog = page.get_by_role("dialog", name="Confirmer la fusion")
    expect(dialog).to_contain_text("Fondre « ILI de Xhoris ASBL » (ili-xhoris-bis) dans « ILI de Xhoris » (ili-xhoris)")
    shot(page, "23-doublons-confirmation", docs=True)
    dialog.get_by_role("button", name="Confirmer la fusion").click()
    expect(page.locator("#message")).to_contain_text(
        "« ILI de Xhoris ASBL » fondu dans « ILI de Xhoris » : 1 lien(s) déplacé(s)"
    )
    assert entity_ids(curated, "ili-xhoris", "ili-xhoris-bis") == {"ili-xhoris"}
    merges = page.locator("#fusions-table tbody tr").first
    expect(merges).to_contain_text("ili-xhoris-bis")
    expect(merges).to_contain_text("en vigueur")
    expect(page.locator("#doublons-candidats")).not_to_contain_text("ILI de Xhoris ASBL")
    shot(page, "24-doublons-fusion")

    page.get_by_role("button", name="Annuler la fusion de ili-xhoris-bis dans ILI de Xhoris").click()
    page.get_by_role("dialog", name="Annuler la fusion").get_by_role("button", name="Annuler la fusion").click()
    expect(page.locator("#message")).to_contain_text(
        "Fusion annulée : « ili-xhoris-bis » est de nouveau un élément distinct"
    )
    expect(merges).to_contain_text("annulée le")
    assert entity_ids(curated, "ili-xhoris", "ili-xhoris-bis") == {"ili-xhoris", "ili-xhoris-bis"}
    member = curated.read("MATCH (:Organisation {id: 'ili-xhoris-bis'})-[:MEMBER_OF]->(f) RETURN f.id AS f")
    assert member == [{"f": "risome"}]


def test_cancelling_the_confirmation_merges_nothing(page: Page, curated: Graph) -> None:
    log_in(page, curated)
    page.goto(page.url.split("#")[0] + "#/doublons?a=ili-xhoris&b=ili-xhoris-bis")
    page.get_by_role("button", name="Fusionner…").click()
    expect(page.get_by_role("dialog", name="Confirmer la fusion")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert entity_ids(curated, "ili-xhoris", "ili-xhoris-bis") == {"ili-xhoris", "ili-xhoris-bis"}


def test_a_merge_the_api_refuses_shows_its_french_message_and_changes_nothing(
    page: Page, curated: Graph, url: str, token: str
) -> None:
    log_in(page, curated)
    page.goto(page.url.split("#")[0] + "#/doublons?a=ili-xhoris&b=ili-xhoris-bis")
    expect(page.locator("#doublons-table")).to_be_visible()
    done = post(url, MERGE, {"k": "ili-xhoris-bis", "m": "ili-xhoris"}, token)["mergeEntities"]  # meanwhile, elsewhere
    try:
        page.get_by_label("garder « ILI de Xhoris » (ili-xhoris)").check()
        page.get_by_role("button", name="Fusionner…").click()
        page.get_by_role("dialog").get_by_role("button", name="Confirmer la fusion").click()
        expect(page.locator("#message")).to_have_text(
            "Conflit : la donnée a changé entre-temps — élément gardé : « ili-xhoris » a déjà été fusionné dans "
            "« ili-xhoris-bis »."
        )
        expect(page.locator("#message")).not_to_have_class("info")
        assert entity_ids(curated, "ili-xhoris", "ili-xhoris-bis") == {"ili-xhoris-bis"}
    finally:
        post(url, UNDO, {"id": done["merge"]}, token)


# --- Historique: the changes of an entity in its panel ---------------------------------------------


def test_the_history_shows_who_when_and_a_readable_diff_of_a_merge_and_its_undo(
    page: Page, curated: Graph, url: str, token: str
) -> None:
    done = post(url, MERGE, {"k": "ili-xhoris", "m": "ili-xhoris-bis"}, token)["mergeEntities"]
    post(url, UNDO, {"id": done["merge"]}, token)
    log_in(page, curated)
    page.goto(page.url.split("#")[0] + "#/reseau?fiche=ili-xhoris")
    history = page.locator("#fiche-historique")
    history.locator("summary").click()
    merge = history.locator("li[data-operation=merge]").first
    expect(merge).to_contain_text("Fusion d'un doublon")
    expect(merge).to_contain_text("par Équipe API")
    site = merge.locator("li[data-field=website]")
    expect(site.locator(".before")).to_have_text("(vide)")
    expect(site.locator(".after")).to_have_text("https://xhoris.example")
    undo = history.locator("li[data-operation=undoMerge]").first
    expect(undo).to_contain_text("Annulation d'une fusion")
    expect(undo.locator("li[data-field=website]").locator(".after")).to_have_text("(vide)")
    expect(history).not_to_contain_text("{")
    shot(page, "25-historique")


# --- Propositions BCE/KBO -----------------------------------------------------------------------------


def test_staff_see_a_proposal_with_its_organisation_and_source(page: Page, curated: Graph) -> None:
    log_in(page, curated)
    page.get_by_role("tab", name="Propositions BCE").click()
    row = page.locator("#propositions-table tbody tr[data-field=nameNl]")
    expect(row).to_contain_text(DUTCH)
    expect(row.get_by_role("link", name=CAI)).to_be_visible()
    expect(row).to_contain_text("Nom en néerlandais")
    expect(row).to_contain_text("denomination.csv, ligne 3")
    shot(page, "26-propositions", docs=True)


def test_staff_accept_a_proposal_and_the_organisation_takes_the_value(page: Page, curated: Graph) -> None:
    log_in(page, curated)
    page.goto(page.url.split("#")[0] + "#/propositions")
    page.get_by_role("button", name=f"Accepter : Nom en néerlandais de {CAI}").click()
    expect(page.locator("#message")).to_have_text(
        f"Proposition acceptée : Nom en néerlandais de « {CAI} » vaut désormais « {DUTCH} »."
    )
    expect(page.locator("#propositions-table tbody tr[data-field=nameNl]")).to_have_count(0)
    assert curated.read("MATCH (o:Organisation {id: 'cai'}) RETURN o.nameNl AS nl") == [{"nl": DUTCH}]
    page.select_option("#propositions-statut", "ACCEPTED")
    accepted = page.locator("#propositions-table tbody tr[data-field=nameNl]")
    expect(accepted).to_contain_text("Acceptée le")
    expect(accepted).to_contain_text("par Navigateur")
    assert "#/propositions?statut=accepted" in page.url
    page.goto(page.url.split("#")[0] + "#/reseau?fiche=cai")
    page.locator("#fiche-historique summary").click()
    change = page.locator("#fiche-historique li[data-operation=acceptProposal] li[data-field=nameNl]")
    expect(change.locator(".before")).to_have_text("(vide)")
    expect(change.locator(".after")).to_have_text(DUTCH)


def test_staff_reject_a_proposal_and_the_organisation_keeps_its_value(page: Page, curated: Graph) -> None:
    log_in(page, curated)
    page.goto(page.url.split("#")[0] + "#/propositions")
    page.get_by_role("button", name=f"Refuser : Adresse de {CAI}").click()
    expect(page.locator("#message")).to_have_text(f"Proposition refusée : Adresse de « {CAI} » reste inchangé.")
    assert curated.read("MATCH (o:Organisation {id: 'cai'}) RETURN o.address AS a") == [{"a": None}]
    page.select_option("#propositions-statut", "REJECTED")
    expect(page.locator("#propositions-table tbody tr[data-field=address]")).to_contain_text("Refusée le")
    page.goto(page.url.split("#")[0] + "#/reseau?fiche=cai")
    page.locator("#fiche-historique summary").click()
    expect(page.locator("#fiche-historique li[data-operation=rejectProposal]")).to_contain_text(
        "Adresse : valeur proposée « Rue Docteur Haibe 2, 5000 Namur », refusée (inchangé)"
    )


# --- the public, small screens, keyboard, accessibility ---------------------------------------------


def test_the_public_sees_no_staff_tab_and_a_deep_link_asks_to_log_in(page: Page, url: str) -> None:
    expect(page.get_by_role("tab", name="Doublons")).to_be_hidden()
    expect(page.get_by_role("tab", name="Propositions BCE")).to_be_hidden()
    expect(page.get_by_role("tab", name="Évolution")).to_be_visible()
    page.goto(f"{url}/#/doublons")
    expect(page.locator("#vue-doublons")).to_contain_text("Réservé à l'équipe : connectez-vous")
    expect(page.locator("#doublons-resultat")).to_be_empty()
    expect(page.locator("#message")).to_be_hidden()


def test_a_keyboard_user_reaches_evolution_and_compares_two_dates(page: Page) -> None:
    page.get_by_role("tab", name="Réseau").focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Évolution")).to_be_focused()
    expect(page.locator("#vue-evolution")).to_be_visible()
    page.fill("#evolution-du", "2023-06-01")  # a date field's typing order follows the browser's locale
    page.fill("#evolution-au", "2024-06-30")
    page.locator("#evolution-au").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#evolution-apparus")).to_contain_text("Risome")


def test_a_keyboard_user_confirms_a_merge_from_the_dialog(page: Page, curated: Graph, url: str, token: str) -> None:
    log_in(page, curated)
    page.goto(page.url.split("#")[0] + "#/doublons?a=ili-xhoris&b=ili-xhoris-bis")
    page.get_by_role("button", name="Fusionner…").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog").get_by_role("button", name="Confirmer la fusion")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#message")).to_contain_text("fondu dans « ILI de Xhoris »")
    merge = curated.read("MATCH (m:EntityMerge {merged: 'ili-xhoris-bis', status: 'active'}) RETURN m.id AS id")
    post(url, UNDO, {"id": merge[0]["id"]}, token)


@pytest.mark.parametrize(
    ("view", "content"),
    [
        ("evolution?du=2023-06-01&au=2024-06-30", "#evolution-apparus"),
        ("doublons", "#doublons-candidats"),
        ("doublons?a=ili-xhoris&b=ili-xhoris-bis", "#form-fusion"),
        ("propositions", "#propositions-table"),
    ],
)
def test_at_390_px_each_view_fits_the_screen(phone: Page, curated: Graph, url: str, view: str, content: str) -> None:
    log_in(phone, curated)
    phone.goto(f"{url}/#/{view}")
    expect(phone.locator(content)).to_be_visible()
    expect(phone.get_by_role("tab", selected=True)).to_be_in_viewport()
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    for control in phone.locator(f"#vue-{view.split('?')[0]} :is(button, input, select)").all():
        if control.is_visible():
            box = control.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, control.evaluate(
                "e => e.outerHTML"
            )
    shot(phone, f"27-telephone-{view.split('?')[0]}")


@pytest.mark.parametrize(
    "view",
    [
        "evolution?du=2023-06-01&au=2024-06-30",
        "doublons?a=ili-xhoris&b=ili-xhoris-bis",
        "propositions",
        "reseau?fiche=cai",
    ],
)
def test_each_new_view_has_no_accessibility_violation(page: Page, curated: Graph, url: str, view: str) -> None:
    log_in(page, curated)
    page.goto(f"{url}/#/{view}")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#message")).to_be_hidden()
    if view.startswith("reseau"):
        page.locator("#fiche-historique summary").click()
    assert axe_violations(page) == []
