"""Practice pages and decision views as a team, a decision-maker and an English-speaking
reader use them: in Chromium at 1280 and 360 px, in print, with axe on each page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_browser import assert_accessible

PASSERELLE = "/monographies/passerelle-sud-yvelines"
SILAPSY = "/monographies/silapsy-saint-nazaire"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    yield context.new_page()
    context.close()


def test_a_monograph_prints_on_the_pages_its_text_needs(page: Page, live_server):
    """No page break before every section (Passerelle used to print on 9 A4 pages)."""
    page.goto(live_server + PASSERELLE)
    page.emulate_media(media="print")
    height = page.evaluate("document.documentElement.scrollHeight")
    pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm",
                                        "right": "15mm"})
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # An A4 page holds about 1000 CSS px of text between these margins: the print takes
    # at most one page more than its height needs.
    needed = -(-height // 1000)
    assert 1 <= pages <= needed + 1, f"{pages} pages for {height}px of text"
    assert pages <= 5


def test_practice_page_reproduce_block_toc_and_evidence(page: Page, live_server):
    page.goto(live_server + PASSERELLE)
    block = page.locator("section.reproduce")
    expect(block.locator("dt")).to_have_count(7)
    expect(block).to_contain_text("Non documenté dans les sources")
    toc = page.locator("nav.toc")
    for name in ("Niveau de preuve", "Reproduire cette pratique", "Chiffres clés", "Sources"):
        expect(toc.get_by_role("link", name=name)).to_be_visible()
    # Wide screens: the table of contents stays in view while reading.
    page.locator("#sources-titre").scroll_into_view_if_needed()
    assert page.locator("nav.toc").bounding_box()["y"] >= 0
    expect(page.locator("nav.toc")).to_be_in_viewport()
    panel = page.locator(".evidence-panel")
    expect(panel).to_contain_text("Dernière revue de la page au regard des sources")
    scale = panel.get_by_role("link", name=re.compile("Échelle des niveaux de preuve"))
    expect(scale).to_be_visible()
    source = page.locator(".sources li a").first
    expect(source).to_have_attribute("href", re.compile(r"/a-propos#ref-"))
    assert_accessible(page)


def test_the_tray_survives_three_page_changes_and_adds_in_place(page: Page, live_server):
    page.goto(live_server + SILAPSY)
    page.mouse.wheel(0, 400)
    page.wait_for_function("window.scrollY > 300")
    before = page.evaluate("window.scrollY")
    page.locator(".practice-head a.add-compare").click()
    expect(page.locator(".tray")).to_contain_text("1 pratique à comparer")
    expect(page.locator(".practice-head .in-tray")).to_be_visible()
    # No reload to the top: the view stays where it was (the browser may shift it by the
    # tray's height to keep the text in place).
    assert before <= page.evaluate("window.scrollY") <= before + 200
    expect(page).to_have_url(re.compile(r"\?d=silapsy-saint-nazaire"))
    for link in ("Fiches pratiques", "Missions", "Glossaire"):
        page.locator(".main-nav").get_by_role("link", name=link, exact=True).click()
        expect(page.locator(".tray")).to_contain_text("Silapsy")
    page.goto(live_server + PASSERELLE)
    page.locator(".practice-head a.add-compare").click()
    expect(page.locator(".tray")).to_contain_text("2 pratiques à comparer")
    page.locator(".tray a.button", has_text="Comparer").click()
    expect(page.locator("table.practices-compare thead th[scope=col]")).to_have_count(2)
    expect(page.locator("th[scope=row]", has_text="Étapes clés")).to_be_visible()
    assert_accessible(page)
    # Removing the last practice empties the tray for the next pages too.
    page.goto(live_server + "/fiches/")
    page.locator(".tray a.remove").first.click()
    expect(page.locator(".tray")).to_contain_text("1 pratique à comparer")
    page.locator(".tray a.remove").first.click()
    expect(page.locator(".tray")).to_have_count(0)
    page.goto(live_server + "/glossaire/")
    expect(page.locator(".tray")).to_have_count(0)


PHONE_PAGES = ["/", PASSERELLE, "/a-propos", "/numerique/evaluer", "/missions/matrice",
               "/comparer?d=silapsy-saint-nazaire&d=passerelle-sud-yvelines", "/territoires",
               "/numerique/mes-evaluations"]


def test_phone_menu_folds_and_pages_never_scroll_sideways(phone: Page, live_server):
    phone.goto(live_server + "/")
    start = phone.evaluate("document.getElementById('contenu').getBoundingClientRect().top")
    assert start <= 250, f"the page's own content starts at {start}px"
    expect(phone.locator(".main-nav")).to_be_hidden()
    menu = phone.locator(".phone-menu summary")
    menu.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".phone-menu").get_by_role("link", name="Glossaire")).to_be_visible()
    for url in PHONE_PAGES:
        phone.goto(live_server + url)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 360px"
    phone.goto(live_server + "/missions/matrice")
    expect(phone.locator("table.matrix tbody tr").first).to_be_visible()
    assert_accessible(phone)


def test_an_evaluation_is_readable_at_200_percent_zoom(browser, live_server):
    """200 % zoom of a 1280 px window is a 640 px viewport at twice the scale."""
    context = browser.new_context(viewport={"width": 640, "height": 450},
                                  device_scale_factor=2, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server + "/numerique/evaluer")
    page.get_by_label("Nom de l’outil").fill("Agenda partagé")
    page.get_by_label("Coordination").check()
    page.get_by_role("button", name=re.compile("Commencer")).click()
    expect(page).to_have_url(re.compile(r"/modifier/"))
    for url in (page.url, page.url.split("/etape/")[0], "/a-propos"):
        page.goto(url if url.startswith("http") else live_server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 200 %"
    expect(page.locator("section.verdict")).to_have_count(0)  # /a-propos last
    context.close()


def test_english_compare_page_has_no_french_label_outside_content(page: Page, live_server):
    from registry.config import PROJECT_ROOT
    from registry.content.taxonomy import load_taxonomy

    taxonomy, problems = load_taxonomy(PROJECT_ROOT / "content" / "taxonomy.yaml")
    assert problems == []
    french = {t.label for vocab in (taxonomy.themes, taxonomy.public, taxonomy.parcours,
                                    taxonomy.principles, taxonomy.evidence)
              for t in vocab.values() if t.label != t.label_en}
    french |= {m.short for m in taxonomy.missions.values()}
    french |= {f.label for f in taxonomy.reproduce} | {s.title for s in taxonomy.sections}
    page.goto(live_server + "/comparer?d=silapsy-saint-nazaire&d=passerelle-sud-yvelines"
              "&lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    interface = page.evaluate("""() => {
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll('[lang="fr"]').forEach(n => n.remove());
        return copy.innerText; }""")
    found = sorted(label for label in french if label in interface)
    assert found == [], f"French labels in the English interface: {found}"
    expect(page.locator("th[scope=row]", has_text="Key steps")).to_be_visible()
    assert_accessible(page)
