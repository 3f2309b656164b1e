"""The living registry walked in a browser: propose → screen → two reviews → changes
requested → resubmit → accept → the page is live, searchable, with its history; a reader
reports an error → accepted → the diff is published; a proposal not retained is listed.
axe finds no serious or critical violation on the pages walked."""
from __future__ import annotations

import re
import shutil
import subprocess
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from registry import create_app
from tests.e2e.axe_support import assert_no_violations
from tests.support import MIGRATIONS, REAL_CONTENT, app_config

PASSWORD = "a long password here"
UNIQUE = "zébulonnerie"  # a word no page has, to find the published one


def no_serious_violations(page) -> None:
    assert_no_violations(page, impacts=("serious", "critical"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("living")
    content = base / "content"
    shutil.copytree(REAL_CONTENT, content)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "content"]):
        subprocess.run([*git, *args], cwd=content, check=True)
    app = create_app(app_config(base / "instance", content, TESTING=False,
                                WTF_CSRF_ENABLED=True, REGISTRY_CONTENT_CHECK_SECONDS=0.001,
                                database=f"sqlite:///{base / 'e2e.sqlite'}"))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(MIGRATIONS))
    runner = app.test_cli_runner()
    for name, role, kind in (("camille", "editor", None), ("alex", "reviewer", "professionnel"),
                             ("sam", "reviewer", "personne-concernee")):
        extra = ["--kind", kind] if kind else []
        result = runner.invoke(args=["users", "create", name, "--role", role, "--name",
                                     name.title(), *extra], input=f"{PASSWORD}\n{PASSWORD}\n")
        assert result.exit_code == 0, result.output
    assert runner.invoke(args=["index", "build"]).exit_code == 0
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", content
    server.shutdown()


def log_in(browser, url, name):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(url + "/connexion")
    page.get_by_label("Nom d’utilisateur").fill(name)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/edition/")
    return page


