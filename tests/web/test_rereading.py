"""Rereading of easy-to-read pages by people concerned: invite → marks → revise →
record → « relu » → the full page changes → « à revoir »."""
from __future__ import annotations

import re
import subprocess

import frontmatter
import pytest

from tests.web.test_accounts import create, login

PAGE = "/facile/monographies/dispositif-essai"


@pytest.fixture
def setup(make_app, content_copy):
    app = make_app(content_copy, REGISTRY_CONTENT_CHECK_SECONDS=0.001)  # edits seen at once
    assert create(app).exit_code == 0
    editor = app.test_client()
    login(editor)
    return app, editor, content_copy


def open_rereading(editor, count=2):
    page = editor.post("/edition/relectures/", data={"page": "dispositif-essai",
                                                     "count": str(count)})
    assert page.status_code == 200, page.get_data(as_text=True)
    html = page.get_data(as_text=True)
    links = re.findall(r"<code>http://localhost(/relire/[\w-]+)</code>", html)
    number = int(re.search(r"/edition/relectures/(\d+)/enregistrer", html).group(1))
    return number, links


def test_the_whole_rereading_of_a_page(setup):
    app, editor, content = setup
    number, links = open_rereading(editor)
    assert len(links) == 2
    reader = app.test_client()
    form = reader.get(links[0]).get_data(as_text=True)
    assert 'name="phrase" value="2"' in form and "Vous pouvez y trouver un logement." in form
    assert "J’ai compris" in form and "/static/pictos/openmoji/1F44D.svg" in form
    sent = reader.post(links[0], data={"phrase": ["2", "99"], "words": "logement\u202e",
                                       "q-compris": "non"})
    assert sent.status_code == 200 and "Merci pour votre relecture" in sent.get_data(
        as_text=True)
    again = reader.get(links[0]).get_data(as_text=True)  # answers come back to be changed
    assert 'value="2" checked' in again and ">logement</textarea>" in again
    reader.post(links[1], data={"phrase": "2", "q-compris": "oui"})
    shown = editor.get(f"/edition/relectures/{number}").get_data(as_text=True)
    assert "Vous pouvez y trouver un logement.</span> <strong class=\"mark-count\">2 marques" \
        in shown
    assert "J’ai compris&nbsp;: 1 · Je n’ai pas compris&nbsp;: 1" in shown
    assert "<li>logement</li>" in shown
    # the editor revises the text, then records the rereading
    path = content / "monographies" / "dispositif-essai.falc.md"
    path.write_text(path.read_text().replace("Vous pouvez y trouver un **logement**.",
                                             "Vous pouvez y trouver une maison."))
    assert "Le texte a été modifié depuis" in editor.get(
        f"/edition/relectures/{number}").get_data(as_text=True)
    refused = editor.post(f"/edition/relectures/{number}/enregistrer",
                          data={"readers": "2", "names": "Léa, Sam", "date": "2026-12-01"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Cochez l’accord" in html and 'value="Léa, Sam"' in html
    done = editor.post(f"/edition/relectures/{number}/enregistrer",
                       data={"readers": "2", "names": "Léa, Sam", "consent": "1",
                             "date": "2026-12-01"})
    assert done.status_code == 302
    review = frontmatter.load(path).metadata["review"]
    assert review["status"] == "relu" and review["by"] == "Léa, Sam" and review["readers"] == 2
    public = app.test_client().get(PAGE).get_data(as_text=True)
    assert "Ce texte a été relu par 2 personnes concernées le 1 décembre 2026\u00a0: Léa, Sam." \
        in public
    assert "pas encore été relu" not in public
    assert reader.get(links[0]).status_code == 410  # the rereading is over
    # the full page changes: the easy page is « à revoir »
    full = content / "monographies" / "dispositif-essai.md"
    full.write_text(full.read_text().replace("\n---\n", "\n---\n\nUne phrase de plus.\n", 1))
    public = app.test_client().get(PAGE).get_data(as_text=True)
    assert "mais la page a changé depuis. Il doit être relu à nouveau." in public
    log = editor.get("/edition/journal").get_data(as_text=True)
    assert "rereading.open" in log and "rereading.record" in log


def test_links_are_private_and_die_with_the_rereading(setup):
    app, editor, _content = setup
    number, links = open_rereading(editor, 1)
    assert app.test_client().get("/relire/not-a-token").status_code == 404
    editor.post(f"/edition/relectures/{number}/fermer")
    assert app.test_client().get(links[0]).status_code == 410
    assert app.test_client().post(links[0], data={"phrase": "1"}).status_code == 410
    listing = editor.get("/edition/relectures/").get_data(as_text=True)
    assert "fermée" in listing and links[0] not in listing  # links are shown once only


def test_hostile_names_cannot_break_the_front_matter(setup):
    app, editor, content = setup
    number, _links = open_rereading(editor, 1)
    hostile = 'Zoé"}\n---\nreview: {status: brouillon}, <script>alert(1)</script>'
    done = editor.post(f"/edition/relectures/{number}/enregistrer",
                       data={"readers": "1", "names": hostile, "consent": "1",
                             "date": "2026-12-01"})
    assert done.status_code == 302
    path = content / "monographies" / "dispositif-essai.falc.md"
    assert frontmatter.load(path).metadata["review"]["status"] == "relu"
    assert app.test_client().get("/facile/").status_code == 200
    html = app.test_client().get(PAGE).get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert "dispositif-essai.falc.md" not in result.output


def test_recording_commits_to_git_when_the_content_is_a_work_tree(setup):
    app, editor, content = setup
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=content, check=True)
    subprocess.run([*git, "add", "."], cwd=content, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "start"], cwd=content, check=True)
    number, _links = open_rereading(editor, 1)
    editor.post(f"/edition/relectures/{number}/enregistrer",
                data={"readers": "3", "names": "", "date": "2026-12-01"})
    last = subprocess.run(["git", "log", "-1", "--format=%an <%ae>|%s", "--name-only"],
                          cwd=content, capture_output=True, text=True, check=True).stdout
    assert last.startswith("Nom ed <ed@registre.invalid>|Relecture de la page facile à lire")
    assert "3 relecteurs" in last and "monographies/dispositif-essai.falc.md" in last
    review = frontmatter.load(content / "monographies" / "dispositif-essai.falc.md")["review"]
    assert review["by"] == "3 personnes concernées"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=content, capture_output=True,
                            text=True, check=True).stdout
    assert status == ""
