"""A practice page: its body is kept rendered per entry, language and content version,
while what varies per request (the tray, the language) stays right."""
from __future__ import annotations

import re

MONO = "/monographies/dispositif-essai"


def body_of(html: str) -> str:
    return html[html.index('<div class="practice-layout">'):html.index("</article>")]


def test_the_body_is_kept_and_the_tray_still_varies(fixture_app):
    client = fixture_app.test_client()
    plain = client.get(MONO).text
    in_tray = client.get(MONO + "?d=dispositif-essai").text
    assert body_of(plain) == body_of(in_tray)
    assert "Ajouter à la comparaison" in plain and "Dans la comparaison" not in plain
    assert "Dans la comparaison" in in_tray
    kept = fixture_app.extensions["practice_bodies"]
    assert [key[:3] for key in kept] == [("monographie", "dispositif-essai", "fr")]


def test_each_language_has_its_own_body(fixture_app):
    client = fixture_app.test_client()
    french = client.get(MONO).text
    english = client.get(MONO + "?lang=en").text
    assert "Reproduire cette pratique" in body_of(french)
    assert "Replicating this practice" in body_of(english)
    assert "Not documented in the sources" in body_of(english)
    assert len(fixture_app.extensions["practice_bodies"]) == 2


def test_a_content_change_is_served_at_once(make_app, content_copy):
    app = make_app(content_copy)
    client = app.test_client()
    assert "Deux infirmiers de test." in client.get(MONO).text
    mono = content_copy / "monographies" / "dispositif-essai.md"
    mono.write_text(mono.read_text(encoding="utf-8").replace("Deux infirmiers de test.",
                                                             "Trois infirmiers de test."))
    with app.app_context():
        from registry.services import catalog

        assert catalog.refresh()
    page = client.get(MONO).text
    assert "Trois infirmiers de test." in page and "Deux infirmiers" not in page


def test_reproduce_block_shows_every_field_in_order(fixture_app):
    html = fixture_app.test_client().get(MONO).text
    block = html[html.index('<section class="reproduce"'):]
    block = block[:block.index("</section>")]
    labels = re.findall(r"<dt>([^<]+)</dt>", block)
    assert labels == ["Équipe et effectifs", "Partenaires", "Financement et coûts", "Prérequis",
                      "Étapes clés", "Formation ou manuel", "Ce qui a été mesuré"]
    assert block.count("Non documenté dans les sources") == 3  # partenaires, formation, mesure
    assert "<li>Repérer la personne.</li>" in block
    assert "Un financement de test.</span> <span class=\"muted\">(données de 2021)" in block


def test_sources_link_to_their_reference_and_give_the_page(make_app, content_copy):
    mono = content_copy / "monographies" / "dispositif-essai.md"
    mono.write_text(mono.read_text(encoding="utf-8").replace(
        '{document: fixture.txt, section: "Section de test"}',
        '{document: fixture.txt, section: "Section de test", page: "10-11"}'))
    html = make_app(content_copy).test_client().get(MONO).text
    sources = html[html.index('<section class="sources"'):]
    assert re.search(r'<a href="/a-propos#ref-[\w-]+">', sources)
    assert "p.\u00a010-11" in sources
    about = make_app(content_copy).test_client().get("/a-propos").text
    ref = re.search(r'href="/a-propos#(ref-[\w-]+)"', sources).group(1)
    assert f'id="{ref}"' in about


def test_evidence_panel_states_the_review_date_and_the_scale_version(fixture_app):
    html = fixture_app.test_client().get(MONO).text
    panel = html[html.index('<aside class="evidence-panel'):]
    panel = panel[:panel.index("</aside>")]
    assert "Dernière revue de la page au regard des sources\u00a0: 1 décembre 2026" in panel
    assert "Échelle des niveaux de preuve, version 1" in panel
    assert 'href="/a-propos#echelle-de-preuve"' in panel
