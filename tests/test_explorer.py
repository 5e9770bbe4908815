"""The web explorer, end to end in Debian's Chromium (Playwright) against a running `maillage serve`.

Each step leaves a screenshot in test-artifacts/explorer/ (ignored by git); the three journeys also
leave theirs in docs/screenshots/, shown in the README. Every form and filter is driven by names typed
as a person would, never ids. axe-core (web/package.json, pinned) checks each view for accessibility.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from maillage.graph.connection import Graph
from maillage.queries.tokens import create_token

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "explorer"
DOCS_SHOTS = REPO / "docs" / "screenshots"
AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"
expect.set_options(timeout=30_000)  # the shared test machine can be slow; a passing check does not wait
COORDINATIONS = "Garantir la mise en place de coordinations locales"
"""Seed 004 l.182-184: the first recommendation of REFUFAM's policy brief 3."""


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


def open_page(browser: Browser, url: str, width: int = 1280, height: int = 800) -> tuple[Page, list[str]]:
    # bypass_csp: axe-core is injected as an inline script, which the page's CSP (rightly) forbids
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-BE", bypass_csp=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: print("console:", message.text) if message.type == "error" else None)
    opened.goto(url)
    expect(opened.locator("body")).to_have_attribute("data-ready", "true", timeout=60_000)
    return opened, errors


@pytest.fixture
def page(browser: Browser, explorer_url: str) -> Iterator[Page]:
    opened, errors = open_page(browser, explorer_url)
    yield opened
    opened.context.close()
    assert errors == [], f"erreurs JavaScript : {errors}"


@pytest.fixture
def phone(browser: Browser, explorer_url: str) -> Iterator[Page]:
    opened, errors = open_page(browser, explorer_url, width=390, height=844)
    yield opened
    opened.context.close()
    assert errors == [], f"erreurs JavaScript : {errors}"


def shot(page: Page, name: str, docs: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if docs:
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SHOTS / f"{name}.png"))


def log_in(page: Page, graph: Graph, name: str = "Navigateur") -> None:
    token = create_token(graph, name, "staff")[1]
    page.get_by_role("button", name="Connexion équipe").click()
    page.fill("#jeton", token)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#qui")).to_contain_text(name)


def choose(page: Page, field: str, typed: str, option: str) -> None:
    """Type ``typed`` in the name field ``field`` and pick the suggestion containing ``option``."""
    page.fill(field, typed)
    suggestion = page.locator(f"#{page.get_attribute(field, 'aria-controls')} [role=option]", has_text=option).first
    expect(suggestion).to_be_visible()
    suggestion.click()


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} : {v['nodes'][0]['target']})" for v in result["violations"]]


def test_the_page_draws_the_network_of_the_reference_data(page: Page) -> None:
    assert int(page.locator("#graphe").get_attribute("data-nodes") or 0) > 50
    expect(page.locator("#message")).to_be_hidden()
    shot(page, "01-reseau")


def test_the_legend_names_the_colours_by_kind_and_the_lines_by_layer(page: Page) -> None:
    legend = page.locator("#legende")
    expect(legend).to_contain_text("Initiative locale d'intégration")
    expect(legend).to_contain_text("Maillage vertical")
    expect(legend).to_contain_text("Maillage diagonal")


def test_the_layout_is_the_same_on_every_visit(browser: Browser, explorer_url: str) -> None:
    first, _ = open_page(browser, explorer_url)
    second, _ = open_page(browser, explorer_url)  # another context: no cached positions
    positions = [p.evaluate("() => document.getElementById('graphe').dataset.positions") for p in (first, second)]
    assert positions[0] and positions[0] == positions[1]
    assert first.locator("#graphe").get_attribute("data-layout") == "fcose"
    first.context.close()
    second.context.close()


def test_searching_cai_suggests_it_ignoring_case_and_accents(page: Page) -> None:
    page.fill("#recherche", "cai")
    suggestions = page.locator("#form-recherche [role=option]")
    expect(suggestions.first).to_contain_text("Centre d'action interculturelle de la province de Namur")
    page.fill("#recherche", "federation")
    expect(suggestions.first).to_contain_text("Fédération")
    expect(page.locator("#form-recherche [role=listbox]")).not_to_contain_text("Organisation,")
    shot(page, "02-recherche")


