"""Accounts: `flask users`, logging in and out, roles, sessions ended by a new password,
the login rate limit and the audit log."""
from __future__ import annotations

import pytest

from registry.web.access import safe_next
from tests.support import FIXTURE_CONTENT

PASSWORD = "correct horse battery"


def create(app, username="ed", role="editor", *extra, password=PASSWORD):
    return app.test_cli_runner().invoke(
        args=["users", "create", username, "--role", role, "--name", f"Nom {username}", *extra],
        input=f"{password}\n{password}\n")


def login(client, username="ed", password=PASSWORD, **extra):
    return client.post("/connexion", data={"username": username, "password": password, **extra})


@pytest.fixture
def acc_app(make_app):
    app = make_app(FIXTURE_CONTENT)
    assert create(app).exit_code == 0
    assert create(app, "rev", "reviewer", "--kind", "personne-concernee").exit_code == 0
    return app


def test_cli_creates_lists_and_refuses_bad_accounts(acc_app):
    runner = acc_app.test_cli_runner()
    listed = runner.invoke(args=["users", "list"]).output
    assert "ed\teditor\tactive" in listed and "rev\treviewer/personne-concernee\tactive" in listed
    for args, password, reason in [
        (("ed", "editor"), PASSWORD, "already exists"),
        (("new", "editor"), "short", "at least 12 characters"),
        (("new", "reviewer"), PASSWORD, "a reviewer, and only a reviewer, has a kind"),
        (("Bad Name", "editor"), PASSWORD, "user name"),
    ]:
        result = create(acc_app, *args, password=password)
        assert result.exit_code == 1 and reason in result.output, result.output
    audit = runner.invoke(args=["users", "audit"]).output
    assert audit.count("user.create") == 2


def test_login_keeps_the_name_not_the_password_and_opens_the_editors_pages(acc_app):
    client = acc_app.test_client()
    page = client.get("/edition/journal")
    assert page.status_code == 302 and "/connexion?next=%2Fedition%2Fjournal" in page.location
    wrong = login(client, password="wrong password!")
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 401 and "Nom d’utilisateur ou mot de passe incorrect" in html
    assert 'value="ed"' in html and "wrong password" not in html
    ok = login(client, next="/edition/journal")
    assert ok.status_code == 302 and ok.location.endswith("/edition/journal")
    journal = client.get("/edition/journal").get_data(as_text=True)
    assert "login.failed" in journal and "user.create" in journal
    client.post("/deconnexion")
    assert client.get("/edition/").status_code == 302


def test_roles_decide_what_opens(acc_app):
    client = acc_app.test_client()
    login(client, "rev")
    assert client.get("/edition/").status_code == 200
    assert client.get("/edition/journal").status_code == 403
    assert client.get("/edition/relectures/").status_code == 403
    assert "relecteur ayant l’expérience des troubles" in client.get("/compte").get_data(
        as_text=True)


def test_a_new_password_or_a_disabled_account_ends_every_session(acc_app):
    client, other = acc_app.test_client(), acc_app.test_client()
    login(client)
    login(other)
    runner = acc_app.test_cli_runner()
    new = "another long password"
    assert runner.invoke(args=["users", "reset", "ed"], input=f"{new}\n{new}\n").exit_code == 0
    assert client.get("/edition/").status_code == 302
    assert login(client).status_code == 401
    assert login(client, password=new).status_code == 302
    # changing one's own password keeps this session and ends the other
    login(other, password=new)
    changed = client.post("/compte", data={"password": new, "new_password": PASSWORD,
                                           "again": PASSWORD})
    assert changed.status_code == 302
    assert client.get("/edition/").status_code == 200
    assert other.get("/edition/").status_code == 302
    assert runner.invoke(args=["users", "disable", "ed"]).exit_code == 0
    assert client.get("/edition/").status_code == 302
    assert login(client).status_code == 401
    assert runner.invoke(args=["users", "enable", "ed"]).exit_code == 0
    assert login(client).status_code == 302


def test_password_change_errors_keep_the_page(acc_app):
    client = acc_app.test_client()
    login(client)
    bad = client.post("/compte", data={"password": "nope", "new_password": "x" * 12,
                                       "again": "x" * 12})
    assert bad.status_code == 400 and "mot de passe actuel est incorrect" in bad.get_data(
        as_text=True)
    short = client.post("/compte", data={"password": PASSWORD, "new_password": "short",
                                         "again": "short"})
    assert short.status_code == 400 and "de 12 à 200" in short.get_data(as_text=True)


def test_login_is_rate_limited(make_app):
    app = make_app(FIXTURE_CONTENT, RATELIMIT_ENABLED=True,
                   REGISTRY_LIMIT_LOGIN="3 per minute", REGISTRY_LIMIT_LOGIN_USER="100 per hour")
    client = app.test_client()
    codes = [login(client, password=f"guess number {i}").status_code for i in range(4)]
    assert codes == [401, 401, 401, 429]


@pytest.mark.parametrize("target, expected", [
    ("/edition/journal", "/edition/journal"), ("//evil.example", "/d"),
    ("https://evil.example/x", "/d"), ("/\\evil.example", "/d"), ("edition", "/d"), (None, "/d"),
])
def test_redirects_after_login_stay_on_the_site(target, expected):
    assert safe_next(target, "/d") == expected
