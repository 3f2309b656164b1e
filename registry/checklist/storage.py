"""Evaluations in the database: create, find by token, save with a version check, revisions.

Tokens: the share token (read-only view) is stored as is; the edit token is
only ever stored as its SHA-256, so a database leak does not give edit rights.
Both carry 256 bits from `secrets`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import delete as sql_delete
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Evaluation, EvaluationAnswer, EvaluationRevision, utcnow
from .criteria import Checklist
from .scoring import Answer, Result, score
from .submission import Header

TOKEN_BYTES = 32  # 256 bits
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
ANSWER_FIELDS = ("question", "value", "comment", "evidence_reference", "evidence_checked_on",
                 "evidence_status")


class Conflict(Exception):
    """The evaluation was saved by someone else since the form was opened."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(f"evaluation changed (now version {current_version})")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token: str) -> bool:
    """Tokens are base64url text; anything else (NUL bytes included) never reaches the DB."""
    return bool(token) and TOKEN_RE.fullmatch(token) is not None


def find_shared(token: str) -> Evaluation | None:
    if not well_formed(token):
        return None
    return db.session.scalar(select(Evaluation).where(Evaluation.share_token == token))


def find_editable(token: str) -> Evaluation | None:
    if not well_formed(token):
        return None
    return db.session.scalar(select(Evaluation).where(
        Evaluation.edit_token_hash == hash_token(token)))


def answers_of(evaluation: Evaluation) -> dict[str, Answer]:
    return {row.criterion: Answer(row.value, row.comment, row.evidence_reference,
                                  row.evidence_checked_on, row.evidence_status, row.question)
            for row in evaluation.answers}


def result_of(evaluation: Evaluation, checklist: Checklist) -> Result:
    return score(checklist, evaluation.category, answers_of(evaluation))


def create(header: Header, answers: dict[str, Answer],
           checklist: Checklist) -> tuple[Evaluation, str]:
    """A new evaluation with its first revision; returns it with the edit token (shown once)."""
    edit_token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    evaluation = Evaluation(share_token=secrets.token_urlsafe(TOKEN_BYTES),
                            edit_token_hash=hash_token(edit_token), tool_name=header.tool_name,
                            category=header.category, role=header.role or None,
                            criteria_version=checklist.version, version=1, created_at=now,
                            updated_at=now)
    for cid, answer in answers.items():
        evaluation.answers.append(_answer_row(cid, answer))
    db.session.add(evaluation)
    db.session.flush()
    _add_revision(evaluation, checklist, 1, now)
    db.session.commit()
    return evaluation, edit_token


def save(evaluation: Evaluation, expected_version: int, header: Header,
         answers: dict[str, Answer], checklist: Checklist) -> bool:
    """Apply changes if the evaluation is still at `expected_version`.

    Answers given replace the stored answers to the same criteria; others stay.
    Returns False when nothing changed (no new revision). Raises `Conflict` when
    someone saved in between: nothing is written then.

    The version check and bump come first, as one `UPDATE … WHERE version = ?`: of two
    saves racing from the same version, the second waits for the first's transaction
    and then finds the version changed, before either writes an answer.
    """
    if evaluation.version != expected_version:
        raise Conflict(evaluation.version)
    stored = answers_of(evaluation)
    before = snapshot_of(evaluation.tool_name, evaluation.category, evaluation.role, stored,
                         checklist)
    after = snapshot_of(header.tool_name, evaluation.category, header.role or None,
                        stored | answers, checklist)
    if _comparable(after) == _comparable(before):
        return False
    now = utcnow()
    bumped = db.session.execute(
        update(Evaluation).where(Evaluation.id == evaluation.id,
                                 Evaluation.version == expected_version)
        .values(version=expected_version + 1, updated_at=now,
                criteria_version=checklist.version, tool_name=header.tool_name,
                role=header.role or None)
        .execution_options(synchronize_session=False))
    if bumped.rowcount != 1:
        _lost_race(evaluation)
    rows = {row.criterion: row for row in evaluation.answers}
    for cid, answer in answers.items():
        if cid in rows:
            for name in ANSWER_FIELDS:
                setattr(rows[cid], name, getattr(answer, name))
        else:
            evaluation.answers.append(_answer_row(cid, answer))
    db.session.add(EvaluationRevision(evaluation_id=evaluation.id, number=expected_version + 1,
                                      saved_at=now, criteria_version=checklist.version,
                                      snapshot=after))
    # Only the newest revisions are kept (`revisions` in scale.yaml): the oldest go.
    db.session.execute(sql_delete(EvaluationRevision).where(
        EvaluationRevision.evaluation_id == evaluation.id,
        EvaluationRevision.number <= expected_version + 1 - checklist.revisions_kept))
    try:
        db.session.commit()
    except IntegrityError:  # a row written by a save this one did not see
        _lost_race(evaluation)
    db.session.refresh(evaluation)
    return True