def test_choosing_a_suggestion_opens_its_panel_with_provenance(page: Page) -> None:
    page.fill("#recherche", "CAI")
    expect(page.locator("#form-recherche [role=option]").first).to_be_visible()
    page.keyboard.press("Enter")
    panel = page.locator("#fiche")
    expect(panel.locator("h2")).to_have_text("Centre d'action interculturelle de la province de Namur")
    expect(panel).to_contain_text("Centre régional d'intégration")
    expect(panel.locator("a[href^='/sources/002_']").first).to_contain_text("CAI, rapport d'activités 2023, l. ")
    expect(panel).not_to_contain_text("Organisation, ")
    expect(panel).not_to_contain_text("identifiant")
    shot(page, "03-fiche-cai")


def test_a_big_panel_is_grouped_in_sections_with_counts_long_ones_closed(page: Page) -> None:
    page.goto(page.url.split("#")[0] + "#/reseau?fiche=cai")
    panel = page.locator("#fiche")
    expect(panel.locator("h2")).to_have_text("Centre d'action interculturelle de la province de Namur")
    sections = panel.locator("details.section > summary")
    assert sections.count() >= 4
    assert all(text.rstrip(")").split("(")[-1].isdigit() for text in sections.all_inner_texts())
    closed = panel.locator("details.section:not([open])")
    assert closed.count() >= 1
    closed.first.locator(":scope > summary").click()
    expect(panel.locator("details.section[open]").first).to_be_visible()


def test_a_provenance_link_opens_the_source_at_its_line(page: Page, explorer_url: str) -> None:
    page.goto(explorer_url + "/#/reseau?fiche=cai")
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


def test_unticking_a_layer_redraws_without_it_and_keeps_it_in_the_url(page: Page) -> None:
    before = int(page.locator("#graphe").get_attribute("data-nodes") or 0)
    page.get_by_label("horizontal").uncheck()
    page.get_by_label("diagonal").uncheck()
    expect(page.locator("#legende")).not_to_contain_text(f"{before} acteurs")
    after = int(page.locator("#graphe").get_attribute("data-nodes") or 0)
    assert 0 < after < before
    assert "maillages=VERTICAL" in page.url
    shot(page, "05-vertical")


def test_clicking_an_actor_focuses_it_and_expanding_adds_a_degree(page: Page) -> None:
    choose(page, "#recherche", "Coupole", "Coupole des fédérations d'ILI")
    graph = page.locator("#graphe")
    expect(page.locator("#focus-etat")).to_contain_text("à 1 degré")
    one = int(graph.get_attribute("data-shown") or 0)
    assert 1 < one < int(graph.get_attribute("data-nodes") or 0)
    page.get_by_role("link", name="+ étendre d'un degré").click()
    expect(page.locator("#focus-etat")).to_contain_text("à 2 degrés")
    assert int(graph.get_attribute("data-shown") or 0) > one
    assert "degres=2" in page.url
    shot(page, "12-focus-coupole")


def test_grouping_by_kind_draws_one_box_per_kind(page: Page) -> None:
    page.select_option("#groupe", "kind")
    expect(page.locator("#graphe")).to_have_attribute("data-groups", re.compile(r"^[1-9]\d+$"))
    assert "groupe=kind" in page.url
    shot(page, "13-groupes")


def test_grouping_by_province_draws_a_box_for_namur(page: Page) -> None:
    page.select_option("#groupe", "province")
    expect(page.locator("#graphe")).to_have_attribute("data-group-names", re.compile("Province de Namur"))
    shot(page, "13b-provinces", docs=True)


def test_a_deep_link_opens_the_view_and_back_and_forward_walk_the_history(page: Page, explorer_url: str) -> None:
    page.goto(explorer_url + "/#/reseau?fiche=coupole")
    expect(page.locator("#fiche h2")).to_have_text("Coupole des fédérations d'ILI")
    page.get_by_role("tab", name="Mandats").click()
    page.fill("#mandats-organisation", "coupole")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#mandats-resultat table")).to_contain_text("CESE Wallonie")
    assert "#/mandats?organisation=coupole" in page.url
    page.go_back()  # the registry before its filter
    expect(page.locator("#mandats-resultat table")).to_have_count(0)
    page.go_back()
    expect(page.locator("#vue-reseau")).to_be_visible()
    expect(page.locator("#fiche h2")).to_have_text("Coupole des fédérations d'ILI")
    page.go_forward()
    page.go_forward()
    expect(page.locator("#vue-mandats")).to_be_visible()
    expect(page.locator("#mandats-resultat table")).to_contain_text("CESE Wallonie")
    expect(page.locator("#mandats-organisation")).to_have_value("Coupole des fédérations d'ILI")


