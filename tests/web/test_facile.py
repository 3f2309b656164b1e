"""The easy-to-read reading mode: links both ways, honest review status, entry points."""
from __future__ import annotations

import re

import pytest

from registry.content.easy_render import render_falc


@pytest.fixture
def fclient(fixture_app):
    return fixture_app.test_client()


def test_practice_page_links_to_its_easy_version_and_back(fclient):
    html = fclient.get("/monographies/dispositif-essai").get_data(as_text=True)
    assert '<link rel="alternate" href="/facile/monographies/dispositif-essai"' in html
    assert 'href="/facile/monographies/dispositif-essai">Version facile à lire</a>' in html
    falc = fclient.get("/facile/monographies/dispositif-essai").get_data(as_text=True)
    assert '<link rel="alternate" href="/monographies/dispositif-essai"' in falc
    assert 'href="/monographies/dispositif-essai">Version complète</a>' in falc
    assert 'class="falc"' in falc


def test_easy_page_says_it_is_not_reviewed_and_shows_no_logo(fclient):
    html = fclient.get("/facile/monographies/dispositif-essai").get_data(as_text=True)
    assert "n’a pas encore été relu par des personnes concernées" in html
    assert "logo" not in html.lower()


def test_easy_page_has_one_span_per_sentence_and_hidden_listen_controls(fclient):
    html = fclient.get("/facile/monographies/dispositif-essai").get_data(as_text=True)
    assert html.count('class="phrase" id="phrase-') == 7
    assert ('<span class="phrase" id="phrase-2">Vous pouvez y trouver un '
            '<strong>logement</strong>.</span>') in html
    assert 'data-listen hidden' in html  # shown only by the script, when speech exists


def test_pages_without_easy_version(fclient):
    html = fclient.get("/fiches/fiche-essai").get_data(as_text=True)
    assert "Version facile à lire" not in html
    assert fclient.get("/facile/fiches/fiche-essai").status_code == 404
    assert fclient.get("/facile/inconnu/dispositif-essai").status_code == 404


def test_index_lists_the_situations_chosen_by_hand(fclient):
    html = fclient.get("/facile/").get_data(as_text=True)
    choices = html.split('<nav class="situations"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#logement"' in choices and "Je cherche un logement" in choices
    section = html.split('id="logement"', 1)[1].split("</section>", 1)[0]
    assert 'href="/facile/monographies/dispositif-essai"' in section
    urgent = html.split('id="aide-tout-de-suite"', 1)[1].split("</section>", 1)[0]
    assert 'href="#aide-maintenant"' in urgent and 'id="aide-maintenant"' in html
    every = html.split('id="toutes-les-pages"', 1)[1].split("</section>", 1)[0]
    assert every.count("<li>") == 1  # the fixture's one easy page (the home text excepted)


@pytest.mark.parametrize("change, reason", [
    (("pages: [dispositif-essai]", "pages: [fiche-essai]"),
     "'fiche-essai' is not a page with an easy-to-read version"),
    (("pictogram: maison", "pictogram: licorne"), "unknown pictogram 'licorne'"),
    (("id: logement", "id: aide-tout-de-suite"), "must be a unique lower-case id"),
])
def test_a_wrong_situation_is_reported(make_app, content_copy, change, reason):
    path = content_copy / "facile.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    result = make_app(content_copy).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1 and reason in result.output, result.output


def test_a_page_is_listed_under_one_situation_only(make_app, content_copy):
    path = content_copy / "facile.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "help: true\n    pages: []", "help: true\n    pages: [dispositif-essai]"),
        encoding="utf-8")
    result = make_app(content_copy).test_cli_runner().invoke(args=["content", "check"])
    assert "'dispositif-essai' is already listed under 'aide-tout-de-suite'" in result.output


def test_api_gives_the_easy_url(fclient):
    data = fclient.get("/api/v1/documents/dispositif-essai").get_json()
    assert data["falc_url"] == "/facile/monographies/dispositif-essai"
    assert fclient.get("/api/v1/documents/fiche-essai").get_json()["falc_url"] is None


def test_render_falc_escapes_html_and_keeps_bold_and_site_links():
    html = render_falc("Vous lisez **ceci**.\nVoir [la page](/facile/).\n"
                       "<script>alert(1)</script>\n[piège](javascript:alert(1))")
    assert "<script" not in html and "javascript:" not in html
    assert "<strong>ceci</strong>" in html and '<a href="/facile/">la page</a>' in html


def test_fixture_easy_text_passes_the_linter(make_app):
    from tests.support import FIXTURE_CONTENT

    result = make_app(FIXTURE_CONTENT).test_cli_runner().invoke(args=["falc", "check"])
    assert result.exit_code == 0, result.output


def test_easy_words_are_in_bold_with_their_explanation_next_to_them(fclient):
    html = fclient.get("/facile/monographies/dispositif-essai").get_data(as_text=True)
    second = html.split('id="phrase-2"', 1)[1].split("</span>", 2)
    assert "<strong>logement</strong>" in second[0]  # already bold in the text
    assert 'class="easy-def"><strong>logement</strong> Le logement est l’endroit où vous ' \
        "habitez." in html
    assert '<span class="phrase" id="phrase-4">Une <strong class="easy-word">équipe</strong> ' \
        "vient chez vous.</span><span class=\"easy-def\">" in html
    assert html.count('class="easy-def"') == 2  # each word explained once per page


@pytest.mark.parametrize("change, reason", [
    (("glossaire: null\n    plutot_que: []", "glossaire: inconnu\n    plutot_que: []"),
     "'inconnu' is not a glossary entry"),
    (("plutot_que: []", "plutot_que: [logements]"), "'logements' already belongs to 'logement'"),
    (("    definition: \"Le logement est l’endroit où vous habitez.\"\n", ""),
     "must have exactly definition, formes, glossaire, mot, plutot_que"),
])
def test_a_wrong_easy_word_is_reported(make_app, content_copy, change, reason):
    path = content_copy / "mots-faciles.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    result = make_app(content_copy).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1 and reason in result.output, result.output


def test_easy_page_opens_with_the_essentiel_and_shows_credited_pictures(fclient):
    html = fclient.get("/facile/monographies/dispositif-essai").get_data(as_text=True)
    essentiel = html.index('id="essentiel-titre"')
    assert essentiel < html.index('id="phrase-1"')
    assert '<span class="phrase" id="essentiel-1">Essai est un service de test.</span>' in html
    assert re.search(r'<h2[^>]*><img class="picto" src="/static/pictos/openmoji/1F3E0.svg" '
                     r'alt="une maison" width="48" height="48"> C\'est quoi \?</h2>', html)
    assert "OpenMoji – the open-source emoji and icon project" in html
    assert 'href="/static/pictos/openmoji/LICENSE.txt"' in html
    assert fclient.get("/static/pictos/openmoji/1F3E0.svg").status_code == 200


def test_easy_index_pictograms_are_decorative_openmoji_pictures(fclient):
    html = fclient.get("/facile/").get_data(as_text=True)
    assert '<img class="picto" src="/static/pictos/openmoji/1F4DE.svg" alt=""' in html
    assert "licence CC BY-SA 4.0" in html
