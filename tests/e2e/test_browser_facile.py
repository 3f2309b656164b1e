"""The easy-to-read mode in a real browser: switching, AAA contrast, phone width, listening."""
from __future__ import annotations

import json
import re
import urllib.request

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

AXE = Axe()
ENHANCED = {"rules": {"color-contrast-enhanced": {"enabled": True}}}


def first_practice_with_easy_version(live_server: str) -> dict:
    with urllib.request.urlopen(live_server + "/api/v1/documents?type=monographie") as response:
        slugs = [r["slug"] for r in json.load(response)["results"]]
    for slug in slugs:
        with urllib.request.urlopen(f"{live_server}/api/v1/documents/{slug}") as response:
            record = json.load(response)
        if record["falc_url"]:
            return record
    raise AssertionError("no monograph has an easy-to-read version")


def assert_no_violations(page: Page) -> None:
    results = AXE.run(page, options=ENHANCED)
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert violations == [], f"{page.url}: {violations}"


def test_switch_to_the_easy_version_and_back(page: Page, live_server):
    record = first_practice_with_easy_version(live_server)
    page.goto(live_server + record["url"])
    page.get_by_role("link", name="Version facile à lire").first.click()
    expect(page).to_have_url(re.compile(re.escape(record["falc_url"]) + "$"))
    expect(page.locator(".draft-notice")).to_contain_text("pas encore été relu")
    expect(page.locator(".falc-text .phrase").first).to_be_visible()
    font_size = page.locator(".falc-text .phrase").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)")
    assert font_size >= 18.7
    assert_no_violations(page)
    page.get_by_role("link", name="Version complète").first.click()
    expect(page).to_have_url(re.compile(re.escape(record["url"]) + "$"))


def test_easy_index_passes_enhanced_contrast(page: Page, live_server):
    page.goto(live_server + "/facile/")
    expect(page.locator(".entry-point").first).to_be_visible()
    assert_no_violations(page)


def test_phone_width_has_no_horizontal_scroll(browser, live_server):
    record = first_practice_with_easy_version(live_server)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    for url in ("/facile/", record["falc_url"], record["url"], "/recherche?q=logement"):
        page.goto(live_server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    context.close()


def test_listen_button_exists_when_speech_synthesis_exists(page: Page, live_server):
    record = first_practice_with_easy_version(live_server)
    page.goto(live_server + record["falc_url"])
    has_speech = page.evaluate("'speechSynthesis' in window "
                               "&& typeof SpeechSynthesisUtterance !== 'undefined'")
    controls = page.locator("[data-listen]")
    if has_speech:
        expect(controls).to_be_visible()
        expect(page.get_by_role("button", name="Écouter")).to_be_enabled()
    else:
        expect(controls).to_be_hidden()
