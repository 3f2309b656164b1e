"""The digital-tool checklist in a real browser: keyboard only, then the share link."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_browser import assert_accessible

MAX_TABS = 200


def active(page: Page) -> dict:
    return page.evaluate("() => { const e = document.activeElement; return {id: e.id, "
                         "name: e.getAttribute('name') || '', value: e.value || '', "
                         "tag: e.tagName, text: (e.textContent || '').trim()}; }")


def tab_to(page: Page, wanted) -> dict:
    """Press Tab until the focused element matches `wanted`; fail after MAX_TABS presses."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = active(page)
        if wanted(element):
            return element
    raise AssertionError(f"never reached the wanted element on {page.url}")


def test_keyboard_only_evaluation_then_share_link(page: Page, live_server):
    page.goto(live_server + "/numerique/evaluer")
    expect(page.locator("h1")).to_have_text("Évaluer un outil numérique")
    assert_accessible(page)

    # Start: name, category (radio group: arrow keys), role, then Enter submits.
    tab_to(page, lambda e: e["id"] == "tool_name")
    page.keyboard.type("Messagerie de coordination")
    tab_to(page, lambda e: e["name"] == "category")
    page.keyboard.press("Space")  # the first category: Information
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Coordination
    tab_to(page, lambda e: e["id"] == "role")
    page.keyboard.type("Coordinatrice de PTSM")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/numerique/modifier/[\w-]+/etape/pilotage$"))
    expect(page.locator("h1")).to_contain_text("Étape 1 sur")
    expect(page.locator(".flash")).to_contain_text("Évaluation créée")
    assert_accessible(page)

    # Step 1: answer every question « Oui » with the keyboard (Space on the first radio).
    questions = page.locator("fieldset.criterion").count()
    assert questions >= 3
    for _ in range(questions):
        tab_to(page, lambda e: e["name"].startswith("value-") and e["value"] == "oui")
        page.keyboard.press("Space")
    expect(page.locator('fieldset.criterion input[value="oui"]:checked')).to_have_count(questions)
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["value"] == "suivant")
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text("Réponses enregistrées")
    expect(page.locator("h1")).to_contain_text("Étape 2 sur")

    # Jump to the result through the step list (it saves first).
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["value"] == "__resultat")
    page.keyboard.press("Enter")
    expect(page.locator("#verdict")).to_contain_text("Verdict")
    expect(page.locator(".verdict")).to_contain_text("Ici")
    expect(page.locator("svg.chart title")).to_have_text("Score par domaine")
    expect(page.locator("#plan")).to_be_visible()
    assert_accessible(page)

    # The share link opens a read-only view with the same answers.
    share_url = page.locator("#share-url").input_value()
    assert "/numerique/evaluations/" in share_url
    page.goto(share_url)
    expect(page.locator("h1")).to_contain_text("Messagerie de coordination")
    expect(page.locator(".edit-panel")).to_have_count(0)
    expect(page.locator(".answers-table strong", has_text="Oui").first).to_be_visible()
    assert_accessible(page)

    # Print preview: the A4 report hides the site chrome and shows the tick column.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".plan .print-only").first).to_be_visible()
    page.emulate_media(media="screen")

    page.goto(share_url + "/facile")
    expect(page.locator("h1")).to_have_text("Ce que nous savons de cet outil")
    assert_accessible(page)
