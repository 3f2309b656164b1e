"""Database models: what the registry records, as opposed to content in git."""
from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

log = logging.getLogger(__name__)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class IndexBuild(db.Model):
    """One full build of the search index: when, how many documents, from which content."""

    __tablename__ = "index_build"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    built_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                  index=True)
    document_count: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    duration_ms: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str] = mapped_column(String(16))  # "cli" or "startup"

    @classmethod
    def record(cls, summary: dict, trigger: str) -> None:
        """Store a build; a missing table (database not migrated) is logged, not fatal."""
        try:
            db.session.add(cls(trigger=trigger, **summary))
            db.session.commit()
        except SQLAlchemyError as exc:
            db.session.rollback()
            log.warning("index build not recorded (run `flask db upgrade`): %s",
                        exc.__class__.__name__)


class Evaluation(db.Model):
    """A digital tool assessed with the checklist.

    `share_token` opens the read-only view; the edit token is only stored as its
    SHA-256 (`edit_token_hash`). `version` counts saved revisions and guards
    against two edits overwriting each other.
    """

    __tablename__ = "evaluation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    share_token: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    edit_token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    tool_name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(200), nullable=True)
    criteria_version: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answers: Mapped[list[EvaluationAnswer]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan",
        order_by="EvaluationAnswer.id")
    revisions: Mapped[list[EvaluationRevision]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan",
        order_by="EvaluationRevision.number")


class EvaluationAnswer(db.Model):
    """The current answer to one criterion, with the evidence behind it.

    `question` keeps the criterion's wording at the time of the answer, so an
    answer to a criterion later retired still reads as it was asked.
    """

    __tablename__ = "evaluation_answer"
    __table_args__ = (UniqueConstraint("evaluation_id", "criterion"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str] = mapped_column(String(80))
    question: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    evidence_reference: Mapped[str] = mapped_column(Text, default="")
    evidence_checked_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    evidence_status: Mapped[str | None] = mapped_column(String(40), nullable=True)
    evaluation: Mapped[Evaluation] = relationship(back_populates="answers")


class EvaluationRevision(db.Model):
    """One saved state of an evaluation: every answer, the verdict and the criteria version."""

    __tablename__ = "evaluation_revision"
    __table_args__ = (UniqueConstraint("evaluation_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    criteria_version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(JSON)
    evaluation: Mapped[Evaluation] = relationship(back_populates="revisions")


class EasyFeedback(db.Model):
    """« Je n’ai pas compris »: one mark left by a reader on an easy-to-read page, on the
    whole page (`sentence` is None) or on one of its sentences (numbered from 1 as the
    page shows them). Anonymous: nothing about the reader is kept. `text_digest` names
    the version of the text that was read, so marks on an older text can be told apart."""

    __tablename__ = "easy_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page: Mapped[str] = mapped_column(String(120), index=True)  # the page's slug
    sentence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
