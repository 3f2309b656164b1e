"""Rereading sessions, their invitations and what rereaders answered."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..content.easy_render import falc_phrases
from ..extensions import db
from ..models import utcnow

STATES = ("ouverte", "enregistree", "fermee")


class Rereading(db.Model):
    """One rereading of one easy-to-read page. `text` keeps the easy text as it was when
    the rereading opened: rereaders read it, and marks still read right after the editor
    revises the page."""

    __tablename__ = "rereading"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page: Mapped[str] = mapped_column(String(120), index=True)  # the page's slug
    title: Mapped[str] = mapped_column(String(300))
    text_digest: Mapped[str] = mapped_column(String(64))  # easy text body when opened
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="ouverte", index=True)
    opened_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                            nullable=True)
    readers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    credited: Mapped[str | None] = mapped_column(String(300), nullable=True)
    questions_version: Mapped[int] = mapped_column(Integer)
    opened_by: Mapped[User | None] = relationship()
    invites: Mapped[list[RereadingInvite]] = relationship(
        back_populates="rereading", cascade="all, delete-orphan",
        order_by="RereadingInvite.number")

    @property
    def sentences(self) -> list[str]:
        return falc_phrases(self.text)


class RereadingInvite(db.Model):
    """A private link for one rereader; only its SHA-256 is stored."""

    __tablename__ = "rereading_invite"
    __table_args__ = (UniqueConstraint("rereading_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rereading_id: Mapped[int] = mapped_column(ForeignKey("rereading.id", ondelete="CASCADE"),
                                              index=True)
    number: Mapped[int] = mapped_column(Integer)  # « invitation 3 » for the editor
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                            nullable=True)
    sentences: Mapped[list] = mapped_column(JSON, default=list)  # numbers marked
    words: Mapped[str] = mapped_column(Text, default="")  # words not understood
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question id → answer id
    rereading: Mapped[Rereading] = relationship(back_populates="invites")
