"""Behind a TLS proxy: absolute links from REGISTRY_BASE_URL (never the Host header),
forwarded client addresses trusted only when configured, HSTS and secure cookies with
https; secrets kept out of logs; JSON log lines."""
from __future__ import annotations

import json
import logging
import re

import pytest

from registry.web.logs import JsonFormatter
from tests.support import FIXTURE_CONTENT

BASE = "https://registre.example.org"
EVIL = {"Host": "evil.example"}


@pytest.fixture
def behind_proxy(make_app):
    return make_app(FIXTURE_CONTENT, REGISTRY_BASE_URL=BASE)


def absolute_links(text: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt", "/flux.atom",
                                 "/monographies/dispositif-essai", "/donnees/pratiques.json",
                                 "/donnees/glossaire.csv",
                                 "/comparer.json?d=dispositif-essai&d=fiche-essai"])
def test_absolute_links_come_from_the_base_url_not_the_host_header(behind_proxy, url):
    page = behind_proxy.test_client().get(url, headers=EVIL)
    assert page.status_code == 200
    links = {link for link in absolute_links(page.text) if "example" in link}
    assert links and all(link.startswith(BASE) for link in links), links
    assert "evil.example" not in page.text


def test_share_and_edit_links_use_the_base_url(behind_proxy):
    client = behind_proxy.test_client()
    created = client.post("/api/v1/evaluations", json={"tool_name": "A",
                                                       "category": "information"},
                          headers=EVIL).get_json()
    assert all(created[k].startswith(BASE + "/") for k in ("share_url", "edit_url", "api_url"))
    form = client.post("/numerique/evaluer", data={"tool_name": "B", "category": "information"},
                       headers=EVIL)
    overview = client.get(form.location.replace("/etape/projet", ""), headers=EVIL)
    assert f'value="{BASE}/numerique/evaluations/' in overview.text
    assert "evil.example" not in overview.text


def test_https_base_url_turns_on_hsts_and_secure_cookies(behind_proxy, make_app):
    client = behind_proxy.test_client()
    page = client.get("/?lang=en")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in page.headers["Set-Cookie"]  # the language cookie
    created = client.post("/numerique/evaluer", data={"tool_name": "A",
                                                      "category": "information"})
    assert "Secure" in created.headers["Set-Cookie"]  # the session (flash message)
    plain = make_app(FIXTURE_CONTENT).test_client().get("/?lang=en")
    assert "Strict-Transport-Security" not in plain.headers
    assert "Secure" not in plain.headers["Set-Cookie"]


def test_forwarded_headers_are_trusted_only_when_configured(make_app):
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https",
                 "X-Forwarded-Host": "registre.example.org"}
    proxied = make_app(FIXTURE_CONTENT, REGISTRY_PROXY_COUNT=1, RATELIMIT_ENABLED=True,
                       REGISTRY_LIMIT_NEW_EVALUATIONS="1 per minute")
    client = proxied.test_client()
    created = client.post("/api/v1/evaluations", json={"tool_name": "A",
                                                       "category": "information"},
                          headers=forwarded)
    assert created.get_json()["share_url"].startswith("https://registre.example.org/")
    # The limit counts the client's address, not the proxy's.
    again = client.post("/api/v1/evaluations", json={"tool_name": "A",
                                                     "category": "information"},
                        headers=forwarded)
    assert again.status_code == 429
    other = client.post("/api/v1/evaluations", json={"tool_name": "A",
                                                     "category": "information"},
                        headers=forwarded | {"X-Forwarded-For": "203.0.113.8"})
    assert other.status_code == 201
    direct = make_app(FIXTURE_CONTENT).test_client().post(
        "/api/v1/evaluations", json={"tool_name": "A", "category": "information"},
        headers=forwarded)
    assert direct.get_json()["share_url"].startswith("http://localhost/")


def test_tokens_never_reach_the_logs(fixture_app, caplog):
    fixture_app.config["PROPAGATE_EXCEPTIONS"] = False

    @fixture_app.route("/numerique/modifier/<token>/boom")
    def boom(token):
        raise RuntimeError(f"failed for /numerique/modifier/{token}")

    client = fixture_app.test_client()
    created = client.post("/api/v1/evaluations", json={"tool_name": "A",
                                                       "category": "information"}).get_json()
    edit_token = created["edit_url"].rsplit("/", 1)[1]
    share_token = created["share_token"]

    with caplog.at_level(logging.INFO):
        client.get(f"/numerique/modifier/{edit_token}/boom")
        logging.getLogger("werkzeug").info('"GET /numerique/evaluations/%s HTTP/1.1" 200',
                                           share_token)
        logging.getLogger("registry").warning("compare ?e=%s&e=%s", share_token, edit_token)
    assert caplog.records, "something was logged"
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert edit_token not in text and share_token not in text
    assert "/numerique/modifier/[redacted]" in text and "traceback" in text.lower()


def test_json_log_lines():
    try:
        raise ValueError("boom /numerique/modifier/abcdefghijkl")
    except ValueError:
        record = logging.getLogger("registry").makeRecord(
            "registry", logging.ERROR, __file__, 1, "failed on %s", ("/x",), sys_exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR" and line["message"] == "failed on /x"
    assert "ValueError" in line["traceback"] and "abcdefghijkl" not in line["traceback"]


def sys_exc_info():
    import sys

    return sys.exc_info()


def test_json_log_format_setting(make_app):
    app = make_app(FIXTURE_CONTENT, REGISTRY_LOG_FORMAT="json")
    added = [h for h in app.logger.handlers if isinstance(h.formatter, JsonFormatter)]
    for handler in added:  # the logger outlives the app: leave it as it was
        app.logger.removeHandler(handler)
    assert added


def test_gunicorn_worker_hook_opens_the_index_then_freezes_the_start_up_heap(make_app):
    """gunicorn.conf.py's post_worker_init, called as gunicorn calls it: the index is open
    before any request, and what start-up made is out of the collector's full passes."""
    import gc
    import runpy
    from types import SimpleNamespace

    from registry.config import PROJECT_ROOT
    from registry.services import search

    hooks = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    app = make_app()
    gc.unfreeze()
    try:
        hooks["post_worker_init"](SimpleNamespace(wsgi=app))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    with app.app_context():
        assert search._snapshot is not None
