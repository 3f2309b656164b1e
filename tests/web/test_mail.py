"""Notifications through the outbox: with no SMTP they wait, readable by editors; with a
real SMTP server (aiosmtpd, started here on loopback) they are sent; a server that is down
loses nothing. Replication requests reach the editors, never the team's contact."""
from __future__ import annotations

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller

from tests.support import FIXTURE_CONTENT
from tests.web.test_accounts import create, login


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


def ask(client, slug="dispositif-essai", **data):
    return client.post(f"/reproduire/{slug}", data={
        "name": "Dr Lin", "organisation": "CMP de l’Est", "email": "lin@example.org",
        "message": "Nous voulons ouvrir le même accueil.", **data})


def test_without_smtp_messages_wait_in_the_outbox_for_editors(make_app):
    app = make_app(FIXTURE_CONTENT, REGISTRY_EDITORS_EMAIL="editeurs@example.org")
    create(app)
    reader = app.test_client()
    assert "Reproduire cette pratique\u00a0: contacter l’équipe" in reader.get(
        "/monographies/dispositif-essai").get_data(as_text=True)
    bad = ask(reader, email="pas une adresse", message="")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'value="Dr Lin"' in html and "obligatoire" in html
    assert ask(reader).status_code == 302
    editor = app.test_client()
    login(editor)
    outbox = editor.get("/edition/courriels").get_data(as_text=True)
    assert "Aucun serveur d’envoi n’est configuré" in outbox
    assert "Demande pour reproduire" in outbox and "en attente" in outbox
    requests = editor.get("/edition/demandes").get_data(as_text=True)
    assert "lin@example.org" in requests
    number = re.search(r"/edition/demandes/(\d+)/transmise", requests).group(1)
    editor.post(f"/edition/demandes/{number}/transmise")
    assert "lin@example.org" not in editor.get("/edition/demandes").get_data(as_text=True)
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 1 and "MAIL_SERVER is not set" in result.output


def test_messages_go_through_a_real_smtp_server(make_app, smtp):
    port, inbox = smtp
    app = make_app(FIXTURE_CONTENT, MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                   REGISTRY_EDITORS_EMAIL="editeurs@example.org")
    assert ask(app.test_client()).status_code == 302
    assert len(inbox.messages) == 1
    recipients, content = inbox.messages[0]
    message = email.message_from_string(content, policy=email.policy.default)
    assert recipients == ["editeurs@example.org"]
    assert str(message["Subject"]).strip().startswith("Demande pour reproduire")
    assert "Nous voulons ouvrir le même accueil." in message.get_content()


def test_a_server_that_is_down_loses_nothing(make_app):
    port = free_port()  # nothing listens there
    app = make_app(FIXTURE_CONTENT, MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                   REGISTRY_EDITORS_EMAIL="editeurs@example.org")
    create(app)
    assert ask(app.test_client()).status_code == 302  # the request is kept all the same
    editor = app.test_client()
    login(editor)
    outbox = editor.get("/edition/courriels").get_data(as_text=True)
    assert "en attente" in outbox and "ConnectionRefusedError" in outbox
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        result = app.test_cli_runner().invoke(args=["mail", "send"])
        assert result.exit_code == 0 and "1 sent, 0 failed" in result.output
        assert len(inbox.messages) == 1
    finally:
        controller.stop()
