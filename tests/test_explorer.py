"""The web explorer, end to end in Debian's Chromium (Playwright) against a running `maillage serve`.

Each step leaves a screenshot in test-artifacts/explorer/ (ignored by git).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from maillage.graph.connection import Graph

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
    expect(panel.locator("a[href^='/sources/002_']").first).to_be_visible()
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
    shot(source, "04-source")
    source.close()


def test_unticking_a_layer_redraws_without_it(page: Page) -> None:
    before = int(page.locator("#graphe").get_attribute("data-nodes") or 0)
    page.get_by_label("horizontal").uncheck()
    page.get_by_label("diagonal").uncheck()
    expect(page.locator("#legende")).not_to_contain_text(f"{before} acteurs")
    after = int(page.locator("#graphe").get_attribute("data-nodes") or 0)
    assert 0 < after < before
    shot(page, "05-vertical")
