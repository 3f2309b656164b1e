"""Proposing a practice: a draft behind a private link saved at every step, the preview
read through the catalogue's own parser and template, submission, the public list."""
from __future__ import annotations

import re

import pytest

from registry.proposals.markdown import page_markdown, slug_for
from tests.support import FIXTURE_CONTENT

FULL = {
    "pratique": {"title": "Équipe « Au pied » : un accueil sans rendez-vous",
                 "dispositif": "Au pied", "porteur": "Centre hospitalier d’Essai",
                 "town": "Ville-Test", "year": "2019", "theme": "", "public": [],
                 "missions": ["1", "3"], "summary": "Un accueil sans rendez-vous."},
}


def start(client) -> str:
    response = client.post("/proposer", data={})
    assert response.status_code == 302, response.get_data(as_text=True)
    token = re.search(r"/proposer/([\w-]+)/pratique$", response.location).group(1)
    return token


def version(client, token, step) -> str:
    html = client.get(f"/proposer/{token}/{step}").get_data(as_text=True)
    return re.search(r'name="version" value="(\d+)"', html).group(1)


@pytest.fixture
def pclient(make_app):
    return make_app(FIXTURE_CONTENT).test_client()


def fill_first_step(client, token, app_taxonomy_terms):
    theme, public = app_taxonomy_terms
    data = dict(FULL["pratique"], theme=theme, public=[public],
                version=version(client, token, "pratique"))
    return client.post(f"/proposer/{token}/pratique", data=data)


@pytest.fixture
def terms(make_app):
    from registry.content.taxonomy import load_taxonomy
    tax, _ = load_taxonomy(FIXTURE_CONTENT / "taxonomy.yaml")
    return next(iter(tax.themes)), next(iter(tax.public))


def test_a_proposal_from_draft_to_the_public_list(pclient, terms):
    token = start(pclient)
    assert pclient.get("/contributions").get_data(as_text=True).count("sans titre") == 0
    saved = fill_first_step(pclient, token, terms)
    assert saved.status_code == 302 and saved.location.endswith("/section-genese")
    html = pclient.get(f"/proposer/{token}/pratique").get_data(as_text=True)
    assert 'value="Ville-Test"' in html and 'value="3" checked' in html  # the draft is kept
    preview = pclient.get(f"/proposer/{token}/apercu").get_data(as_text=True)
    assert "À compléter avant l’envoi" in preview and "Description du dispositif" in preview
    refused = pclient.post(f"/proposer/{token}/soumettre")
    assert refused.status_code == 302 and "/apercu" in refused.location
    description = "## Titre\n\nL’équipe reçoit **sans rendez-vous**.\n\n<script>alert(1)</script>"
    pclient.post(f"/proposer/{token}/section-description",
                 data={"section_description": description,
                       "version": version(pclient, token, "section-description")})
    pclient.post(f"/proposer/{token}/reproduire",
                 data={"interests": "aucun", "email": "equipe@example.org",
                       "reproduce_etapes": "Ouvrir\n- Recevoir\n",
                       "version": version(pclient, token, "reproduire")})
    preview = pclient.get(f"/proposer/{token}/apercu").get_data(as_text=True)
    assert "À compléter" not in preview, preview
    assert "<strong>sans rendez-vous</strong>" in preview and "<script>alert" not in preview
    assert "<h3" in preview and "Titre</h3>" in preview  # demoted under its section
    sent = pclient.post(f"/proposer/{token}/soumettre")
    assert sent.location.endswith(f"/proposer/{token}/suivi")
    follow = pclient.get(sent.location).get_data(as_text=True)
    read_link = re.search(r'href="(/propositions/[\w-]+)"', follow).group(1)
    page = pclient.get(read_link).get_data(as_text=True)
    assert "soumise" in page and "equipe@example.org" not in page
    assert pclient.get(f"/proposer/{token}/pratique").status_code == 302  # no more edits
    listing = pclient.get("/contributions").get_data(as_text=True)
    assert "Équipe « Au pied »" in listing and "soumise" in listing
    assert "equipe@example.org" not in listing and token not in listing


def test_a_stale_draft_keeps_what_was_typed(pclient, terms):
    token = start(pclient)
    old = version(pclient, token, "pratique")
    fill_first_step(pclient, token, terms)
    clash = pclient.post(f"/proposer/{token}/pratique",
                         data=dict(FULL["pratique"], title="Mon titre tapé", version=old))
    html = clash.get_data(as_text=True)
    assert clash.status_code == 409 and 'value="Mon titre tapé"' in html
    assert "Rien n’est perdu" in html


def test_bad_input_is_kept_and_explained(pclient, terms):
    token = start(pclient)
    bad = pclient.post(f"/proposer/{token}/pratique",
                       data={"title": "Titre\u202e caché", "year": "l’an dernier",
                             "missions": ["9"], "version": version(pclient, token, "pratique")})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Indiquez une année en chiffres" in html and "Choisissez dans la liste" in html
    assert 'value="l’an dernier"' in html and "\u202e" not in html
    assert pclient.get(f"/proposer/{token}/inconnue").status_code == 404
    assert pclient.get("/proposer/faux-jeton/pratique").status_code == 404
    assert pclient.post("/proposer", data={"website": "spam"}).status_code == 400


def test_generated_front_matter_cannot_be_broken_by_hostile_values():
    import frontmatter

    from registry.content.taxonomy import load_taxonomy
    tax, _ = load_taxonomy(FIXTURE_CONTENT / "taxonomy.yaml")
    hostile = 'x"\n---\nslug: pirate\n<script>'
    text = page_markdown({"title": hostile, "summary": "s: t", "dispositif": "d",
                          "section_genese": "# Faux\n---\nslug: autre"}, tax, 7,
                         "ma-page", __import__("datetime").date(2026, 12, 5))
    post = frontmatter.loads(text)
    assert post["title"] == hostile and post["slug"] == "ma-page"
    assert "### Faux" in post.content and post.content.count("\n## ") == 6
    assert slug_for("Équipe « Au pied » !", {"equipe-au-pied"}) == "equipe-au-pied-2"
