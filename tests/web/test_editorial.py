"""The editorial workflow of a proposal: screen → two reviews (disagreeing) → changes
requested → resubmitted → accepted and published to the content folder (checked,
committed, loaded); not admissible and not retained, with published reasons; the right
of reply; who may see what."""
from __future__ import annotations

import re
import subprocess

import frontmatter
import pytest

from tests.web.test_accounts import create, login
from tests.web.test_proposals import start, version


@pytest.fixture
def site(make_app, content_copy):
    app = make_app(content_copy, REGISTRY_CONTENT_CHECK_SECONDS=0.001)
    assert create(app, "ed").exit_code == 0
    for name, kind in (("alice", "professionnel"), ("bob", "personne-concernee"),
                       ("carl", "professionnel")):
        assert create(app, name, "reviewer", "--kind", kind).exit_code == 0
    return app, content_copy


def client_for(app, username=None):
    client = app.test_client()
    if username:
        login(client, username)
    return client


def submitted(app, content, description="L’équipe reçoit **sans rendez-vous**.",
              title="Accueil « Porte ouverte »") -> tuple[str, int]:
    from registry.content.taxonomy import load_taxonomy
    tax, _ = load_taxonomy(content / "taxonomy.yaml")
    team = app.test_client()
    token = start(team)
    team.post(f"/proposer/{token}/pratique", data={
        "title": title, "dispositif": "Porte ouverte", "porteur": "CH d’essai",
        "theme": next(iter(tax.themes)), "public": [next(iter(tax.public))], "missions": ["2"],
        "summary": "Un accueil de jour.", "version": version(team, token, "pratique")})
    team.post(f"/proposer/{token}/section-description", data={
        "section_description": description,
        "version": version(team, token, "section-description")})
    team.post(f"/proposer/{token}/reproduire", data={
        "interests": "aucun", "email": "equipe@example.org", "replication_contact": "Dr X",
        "version": version(team, token, "reproduire")})
    assert team.post(f"/proposer/{token}/soumettre").status_code == 302
    follow = team.get(f"/proposer/{token}/suivi").get_data(as_text=True)
    assert "soumise" in follow
    from registry.extensions import db
    from registry.proposals.models import Proposal
    with app.app_context():
        number = db.session.query(Proposal).order_by(Proposal.id.desc()).first().id
    return token, number


def review(app, username, number, level, text="Le niveau tient à ce que décrit l’équipe, "
           "sans évaluation publiée à ce jour."):
    client = client_for(app, username)
    listing = client.get("/edition/revues/").get_data(as_text=True)
    link = re.search(r'href="(/edition/revues/\d+)"', listing).group(1)
    done = client.post(link, data={"interests": "aucun", "level": level,
                                   "justification": text, "comments": f"note de {username}"})
    assert done.status_code == 302, done.get_data(as_text=True)
    return link


