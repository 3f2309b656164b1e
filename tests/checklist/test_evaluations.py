"""Evaluations end to end: forms, tokens, revisions, conflicts, exports, compare, API.

Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import func, select

from registry.checklist.storage import hash_token
from registry.extensions import db
from registry.models import Evaluation, EvaluationAnswer, EvaluationRevision
from tests.support import FIXTURE_CONTENT

TOKEN_IN_URL = re.compile(r"/numerique/modifier/([\w-]+)")


@pytest.fixture
def client(fixture_app):
    return fixture_app.test_client()


def start(client, name="Agenda partagé", category="coordination", role="coordinatrice"):
    response = client.post("/numerique/evaluer", data={"tool_name": name, "category": category,
                                                       "role": role})
    assert response.status_code == 302, response.text
    return TOKEN_IN_URL.search(response.location).group(1)


def share_token_of(app, edit_token: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Evaluation.share_token).where(
            Evaluation.edit_token_hash == hash_token(edit_token)))


def save_step(client, token, domain, version, **fields):
    data = {"version": str(version), "move": "rester"}
    data.update({k.replace("__", "-").replace("_", "-", 0): v for k, v in fields.items()})
    return client.post(f"/numerique/modifier/{token}/etape/{domain}", data=data)


# --- the instrument -----------------------------------------------------------------------

def test_start_page_explains_and_offers_the_categories(client):
    page = client.get("/numerique/evaluer")
    assert page.status_code == 200
    for label in ("Information", "Formation", "Soins et accompagnement", "Coordination"):
        assert label in page.text
    assert 'name="tool_name"' in page.text and "Comment ça marche" in page.text


def test_start_refuses_bad_input_and_keeps_what_was_typed(client):
    page = client.post("/numerique/evaluer", data={"tool_name": "", "category": "fusée",
                                                   "role": "cheffe <b>de</b> projet"})
    assert page.status_code == 400
    assert "Indiquez le nom de l’outil évalué." in page.text
    assert "Catégorie inconnue" in page.text
    assert 'value="cheffe &lt;b&gt;de&lt;/b&gt; projet"' in page.text
    long_name = client.post("/numerique/evaluer", data={"tool_name": "x" * 121,
                                                        "category": "information"})
    assert long_name.status_code == 400 and "dépasse 120 caractères" in long_name.text


def test_full_flow_step_by_step_then_the_result(fixture_app, client):
    token = start(client)
    first = client.get(f"/numerique/modifier/{token}/etape/projet")
    assert first.status_code == 200
    assert "Étape 1 sur 2" in first.text and 'aria-current="step"' in first.text
    assert first.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in first.headers["Cache-Control"]
    saved = client.post(f"/numerique/modifier/{token}/etape/projet", data={
        "version": "1", "move": "suivant", "value-portage-direction": "oui",
        "value-besoins-precis": "en partie", "comment-besoins-precis": "Liste à finir",
        "value-preuves": "oui", "evidence_reference-preuves": "https://exemple.org/etude",
        "evidence_checked_on-preuves": "2024-03-01", "evidence_status-preuves": "introuvable"})
    assert saved.status_code == 302 and saved.location.endswith(f"/{token}/etape/donnees")
    second = client.post(f"/numerique/modifier/{token}/etape/donnees", data={
        "version": "2", "move": "suivant", "value-hebergement": "oui", "value-secours": "non"})
    assert second.location.endswith(f"/numerique/modifier/{token}")
    result = client.get(second.location)
    assert result.status_code == 200
    text = result.text
    assert "Verdict\u00a0: Pas prêt" in text or "Verdict : Pas prêt" in text
    assert "Points de vigilance à traiter d’abord" in text
    # « non » on a point of vigilance comes before the gap (unfindable evidence).
    assert text.index("Un protocole de secours existe-t-il") < text.index("Sur quelles preuves")
    assert "preuve introuvable" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in text
    assert "<title id=\"scores-title\">" in text and "<desc id=\"scores-desc\">" in text
    assert "Plan d’action" in text and "Demander le protocole de secours." in text
    assert 'href="https://exemple.org/etude" rel="noopener noreferrer nofollow"' in text
    with fixture_app.app_context():
        evaluation = db.session.scalars(select(Evaluation)).one()
        assert evaluation.version == 3
        assert [r.number for r in evaluation.revisions] == [1, 2, 3]
        stored = {a.criterion: a.value for a in evaluation.answers}
    assert stored == {"portage-direction": "oui", "besoins-precis": "en partie", "preuves": "oui",
                      "hebergement": "oui", "secours": "non"}


def test_share_link_is_read_only_and_edit_token_is_never_stored(fixture_app, client):
    token = start(client)
    share = share_token_of(fixture_app, token)
    assert len(token) >= 43 and len(share) >= 43  # 32 random bytes, base64url
    assert token != share
    with fixture_app.app_context():
        evaluation = db.session.scalars(select(Evaluation)).one()
        columns = [str(getattr(evaluation, c.key)) for c in Evaluation.__table__.columns]
    assert token not in " ".join(columns)
    assert evaluation.edit_token_hash == hash_token(token)
    page = client.get(f"/numerique/evaluations/{share}")
    assert page.status_code == 200
    assert token not in page.text and "Modifier les réponses" not in page.text
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    # The share token does not open the edit pages, and made-up tokens find nothing.
    assert client.get(f"/numerique/modifier/{share}").status_code == 404
    missing = client.get("/numerique/evaluations/" + "A" * 43)
    assert missing.status_code == 404 and "Aucune évaluation ne correspond" in missing.text
    assert client.get("/numerique/modifier/" + "x" * 300).status_code == 404


def test_tokens_are_distinct_across_evaluations(client):
    tokens = {start(client, name=f"Outil {i}") for i in range(20)}
    assert len(tokens) == 20


def test_bad_answers_are_refused_with_the_typed_text_kept(client):
    token = start(client)
    page = save_step(client, token, "projet", 1, **{
        "value-portage-direction": "peut-être", "comment-portage-direction": "Voir <i>note</i>",
        "value-besoins-precis": "oui", "comment-besoins-precis": "y" * 1001,
        "comment-preuves": "Commentaire sans réponse",
        "value-equipe-plateforme": "oui",  # not asked for a coordination tool: ignored
        "evidence_checked_on-besoins-precis": "hier"})
    assert page.status_code == 400
    text = page.text
    assert "Réponse invalide" in text
    assert "Ce texte dépasse 1000 caractères." in text
    assert "Choisissez une réponse pour enregistrer ce que vous avez écrit." in text
    assert "Date invalide" in text
    assert "Voir &lt;i&gt;note&lt;/i&gt;" in text and "Commentaire sans réponse" in text
    assert 'href="#q-portage-direction"' in text


def test_future_check_dates_and_bad_status_are_refused(client):
    token = start(client)
    page = save_step(client, token, "projet", 1, **{
        "value-preuves": "oui", "evidence_checked_on-preuves": "2999-01-01",
        "evidence_status-preuves": "certifié"})
    assert page.status_code == 400
    assert "La date de vérification doit être passée." in page.text
    assert "Statut de preuve invalide" in page.text


def test_two_edits_at_once_the_second_is_told_and_keeps_its_answers(fixture_app, client):
    token = start(client)
    first = save_step(client, token, "projet", 1, **{"value-portage-direction": "oui"})
    assert first.status_code == 302
    stale = save_step(client, token, "projet", 1, **{"value-portage-direction": "non",
                                                      "comment-portage-direction": "Mon avis"})
    assert stale.status_code == 409
    assert "Cette évaluation a changé pendant que vous répondiez" in stale.text
    assert "Mon avis" in stale.text
    assert "Réponse enregistrée entre-temps\u00a0: Oui." in stale.text
    assert 'name="version" value="2"' in stale.text
    with fixture_app.app_context():
        row = db.session.scalars(select(EvaluationAnswer)).one()
        assert row.value == "oui" and row.comment == ""
    # Submitting again with the version shown saves deliberately.
    again = save_step(client, token, "projet", 2, **{"value-portage-direction": "non",
                                                      "comment-portage-direction": "Mon avis"})
    assert again.status_code == 302


def test_concurrent_first_saves_one_wins_the_other_gets_409(fixture_app, client, monkeypatch):
    """Two people save the first answers of the same step at the same moment, from the
    same version. Both requests run in their own thread and reach the write together
    (a barrier inside the save); once both inserted answer rows and one request got a 500."""
    import threading

    from registry.checklist import storage

    token = start(client)
    barrier = threading.Barrier(2, timeout=10)
    read_answers = storage.answers_of

    def both_read_then_write(evaluation):
        answers = read_answers(evaluation)
        barrier.wait()  # both saves have read version 1 and no answer
        return answers

    monkeypatch.setattr(storage, "answers_of", both_read_then_write)
    results, errors = {}, []

    def save(value: str, comment: str) -> None:
        try:
            results[value] = save_step(fixture_app.test_client(), token, "projet", 1, **{
                "value-portage-direction": value, "comment-portage-direction": comment})
        except Exception as exc:  # TESTING lets a 500's exception reach the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=save, args=("oui", "Premier")),
               threading.Thread(target=save, args=("non", "Second"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    statuses = sorted(r.status_code for r in results.values())
    assert statuses == [302, 409], {k: r.status_code for k, r in results.items()}
    loser = next(v for v, r in results.items() if r.status_code == 409)
    page = results[loser].text
    assert "Cette évaluation a changé pendant que vous répondiez" in page
    assert ("Premier" if loser == "oui" else "Second") in page  # what the loser typed
    with fixture_app.app_context():
        rows = db.session.scalars(select(EvaluationAnswer)).all()
        evaluation = db.session.scalars(select(Evaluation)).one()
    winner = "non" if loser == "oui" else "oui"
    assert [(r.criterion, r.value) for r in rows] == [("portage-direction", winner)]
    assert evaluation.version == 2


def test_saving_without_changes_keeps_the_revision_count(fixture_app, client):
    token = start(client)
    save_step(client, token, "projet", 1, **{"value-preuves": "oui"})
    unchanged = save_step(client, token, "projet", 2, **{"value-preuves": "oui"})
    assert unchanged.status_code == 302
    with fixture_app.app_context():
        assert db.session.scalar(select(Evaluation.version)) == 2


def form_as_sent(html: str, form_class: str | None = None) -> dict[str, str]:
    """What a browser sends when the page's first POST form (of `form_class`, if given)
    is submitted untouched."""
    from html.parser import HTMLParser

    class Form(HTMLParser):
        def __init__(self):
            super().__init__()
            self.data, self.inside, self.select, self.area = {}, False, None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form" and (a.get("method") or "").lower() == "post" and not self.data:
                self.inside = form_class is None or form_class in (a.get("class") or "").split()
            elif not self.inside:
                return
            elif tag == "input" and a.get("name") and a.get("type") not in ("submit",):
                if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                    self.data[a["name"]] = a.get("value") or ""
            elif tag == "select":
                self.select = a.get("name")
                self.data.setdefault(self.select, "")
            elif tag == "option" and self.select and "selected" in a:
                self.data[self.select] = a.get("value") or ""
            elif tag == "textarea":
                self.area = a.get("name")
                self.data[self.area] = ""

        def handle_data(self, data):
            if self.area:
                self.data[self.area] += data

        def handle_endtag(self, tag):
            if tag == "form":
                self.inside = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.area = None

    parser = Form()
    parser.feed(html)
    return parser.data


def test_submitting_a_step_untouched_makes_no_new_revision(fixture_app, client):
    """The whole form as the browser sends it (empty comments, evidence, unanswered
    questions): nothing changed, so no revision, and the person is told so."""
    token = start(client)
    save_step(client, token, "projet", 1, **{"value-preuves": "oui", "comment-preuves": "Vu"})
    step = client.get(f"/numerique/modifier/{token}/etape/projet")
    data = form_as_sent(step.text)
    assert data["value-preuves"] == "oui" and data["version"] == "2"
    again = client.post(f"/numerique/modifier/{token}/etape/projet", data=data,
                        follow_redirects=True)
    assert "Aucun changement à enregistrer" in again.text
    with fixture_app.app_context():
        assert db.session.scalar(select(Evaluation.version)) == 2
        assert db.session.scalar(select(func.count(EvaluationRevision.id))) == 2
    overview = client.get(f"/numerique/modifier/{token}")
    header = form_as_sent(overview.text, "inline-form")
    assert header["tool_name"] == "Agenda partagé" and header["version"] == "2"
    client.post(f"/numerique/modifier/{token}", data=header)
    with fixture_app.app_context():
        assert db.session.scalar(select(Evaluation.version)) == 2


def test_history_lists_revisions_and_shows_what_changed(fixture_app, client):
    token = start(client)
    save_step(client, token, "projet", 1, **{"value-preuves": "oui"})
    save_step(client, token, "projet", 2, **{"value-preuves": "non", "comment-preuves": "Aucune"})
    client.post(f"/numerique/modifier/{token}", data={"version": "3", "tool_name": "Agenda v2",
                                                      "role": ""})
    share = share_token_of(fixture_app, token)
    history = client.get(f"/numerique/evaluations/{share}/historique")
    assert history.status_code == 200 and history.text.count("<th scope=\"row\">") == 4
    changes = client.get(f"/numerique/evaluations/{share}/historique?de=2&a=4").text
    assert "Sur quelles preuves repose l’amélioration attendue" in changes
    assert "réponse, commentaire" in changes
    assert "Agenda partagé" in changes and "Agenda v2" in changes
    assert "Pas prêt" in changes
    bad = client.get(f"/numerique/evaluations/{share}/historique?de=1&a=99")
    assert bad.status_code == 400
    assert client.get(f"/numerique/evaluations/{share}/historique?de=x&a=1").status_code == 400


def test_delete_needs_confirmation_then_removes_everything(fixture_app, client):
    token = start(client)
    save_step(client, token, "projet", 1, **{"value-preuves": "oui"})
    share = share_token_of(fixture_app, token)
    refused = client.post(f"/numerique/modifier/{token}/supprimer", data={})
    assert refused.status_code == 400 and "Cochez la case" in refused.text
    done = client.post(f"/numerique/modifier/{token}/supprimer", data={"confirm": "oui"})
    assert done.status_code == 302
    assert client.get(f"/numerique/evaluations/{share}").status_code == 404
    with fixture_app.app_context():
        for model in (Evaluation, EvaluationAnswer, EvaluationRevision):
            assert db.session.scalars(select(model)).all() == []


def test_csrf_is_required_on_every_form(make_app):
    app = make_app(FIXTURE_CONTENT, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    refused = client.post("/numerique/evaluer", data={"tool_name": "A", "category": "formation"})
    assert refused.status_code == 400
    assert "Rien n’a été enregistré" in refused.text  # the site’s error page, in French
    page = client.get("/numerique/evaluer")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    ok = client.post("/numerique/evaluer", data={"tool_name": "A", "category": "formation",
                                                 "csrf_token": csrf})
    assert ok.status_code == 302
    token = TOKEN_IN_URL.search(ok.location).group(1)
    step = client.post(f"/numerique/modifier/{token}/etape/projet",
                       data={"version": "1", "value-preuves": "oui"})
    assert step.status_code == 400
    assert client.post(f"/numerique/modifier/{token}/supprimer",
                       data={"confirm": "oui"}).status_code == 400


# --- exports, compare, escaping -----------------------------------------------------------

HOSTILE = "=HYPERLINK(\"http://evil\") <script>alert(1)</script>"


def test_exports_carry_every_answer_and_are_safe(fixture_app, client):
    token = start(client, name="<b>Outil</b>")
    save_step(client, token, "projet", 1, **{"value-preuves": "non", "comment-preuves": HOSTILE,
                                             "evidence_reference-preuves": "@SUM(A1)"})
    share = share_token_of(fixture_app, token)
    exported = client.get(f"/numerique/evaluations/{share}/export.json")
    data = json.loads(exported.data)
    assert data["criteria_version"] == 1 and data["tool_name"] == "<b>Outil</b>"
    first = data["answers"][0]
    assert first == {"criterion": "preuves", "question": first["question"], "value": "non",
                     "comment": HOSTILE, "retired": False,
                     "evidence": {"reference": "@SUM(A1)", "checked_on": None, "status": None}}
    assert data["scores"]["verdict"]["id"] == "pas-pret"
    assert token not in exported.text
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/numerique/evaluations/{share}/export.csv").data.decode("utf-8-sig"))))
    assert len(rows) == 5  # one per criterion asked of a coordination tool
    row = next(r for r in rows if r["critere"] == "preuves")
    assert row["commentaire"] == "'" + HOSTILE and row["preuve"] == "'@SUM(A1)"
    assert row["point_de_vigilance"] == "oui" and row["etat"] == "no"
    for path in ("", "/facile", "/historique?de=1&a=2"):
        page = client.get(f"/numerique/evaluations/{share}{path}").text
        assert "<script>alert" not in page and "<b>Outil" not in page


def test_compare_two_to_four_evaluations(fixture_app, client):
    shares = []
    for i, category in enumerate(("coordination", "information", "formation")):
        token = start(client, name=f"Outil {i}", category=category)
        save_step(client, token, "projet", 1, **{"value-preuves": ["oui", "non", "ne sait pas"][i],
                                                 "comment-preuves": HOSTILE})
        shares.append(share_token_of(fixture_app, token))
    page = client.get("/numerique/comparer?" + "&".join(f"e={s}" for s in shares))
    assert page.status_code == 200
    text = page.text
    assert all(f"Outil {i}" in text for i in range(3))
    assert "Question non posée pour cette catégorie" in text  # secours: coordination only
    assert "<script>alert" not in text
    # A whole share link works as well as the token.
    link = f"http://localhost/numerique/evaluations/{shares[0]}"
    assert client.get(f"/numerique/comparer?e={link}&e={shares[1]}").status_code == 200
    one = client.get(f"/numerique/comparer?e={shares[0]}")
    assert one.status_code == 200 and "ajoutez les liens" in one.text
    unknown = client.get(f"/numerique/comparer?e={shares[0]}&e=inconnu")
    assert unknown.status_code == 400 and "Lien inconnu" in unknown.text
    five = client.get("/numerique/comparer?" + "&".join(f"e=t{i}" for i in range(5)))
    assert five.status_code == 400 and "au plus 4" in five.text


def test_criteria_version_change_keeps_old_answers(make_app, content_copy):
    from registry.services import catalog

    app = make_app(content_copy)
    client = app.test_client()
    token = start(client)
    save_step(client, token, "projet", 1, **{"value-portage-direction": "oui",
                                             "comment-portage-direction": "Engagement signé"})
    path = content_copy / "checklist" / "criteria.yaml"
    text = path.read_text(encoding="utf-8").replace("version: 1", "version: 2")
    text = text.replace("id: portage-direction", "id: portage-direction-v2")
    path.write_text(text.replace("La direction porte-t-elle le projet",
                                 "La direction s’engage-t-elle par écrit"), "utf-8")
    with app.app_context():
        catalog.load()
    page = client.get(f"/numerique/modifier/{token}").text
    assert "Réponses à des questions retirées de la grille" in page
    assert "La direction porte-t-elle le projet" in page and "Engagement signé" in page
    assert "Question retirée" in page
    assert "la grille actuelle est la version 2" in page
    assert "La direction s’engage-t-elle par écrit" in page  # the new question, unanswered
    # A new save records the new version and still keeps the retired answer.
    assert save_step(client, token, "projet", 2, **{"value-preuves": "oui"}).status_code == 302
    with app.app_context():
        evaluation = db.session.scalars(select(Evaluation)).one()
        assert evaluation.criteria_version == 2
        assert {a.criterion for a in evaluation.answers} == {"portage-direction", "preuves"}
        assert [r.criteria_version for r in evaluation.revisions] == [1, 1, 2]


# --- API ----------------------------------------------------------------------------------

def test_api_checklist_shape(client):
    data = client.get("/api/v1/checklist").get_json()
    assert data["version"] == 1
    assert data["domains"] == [{"id": "projet", "title": "Portage du projet"},
                               {"id": "donnees", "title": "Données et sécurité"}]
    first = data["criteria"][0]
    assert set(first) == {"id", "domain", "question", "help", "categories", "weight", "vigilance"}
    assert data["answers"] == ["oui", "en partie", "non", "ne sait pas", "sans objet"]


def test_api_create_then_read(client):
    created = client.post("/api/v1/evaluations", json={
        "tool_name": "Plateforme", "category": "information", "role": "ARS",
        "answers": [{"criterion": "preuves", "value": "oui", "comment": "Étude 2020"},
                    {"criterion": "hebergement", "value": "non"}]})
    assert created.status_code == 201
    body = created.get_json()
    assert body["share_url"].startswith("http://localhost/numerique/evaluations/")
    assert "/numerique/modifier/" in body["edit_url"]
    assert body["scores"]["verdict"]["id"] == "pas-pret"
    assert body["scores"]["vigilance_alerts"] == ["hebergement"]
    read = client.get(created.headers["Location"]).get_json()
    assert read["tool_name"] == "Plateforme" and len(read["answers"]) == 2
    assert read["answers"][0]["comment"] == "Étude 2020"
    assert "edit" not in json.dumps(read)
    # The edit link works in the browser.
    edit_path = body["edit_url"].replace("http://localhost", "")
    assert client.get(edit_path).status_code == 200


@pytest.mark.parametrize("payload, field", [
    ({"category": "information"}, "tool_name"),
    ({"tool_name": "A", "category": "robot"}, "category"),
    ({"tool_name": 12, "category": "information"}, "tool_name"),
    ({"tool_name": "A", "category": "information", "answers": {}}, "answers"),
    ({"tool_name": "A", "category": "information", "answers": ["oui"]}, "answers[0]"),
    ({"tool_name": "A", "category": "information",
      "answers": [{"criterion": "inconnu", "value": "oui"}]}, "answers[0].criterion"),
    ({"tool_name": "A", "category": "information",
      "answers": [{"criterion": "secours", "value": "oui"}]}, "answers[0].criterion"),
    ({"tool_name": "A", "category": "information",
      "answers": [{"criterion": "preuves", "value": "OUI"}]}, "answers[0].value"),
    ({"tool_name": "  \u200b\u202e ", "category": "information"}, "tool_name"),
    ({"tool_name": "A", "category": "information", "answers": [
        {"criterion": "preuves", "value": "oui", "evidence_checked_on": "2024-02-30"}]},
     "answers[0].evidence_checked_on"),
    ({"tool_name": "A", "category": "information",
      "answers": [{"criterion": "preuves", "value": "oui", "comment": "c" * 1001}]},
     "answers[0].comment"),
    ({"tool_name": "A" * 121, "category": "information"}, "tool_name"),
])
def test_api_refuses_bad_bodies_naming_the_field(client, payload, field):
    response = client.post("/api/v1/evaluations", json=payload)
    assert response.status_code == 400
    body = response.get_json()
    assert body["field"] == field and body["error"]
    assert {"field", "message"} == set(body["errors"][0])


def test_api_keeps_the_last_answer_to_a_criterion_answered_twice(client):
    """As the OpenAPI document says (JSON Schema cannot state uniqueness by a field)."""
    created = client.post("/api/v1/evaluations", json={
        "tool_name": "A", "category": "information",
        "answers": [{"criterion": "preuves", "value": "oui"},
                    {"criterion": "preuves", "value": "non"}]})
    assert created.status_code == 201
    record = client.get(created.get_json()["api_url"].replace("http://localhost", "")).get_json()
    assert [(a["criterion"], a["value"]) for a in record["answers"]] == [("preuves", "non")]


def test_api_evaluation_responses_are_not_stored_or_indexed(client):
    created = client.post("/api/v1/evaluations", json={"tool_name": "A",
                                                       "category": "information"})
    shared = client.get(created.get_json()["api_url"].replace("http://localhost", ""))
    for response in (created, shared):
        assert "no-store" in response.headers["Cache-Control"]
        assert "noindex" in response.headers["X-Robots-Tag"]


def test_api_refuses_malformed_json_and_unknown_tokens(client):
    bad = client.post("/api/v1/evaluations", data="{not json", content_type="application/json")
    assert bad.status_code == 400 and bad.get_json()["field"] == "body"
    assert client.post("/api/v1/evaluations", json=[1, 2]).status_code == 400
    missing = client.get("/api/v1/evaluations/nope")
    assert missing.status_code == 404 and "error" in missing.get_json()


@pytest.mark.parametrize("token", ["a\x00b", "é" * 10, "x" * 65, "../etc", " "])
def test_malformed_tokens_are_not_found_without_touching_the_database(client, token):
    from urllib.parse import quote

    for path in ("/numerique/evaluations/", "/numerique/modifier/", "/api/v1/evaluations/"):
        assert client.get(path + quote(token, safe="")).status_code == 404
