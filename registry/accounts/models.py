"""Accounts and the audit log."""
from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import utcnow

# editor: screens, assigns, decides, publishes; reviewer: scores what is assigned to them;
# admin: manages accounts (and may do what an editor does).
ROLES = ("editor", "reviewer", "admin")
# What a reviewer reviews as (shown beside their scores).
REVIEWER_KINDS = ("professionnel", "personne-concernee")


class User(UserMixin, db.Model):
    """An account. `session_version` is part of the session's user id: bumping it (new
    password, account disabled) ends every open session of the account."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    reviewer_kind: Mapped[str | None] = mapped_column(String(30), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                              nullable=True)

    @property
    def is_active(self) -> bool:  # Flask-Login: a disabled account cannot log in
        return bool(self.active)

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")


class AuditEntry(db.Model):
    """One action: who (an account, or the command line), what, on what, when."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True, index=True)
    actor_name: Mapped[str] = mapped_column(String(120))  # kept if the account goes
    action: Mapped[str] = mapped_column(String(60), index=True)
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    actor: Mapped[User | None] = relationship()
