"""Drafts, saving a step, the preview and submission of a proposal."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy import select

from ..accounts.service import audit
from ..extensions import db
from ..mail.service import queue, site_link, to_editors
from ..models import utcnow
from ..tokens import digest, new_token
from .markdown import page_markdown, parse_page, slug_for
from .models import Proposal, ProposalEvent
from .questionnaire import Questionnaire, as_form, clean_step, missing


class StaleDraft(Exception):
    """The draft was saved elsewhere since this form was opened (nothing was written)."""


def new_proposal(questionnaire: Questionnaire) -> tuple[Proposal, str]:
    """An empty draft and its private edit token (returned once; only its digest is kept)."""
    token = new_token()
    proposal = Proposal(edit_token_hash=digest(token), read_token=new_token(18),
                        questionnaire_version=questionnaire.version, data={})
    db.session.add(proposal)
    db.session.flush()
    proposal.events.append(ProposalEvent(state="brouillon"))
    audit("proposal.create", f"proposition {proposal.id}", actor_name="contributeur")
    db.session.commit()
    return proposal, token


def by_edit_token(token: str) -> Proposal | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(Proposal).where(Proposal.edit_token_hash == digest(token)))


def by_read_token(token: str) -> Proposal | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(Proposal).where(Proposal.read_token == token))


def editable(proposal: Proposal) -> bool:
    """A contributor may change a draft, or a proposal sent back for changes."""
    return proposal.state in ("brouillon", "modifications-demandees")


def save_step(proposal: Proposal, values: dict, version: int) -> None:
    """Keep a step's values in the draft; refused (StaleDraft) when the draft changed
    since the form was read."""
    if version != proposal.version:
        raise StaleDraft
    data = dict(proposal.data or {})
    email = values.pop("email", None)
    data.update(values)
    proposal.data = data
    if email is not None:
        proposal.email = email or None
    proposal.title = (data.get("title") or "")[:200]
    proposal.version += 1
    proposal.updated_at = utcnow()
    db.session.commit()


def preview(proposal: Proposal, tax, taken) -> tuple[str, object, list]:
    """The page's Markdown, the entry the catalogue would read from it, and the content
    checks' problems (as `path:field: reason`)."""
    slug = proposal.data.get("slug") or slug_for(proposal.title or "pratique", taken)
    markdown = page_markdown(proposal.data, tax, proposal.id, slug, dt.date.today())
    with tempfile.TemporaryDirectory() as folder:
        entry, problems = parse_page(markdown, Path(folder), slug, tax)
    return markdown, entry, [str(p) for p in problems]


def blocking(proposal: Proposal, questionnaire: Questionnaire, tax):
    """What keeps the proposal from being sent, besides the content checks of its page
    (`preview`): required fields still empty, and fields typed in a wrong format as
    (step, field, error code)."""
    wrong = []
    form = as_form(proposal.data or {})
    for step in questionnaire.steps:
        _values, errors = clean_step(step, form, tax)
        wrong += [(step.id, name, code) for name, code in errors.items()]
    return missing(questionnaire, proposal.data or {}), wrong


def submit(proposal: Proposal, questionnaire: Questionnaire, tax, taken) -> bool:
    """Send the proposal to the editors, unless something blocks it (see `blocking`) or
    its page fails the content checks."""
    if not editable(proposal) or any(blocking(proposal, questionnaire, tax)) \
            or preview(proposal, tax, taken)[2]:
        return False
    # a first submission goes to screening; an answer to requested changes back to review
    state = "en-revue" if proposal.state == "modifications-demandees" else "soumise"
    proposal.state, proposal.submitted_at = state, utcnow()
    proposal.events.append(ProposalEvent(state=state))
    proposal.version += 1
    audit("proposal.submit", f"proposition {proposal.id}", actor_name="contributeur")
    to_editors(f"Proposition n° {proposal.id} envoyée : {proposal.title}",
               f"La proposition « {proposal.title} » attend les éditeurs ({state}).\n\n"
               f"{site_link(f'/edition/propositions/{proposal.id}')}\n")
    queue(proposal.email, f"Votre proposition « {proposal.title} » est envoyée",
          "Merci. Les éditeurs du registre vont l’examiner ; vous suivez son état ici :\n\n"
          f"{site_link(f'/propositions/{proposal.read_token}')}\n")
    db.session.commit()
    return True


def public_list():
    """Proposals past the draft, newest first (the public /contributions page)."""
    return db.session.scalars(select(Proposal).where(Proposal.state != "brouillon")
                              .order_by(Proposal.submitted_at.desc(), Proposal.id.desc())).all()
