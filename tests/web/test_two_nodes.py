"""Two nodes: two app processes' worth of apps, each with its own content clone and index,
over one database and one git remote (a local bare repository). A correction accepted on
node A is committed and pushed; node B shows it after `flask content sync`, which is safe
to run again (and on a schedule)."""
from __future__ import annotations

import re
import subprocess

from registry import create_app
from tests.support import app_config
from tests.web.test_accounts import create, login

GIT = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]


def git(*args, cwd):
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True)


def test_a_correction_accepted_on_one_node_reaches_the_other(make_app, content_copy, tmp_path):
    git("init", "-q", "-b", "main", cwd=content_copy)
    git("add", ".", cwd=content_copy)
    git("commit", "-qm", "content", cwd=content_copy)
    origin = tmp_path / "origin.git"
    git("clone", "-q", "--bare", str(content_copy), str(origin), cwd=tmp_path)
    node_a, node_b = tmp_path / "a" / "content", tmp_path / "b" / "content"
    for node in (node_a, node_b):
        node.parent.mkdir()
        git("clone", "-q", str(origin), str(node), cwd=tmp_path)
        git("config", "registry.push", "true", cwd=node)  # a node shares its publications
    app_a = make_app(node_a, REGISTRY_CONTENT_CHECK_SECONDS=0.001)
    app_b = create_app(app_config(tmp_path / "b" / "instance", node_b,
                                  database=app_a.config["SQLALCHEMY_DATABASE_URI"],
                                  REGISTRY_CONTENT_CHECK_SECONDS=0.001))
    try:
        assert create(app_a).exit_code == 0
        sent = app_b.test_client().post("/signaler/dispositif-essai", data={  # read on B
            "section": "Genèse et conditions de mise en œuvre", "problem": "Date fausse.",
            "proposed": "Créé en 2019 par l’équipe de test.",
            "prefilled": "Genèse et conditions de mise en œuvre"})
        assert sent.status_code == 302
        editor = app_a.test_client()  # decided on A: the database is shared
        login(editor)
        listing = editor.get("/edition/propositions/").get_data(as_text=True)
        number = re.search(r"/edition/propositions/(\d+)", listing).group(1)
        done = editor.post(f"/edition/propositions/{number}/decision",
                           data={"decision": "accepter"})
        assert done.status_code == 302
        assert "Créé en 2019" in app_a.test_client().get(
            "/monographies/dispositif-essai").get_data(as_text=True)
        remote_log = git("log", "-1", "--format=%s", cwd=origin).stdout
        assert remote_log.startswith(f"Correction n° {number}")  # pushed
        page_b = app_b.test_client().get("/monographies/dispositif-essai")
        assert "Créé en 2019" not in page_b.get_data(as_text=True)
        result = app_b.test_cli_runner().invoke(args=["content", "sync"])
        assert result.exit_code == 0, result.output
        assert "Créé en 2019" in app_b.test_client().get(
            "/monographies/dispositif-essai").get_data(as_text=True)
        again = app_b.test_cli_runner().invoke(args=["content", "sync"])
        assert again.exit_code == 0 and "content up to date" in again.output
        public_b = app_b.test_client().get("/contributions").get_data(as_text=True)
        assert "acceptée" in public_b
    finally:
        from registry.extensions import db
        with app_b.app_context():
            db.engine.dispose()


def test_sync_refuses_a_content_folder_without_a_remote(make_app, content_copy):
    app = make_app(content_copy)
    result = app.test_cli_runner().invoke(args=["content", "sync"])
    assert result.exit_code == 1 and "does not track a remote branch" in result.output
