"""Faults caused the way an operator would cause them: a corrupt or deleted index, a
broken taxonomy, a database that is down. For each: what a person sees, and that the site
recovers by itself once the part is repaired.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import FIXTURE_CONTENT, Outage

PRACTICE = "/monographies/dispositif-essai"
SEARCH_DOWN = "La recherche est momentanément indisponible"


def corrupt(index_dir: Path) -> None:
    """Replace every file of the index by garbage, as restoring a bad backup would.

    Each file is written beside and renamed over the old one: workers read the index
    through mmap, and a file truncated in place under them would crash them (SIGBUS),
    which is why the index is never written in place (builds and updates swap a new
    directory in)."""
    for path in index_dir.resolve().iterdir():
        if path.is_file():
            spare = path.with_name(path.name + ".new")
            spare.write_bytes(b"\x00garbage" * 64)
            spare.replace(path)


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def restart(make_app, content, index: Path, **config):
    """A new worker on the same content and index (its own database: not at stake here)."""
    return make_app(content, REGISTRY_INDEX_DIR=str(index), REGISTRY_SEARCH_RETRY_SECONDS=0,
                    REGISTRY_CONTENT_CHECK_SECONDS=0.001, **config)


def build(app) -> None:
    result = app.test_cli_runner().invoke(args=["index", "build"])
    assert result.exit_code == 0, result.output


# --- the search index ------------------------------------------------------------------

def test_a_corrupt_index_is_rebuilt_when_a_worker_starts(make_app, content, tmp_path):
    index = tmp_path / "index"
    build(restart(make_app, content, index))
    corrupt(index)
    client = restart(make_app, content, index).test_client()
    assert client.get(PRACTICE).status_code == 200
    found = client.get("/recherche?q=logement")
    assert found.status_code == 200 and "dispositif-essai" in found.text


def test_a_corrupt_index_makes_only_search_unavailable_until_rebuilt(make_app, content,
                                                                      tmp_path):
    index = tmp_path / "index"
    build(restart(make_app, content, index))
    corrupt(index)
    app = restart(make_app, content, index, REGISTRY_BUILD_INDEX_ON_START=False)
    client = app.test_client()
    page = client.get("/recherche?q=logement")
    assert page.status_code == 503 and SEARCH_DOWN in page.text
    assert page.headers["Retry-After"]
    api = client.get("/api/v1/search?q=logement")
    assert api.status_code == 503 and "error" in api.get_json()
    assert client.get("/facile/recherche?q=logement").status_code == 503
    for url in (PRACTICE, "/", "/glossaire/ipa", "/api/v1/documents", "/healthz"):
        assert client.get(url).status_code == 200, url
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["checks"]["search"] != "ok"
    build(app)  # the operator rebuilds: the same worker recovers on its next search
    assert client.get("/recherche?q=logement").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_search_recovers_after_the_index_is_deleted_under_a_running_worker(make_app, content,
                                                                            tmp_path):
    index = tmp_path / "index"
    app = restart(make_app, content, index)
    client = app.test_client()
    assert client.get("/recherche?q=logement").status_code == 200  # the index is open
    for path in tmp_path.glob("index*"):
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    assert client.get("/recherche?q=psychose").status_code == 503
    assert client.get(PRACTICE).status_code == 200
    build(app)
    assert client.get("/recherche?q=psychose").status_code == 200


def test_search_recovers_after_a_read_error_on_the_open_index(make_app, content, tmp_path):
    """Once, after one read error a worker's search stayed broken even after a rebuild
    (the closed snapshot was closed again on every request, and never replaced)."""
    index = tmp_path / "index"
    app = restart(make_app, content, index)
    client = app.test_client()
    assert client.get("/recherche?q=logement").status_code == 200
    for path in index.resolve().iterdir():  # the files of the open index disappear
        path.unlink()
    for i in range(3):
        assert client.get(f"/recherche?q=mot{i}").status_code == 503
    build(app)
    assert client.get("/recherche?q=psychose").status_code == 200
    assert client.get("/api/v1/search?q=logement").status_code == 200


# --- the content -----------------------------------------------------------------------

def break_taxonomy(content: Path) -> None:
    path = content / "taxonomy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("missions:", "missions: [", 1),
                    encoding="utf-8")


def repair_taxonomy(content: Path) -> None:
    shutil.copy(FIXTURE_CONTENT / "taxonomy.yaml", content / "taxonomy.yaml")


def test_a_broken_taxonomy_at_start_gives_a_clear_503_then_recovers(make_app, content,
                                                                     tmp_path):
    break_taxonomy(content)
    client = restart(make_app, content, tmp_path / "index").test_client()
    for url in (PRACTICE, "/", "/numerique/evaluer", "/nulle-part"):
        page = client.get(url)
        assert page.status_code == 503, url
        assert "Le contenu du registre est momentanément indisponible" in page.text
    assert client.get("/recherche?q=logement").status_code == 503  # no index could be built
    assert client.get("/api/v1/documents").status_code == 503
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz").get_json()
    assert ready["checks"]["content"].startswith("unavailable: content/taxonomy.yaml:line")
    repair_taxonomy(content)
    assert client.get(PRACTICE).status_code == 200
    assert client.get("/readyz").get_json()["checks"]["content"].startswith("ok")


def test_a_taxonomy_broken_while_running_keeps_the_last_good_content(make_app, content,
                                                                     tmp_path):
    client = restart(make_app, content, tmp_path / "index").test_client()
    assert client.get(PRACTICE).status_code == 200
    break_taxonomy(content)
    page = client.get(PRACTICE)
    assert page.status_code == 200 and "Dispositif" in page.text
    assert client.get("/numerique/evaluer").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert "last reload refused: content/taxonomy.yaml" in ready.get_json()["checks"]["content"]
    repair_taxonomy(content)
    client.get("/")
    assert "refused" not in client.get("/readyz").get_json()["checks"]["content"]


# --- the database ----------------------------------------------------------------------

def test_a_database_that_is_down_makes_only_evaluations_unavailable(make_app, tmp_path):
    outage = Outage(tmp_path)
    app = make_app(FIXTURE_CONTENT, SQLALCHEMY_DATABASE_URI=outage.database)
    client = app.test_client()
    created = client.post("/numerique/evaluer", data={"tool_name": "Agenda",
                                                      "category": "information"})
    edit_url = created.location
    outage.down(app)
    try:
        for url in (PRACTICE, "/", "/recherche?q=logement", "/numerique/evaluer"):
            assert client.get(url).status_code == 200, url
        page = client.get(edit_url)
        assert page.status_code == 503
        assert "Les évaluations sont momentanément indisponibles" in page.text
        sent = client.post("/numerique/evaluer", data={"tool_name": "Mon outil à moi",
                                                       "category": "formation",
                                                       "role": "infirmière"})
        assert sent.status_code == 503
        assert 'value="Mon outil à moi"' in sent.text and "infirmière" in sent.text
        api = client.post("/api/v1/evaluations", json={"tool_name": "x",
                                                       "category": "information"})
        assert api.status_code == 503 and "error" in api.get_json()
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.get_json()["checks"]["database"].startswith("unavailable")
    finally:
        outage.up()
    assert client.get(edit_url).status_code == 200
    again = client.post("/numerique/evaluer", data={"tool_name": "Mon outil à moi",
                                                    "category": "formation"})
    assert again.status_code == 302
    assert client.get("/readyz").status_code == 200
