"""The easy-to-read reading mode: links both ways, honest review status, entry points."""
from __future__ import annotations

import pytest

from registry.content.render import render_falc


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
    assert html.count('class="phrase"') == 7
    assert '<span class="phrase">Vous pouvez y trouver un <strong>logement</strong>.</span>' in html
    assert 'data-listen hidden' in html  # shown only by the script, when speech exists


def test_pages_without_easy_version(fclient):
    html = fclient.get("/fiches/fiche-essai").get_data(as_text=True)
    assert "Version facile à lire" not in html
    assert fclient.get("/facile/fiches/fiche-essai").status_code == 404
    assert fclient.get("/facile/inconnu/dispositif-essai").status_code == 404


def test_index_lists_entry_points_from_parcours(fclient):
    html = fclient.get("/facile/").get_data(as_text=True)
    assert "Je cherche un logement" in html
    assert 'href="/facile/monographies/dispositif-essai"' in html  # tagged parcours logement
    assert "Il n’y a pas encore de page facile à lire sur ce sujet." in html  # empty points


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
