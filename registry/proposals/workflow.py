"""The editorial workflow of a proposal: screening, review by two reviewers or more,
decision with a published reason, right of reply, publishing. Every step is audited."""
from __future__ import annotations

import datetime as dt

from ..accounts.models import User
from ..accounts.service import audit
from ..extensions import db
from ..mail.service import queue, site_link
from ..models import utcnow
from .models import Proposal, ProposalEvent, Review

MIN_REVIEWERS = 2
LABELS = {"recevable": "recevable", "non-recevable": "non recevable", "en-revue": "en revue",
          "modifications-demandees": "modifications demandées", "acceptee": "acceptée",
          "non-retenue": "non retenue"}
MAX_TEXT = 4000


class WorkflowError(ValueError):
    """A step that cannot be taken now; the message says why (French: shown to editors)."""


def _move(proposal: Proposal, state: str, by: User, reason: str | None = None, **detail):
    proposal.state = state
    proposal.events.append(ProposalEvent(state=state, reason=(reason or None)))
    proposal.version += 1
    if state != "en-revue":  # the contributor hears of each decision (before the address goes)
        queue(proposal.email, f"Votre proposition « {proposal.title} » : {LABELS[state]}",
              f"État : {LABELS[state]}.\n" + (f"Motif publié : {reason}\n" if reason else "")
              + f"\n{site_link(f'/propositions/{proposal.read_token}')}\n")
    if proposal.closed:
        proposal.email = None  # kept only while the proposal is open (stated on the form)
    audit(f"proposal.{state}", f"proposition {proposal.id}", actor=by, **detail)
    db.session.commit()


def _need(proposal: Proposal, *states: str) -> None:
    if proposal.state not in states:
        raise WorkflowError("Cette action n’est pas possible dans l’état actuel de la "
                            "proposition.")


def screen(proposal: Proposal, admissible: bool, reason: str, by: User) -> None:
    """Screening: admissible, or not admissible with the reason published."""
    _need(proposal, "soumise")
    if not admissible and not reason.strip():
        raise WorkflowError("Donnez la raison, qui sera publiée.")
    _move(proposal, "recevable" if admissible else "non-recevable", by, reason.strip()[:MAX_TEXT])


def assign(proposal: Proposal, reviewers: list[User], by: User) -> None:
    """Two reviewers or more; the proposal goes into review."""
    _need(proposal, "recevable", "en-revue")
    chosen = {u.id: u for u in reviewers if u.role == "reviewer" and u.active}
    already = {r.reviewer_id for r in proposal.reviews}
    if len(chosen.keys() | already) < MIN_REVIEWERS:
        raise WorkflowError(f"Choisissez au moins {MIN_REVIEWERS} relecteurs.")
    for user in chosen.values():
        if user.id not in already:
            proposal.reviews.append(Review(reviewer=user))
    if proposal.state == "recevable":
        _move(proposal, "en-revue", by, reviewers=sorted(u.username for u in chosen.values()))
    else:
        audit("proposal.assign", f"proposition {proposal.id}", actor=by,
              reviewers=sorted(u.username for u in chosen.values()))
        db.session.commit()


def submit_review(review: Review, interests: str, level: str, justification: str,
                  comments: str, tax) -> None:
    if review.proposal.state != "en-revue":
        raise WorkflowError("Cette proposition n’est pas en revue.")
    if not interests.strip():
        raise WorkflowError("Déclarez vos liens d’intérêts (écrivez « aucun » s’il n’y en a "
                            "pas).")
    if level not in tax.evidence:
        raise WorkflowError("Choisissez un niveau de l’échelle de preuve.")
    if len(justification.split()) < 8:
        raise WorkflowError("Justifiez le niveau en 8 mots au moins.")
    review.interests, review.level = interests.strip()[:MAX_TEXT], level
    review.scale_version = tax.evidence_version
    review.justification = justification.strip()[:MAX_TEXT]
    review.comments = comments.strip()[:MAX_TEXT] or None
    review.submitted_at = utcnow()
    audit("review.submit", f"proposition {review.proposal_id}", actor=review.reviewer,
          level=level)
    db.session.commit()


def done_reviews(proposal: Proposal) -> list[Review]:
    return [r for r in proposal.reviews if r.submitted_at is not None]


def disagree(proposal: Proposal) -> bool:
    """Whether the reviewers who answered chose different levels."""
    return len({r.level for r in done_reviews(proposal)}) > 1


def request_changes(proposal: Proposal, reason: str, by: User) -> None:
    _need(proposal, "en-revue")
    if not reason.strip():
        raise WorkflowError("Dites quelles modifications sont demandées.")
    _move(proposal, "modifications-demandees", by, reason.strip()[:MAX_TEXT])


def reject(proposal: Proposal, reason: str, by: User) -> None:
    _need(proposal, "en-revue", "modifications-demandees")
    if not reason.strip():
        raise WorkflowError("Donnez la raison, qui sera publiée.")
    _move(proposal, "non-retenue", by, reason.strip()[:MAX_TEXT])


def can_accept(proposal: Proposal) -> bool:
    return proposal.state == "en-revue" and len(done_reviews(proposal)) >= MIN_REVIEWERS


def accepted(proposal: Proposal, slug: str, reason: str, by: User, commit: str | None,
             level: str) -> None:
    proposal.published_slug = slug
    _move(proposal, "acceptee", by, reason.strip()[:MAX_TEXT] or None, slug=slug,
          commit=commit, level=level)


def reply(proposal: Proposal, text: str, days: int) -> None:
    """The contributor's answer to a decision: once, within `days` of it."""
    decided = proposal.decided_at
    if decided is None or proposal.reply is not None:
        raise WorkflowError("reply")
    if decided.tzinfo is None:
        decided = decided.replace(tzinfo=dt.UTC)
    if utcnow() - decided > dt.timedelta(days=days):
        raise WorkflowError("late")
    proposal.reply, proposal.reply_at = text.strip()[:MAX_TEXT], utcnow()
    audit("proposal.reply", f"proposition {proposal.id}", actor_name="contributeur")
    db.session.commit()
