"""Decision-makers in a real browser: build a comparison from search results, print it,
read the coverage matrix. axe-core on each page."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_browser import assert_accessible


def test_build_a_comparison_from_search_results_and_print_it(page: Page, live_server):
    page.goto(live_server + "/recherche?q=logement")
    hits = page.locator(".hit .add-compare")
    expect(hits.first).to_be_visible()
    hits.first.click()
    expect(page.locator(".tray")).to_contain_text("1 pratique à comparer")
    # The second practice added from the same (updated) results page.
    page.locator(".hit .add-compare").first.click()
    expect(page.locator(".tray")).to_contain_text("2 pratiques à comparer")
    assert_accessible(page)
    page.locator(".tray a.button", has_text="Comparer").click()
    expect(page).to_have_url(re.compile(r"/comparer\?d=[\w-]+&d=[\w-]+$"))
    expect(page.locator("table.practices-compare thead th[scope=col]")).to_have_count(2)
    expect(page.locator(".mission-names").first).to_be_visible()
    assert_accessible(page)

    # Only the differences, without JavaScript needed: a plain link.
    page.get_by_role("link", name=re.compile("Afficher seulement")).click()
    expect(page).to_have_url(re.compile(r"differences=1"))
    expect(page.locator("tr.same")).to_have_count(0)

    # Print preview: the table stays, the site chrome and the tray go.
    page.emulate_media(media="print")
    expect(page.locator("table.practices-compare")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".compare-actions")).to_be_hidden()
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    page.emulate_media(media="screen")


def test_matrix_and_territories_are_accessible(page: Page, live_server):
    page.goto(live_server + "/missions/matrice")
    expect(page.locator("table.matrix tbody tr").first).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(4)
    assert_accessible(page)
    page.get_by_label("Thème", exact=True).select_option("numerique")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"theme=numerique"))
    expect(page.locator("[role=status]").first).to_contain_text("pratiques affichées")
    assert_accessible(page)
    page.goto(live_server + "/territoires")
    expect(page.locator("h1")).to_have_text("Les pratiques par territoire")
    expect(page.locator("svg.region-map path.map-region")).to_have_count(18)
    assert page.locator("svg.region-map").bounding_box()["width"] > 300
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})  # a phone: the map shrinks
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/donnees")
    assert_accessible(page)
    page.goto(live_server + "/api/v1/")
    assert_accessible(page)
