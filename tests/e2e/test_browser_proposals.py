"""Proposing a practice in a browser, keyboard first: the questionnaire in steps, a draft
that survives a reload, the preview with its checks, submission, the public list."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.axe_support import assert_no_violations


def test_propose_a_practice(page: Page, live_server):
    page.goto(live_server + "/proposer")
    assert_no_violations(page)
    page.get_by_role("button", name="Commencer une proposition").click()
    expect(page).to_have_url(re.compile(r"/proposer/[\w-]+/pratique$"))
    draft = page.url
    page.get_by_label("Titre de la page").fill("Accueil de jour « Porte ouverte »")
    page.get_by_label("Nom du dispositif").fill("Porte ouverte")
    page.get_by_label(re.compile("Équipe ou établissement")).fill("Centre hospitalier d’essai")
    page.get_by_label("Année de création").fill("2020")
    page.locator("#theme input").first.check()
    page.locator("#public input").first.check()
    page.locator("#missions input").nth(2).check()
    page.get_by_label(re.compile("Résumé")).fill("Un accueil de jour sans rendez-vous.")
    assert_no_violations(page)
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page).to_have_url(re.compile(r"/section-genese$"))
    page.goto(draft)  # the draft is kept
    expect(page.get_by_label("Année de création")).to_have_value("2020")
    page.get_by_role("link", name="Description du dispositif et perspectives").click()
    page.get_by_label("Description du dispositif et perspectives").fill(
        "L’équipe reçoit **sans rendez-vous**, du lundi au vendredi.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("link", name="Reproduire et contacter").click()
    page.get_by_label(re.compile("Déclaration de liens d’intérêts")).fill("aucun")
    page.get_by_label(re.compile("Étapes clés")).fill("Trouver un local\nFormer l’équipe")
    page.get_by_label(re.compile("Adresse électronique")).fill("pas-une-adresse")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.locator(".field-error").first).to_be_visible()
    page.get_by_label(re.compile("Adresse électronique")).fill("")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page).to_have_url(re.compile(r"/apercu$"))
    expect(page.locator(".preview-frame")).to_contain_text("sans rendez-vous")
    expect(page.locator(".preview-frame")).to_contain_text("Former l’équipe")
    assert_no_violations(page)
    page.get_by_role("button", name="Envoyer la proposition aux éditeurs").click()
    expect(page).to_have_url(re.compile(r"/proposer/[\w-]+/suivi$"))
    expect(page.locator(".facts")).to_contain_text("soumise")
    page.goto(live_server + "/contributions")
    row = page.get_by_role("row", name=re.compile("Porte ouverte"))
    expect(row).to_contain_text("soumise")
    assert_no_violations(page)


def test_contribution_pages_fit_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server + "/proposer")
    page.get_by_role("button", name="Commencer une proposition").click()
    page.wait_for_url("**/pratique")
    urls = [page.url, page.url.replace("/pratique", "/apercu"), live_server + "/contributions",
            live_server + "/signaler/sesame", live_server + "/reproduire/sesame",
            live_server + "/connexion"]
    for url in urls:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    context.close()
