"""Coverage views: the matrix matches the catalogue's tags; charts are valid, labelled SVG."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

SVG = re.compile(r"<svg .*?</svg>", re.S)
NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def pages(make_app_module):
    client = make_app_module.test_client()
    return {path: client.get(path) for path in (
        "/missions/matrice", "/missions/matrice?vue=principes", "/missions/matrice?theme=numerique",
        "/missions/matrice?theme=inconnu", "/missions/matrice?vue=autre", "/territoires")}


def test_matrix_counts_equal_the_catalogue_tags(make_app_module, pages):
    from registry.services import catalog

    with make_app_module.app_context():
        practices = catalog.practices()
        expected = [sum(m in (e.meta.get("missions") or []) for e in practices)
                    for m in range(1, 9)]
        principles = {p: sum(p in e.meta.get("principles", []) for e in practices)
                      for p in catalog.taxonomy.principles}
    text = pages["/missions/matrice"].text
    footer = text[text.index("<tfoot>"):text.index("</tfoot>")]
    assert [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", footer)] == expected
    assert text.count('<tr><th scope="row"><a href=') == len(practices)
    footer = pages["/missions/matrice?vue=principes"].text.split("<tfoot>")[1].split("</tfoot>")[0]
    assert [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", footer)] == list(principles.values())


def test_filters_narrow_the_matrix_and_uncovered_missions_are_named(make_app_module, pages):
    from registry.services import catalog

    with make_app_module.app_context():
        digital = [e for e in catalog.practices() if e.meta["theme"] == "numerique"]
        covered = {m for e in digital for m in e.meta["missions"]}
    text = pages["/missions/matrice?theme=numerique"].text
    assert f"{len(digital)} pratiques affichées" in text
    assert text.count('<tr><th scope="row"><a href=') == len(digital)
    if covered != set(range(1, 9)):
        assert "Aucune pratique affichée ne couvre" in text


def test_bad_filters_get_a_clear_400(pages):
    assert pages["/missions/matrice?theme=inconnu"].status_code == 400
    assert "Valeur inconnue pour le filtre" in pages["/missions/matrice?theme=inconnu"].text
    assert pages["/missions/matrice?vue=autre"].status_code == 400


def test_charts_are_valid_svg_with_title_description_and_data_table(pages):
    text = pages["/missions/matrice"].text
    charts = SVG.findall(text)
    assert len(charts) == 4
    for svg in charts:
        root = ET.fromstring(svg)  # well-formed XML
        assert root.get("role") == "img"
        assert root.find(f"{NS}title").text and root.find(f"{NS}desc").text
        labelled = root.get("aria-labelledby").split()
        assert labelled == [root.find(f"{NS}title").get("id"), root.find(f"{NS}desc").get("id")]
    assert text.count('<details class="chart-data">') == 4
    assert "Pratiques par région" in text and "Région non documentée" in text


def test_chart_labels_run_on_several_lines_never_cut():
    from registry.web.charts import LABEL_CHARS, Bar, bar_chart

    long = "Projet personnalisé de rétablissement, avec des mots très longs à la suite"
    svg = bar_chart("c", "Titre", "Description", [Bar(long, 0.5, "3"), Bar("Court", 1, "6")])
    root = ET.fromstring(str(svg))
    labels = root.findall(f"{NS}text[@class='chart-label']")
    lines = [span.text for span in labels[0].findall(f"{NS}tspan")]
    assert " ".join(lines) == long and len(lines) > 1  # the whole label, over lines
    assert all(len(line) <= LABEL_CHARS for line in lines) and "…" not in svg
    bars = root.findall(f"{NS}rect")
    assert float(bars[1].get("y")) > float(bars[0].get("y")) + 20 * (len(lines) - 1)


def test_matrix_columns_are_named_and_rows_say_their_kind(pages):
    text = pages["/missions/matrice"].text
    assert '<th scope="col" class="" title="' in text or '<th scope="col" title="' in text
    assert "1. Réponse de proximité graduée</th>" in text
    assert '<span class="type">Fiche pratique' in text and '<span class="type">Monographie' in text


def test_territories_group_monographs_without_guessing(make_app_module, pages):
    from registry.services import catalog

    text = pages["/territoires"].text
    assert pages["/territoires"].status_code == 200
    with make_app_module.app_context():
        from registry.services import geography

        geo = geography.get()
        unplaced = []
        for entry in catalog.of_type("monographie"):
            assert entry.url in text
            if not geo.locate(entry.meta.get("place")).region_code:
                unplaced.append(entry)
    # A group for the unplaced ones exactly when some monograph names no place.
    assert ("Région non documentée" in text) == bool(unplaced)
