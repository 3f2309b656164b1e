"""A professional's journey in a real browser, with axe-core on every page."""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

AXE = Axe()


def assert_accessible(page: Page) -> None:
    results = AXE.run(page)
    serious = [v for v in results.response["violations"]
               if v.get("impact") in ("serious", "critical")]
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    assert serious == [], f"{page.url}: {summary}"


@pytest.fixture
def csp_errors(page: Page):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    return errors


def test_home_search_filter_monograph_and_english(page: Page, live_server, csp_errors):
    page.goto(live_server + "/")
    expect(page.locator("h1")).to_contain_text("Registre")
    assert_accessible(page)

    # Search "logement" from the home page.
    page.get_by_label("Chercher une pratique, un dispositif, un terme").fill("logement")
    page.locator(".big-search button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/recherche\?q=logement"))
    expect(page.locator("#resultats")).to_contain_text("résultat")
    expect(page.locator(".hit").first).to_be_visible()
    expect(page.locator(".hit mark").first).to_be_visible()
    assert_accessible(page)

    # Filter by mission 1 with the facet checkbox, then apply.
    page.locator('.facets input[name="mission"][value="1"]').check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"mission=1"))
    expect(page.locator(".active-filters")).to_contain_text("Mission")
    assert_accessible(page)

    # Open the first monograph of the results.
    page.locator('.hit h3 a[href^="/monographies/"]').first.click()
    expect(page).to_have_url(re.compile(r"/monographies/"))
    expect(page.locator(".evidence-panel")).to_contain_text("Niveau de preuve")
    expect(page.locator(".toc")).to_be_visible()
    expect(page.locator("[data-print]")).to_be_visible()  # shown by our script
    assert_accessible(page)

    # Switch the interface to English; the choice is remembered.
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".evidence-panel")).to_contain_text("Level of evidence")
    assert_accessible(page)
    page.goto(live_server + "/glossaire/")
    expect(page.locator("h1")).to_have_text("Glossary")
    assert_accessible(page)
    assert csp_errors == []


def test_keyboard_skip_link_reaches_the_content(page: Page, live_server):
    page.goto(live_server + "/missions/3")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    assert_accessible(page)


def test_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server + "/recherche?q=psychose")
    page.locator('.facets input[name="type"]').first.check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"type="))
    expect(page.locator("[data-print]")).to_have_count(0)  # no dead button without JS
    context.close()


def test_type_ahead_offers_titles_and_terms(page: Page, live_server):
    page.goto(live_server + "/")
    box = page.locator("#home-q")
    box.press_sequentially("ip", delay=50)
    options = page.locator("#home-q + datalist option")
    expect(options.first).to_be_attached()
    assert "IPA" in options.evaluate_all("els => els.map(e => e.value)")
