"""« Je n’ai pas compris » on easy-to-read pages: anonymous marks on the page or on its
sentences, limited in rate, counted for the editors, never a 500."""
from __future__ import annotations

from tests.support import FIXTURE_CONTENT, Outage

PAGE = "/facile/monographies/dispositif-essai"


def marks(app) -> list[tuple]:
    from registry.extensions import db
    from registry.models import EasyFeedback

    with app.app_context():
        return sorted((f.page, f.sentence) for f in db.session.scalars(db.select(EasyFeedback)))


def test_marked_sentences_are_kept_with_nothing_about_the_reader(make_app):
    app = make_app(FIXTURE_CONTENT)
    client = app.test_client()
    page = client.get(PAGE).text
    assert 'id="pas-compris"' in page and "Je n’ai pas compris" in page
    sent = client.post(PAGE + "/pas-compris", data={"phrase": ["2", "5", "2"]})
    assert sent.status_code == 302 and sent.location.endswith(PAGE + "?merci=1#pas-compris")
    assert "Votre message est enregistré, sans votre nom" in client.get(sent.location).text
    assert marks(app) == [("dispositif-essai", 2), ("dispositif-essai", 5)]
    from registry.models import EasyFeedback
    assert set(EasyFeedback.__table__.columns.keys()) == {"id", "page", "sentence",
                                                           "text_digest", "created_at"}


def test_no_sentence_marks_the_page_and_numbers_outside_it_are_ignored(make_app):
    app = make_app(FIXTURE_CONTENT)
    client = app.test_client()
    assert client.post(PAGE + "/pas-compris").status_code == 302
    assert client.post(PAGE + "/pas-compris",
                       data={"phrase": ["0", "999", "abc", "-1", "\u202e3"]}).status_code == 302
    assert marks(app) == [("dispositif-essai", None), ("dispositif-essai", None)]
    assert client.post("/facile/monographies/inconnu/pas-compris").status_code == 404
    assert client.post("/facile/fiches/fiche-essai/pas-compris").status_code == 404
    assert client.get(PAGE + "/pas-compris").status_code == 405


def test_the_form_needs_its_csrf_token_and_is_rate_limited(make_app):
    app = make_app(FIXTURE_CONTENT, WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True,
                   REGISTRY_LIMIT_FEEDBACK="2 per minute")
    client = app.test_client()
    assert client.post(PAGE + "/pas-compris").status_code == 400
    token = client.get(PAGE).text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    for _ in range(2):
        assert client.post(PAGE + "/pas-compris", data={"csrf_token": token}).status_code == 302
    refused = client.post(PAGE + "/pas-compris", data={"csrf_token": token})
    assert refused.status_code == 429 and "Trop de demandes" in refused.text
    assert len(marks(app)) == 2


def test_editors_read_the_counts_per_page_and_sentence(make_app):
    app = make_app(FIXTURE_CONTENT)
    client = app.test_client()
    for phrases in (["2"], ["2", "3"], []):
        client.post(PAGE + "/pas-compris", data={"phrase": phrases})
    output = app.test_cli_runner().invoke(args=["falc", "feedback"]).output
    assert "dispositif-essai: 4 mark(s) on this version" in output
    lines = [line.strip() for line in output.splitlines()]
    assert "2  sentence 2: Vous pouvez y trouver un logement." in lines
    assert "1  the whole page" in lines


def test_a_database_that_is_down_says_so_and_the_page_still_reads(make_app, tmp_path):
    outage = Outage(tmp_path)
    app = make_app(FIXTURE_CONTENT, SQLALCHEMY_DATABASE_URI=outage.database)
    client = app.test_client()
    outage.down(app)
    try:
        assert client.get(PAGE).status_code == 200
        sent = client.post(PAGE + "/pas-compris", data={"phrase": "2"})
        assert sent.status_code == 503
        assert "Votre message n’a pas pu être enregistré" in sent.text
    finally:
        outage.up()
    assert client.post(PAGE + "/pas-compris", data={"phrase": "2"}).status_code == 302
