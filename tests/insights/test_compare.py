"""Comparing practices: the table, the differences toggle, the tray, exports, bad input."""
from __future__ import annotations

import csv
import io
import json

import pytest

A, B, C, D, E = ("silapsy-saint-nazaire", "mathurin", "ipa-suivi-somatique", "near", "sesame")


@pytest.fixture(scope="module")
def app(make_app_module):
    return make_app_module


@pytest.fixture
def client(app):
    return app.test_client()


def compare(client, *slugs, path="/comparer", **extra):
    query = "&".join([f"d={s}" for s in slugs] + [f"{k}={v}" for k, v in extra.items()])
    return client.get(f"{path}?{query}")


@pytest.mark.parametrize("slugs", [(A, B), (A, B, C), (A, B, C, D)])
def test_two_three_and_four_practices_side_by_side(client, slugs):
    page = compare(client, *slugs)
    assert page.status_code == 200
    assert page.text.count('<th scope="col">') == len(slugs)
    for label in ("Porteur", "Missions", "Niveau de preuve", "Prérequis pour le déploiement",
                  "Conditions de financement", "Freins et facteurs de succès"):
        assert f'<th scope="row">{label}' in page.text
    assert page.text.count('class="mission-names"') == len(slugs)
    for label in ("Équipe et effectifs", "Étapes clés", "Ce qui a été mesuré"):
        assert f'<th scope="row">{label}' in page.text


def test_rows_show_the_practices_data_and_link_to_full_sections(app, client):
    from registry.services import catalog

    page = compare(client, A, B).text
    with app.app_context():
        silapsy = catalog.get(A)
        assert silapsy.meta["porteur"] in page.replace("&#39;", "'")
        assert silapsy.meta["evidence"]["justification"][:60] in page.replace("&#39;", "'")
    assert f'href="/monographies/{A}#' in page and "Lire la suite" in page


def test_only_differences_hides_identical_rows(client):
    full = compare(client, A, B).text
    assert '<tr class="same">' in full  # both are monographs for adults
    only = compare(client, A, B, differences=1)
    assert only.status_code == 200
    assert '<tr class="same">' not in only.text and '<tr class="differs">' in only.text
    assert "Afficher toutes les lignes" in only.text


def test_unknown_slug_and_too_few_practices_get_a_helpful_page(client):
    unknown = compare(client, A, "nulle-part")
    assert unknown.status_code == 404
    assert "ne connaît pas\u00a0: nulle-part" in unknown.text
    assert 'type="checkbox" name="d"' in unknown.text  # the picker to choose again
    one = compare(client, A)
    assert one.status_code == 200 and "Choisissez de 2 à 4 pratiques" in one.text
    glossary = compare(client, A, "ipa")  # a glossary entry is not a practice
    assert glossary.status_code == 404


def test_a_fifth_practice_is_explained_not_failed(client):
    page = compare(client, A, B, C, D, E)
    assert page.status_code == 200
    assert "On compare au plus 4 pratiques" in page.text and E in page.text
    assert page.text.count('<th scope="col">') == 4


def test_csv_and_json_exports_agree(client):
    data = json.loads(compare(client, A, B, C, path="/comparer.json").data)
    assert [p["slug"] for p in data["practices"]] == [A, B, C]
    assert data["practices"][0]["url"] == f"http://localhost/monographies/{A}"
    keys = [f["key"] for f in data["fields"]]
    assert {"missions", "evidence", "prerequis", "freins"} <= set(keys)
    raw = compare(client, A, B, C, path="/comparer.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert [r["slug"] for r in rows] == [A, B, C]
    for row, record in zip(rows, data["practices"], strict=True):
        for key in keys:
            assert row[key].lstrip("'") == record[key]
    assert compare(client, A, path="/comparer.json").status_code == 400
    bad = compare(client, A, "x", path="/comparer.csv")
    assert bad.status_code == 400 and "x" in bad.get_json()["error"]


def test_tray_travels_with_search_results_and_practice_pages(client):
    results = client.get(f"/recherche?q=logement&d={A}")
    assert results.status_code == 200
    assert 'class="tray"' in results.text and "1 pratique à comparer" in results.text
    assert "Dans la comparaison" in results.text
    assert f'<input type="hidden" name="d" value="{A}">' in results.text
    assert f"?d={A}" in results.text  # result links keep the tray
    practice = client.get(f"/monographies/{B}?d={A}")
    assert f"d={A}&amp;d={B}" in practice.text  # « Ajouter à la comparaison »
    two = client.get(f"/monographies/{B}?d={A}&d={B}")
    assert f'href="/comparer?d={A}&amp;d={B}"' in two.text
    kept = client.get(f"/monographies/{B}")  # the tray's cookie keeps it without `d`
    assert f'href="/comparer?d={A}&amp;d={B}"' in kept.text
    emptied = client.get(f"/monographies/{B}?d=")
    assert 'class="tray"' not in emptied.text and "Ajouter à la comparaison" in emptied.text
    assert 'class="tray"' not in client.get(f"/monographies/{B}").text


def test_compared_sections_are_those_taxonomy_marks(make_app, content_copy):
    """The grid sections of a comparison come from `compared: true` in taxonomy.yaml."""
    path = content_copy / "taxonomy.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title_en: Origins and conditions of implementation}",
                        "title_en: Origins and conditions of implementation, compared: true}")
    text = text.replace("title_en: Obstacles and success factors, compared: true}",
                        "title_en: Obstacles and success factors}")
    path.write_text(text, encoding="utf-8")
    client = make_app(content_copy).test_client()
    data = client.get("/comparer.json?d=dispositif-essai&d=fiche-essai").get_json()
    keys = [f["key"] for f in data["fields"]]
    assert "genese" in keys and "freins" not in keys
    labels = {f["key"]: f["label"] for f in data["fields"]}
    assert labels["genese"] == "Genèse et conditions de mise en œuvre"
    assert data["practices"][0]["genese"]  # the monograph's first paragraph of that section
