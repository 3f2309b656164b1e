"""The rereading of an easy-to-read page walked in a browser: an editor logs in and opens
a rereading → a rereader on a phone marks a sentence and answers with pictures → the
editor sees the mark, revises the text, records the rereading → the page is « relu » and
committed to git → the full page is edited → the page says it must be reread."""
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

PASSWORD = "a long editor password"
SLUG = "sesame"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app on a git clone-like copy of the shipped content (so that recording can
    write and commit), CSRF on, content changes seen at once."""
    base = tmp_path_factory.mktemp("rereading")
    content = base / "content"
    shutil.copytree(REAL_CONTENT, content)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "content"]):
        subprocess.run([*git, *args], cwd=content, check=True)
    instance = base / "instance"
    app = create_app(app_config(instance, content, TESTING=False, WTF_CSRF_ENABLED=True,
                                REGISTRY_CONTENT_CHECK_SECONDS=0.001,
                                REGISTRY_BUILD_INDEX_ON_START=False,
                                database=f"sqlite:///{base / 'e2e.sqlite'}"))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(MIGRATIONS))
    created = app.test_cli_runner().invoke(
        args=["users", "create", "camille", "--role", "editor", "--name", "Camille"],
        input=f"{PASSWORD}\n{PASSWORD}\n")
    assert created.exit_code == 0, created.output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", content
    server.shutdown()


def test_rereading_walk(browser, site):
    url, content = site
    editor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = editor.new_page()
    page.goto(url + "/edition/relectures/")
    expect(page).to_have_url(re.compile(r"/connexion\?next="))
    assert_no_violations(page)
    page.get_by_label("Nom d’utilisateur").fill("camille")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Relectures des pages faciles à lire")).to_be_visible()
    page.get_by_label("Page facile à lire").select_option(SLUG)
    page.get_by_label(re.compile("Nombre d’invitations")).fill("2")
    page.get_by_role("button", name="Ouvrir la relecture").click()
    links = page.locator(".invite-links code").all_inner_texts()
    assert len(links) == 2 and all("/relire/" in link for link in links)
    assert_no_violations(page)

    reader = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    phone = reader.new_page()
    phone.goto(links[0])
    second = phone.locator(".reread-phrase").nth(1)
    sentence = second.locator("span").first.inner_text()
    second.click()
    expect(second.locator("input")).to_be_checked()
    phone.get_by_label("Je n’ai pas compris").check()
    phone.get_by_role("button", name="Toucher les mots difficiles").click()
    word = phone.locator(".reread-phrase").nth(2).locator(".reread-word").first
    word.focus()
    phone.keyboard.press("Enter")  # keyboard or tap: the word goes into the field
    expect(word).to_have_attribute("aria-pressed", "true")
    field = phone.get_by_label(re.compile("Des mots que vous ne comprenez pas"))
    expect(field).to_have_value(word.inner_text().strip(".,:;?!«» \u00a0"))
    expect(second.locator("input")).to_be_checked()  # tapping a word leaves the box as it was
    field.fill("bonnes pratiques")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert_no_violations(phone, enhanced=True)
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(phone.get_by_role("heading", name="Merci pour votre relecture")).to_be_visible()

    page.goto(url + "/edition/relectures/")
    page.get_by_role("link", name=re.compile("Sesame")).first.click()
    marked = page.locator(".reread-marks li.marked")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text(sentence)
    expect(marked).to_contain_text("1 marque")
    expect(page.get_by_text("bonnes pratiques", exact=True)).to_be_visible()

    falc = content / "monographies" / f"{SLUG}.falc.md"  # the editor revises the text
    falc.write_text(falc.read_text(encoding="utf-8").replace(sentence, sentence.rstrip(".")
                                                             + " pour vous."), encoding="utf-8")
    page.reload()
    expect(page.get_by_text("Le texte a été modifié depuis")).to_be_visible()
    page.get_by_label("Nombre de personnes qui ont relu").fill("1")
    page.get_by_label(re.compile("Prénoms ou pseudonymes")).fill("Léa")
    page.get_by_label(re.compile("ont accepté que leur prénom")).check()
    page.get_by_role("button", name="Enregistrer la relecture").click()
    expect(page.locator(".flashes")).to_contain_text("Modification enregistrée dans git")
    log = subprocess.run(["git", "log", "-1", "--format=%an|%s"], cwd=content, text=True,
                         capture_output=True, check=True).stdout
    assert log.startswith("Camille|Relecture de la page facile à lire")

    public = reader.new_page()
    public.goto(f"{url}/facile/monographies/{SLUG}")
    expect(public.locator(".reread-notice")).to_contain_text("relu par 1 personne concernée")
    expect(public.locator(".reread-notice")).to_contain_text("Léa")
    assert_no_violations(public, enhanced=True)
    phone.goto(links[1])
    expect(phone.get_by_role("heading", name="Cette relecture est terminée")).to_be_visible()

    full = content / "monographies" / f"{SLUG}.md"  # the full page changes
    full.write_text(full.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n",
                    encoding="utf-8")
    public.reload()
    expect(public.locator(".draft-notice")).to_contain_text("Il doit être relu à nouveau")
    reader.close()
    editor.close()