def test_paths_between_two_named_actors_are_listed_and_stay_highlighted_after_a_redraw(page: Page) -> None:
    choose(page, "#chemin-de", "Risome", "Risome")
    choose(page, "#chemin-vers", "Parlement", "Parlement de Wallonie")
    page.get_by_role("button", name="Trouver les chemins").click()
    result = page.locator("#chemin-resultat")
    expect(result.locator("li").first).to_contain_text("Risome")
    expect(result.locator("li").first).to_contain_text("Coupole des fédérations d'ILI")
    expect(result.locator("li").first).to_contain_text("Parlement de Wallonie")
    graph = page.locator("#graphe")
    expect(graph).not_to_have_attribute("data-highlighted", "0")
    page.select_option("#taille", "pagerank")
    expect(graph).to_have_attribute("data-size", "pagerank")
    expect(graph).not_to_have_attribute("data-highlighted", "0")
    shot(page, "14-chemins")


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
    page.fill("#mandats-organisation", "Coupole")
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


def test_an_unknown_organisation_in_a_filter_is_named_in_the_message(page: Page) -> None:
    page.get_by_role("tab", name="Mandats").click()
    page.fill("#mandats-organisation", "Zzyzx")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#message")).to_have_text("Aucun·e organisation ne correspond à « Zzyzx ».")


def test_the_gaps_view_lists_the_silent_communes_of_the_cai(page: Page) -> None:
    """Seed 002, l. 481-1109: 2023 referrals per commune; communes without any are listed as gaps."""
    page.get_by_role("tab", name="Lacunes").click()
    page.select_option("#lacunes-cri", "cai")
    expect(page.locator("#lacunes-annee")).to_have_value("2023")
    page.locator("#filtres-lacunes").get_by_role("button", name="Afficher").click()
    expect(page.locator("#lacunes-resultat table").first).to_contain_text("Communes qui ont orienté moins de 1")
    assert "#/lacunes?cri=cai" in page.url
    shot(page, "08-lacunes")


def test_a_wrong_staff_token_is_refused_with_a_french_message_that_stays(page: Page) -> None:
    page.get_by_role("button", name="Connexion équipe").click()
    page.fill("#jeton", "pas-un-vrai-jeton")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#connexion-erreur")).to_contain_text("Jeton refusé")
    expect(page.locator("#message")).to_contain_text("Vous restez en lecture publique")
    page.wait_for_timeout(800)  # the views' refresh must not wipe it
    expect(page.locator("#message")).to_contain_text("Jeton refusé")
    expect(page.locator("#qui")).to_have_text("Lecture publique")
    shot(page, "15-jeton-refuse")


def test_staff_end_a_mandate_with_a_date_field(page: Page, reference_graph: Graph) -> None:
    log_in(page, reference_graph)
    page.get_by_role("tab", name="Mandats").click()
    page.fill("#mandats-organisation", "coupole")
    page.locator("#filtres-mandats").get_by_role("button", name="Afficher").click()
    label = "Coupole des fédérations d'ILI à CESE Wallonie"
    page.get_by_label(f"Date de fin du mandat {label}").fill("2026-12-31")
    page.get_by_role("button", name=f"Terminer le mandat {label}").click()
    expect(page.locator("#message")).to_have_text(f"Mandat de {label} terminé au 31 décembre 2026.")
    shot(page, "09-fin-de-mandat")
    ended = reference_graph.read("MATCH (m:Mandate {id: 'coupole-cese'}) RETURN m.validTo AS end, m.updatedBy AS by")
    assert (ended[0]["end"].iso_format(), ended[0]["by"]) == ("2026-12-31", "Navigateur")