def _lost_race(evaluation: Evaluation):
    """Undo this save and raise the conflict, naming the version saved in between."""
    db.session.rollback()
    db.session.refresh(evaluation)
    raise Conflict(evaluation.version)


def delete(evaluation: Evaluation) -> None:
    db.session.delete(evaluation)
    db.session.commit()


def snapshot(evaluation: Evaluation, checklist: Checklist) -> dict:
    """Everything a revision keeps: header, every answer, verdict and score."""
    return snapshot_of(evaluation.tool_name, evaluation.category, evaluation.role,
                       answers_of(evaluation), checklist)


def snapshot_of(tool_name: str, category: str, role: str | None, answers: dict[str, Answer],
                checklist: Checklist) -> dict:
    result = score(checklist, category, answers)
    return {
        "tool_name": tool_name,
        "category": category,
        "role": role or "",
        "criteria_version": checklist.version,
        "answers": {cid: _answer_dict(answers[cid]) for cid in sorted(answers)},
        "verdict": result.verdict.id,
        "score": None if result.score is None else round(result.score, 4),
    }


def _comparable(snap: dict) -> dict:
    return {k: v for k, v in snap.items() if k != "criteria_version"}


def _answer_row(cid: str, answer: Answer) -> EvaluationAnswer:
    return EvaluationAnswer(criterion=cid,
                            **{name: getattr(answer, name) for name in ANSWER_FIELDS})


def _answer_dict(answer: Answer) -> dict:
    day = answer.evidence_checked_on
    return {"question": answer.question, "value": answer.value, "comment": answer.comment,
            "evidence_reference": answer.evidence_reference,
            "evidence_checked_on": day.isoformat() if day else None,
            "evidence_status": answer.evidence_status}


def _add_revision(evaluation: Evaluation, checklist: Checklist, number: int,
                  now: dt.datetime) -> None:
    db.session.add(EvaluationRevision(evaluation_id=evaluation.id, number=number, saved_at=now,
                                      criteria_version=checklist.version,
                                      snapshot=snapshot(evaluation, checklist)))


@dataclass(frozen=True)
class Change:
    """One difference between two revisions."""

    kind: str  # "header" | "answer" | "verdict" | "score"
    key: str  # field name or criterion id
    label: str  # the question or field, for display
    before: object
    after: object
    parts: tuple[str, ...] = ()  # for answers: which of value, comment, evidence changed


def diff(old: dict, new: dict) -> list[Change]:
    """What changed from revision snapshot `old` to `new`."""
    changes = [Change("header", name, name, old.get(name), new.get(name))
               for name in ("tool_name", "role") if old.get(name) != new.get(name)]
    old_answers, new_answers = old.get("answers", {}), new.get("answers", {})
    for cid in sorted(set(old_answers) | set(new_answers)):
        before, after = old_answers.get(cid), new_answers.get(cid)
        if before == after:
            continue
        parts = tuple(name for name in ANSWER_FIELDS[1:]
                      if (before or {}).get(name) != (after or {}).get(name))
        label = (after or before).get("question", cid)
        changes.append(Change("answer", cid, label, before, after, parts))
    if old.get("verdict") != new.get("verdict"):
        changes.append(Change("verdict", "verdict", "verdict", old.get("verdict"),
                              new.get("verdict")))
    if old.get("score") != new.get("score"):
        changes.append(Change("score", "score", "score", old.get("score"), new.get("score")))
    return changes