def test_the_whole_editorial_workflow(site):
    app, content = site
    subprocess.run(["git", "init", "-q"], cwd=content, check=True)
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@t", "commit", "-qam", "x",
                    "--allow-empty"], cwd=content, check=True)
    subprocess.run(["git", "add", "."], cwd=content, check=True)
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@t", "commit", "-qm", "c"],
                   cwd=content, check=True)
    token, number = submitted(app, content)
    editor = client_for(app, "ed")
    page = editor.get(f"/edition/propositions/{number}").get_data(as_text=True)
    assert "equipe@example.org" in page and "Dr X" in page  # private, for editors
    editor.post(f"/edition/propositions/{number}/recevabilite", data={"admissible": "oui"})
    too_few = editor.post(f"/edition/propositions/{number}/relecteurs", data={"reviewer": "2"})
    assert too_few.status_code == 400 and "au moins 2 relecteurs" in too_few.get_data(
        as_text=True)
    editor.post(f"/edition/propositions/{number}/relecteurs", data={"reviewer": ["2", "3"]})
    assert "Aucune proposition ne vous est confiée" in client_for(app, "carl").get(
        "/edition/revues/").get_data(as_text=True)  # nothing assigned to carl
    link = review(app, "alice", number, "experience-decrite")
    assert client_for(app, "carl").get(link).status_code == 404  # not assigned to carl
    review(app, "bob", number, "prometteuse")
    page = editor.get(f"/edition/propositions/{number}").get_data(as_text=True)
    assert "ne proposent pas le même niveau" in page and "note de bob" in page
    editor.post(f"/edition/propositions/{number}/decision",
                data={"decision": "modifications", "reason": "Précisez le public accueilli."})
    team = app.test_client()
    step = team.get(f"/proposer/{token}/pratique").get_data(as_text=True)
    assert "Précisez le public accueilli." in step
    team.post(f"/proposer/{token}/section-genese", data={
        "section_genese": "Créé pour les adultes du quartier.",
        "version": version(team, token, "section-genese")})
    assert team.post(f"/proposer/{token}/soumettre").status_code == 302
    public = team.get("/contributions").get_data(as_text=True)
    assert "en revue" in public and "alice" not in public and "note de" not in public
    accepted = editor.post(f"/edition/propositions/{number}/decision", data={
        "decision": "accepter", "reason": "Pratique décrite avec précision.",
        "level": "experience-decrite",
        "justification": "L’équipe décrit sa pratique ; aucune évaluation n’est publiée."})
    assert accepted.status_code == 302, accepted.get_data(as_text=True)
    page_file = content / "monographies" / "accueil-porte-ouverte.md"
    post = frontmatter.load(page_file)
    assert post["evidence"]["level"] == "experience-decrite"
    assert post["sources"][0]["document"] == f"contribution-{number}"
    assert "Créé pour les adultes du quartier." in post.content
    log = subprocess.run(["git", "log", "-1", "--format=%an|%s", "--name-only"], cwd=content,
                         capture_output=True, text=True, check=True).stdout
    assert log.startswith(f"Nom ed|Publication de la proposition n° {number}")
    assert "references.yaml" in log
    live = app.test_client().get("/monographies/accueil-porte-ouverte")
    html = live.get_data(as_text=True)
    assert live.status_code == 200 and "sans rendez-vous" in html
    assert "Historique des versions" in html and f"Publication de la proposition n° {number}" \
        in html and "Expérience décrite" in html
    assert app.test_cli_runner().invoke(args=["content", "check"]).exit_code == 0
    read = team.get(f"/proposer/{token}/suivi").get_data(as_text=True)
    assert "acceptée" in read and "/monographies/accueil-porte-ouverte" in read
    assert "alice" not in read and "note de" not in read
    page = editor.get(f"/edition/propositions/{number}").get_data(as_text=True)
    assert "equipe@example.org" not in page  # deleted when the proposal closed
    # the right of reply, once
    team.post(f"/proposer/{token}/suivi", data={"reply": "Merci pour la revue."})
    team.post(f"/proposer/{token}/suivi", data={"reply": "Une seconde réponse."})
    read = team.get(f"/proposer/{token}/suivi").get_data(as_text=True)
    assert "Merci pour la revue." in read and "Une seconde réponse." not in read


def test_not_admissible_and_not_retained_are_listed_with_their_reason(site):
    app, content = site
    _token, first = submitted(app, content, title="Première")
    _token, second = submitted(app, content, title="Seconde")
    editor = client_for(app, "ed")
    refused = editor.post(f"/edition/propositions/{first}/recevabilite",
                          data={"admissible": "non", "reason": ""})
    assert refused.status_code == 400  # a reason is required
    editor.post(f"/edition/propositions/{first}/recevabilite",
                data={"admissible": "non", "reason": "Hors du champ du registre."})
    editor.post(f"/edition/propositions/{second}/recevabilite", data={"admissible": "oui"})
    editor.post(f"/edition/propositions/{second}/relecteurs", data={"reviewer": ["2", "3"]})
    editor.post(f"/edition/propositions/{second}/decision",
                data={"decision": "refuser", "reason": "Pratique trop peu décrite."})
    listing = app.test_client().get("/contributions").get_data(as_text=True)
    assert "non recevable" in listing and "Hors du champ du registre." in listing
    assert "non retenue" in listing and "Pratique trop peu décrite." in listing