def propose(page, url, title, words):
    page.goto(url + "/proposer")
    page.get_by_role("button", name="Commencer une proposition").click()
    page.wait_for_url("**/pratique")
    draft = page.url
    page.get_by_label("Titre de la page").fill(title)
    page.get_by_label("Nom du dispositif").fill(title)
    page.get_by_label(re.compile("Équipe ou établissement")).fill("Centre hospitalier d’essai")
    page.locator("#theme input").first.check()
    page.locator("#public input").first.check()
    page.locator("#missions input").nth(1).check()
    page.get_by_label(re.compile("Résumé")).fill("Un accueil sans rendez-vous.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("link", name="Description du dispositif et perspectives").click()
    page.get_by_label("Description du dispositif et perspectives").fill(words)
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("link", name="Reproduire et contacter").click()
    page.get_by_label(re.compile("Déclaration de liens d’intérêts")).fill("aucun")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("button", name="Envoyer la proposition aux éditeurs").click()
    page.wait_for_url("**/suivi")
    return draft


def open_proposal(editor, url, title):
    editor.goto(url + "/edition/propositions/")
    editor.get_by_role("link", name=title).click()


def test_living_registry_walk(browser, site):
    url, content = site
    team = browser.new_context(locale="fr-FR").new_page()
    title = "Accueil Porte ouverte"
    draft = propose(team, url, title, f"L’équipe pratique la {UNIQUE} chaque matin.")
    editor = log_in(browser, url, "camille")
    open_proposal(editor, url, title)
    no_serious_violations(editor)
    editor.get_by_role("button", name="Enregistrer la recevabilité").click()
    for name in ("Alex", "Sam"):
        editor.get_by_label(re.compile(name)).check()
    editor.get_by_role("button", name="Désigner").click()
    expect(editor.locator(".facts")).to_contain_text("en revue")
    for name, level in (("alex", "Expérience décrite"), ("sam", "Pratique prometteuse")):
        reviewer = log_in(browser, url, name)
        reviewer.goto(url + "/edition/revues/")
        reviewer.get_by_role("link", name=title).click()
        reviewer.get_by_label(re.compile("Vos liens d’intérêts")).fill("aucun")
        reviewer.get_by_role("radio", name=re.compile("^" + level)).check()
        reviewer.get_by_label(re.compile("Justification du niveau")).fill(
            "L’équipe décrit sa pratique sans évaluation publiée à ce jour.")
        no_serious_violations(reviewer)
        reviewer.get_by_role("button", name="Enregistrer ma revue").click()
        expect(reviewer.locator(".flashes")).to_contain_text("Revue enregistrée")
    editor.reload()
    expect(editor.get_by_text("ne proposent pas le même niveau")).to_be_visible()
    editor.get_by_label("Demander des modifications").check()
    editor.get_by_label(re.compile("Raison ou modifications demandées")).fill(
        "Dites depuis quand la pratique existe.")
    editor.get_by_role("button", name="Enregistrer la décision").click()
    team.goto(draft)  # the contributor's private link opens the draft again
    expect(team.locator(".notice")).to_contain_text("Dites depuis quand la pratique existe.")
    team.get_by_label("Année de création").fill("2021")
    team.get_by_role("button", name="Enregistrer et continuer").click()
    team.goto(draft.replace("/pratique", "/apercu"))
    team.get_by_role("button", name="Envoyer la proposition aux éditeurs").click()
    open_proposal(editor, url, title)
    editor.get_by_label("Accepter et publier").check()
    editor.get_by_label(re.compile("Niveau de preuve publié")).select_option("experience-decrite")
    editor.get_by_label(re.compile("Justification du niveau, publiée")).fill(
        "L’équipe décrit sa pratique ; aucune évaluation n’est publiée à ce jour.")
    editor.get_by_role("button", name="Enregistrer la décision").click()
    expect(editor.locator(".flashes")).to_contain_text("Proposition acceptée et publiée")
    live = browser.new_context(locale="fr-FR").new_page()
    live.goto(url + "/monographies/accueil-porte-ouverte")
    expect(live.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(live.locator(".versions")).to_contain_text("Publication de la proposition")
    live.goto(url + f"/recherche?q={UNIQUE}")
    expect(live.locator(".hits")).to_contain_text(title)

    # a reader reports an error on the new page; accepted, its diff is published
    live.goto(url + "/monographies/accueil-porte-ouverte")
    live.get_by_role("link", name="Signaler une erreur ou proposer une modification").click()
    live.get_by_label("Partie de la page concernée").select_option(
        "Description du dispositif et perspectives")
    live.get_by_label("Ce qui est faux ou à modifier").fill("Ce n’est pas chaque matin.")
    proposed = live.get_by_label("Texte corrigé de cette partie (facultatif)")
    expect(proposed).to_have_value(re.compile("chaque matin"))  # the chosen part's text
    proposed.fill(f"L’équipe pratique la {UNIQUE} le lundi.")
    no_serious_violations(live)
    live.get_by_role("button", name="Envoyer le signalement").click()
    expect(live.locator(".flashes")).to_contain_text("signalement est envoyé")
    open_proposal(editor, url, f"{title} — Description du dispositif et perspectives")
    expect(editor.locator(".correction-detail")).to_contain_text("Ce n’est pas chaque matin.")
    editor.get_by_label(re.compile(r"Accepter \(le texte")).check()
    editor.get_by_role("button", name="Enregistrer la décision").click()
    live.goto(url + "/contributions")
    no_serious_violations(live)
    row = live.get_by_role("row", name=re.compile("Porte ouverte —"))
    expect(row).to_contain_text("acceptée")
    row.get_by_role("link").click()
    expect(live.locator("pre.diff")).to_contain_text(f"+L’équipe pratique la {UNIQUE} le lundi.")
    expect(live.locator("pre.diff")).to_contain_text("-L’équipe pratique")
    live.goto(url + "/monographies/accueil-porte-ouverte")
    expect(live.locator("main")).to_contain_text("le lundi")

    # a proposal not retained stays listed, with its reason
    propose(team, url, "Projet sans suite", "Une description courte.")
    open_proposal(editor, url, "Projet sans suite")
    editor.get_by_role("button", name="Enregistrer la recevabilité").click()
    editor.get_by_label(re.compile("Alex")).check()
    editor.get_by_label(re.compile("Sam")).check()
    editor.get_by_role("button", name="Désigner").click()
    editor.get_by_label("Ne pas retenir").check()
    editor.get_by_label(re.compile("Raison ou modifications demandées")).fill(
        "Trop peu décrite pour être reproduite.")
    editor.get_by_role("button", name="Enregistrer la décision").click()
    live.goto(url + "/contributions")
    row = live.get_by_role("row", name=re.compile("Projet sans suite"))
    expect(row).to_contain_text("non retenue")
    expect(row).to_contain_text("Trop peu décrite pour être reproduite.")
