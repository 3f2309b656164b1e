"""`flask mail send`: send what the outbox holds (safe to run on a schedule)."""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from .service import send_pending

mail_cli = AppGroup("mail", help="The e-mail outbox.")


@mail_cli.command("send")
def send() -> None:
    """Send the messages waiting in the outbox (needs MAIL_SERVER)."""
    if not current_app.config.get("MAIL_SERVER"):
        click.echo("MAIL_SERVER is not set: messages stay in the outbox (/edition/courriels).",
                   err=True)
        sys.exit(1)
    sent, failed = send_pending(current_app.config)
    click.echo(f"{sent} sent, {failed} failed (kept for another try).")
    sys.exit(1 if failed else 0)
