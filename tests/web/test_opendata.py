"""Open data: downloads, Atom feed, sitemap, robots.txt, JSON-LD and Open Graph tags."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def app(make_app_module):
    return make_app_module


@pytest.fixture
def client(app):
    return app.test_client()


def test_open_data_page_states_licence_and_last_change(client):
    page = client.get("/donnees")
    assert page.status_code == 200
    assert "CC BY 4.0" in page.text and 'rel="license"' in page.text
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', page.text)
    for link in ("/donnees/pratiques.csv", "/donnees/pratiques.json", "/donnees/glossaire.csv",
                 "/donnees/glossaire.json", "/flux.atom"):
        assert f'href="{link}"' in page.text


def test_catalogue_csv_and_json_have_one_row_per_practice_with_all_tags(app, client):
    from registry.services import catalog

    with app.app_context():
        practices = {e.slug: e for e in catalog.practices()}
    data = client.get("/donnees/pratiques.json").get_json()
    assert data["count"] == len(practices) and data["licence"]["name"].startswith("Creative")
    by_slug = {r["slug"]: r for r in data["records"]}
    assert set(by_slug) == set(practices)
    silapsy = by_slug["silapsy-saint-nazaire"]
    meta = practices["silapsy-saint-nazaire"].meta
    assert silapsy["missions"] == meta["missions"] and silapsy["parcours"] == meta["parcours"]
    assert silapsy["evidence"] == meta["evidence"]["level"] and silapsy["updated"]
    rows = list(csv.DictReader(io.StringIO(
        client.get("/donnees/pratiques.csv").data.decode("utf-8-sig"))))
    assert len(rows) == len(practices)
    row = next(r for r in rows if r["slug"] == "silapsy-saint-nazaire")
    assert row["missions"] == " | ".join(str(m) for m in meta["missions"])
    assert row["url"] == "http://localhost/monographies/silapsy-saint-nazaire"


def test_glossary_downloads(client):
    data = client.get("/donnees/glossaire.json").get_json()
    ipa = next(r for r in data["records"] if r["slug"] == "ipa")
    assert ipa["expansion"] and ipa["aliases"]
    rows = list(csv.DictReader(io.StringIO(
        client.get("/donnees/glossaire.csv").data.decode("utf-8-sig"))))
    assert len(rows) == data["count"] >= 100
    assert client.get("/donnees/glossaire.xml").status_code == 404


def test_atom_feed_is_valid_and_newest_first(client):
    response = client.get("/flux.atom")
    assert response.content_type.startswith("application/atom+xml")
    root = ET.fromstring(response.data)
    entries = root.findall(f"{ATOM}entry")
    assert 10 <= len(entries) <= 50
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").startswith("http://localhost/")
    assert first.find(f"{ATOM}title").text and first.find(f"{ATOM}summary").text


def test_sitemap_and_robots(app, client):
    from registry.services import catalog

    root = ET.fromstring(client.get("/sitemap.xml").data)
    locs = {u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in root}
    with app.app_context():
        for entry in catalog.practices():
            assert "http://localhost" + entry.url in locs
            assert "http://localhost" + entry.falc_url in locs
    assert "http://localhost/missions/matrice" in locs
    robots = client.get("/robots.txt").text
    assert "Disallow: /numerique/modifier/" in robots
    assert "Sitemap: http://localhost/sitemap.xml" in robots
    disallowed = [line.split(": ", 1)[1] for line in robots.splitlines()
                  if line.startswith("Disallow: ")]
    for rule in app.url_map.iter_rules():  # every page reached by a private link
        if "token" in rule.arguments and not rule.rule.startswith("/api/"):
            assert any(rule.rule.startswith(path) for path in disallowed), rule.rule


def test_practice_pages_carry_json_ld_and_open_graph(client):
    page = client.get("/monographies/silapsy-saint-nazaire").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "MedicalWebPage" and data["inLanguage"] == "fr"
    assert data["url"] == "http://localhost/monographies/silapsy-saint-nazaire"
    assert data["about"]["name"] == "Silapsy" and data["dateModified"]
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:title" content="' in page
