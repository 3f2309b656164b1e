"""Search that forgives and answers, as a person sees it on the page and in the API (each
row of the table of the issue « Search that forgives and answers » is a test here)."""
from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def client(make_app_module):
    return make_app_module.test_client()


def api(client, query: str, **params) -> dict:
    return client.get("/api/v1/search", query_string={"q": query, **params}).get_json()


def page(client, query: str, **params) -> str:
    response = client.get("/recherche", query_string={"q": query, **params})
    assert response.status_code == 200
    return response.text.replace("\u00a0", " ").replace("&#39;", "'")


def result_slugs(html: str) -> list[str]:
    hits = html.split('<ol class="hits"', 1)[1].split("</ol>", 1)[0] if 'class="hits"' in html \
        else ""
    return re.findall(r'<h3[^>]*><a href="/[^"]*/([\w-]+)"', hits)


def test_a_misspelt_word_is_searched_corrected_with_a_way_back(client):
    data = api(client, "pyschose")
    assert data["corrected_from"] == "pyschose" and data["query"] == "psychose"
    assert data["results"][0]["slug"] == "clip-nancy"
    html = page(client, "pyschose")
    assert "Aucun document ne contient « pyschose » : voici les résultats pour « psychose »" in html
    assert "exact=1" in html and "Rechercher plutôt « pyschose »" in html
    exact = api(client, "pyschose", exact="1")
    assert exact["total"] == 0 and exact["corrected_from"] is None
    assert exact["suggestion"] == "psychose"


def test_words_of_the_corpus_are_never_corrected(client):
    data = api(client, "psychose débutante")
    assert data["suggestion"] is None and data["corrected_from"] is None
    assert "Vouliez-vous dire" not in page(client, "psychose débutante")


def test_a_natural_query_ranks_the_documents_holding_most_words_first(client):
    data = api(client, "expulsion locative troubles psychiatriques")
    assert data["results"][0]["slug"] == "passerelle-sud-yvelines"
    assert data["total"] <= 5  # a short list, not every document holding one of the words


def test_a_name_that_occurs_nowhere_is_said_so_then_the_closest_results(client):
    data = api(client, "un chez soi d'abord")
    assert data["missing_phrase"] == "un chez soi d'abord" and data["total"] > 0
    html = page(client, "un chez soi d'abord")
    assert "« un chez soi d'abord » n’apparaît pas tel quel dans le registre" in html
    assert result_slugs(html)


def test_practices_come_first_and_the_term_is_defined_above_them(client):
    data = api(client, "teleconsultation psychiatrie")
    assert all(r["type"] in ("monographie", "fiche") for r in data["results"][:3])
    assert data["definition"]["slug"] == "teleconsultation"
    html = page(client, "teleconsultation psychiatrie")
    box = html.split('<aside class="definition"', 1)[1].split("</aside>", 1)[0]
    assert 'href="/glossaire/teleconsultation"' in box and "Téléconsultation" in box


def test_english_words_find_the_french_pages_in_the_english_interface(client):
    html = page(client, "peer support", lang="en")
    assert result_slugs(html)[0] == "pair-aidance"
    assert 'lang="en"' in html and "results for" in html
    assert api(client, "peer support")["definition"]["slug"] == "pair-aidance"
    housing = [r["slug"] for r in api(client, "housing")["results"][:3]]
    assert {"silapsy-saint-nazaire", "passerelle-sud-yvelines"} <= set(housing)


@pytest.mark.parametrize("query", ["suicide", "urgence", "crise", "besoin d'aide"])
def test_crisis_words_bring_the_help_numbers_first(client, query):
    html = page(client, query)
    box = html.index('class="help-box"')
    assert box < html.index('id="resultats"')
    assert 'href="tel:3114"' in html and "gratuit" in html
    assert [n["number"] for n in api(client, query)["help"]][:2] == ["3114", "15"]


def test_no_help_box_for_other_words(client):
    assert 'class="help-box"' not in page(client, "logement")
    assert api(client, "logement")["help"] is None


def test_a_worker_opens_the_index_when_it_starts_not_on_the_first_search(make_app,
                                                                          monkeypatch):
    """What the gunicorn hook (gunicorn.conf.py) does: no visitor's search opens it."""
    from registry import open_search
    from registry.search import service

    opened = []
    original = service._Snapshot.__init__

    def counting(self, path):
        opened.append(path)
        original(self, path)

    monkeypatch.setattr(service._Snapshot, "__init__", counting)
    app = make_app()
    open_search(app)
    assert len(opened) == 1
    assert app.test_client().get("/recherche?q=logement").status_code == 200
    assert len(opened) == 1
