"""The web explorer, end to end in Debian's Chromium (Playwright) against a running `maillage serve`.

Each step leaves a screenshot in test-artifacts/explorer/ (ignored by git).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from maillage.graph.connection import Graph
from maillage.queries.tokens import create_token

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "explorer"


@pytest.fixture(scope="module")
def explorer_url(reference_graph: Graph, api_server: str) -> str:
    """The running API, reading the reference dataset."""
    return api_server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, explorer_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-BE")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(explorer_url)
    expect(opened.locator("body")).to_have_attribute("data-ready", "true", timeout=20_000)
    yield opened
    context.close()
    assert errors == [], f"erreurs JavaScript : {errors}"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_the_page_draws_the_network_of_the_reference_data(page: Page) -> None:
    assert int(page.locator("#graphe").get_attribute("data-nodes") or 0) > 50
    expect(page.locator("#message")).to_be_hidden()
    shot(page, "01-reseau")


def test_searching_cai_suggests_it_ignoring_case_and_accents(page: Page) -> None:
    page.fill("#recherche", "cai")
    expect(page.locator("#suggestions li").first).to_contain_text(
        "Centre d'action interculturelle de la province de Namur"
    )
    page.fill("#recherche", "federation")
    expect(page.locator("#suggestions")).to_contain_text("Fédération")
    shot(page, "02-recherche")


def test_choosing_a_suggestion_opens_its_panel_with_provenance(page: Page) -> None:
    page.fill("#recherche", "CAI")
    expect(page.locator("#suggestions li").first).to_be_visible()
    page.keyboard.press("Enter")
    panel = page.locator("#fiche")
    expect(panel.locator("h2")).to_have_text("Centre d'action interculturelle de la province de Namur")
    expect(panel).to_contain_text("Centre régional d'intégration")
    expect(panel.locator("a[href^='/sources/002_']").first).to_contain_text("CAI, rapport d'activités 2023 L")
    shot(page, "03-fiche-cai")


def test_a_provenance_link_opens_the_source_at_its_line(page: Page, explorer_url: str) -> None:
    page.fill("#recherche", "CAI")
    expect(page.locator("#suggestions li").first).to_be_visible()
    page.keyboard.press("Enter")
    link = page.locator("#fiche a[href^='/sources/002_']").first
    href = link.get_attribute("href") or ""
    source = page.context.new_page()
    source.goto(explorer_url + href)
    line = href.split("#")[1]
    expect(source.locator(f"li#{line}")).to_be_visible()
    expect(source.locator("h1")).to_have_text("CAI, rapport d'activités 2023")
    shot(source, "04-source")
    source.get_by_role("link", name="Retour à l'explorateur").click()
    expect(source.locator("#recherche")).to_be_visible()
    source.close()


def test_unticking_a_layer_redraws_without_it(page: Page) -> None:
    before = int(page.locator("#graphe").get_attribute("data-nodes") or 0)
    page.get_by_label("horizontal").uncheck()
    page.get_by_label("diagonal").uncheck()
    expect(page.locator("#legende")).not_to_contain_text(f"{before} acteurs")
    after = int(page.locator("#graphe").get_attribute("data-nodes") or 0)
    assert 0 < after < before
    shot(page, "05-vertical")


def test_the_partner_finder_ranks_suggestions_with_their_reasons(page: Page) -> None:
    page.get_by_role("tab", name="Partenaires").click()
    page.fill("#partenaires-cible", "Centre d'action interculturelle de la province")
    page.get_by_role("button", name="Trouver des partenaires").click()
    table = page.locator("#partenaires-resultat table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("thèmes recherchés")
    shot(page, "06-partenaires")


def test_the_registry_lists_seats_and_exports_them_as_csv(page: Page, tmp_path: Path) -> None:
    """Seed 000, l. 90: the Coupole holds mandates at the Observatoire de l'Intégration and the CESE."""
    page.get_by_role("tab", name="Mandats").click()
    page.fill("#mandats-organisation", "coupole")
    page.get_by_role("button", name="Afficher").click()
    table = page.locator("#mandats-resultat table")
    expect(table).to_contain_text("Observatoire de l'Intégration")
    expect(table).to_contain_text("CESE Wallonie")
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporter en CSV").click()
    saved = tmp_path / "mandats.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith('"Instance";"Organisation titulaire"')
    assert "Observatoire de l'Intégration" in text
    shot(page, "07-mandats")


def test_the_gaps_view_lists_the_silent_communes_of_the_cai(page: Page) -> None:
    """Seed 002, l. 481-1109: 2023 referrals per commune; communes without any are listed as gaps."""
    page.get_by_role("tab", name="Lacunes").click()
    page.select_option("#lacunes-cri", "cai")
    expect(page.locator("#lacunes-annee")).to_have_value("2023")
    page.locator("#filtres-lacunes").get_by_role("button", name="Afficher").click()
    expect(page.locator("#lacunes-resultat table").first).to_contain_text("Communes qui ont orienté moins de 1")
    shot(page, "08-lacunes")


def test_staff_log_in_see_names_and_end_a_mandate(page: Page, reference_graph: Graph) -> None:
    token = create_token(reference_graph, "Navigateur", "staff")[1]
    page.get_by_role("button", name="Connexion équipe").click()
    page.fill("#jeton", token)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#qui")).to_contain_text("Navigateur")
    page.get_by_role("tab", name="Mandats").click()
    expect(page.locator("#form-mandat")).to_be_visible()
    page.fill("#mandats-organisation", "coupole")
    page.locator("#filtres-mandats").get_by_role("button", name="Afficher").click()
    page.once("dialog", lambda dialog: dialog.accept("2026-12-31"))
    page.get_by_role("button", name="Terminer le mandat coupole-cese").click()
    expect(page.locator("#message")).to_contain_text("Mandat coupole-cese terminé au 2026-12-31")
    shot(page, "09-fin-de-mandat")
    ended = reference_graph.read("MATCH (m:Mandate {id: 'coupole-cese'}) RETURN m.validTo AS end, m.updatedBy AS by")
    assert (ended[0]["end"].iso_format(), ended[0]["by"]) == ("2026-12-31", "Navigateur")


def test_tracing_a_recommendation_shows_its_addressees_and_highlights_paths(page: Page) -> None:
    """Seed 004 l.182-184: the local coordinations recommendation is addressed to the COCOM and the SPW IAS."""
    page.get_by_role("tab", name="Recommandations").click()
    page.select_option("#memorandum", "refufam-policy-brief-3")
    page.select_option("#recommandation", "refufam-pb3-r1")
    page.get_by_role("button", name="Tracer").click()
    result = page.locator("#recommandations-resultat")
    expect(result).to_contain_text("Commission communautaire commune")
    expect(result).to_contain_text("Service public de Wallonie Intérieur et Action sociale")
    expect(result).to_contain_text("Auteurs : REFUFAM")
    shot(page, "10-recommandation")


def test_nodes_can_be_sized_by_betweenness(page: Page) -> None:
    page.select_option("#taille", "betweenness")
    expect(page.locator("#legende")).to_contain_text("acteurs")
    page.wait_for_timeout(500)
    expect(page.locator("#message")).to_be_hidden()
    shot(page, "11-taille-intermediarite")


def test_edit_forms_are_hidden_from_the_public(page: Page) -> None:
    page.get_by_role("tab", name="Recommandations").click()
    expect(page.locator("#form-statut")).to_be_hidden()
    page.get_by_role("tab", name="Mandats").click()
    expect(page.locator("#form-mandat")).to_be_hidden()
