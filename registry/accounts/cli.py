"""`flask users …`: accounts are made and managed here, never by public sign-up."""
from __future__ import annotations

import getpass
import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..extensions import db
from .models import REVIEWER_KINDS, ROLES, AuditEntry, User
from .service import AccountError, create_user, find, set_active, set_password

users_cli = AppGroup("users", help="Manage accounts (editors, reviewers, admins).")


def _operator() -> str:
    """Who runs the command, as the audit log names them."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"


def _user(username: str) -> User:
    user = find(username)
    if user is None:
        click.echo(f"no user {username!r}", err=True)
        sys.exit(1)
    return user


def _password() -> str:
    return click.prompt("Password (12 characters or more)", hide_input=True,
                        confirmation_prompt=True)


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", "display_name", required=True, help="Name shown to other editors.")
@click.option("--kind", "reviewer_kind", type=click.Choice(REVIEWER_KINDS),
              help="For a reviewer: reviews as a professional or as a person concerned.")
def create(username: str, role: str, display_name: str, reviewer_kind: str | None) -> None:
    """Create an account; the password is asked twice, never given as an argument."""
    try:
        user = create_user(username, display_name, role, _password(), reviewer_kind,
                           by=_operator())
    except AccountError as exc:
        click.echo(f"refused: {exc}", err=True)
        sys.exit(1)
    click.echo(f"created {user.username} ({user.role})")


@users_cli.command("reset")
@click.argument("username")
def reset(username: str) -> None:
    """Set a new password; every open session of the account ends."""
    user = _user(username)
    try:
        set_password(user, _password(), by=_operator())
    except AccountError as exc:
        click.echo(f"refused: {exc}", err=True)
        sys.exit(1)
    click.echo(f"new password set for {user.username}; their sessions are closed")


@users_cli.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable an account: it cannot log in, and its sessions end."""
    user = _user(username)
    set_active(user, False, by=_operator())
    click.echo(f"disabled {user.username}")


@users_cli.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """Enable a disabled account again."""
    user = _user(username)
    set_active(user, True, by=_operator())
    click.echo(f"enabled {user.username}")


@users_cli.command("list")
def list_users() -> None:
    """Every account: name, role, state, last login."""
    for user in db.session.scalars(select(User).order_by(User.username)):
        kind = f"/{user.reviewer_kind}" if user.reviewer_kind else ""
        state = "active" if user.active else "disabled"
        last = user.last_login_at.isoformat(timespec="minutes") if user.last_login_at else "-"
        click.echo(f"{user.username}\t{user.role}{kind}\t{state}\tlast login {last}\t"
                   f"{user.display_name}")


@users_cli.command("audit")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
def audit_log(limit: int) -> None:
    """The latest entries of the audit log, newest first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    for entry in db.session.scalars(query):
        click.echo(f"{entry.at.isoformat(timespec='seconds')}\t{entry.actor_name}\t"
                   f"{entry.action}\t{entry.target}\t{entry.detail or ''}")
