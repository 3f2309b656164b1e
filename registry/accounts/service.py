"""What can be done to accounts, each action written to the audit log."""
from __future__ import annotations

from flask_login import current_user
from sqlalchemy import func, select

from ..extensions import db
from ..models import utcnow
from .models import REVIEWER_KINDS, ROLES, AuditEntry, User
from .passwords import hash_password, needs_rehash, password_problem, verify_password

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789.-_")


class AccountError(ValueError):
    """A refused account operation; the message says why (English, for the CLI)."""


def audit(action: str, target: str = "", actor: User | None = None, actor_name: str = "",
          **detail) -> AuditEntry:
    """Record an action (not committed: it belongs to the caller's transaction). The actor
    is the logged-in user unless given; `actor_name` names a non-account actor."""
    if actor is None and not actor_name:
        try:
            actor = current_user if current_user.is_authenticated else None
        except (AttributeError, RuntimeError):  # no request: the command line
            actor = None
    entry = AuditEntry(actor=actor, actor_name=actor.username if actor else actor_name
                       or "anonyme", action=action, target=target[:200], detail=detail)
    db.session.add(entry)
    return entry


def find(username: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.username)
                                                == username.strip().lower()))


def create_user(username: str, display_name: str, role: str, password: str,
                reviewer_kind: str | None = None, by: str = "") -> User:
    username = username.strip().lower()
    if not username or len(username) > 60 or not set(username) <= USERNAME_CHARS:
        raise AccountError("user name: 1 to 60 of a-z 0-9 . - _")
    if find(username):
        raise AccountError(f"user {username!r} already exists")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if (role == "reviewer") != (reviewer_kind is not None):
        raise AccountError("a reviewer, and only a reviewer, has a kind: "
                           + ", ".join(REVIEWER_KINDS))
    if reviewer_kind is not None and reviewer_kind not in REVIEWER_KINDS:
        raise AccountError(f"kind must be one of {', '.join(REVIEWER_KINDS)}")
    if not display_name.strip() or len(display_name) > 120:
        raise AccountError("display name: 1 to 120 characters")
    problem = password_problem(password)
    if problem:
        raise AccountError(f"password: {problem}")
    user = User(username=username, display_name=display_name.strip(), role=role,
                reviewer_kind=reviewer_kind, password_hash=hash_password(password))
    db.session.add(user)
    audit("user.create", username, actor_name=by, role=role, reviewer_kind=reviewer_kind)
    db.session.commit()
    return user


def set_password(user: User, password: str, by: str = "") -> None:
    """A new password ends every session of the account."""
    problem = password_problem(password)
    if problem:
        raise AccountError(f"password: {problem}")
    user.password_hash = hash_password(password)
    user.session_version += 1
    audit("user.password", user.username, actor_name=by)
    db.session.commit()


def set_active(user: User, active: bool, by: str = "") -> None:
    user.active = active
    user.session_version += 1
    audit("user.enable" if active else "user.disable", user.username, actor_name=by)
    db.session.commit()


def authenticate(username: str, password: str) -> User | None:
    """The active account with this name and password, or None (the same time either way)."""
    user = find(username) if len(username) <= 60 else None
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        audit("login.failed", username[:60], actor_name="anonyme")
        db.session.commit()
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    audit("login", user.username, actor=user)
    db.session.commit()
    return user


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the id carries the session version (see `User`)."""
    number, _, version = user_id.partition(".")
    if not number.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(number))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
