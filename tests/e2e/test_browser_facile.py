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
    expect(page.locator(".situation-link").first).to_be_visible()
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


def test_listen_reads_or_says_why_not(page: Page, live_server):
    """« Écouter » is offered with a speed when a French voice exists; otherwise the page
    says why it cannot read aloud (never a button that does nothing)."""
    record = first_practice_with_easy_version(live_server)
    page.goto(live_server + record["falc_url"])
    controls, notice = page.locator("[data-listen]"), page.locator("[data-listen-unavailable]")
    expect(page.locator("[data-listen]:visible, [data-listen-unavailable]:visible")).to_have_count(
        1, timeout=5000)
    if controls.is_visible():
        expect(page.get_by_role("button", name="Écouter")).to_be_enabled()
        speed = page.get_by_label("Vitesse")
        speed.select_option(label="lente")
        page.reload()
        expect(page.get_by_label("Vitesse")).to_have_value("0.7")  # kept in this browser
    else:
        expect(notice).to_contain_text("lecture à voix haute n’est pas possible")


def test_listen_says_so_when_the_browser_cannot_speak(browser, live_server):
    context = browser.new_context(locale="fr-FR")
    context.add_init_script("delete window.speechSynthesis; "
                            "delete window.SpeechSynthesisUtterance;")
    page = context.new_page()
    page.goto(live_server + first_practice_with_easy_version(live_server)["falc_url"])
    expect(page.locator("[data-listen-unavailable]")).to_contain_text("dans ce navigateur")
    expect(page.locator("[data-listen]")).to_be_hidden()
    context.close()


def test_reading_mode_on_a_phone(browser, live_server):
    """At 360 × 740 every easy page shows « Écouter » (or why not) and its first sentence
    in the first screen; the menu opens without JavaScript; help is one tap away."""
    with urllib.request.urlopen(live_server + "/api/v1/documents?per_page=100") as response:
        records = json.load(response)["results"]
    urls = ["/facile/"]
    for record in records:
        with urllib.request.urlopen(f"{live_server}/api/v1/documents/{record['slug']}") as r:
            falc_url = json.load(r)["falc_url"]
        if falc_url:
            urls.append(falc_url)
    assert len(urls) > 30
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR",
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/facile/")  # the choices on the first screen
    last = page.locator(".situation-link").last.evaluate("el => el.getBoundingClientRect().bottom")
    assert last <= 740, f"/facile/: the last choice ends at {last:.0f}px"
    for url in urls:
        page.goto(live_server + url)
        if url != "/facile/":
            first = page.locator(".falc-text .phrase").first
            top = first.evaluate("el => el.getBoundingClientRect().bottom")
            assert top <= 740, f"{url}: the first easy sentence ends at {top:.0f}px"
        expect(page.locator(".help-box")).to_contain_text("3114")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    page.get_by_text("Menu", exact=True).click()  # a <details>: no script needed
    expect(page.locator(".falc-menu").get_by_role(
        "link", name="Chercher dans les pages faciles à lire")).to_be_visible()
    page.get_by_role("link", name="Besoin d’aide\u00a0?").click()
    expect(page).to_have_url(re.compile("#aide-maintenant$"))
    context.close()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    for url in urls[:3]:
        page.goto(live_server + url)
        shown = page.locator("[data-listen-start]:visible, [data-listen-unavailable]:visible")
        expect(shown).to_have_count(1, timeout=5000)
        assert shown.evaluate("el => el.getBoundingClientRect().bottom") <= 740
        if url != "/facile/":
            first = page.locator(".falc-text .phrase").first
            assert first.evaluate("el => el.getBoundingClientRect().bottom") <= 740, url
    assert_no_violations(page)
    context.close()



def test_a_reader_marks_the_sentences_they_did_not_understand(page: Page, live_server):
    record = first_practice_with_easy_version(live_server)
    page.goto(live_server + record["falc_url"])
    page.get_by_role("button", name="Montrer les phrases difficiles").click()
    first = page.locator('.falc-text .phrase[id^="phrase-"]').first
    expect(first).to_be_focused()
    page.keyboard.press("Enter")  # keyboard only
    expect(first).to_have_attribute("aria-pressed", "true")
    third = page.locator('.falc-text .phrase[id^="phrase-"]').nth(2)
    third.click()
    third.click()  # a second tap takes the mark back
    expect(third).to_have_attribute("aria-pressed", "false")
    assert page.locator('form[data-mark-form] input[name="phrase"]').count() == 1
    page.get_by_role("button", name="Je n’ai pas compris").click()
    expect(page).to_have_url(re.compile(r"\?merci=1#pas-compris$"))
    expect(page.locator(".thanks")).to_contain_text("sans votre nom")
    assert_no_violations(page)