def test_staff_add_a_mandate_by_names_on_behalf_of_an_organisation(page: Page, reference_graph: Graph) -> None:
    log_in(page, reference_graph)
    page.get_by_role("tab", name="Mandats").click()
    choose(page, "#mandat-instance", "observatoire", "Observatoire de l'Intégration")
    choose(page, "#mandat-titulaire", "Risome", "Risome")
    choose(page, "#mandat-au-nom-de", "coupole", "Coupole des fédérations d'ILI")
    page.fill("#mandat-intitule", "Représentant des fédérations")
    page.select_option("#mandat-siege", label="Membre suppléant")
    page.fill("#mandat-debut", "2026-01-01")
    page.get_by_role("button", name="Enregistrer le mandat").click()
    expect(page.locator("#message")).to_have_text("Mandat de Risome à Observatoire de l'Intégration enregistré.")
    row = page.locator("#mandats-resultat tbody tr", has_text="Risome")
    expect(row).to_contain_text("Coupole des fédérations d'ILI")
    expect(row).to_contain_text("1 janvier 2026")
    stored = reference_graph.read(
        "MATCH (:Organisation {id: 'risome'})-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b:Body)"
        " WHERE b.id = 'observatoire-integration'"
        " MATCH (m)-[:ON_BEHALF_OF]->(o)"
        " RETURN m.title AS title, m.seat AS seat, o.id AS behalf"
    )
    assert stored == [{"title": "Représentant des fédérations", "seat": "suppleant", "behalf": "coupole"}]


def test_staff_record_a_recommendation_status_and_see_it_in_the_timeline(page: Page, reference_graph: Graph) -> None:
    log_in(page, reference_graph)
    page.get_by_role("tab", name="Recommandations").click()
    choose(page, "#recommandation-cherche", "coordinations locales", COORDINATIONS)
    expect(page.locator("#recommandations-resultat h2")).to_have_text(COORDINATIONS)
    page.select_option("#statut-valeur", label="En discussion")
    page.fill("#statut-date", "2026-03-15")
    page.fill("#statut-note", "Question parlementaire")
    page.get_by_role("button", name="Enregistrer le statut").click()
    expect(page.locator("#message")).to_have_text(
        "Statut « En discussion » enregistré pour « Garantir la mise en place de coordinations locales »."
    )
    expect(page.locator("#historique")).to_contain_text("15 mars 2026 : En discussion — Question parlementaire")


def test_staff_see_the_edit_history_in_the_panel(page: Page, reference_graph: Graph) -> None:
    log_in(page, reference_graph)
    page.get_by_role("tab", name="Mandats").click()
    page.fill("#mandats-organisation", "coupole")
    page.locator("#filtres-mandats").get_by_role("button", name="Afficher").click()
    label = "Coupole des fédérations d'ILI à Observatoire de l'Intégration"
    page.get_by_label(f"Date de fin du mandat {label}").fill("2027-06-30")
    page.get_by_role("button", name=f"Terminer le mandat {label}").click()
    expect(page.locator("#message")).to_contain_text("terminé au 30 juin 2027")
    page.goto(page.url.split("#")[0] + "#/reseau?fiche=coupole-observatoire")
    history = page.locator("#fiche-historique")
    history.locator("summary").click()
    expect(history).to_contain_text("Fin (mandat)")
    expect(history).to_contain_text("par Navigateur")
    row = history.locator("li[data-field=validTo]")
    expect(row.locator(".before")).to_have_text("(vide)")
    expect(row.locator(".after")).to_have_text("30 juin 2027")


def test_the_public_sees_no_edit_history_nor_edit_forms(page: Page) -> None:
    page.goto(page.url.split("#")[0] + "#/reseau?fiche=coupole")
    expect(page.locator("#fiche h2")).to_be_visible()
    expect(page.locator("#fiche-historique")).to_have_count(0)
    page.get_by_role("tab", name="Recommandations").click()
    expect(page.locator("#form-statut")).to_be_hidden()
    page.get_by_role("tab", name="Mandats").click()
    expect(page.locator("#form-mandat")).to_be_hidden()


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
    expect(page.locator("#graphe")).to_have_attribute("data-size", "betweenness")
    expect(page.locator("#message")).to_be_hidden()
    shot(page, "11-taille-intermediarite")


# --- the three journeys, from a name typed by a user to the result ------------------------------