def test_a_page_that_fails_the_content_checks_is_not_published(site):
    app, content = site
    _token, number = submitted(app, content, description="Voir [la page](/monographies/absente).")
    editor = client_for(app, "ed")
    editor.post(f"/edition/propositions/{number}/recevabilite", data={"admissible": "oui"})
    editor.post(f"/edition/propositions/{number}/relecteurs", data={"reviewer": ["2", "3"]})
    review(app, "alice", number, "experience-decrite")
    review(app, "bob", number, "experience-decrite")
    before = (content / "references.yaml").read_text()
    refused = editor.post(f"/edition/propositions/{number}/decision", data={
        "decision": "accepter", "level": "experience-decrite",
        "justification": "L’équipe décrit sa pratique ; aucune évaluation n’est publiée."})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "les vérifications du contenu ont échoué" in html
    assert "absente" in html
    assert (content / "references.yaml").read_text() == before
    assert not list((content / "monographies").glob("accueil-porte-ouverte*.md"))


def test_a_reader_reports_an_error_and_the_accepted_diff_is_published(site):
    app, content = site
    reader = app.test_client()
    assert "Signaler une erreur ou proposer une modification" in reader.get(
        "/monographies/dispositif-essai").get_data(as_text=True)
    form = reader.get("/signaler/dispositif-essai").get_data(as_text=True)
    current = re.search(r'<textarea id="proposed"[^>]*>([^<]*)</textarea>', form).group(1)
    section = "Genèse et conditions de mise en œuvre"
    empty = reader.post("/signaler/dispositif-essai", data={
        "section": section, "problem": "", "proposed": "Texte tapé", "prefilled": section})
    assert empty.status_code == 400 and "Texte tapé" in empty.get_data(as_text=True)
    sent = reader.post("/signaler/dispositif-essai", data={
        "section": section, "problem": "L’année est fausse.\u202e", "prefilled": section,
        "proposed": "Le dispositif a été créé en 2019 par une équipe de test.",
        "source": "Rapport d’essai, p. 3", "email": "lecteur@example.org"})
    assert sent.status_code == 302 and sent.location.endswith("/suivi")
    follow = reader.get(sent.location).get_data(as_text=True)
    assert "L’année est fausse." in follow and "\u202e" not in follow
    editor = client_for(app, "ed")
    listing = editor.get("/edition/propositions/").get_data(as_text=True)
    number = int(re.search(r"/edition/propositions/(\d+)", listing).group(1))
    page = editor.get(f"/edition/propositions/{number}").get_data(as_text=True)
    assert '<span class="add">+Le dispositif a été créé en 2019' in page
    assert current.strip()[:20] in page  # the old text, as the removed side of the diff
    done = editor.post(f"/edition/propositions/{number}/decision",
                       data={"decision": "accepter", "reason": "Merci."})
    assert done.status_code == 302
    assert "créé en 2019 par une équipe de test" in (
        content / "monographies" / "dispositif-essai.md").read_text()
    live = app.test_client().get("/monographies/dispositif-essai").get_data(as_text=True)
    assert "créé en 2019 par une équipe de test" in live
    public = app.test_client().get("/contributions").get_data(as_text=True)
    read = re.search(r'href="(/propositions/[\w-]+)"', public).group(1)
    published = app.test_client().get(read).get_data(as_text=True)
    assert "Modification publiée" in published and "+Le dispositif a été créé en 2019" in \
        published and "lecteur@example.org" not in published
    assert "correction" in public and "acceptée" in public


def test_hostile_titles_round_trip_through_publishing(site):
    app, content = site
    hostile = 'Titre "cité" --- <script>alert(1)</script> & {a: b} # pas un titre'
    _token, number = submitted(app, content, title=hostile)
    editor = client_for(app, "ed")
    editor.post(f"/edition/propositions/{number}/recevabilite", data={"admissible": "oui"})
    editor.post(f"/edition/propositions/{number}/relecteurs", data={"reviewer": ["2", "3"]})
    review(app, "alice", number, "experience-decrite")
    review(app, "bob", number, "experience-decrite")
    done = editor.post(f"/edition/propositions/{number}/decision", data={
        "decision": "accepter", "level": "experience-decrite",
        "justification": "L’équipe décrit sa pratique ; aucune évaluation n’est publiée."})
    assert done.status_code == 302, done.get_data(as_text=True)
    [page_file] = [p for p in (content / "monographies").glob("titre-cite*.md")]
    assert frontmatter.load(page_file)["title"] == hostile
    assert app.test_cli_runner().invoke(args=["content", "check"]).exit_code == 0
    html = app.test_client().get(f"/monographies/{page_file.stem}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
