"""Proposals and their history of states."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..models import utcnow

# brouillon → soumise → recevable | non-recevable → en-revue → modifications-demandees
# → acceptee | non-retenue
STATES = ("brouillon", "soumise", "recevable", "non-recevable", "en-revue",
          "modifications-demandees", "acceptee", "non-retenue")
CLOSED = ("non-recevable", "acceptee", "non-retenue")


class Proposal(db.Model):
    """A practice proposed by a team. The edit link's token is stored as its SHA-256;
    `read_token` opens a read-only view. `email` is kept only while the proposal is open."""

    __tablename__ = "proposal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="pratique")
    state: Mapped[str] = mapped_column(String(30), default="brouillon", index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    edit_token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    read_token: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                             nullable=True)
    reply: Mapped[str | None] = mapped_column(Text, nullable=True)  # right of reply, once
    reply_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    published_slug: Mapped[str | None] = mapped_column(String(120), nullable=True)
    events: Mapped[list[ProposalEvent]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="ProposalEvent.id")
    reviews: Mapped[list[Review]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="Review.id")

    @property
    def decided_at(self) -> dt.datetime | None:
        """When the latest decision (screening or final) was made."""
        for event in reversed(self.events):
            if event.state in CLOSED + ("modifications-demandees",):
                return event.at
        return None

    @property
    def closed(self) -> bool:
        return self.state in CLOSED

    @property
    def public_reason(self) -> str | None:
        """The reason published with the latest decision, if any."""
        for event in reversed(self.events):
            if event.reason:
                return event.reason
        return None


class ProposalEvent(db.Model):
    """A change of state, with the reason published with it (screening, decision)."""

    __tablename__ = "proposal_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"),
                                             index=True)
    state: Mapped[str] = mapped_column(String(30))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    proposal: Mapped[Proposal] = relationship(back_populates="events")


class Review(db.Model):
    """A reviewer's assessment of a proposal: interests declared first, then a level of the
    published evidence scale (with the scale's version) and its justification. Comments
    are for the editors; a contributor never sees who reviewed."""

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("proposal_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"),
                                             index=True)
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True, index=True)
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    interests: Mapped[str | None] = mapped_column(Text, nullable=True)
    level: Mapped[str | None] = mapped_column(String(40), nullable=True)
    scale_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    justification: Mapped[str | None] = mapped_column(Text, nullable=True)
    comments: Mapped[str | None] = mapped_column(Text, nullable=True)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                             nullable=True)
    proposal: Mapped[Proposal] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship()


class ReplicationRequest(db.Model):
    """« Reproduire cette pratique : contacter l’équipe »: a team's request, relayed by the
    editors to the practice's team (whose contact stays private). The requester's address
    is deleted once the request is relayed."""

    __tablename__ = "replication_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page: Mapped[str] = mapped_column(String(120), index=True)
    name: Mapped[str] = mapped_column(String(120))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    relayed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                           nullable=True)