def test_journey_coupole_staff_map_their_mandates(page: Page, reference_graph: Graph) -> None:
    """The Coupole's staff: find the Coupole by name, list its seats, add one on behalf of a federation."""
    log_in(page, reference_graph, "Équipe Coupole")
    choose(page, "#recherche", "coupole", "Coupole des fédérations d'ILI")
    expect(page.locator("#fiche h2")).to_have_text("Coupole des fédérations d'ILI")
    shot(page, "journey-1a-fiche-coupole", docs=True)
    page.get_by_role("link", name="Ses mandats").click()
    table = page.locator("#mandats-resultat table")
    expect(table).to_contain_text("CESE Wallonie")
    choose(page, "#mandat-instance", "cese", "CESE Wallonie")
    choose(page, "#mandat-titulaire", "coupole", "Coupole des fédérations d'ILI")
    choose(page, "#mandat-au-nom-de", "fdss", "Fédération des Services Sociaux")
    page.select_option("#mandat-siege", label="Membre suppléant")
    page.fill("#mandat-debut", "2026-02-01")
    page.get_by_role("button", name="Enregistrer le mandat").click()
    expect(page.locator("#message")).to_have_text("Mandat de Coupole des fédérations d'ILI à CESE Wallonie enregistré.")
    expect(table.locator("tr", has_text="Fédération des Services Sociaux")).to_contain_text("Membre suppléant")
    shot(page, "journey-1b-mandats-coupole", docs=True)


def test_journey_coordinator_finds_partners_for_the_fle_platform(page: Page) -> None:
    """A coordinator: the seed's FLE platform (002), chosen from the suggestions, gets ranked partners."""
    page.get_by_role("tab", name="Partenaires").click()
    choose(page, "#partenaires-cible", "formation langue française", "Plateforme de formation à la langue française")
    page.get_by_role("button", name="Trouver des partenaires").click()
    table = page.locator("#partenaires-resultat table")
    expect(table).to_be_visible()
    expect(table.locator("caption")).to_contain_text("Plateforme de formation à la langue française")
    expect(table.locator("tbody tr").first).to_contain_text("thèmes recherchés")
    shot(page, "journey-2-partenaires-fle", docs=True)
    table.locator("tbody tr a").first.click()
    expect(page.locator("#vue-reseau")).to_be_visible()
    expect(page.locator("#fiche h2")).to_be_visible()


def test_journey_advocate_traces_a_recommendation_to_decision_makers(page: Page) -> None:
    """An advocate: a recommendation found by words of its title, its addressees, the paths on the graph."""
    page.get_by_role("tab", name="Recommandations").click()
    choose(page, "#recommandation-cherche", "coordinations locales", COORDINATIONS)
    result = page.locator("#recommandations-resultat")
    expect(result).to_contain_text("Commission communautaire commune")
    expect(result.locator(".path").first).to_be_visible()
    shot(page, "journey-3a-recommandation", docs=True)
    page.get_by_role("link", name="Voir ces chemins sur le réseau").click()
    expect(page.locator("#vue-reseau")).to_be_visible()
    expect(page.locator("#graphe")).not_to_have_attribute("data-highlighted", "0")
    expect(page.locator("#chemin-resultat")).to_contain_text("Garantir la mise en place de coordinations locales")
    shot(page, "journey-3b-chemins-reseau", docs=True)


# --- small screens, keyboard, accessibility ------------------------------------------------------


def test_at_390_px_search_login_and_panel_fit_the_screen(phone: Page) -> None:
    for selector in ("#recherche", "#connexion", "#fiche"):
        box = phone.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    choose(phone, "#recherche", "CAI", "Centre d'action interculturelle")
    expect(phone.locator("#fiche h2")).to_be_visible()
    shot(phone, "16-telephone", docs=True)


def test_keyboard_only_finds_an_actor_and_follows_a_link_of_its_panel(page: Page) -> None:
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    expect(page.locator("#recherche")).to_be_focused()
    page.keyboard.type("coupole")
    expect(page.locator("#form-recherche [role=option]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#fiche h2")).to_have_text("Coupole des fédérations d'ILI")
    page.locator("#fiche details.section[open] a[href*='fiche=']").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#fiche h2")).not_to_have_text("Coupole des fédérations d'ILI")


@pytest.mark.parametrize(
    "view",
    [
        "reseau?fiche=cai",
        "mandats?organisation=coupole",
        "partenaires?pour=cai",
        "recommandations?recommandation=refufam-pb3-r1",
        "lacunes?cri=cai",
    ],
)
def test_each_view_has_no_accessibility_violation(page: Page, explorer_url: str, view: str) -> None:
    page.goto(f"{explorer_url}/#/{view}")
    page.wait_for_timeout(300)
    expect(page.locator("#message")).to_be_hidden()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
