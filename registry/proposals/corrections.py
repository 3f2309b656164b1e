"""Corrections reported by readers: a section of a page, what is wrong, optionally the
corrected text and a source. Kept as a proposal of kind « correction »; the editor sees
it as a diff against the current file, and an accepted correction is written to the
file through the content checks and git, its diff then published."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..accounts.service import audit
from ..content.loader import load_content
from ..content.writeback import WriteError, commit
from ..extensions import db
from ..mail.service import site_link, to_editors
from ..models import utcnow
from ..tokens import digest, new_token
from .models import Proposal, ProposalEvent
from .publish import PublishError, _write

HEADING = re.compile(r"^## +(.+?)\s*$", re.M)
LIMITS = {"problem": 4000, "proposed": 20000, "source": 500}


def sections(body: str) -> list[tuple[str, str]]:
    """(heading, Markdown under it) for each `##` section of a page body."""
    marks = list(HEADING.finditer(body))
    return [(m.group(1), body[m.end():marks[i + 1].start() if i + 1 < len(marks)
                              else len(body)].strip("\n"))
            for i, m in enumerate(marks)]


def replaced(text: str, heading: str, new: str) -> str | None:
    """The file's text with the section `heading` holding `new` (None: no such section)."""
    marks = list(HEADING.finditer(text))
    for i, mark in enumerate(marks):
        if mark.group(1) == heading:
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            tail = "\n\n" if i + 1 < len(marks) else "\n"
            return text[:mark.end()] + "\n\n" + new.strip().replace("\r\n", "\n") + tail \
                + text[end:]
    return None


def unified(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        f"a/{name}", f"b/{name}", n=2))


def report(entry, heading: str, problem: str, proposed: str, source: str,
           email: str | None) -> tuple[Proposal, str]:
    """A reader's report, sent at once (state « soumise »); returns it and its private
    follow-up token."""
    token = new_token()
    data = {"page": entry.slug, "path": entry.path, "url": entry.url, "title": entry.title,
            "section": heading,
            "problem": problem[:LIMITS["problem"]], "proposed": proposed[:LIMITS["proposed"]],
            "source": source[:LIMITS["source"]], "digest": entry.digest}
    proposal = Proposal(kind="correction", state="soumise", data=data, email=email or None,
                        title=f"{entry.title} — {heading}"[:200],
                        edit_token_hash=digest(token), read_token=new_token(18),
                        questionnaire_version=0, submitted_at=utcnow())
    proposal.events.append(ProposalEvent(state="soumise"))
    db.session.add(proposal)
    db.session.flush()
    audit("correction.report", entry.slug, actor_name="lecteur", proposal=proposal.id)
    to_editors(f"Correction signalée : {entry.title} — {heading}",
               f"{problem[:1000]}\n\n{site_link(f'/edition/propositions/{proposal.id}')}\n")
    db.session.commit()
    return proposal, token


def proposed_diff(proposal: Proposal, root: Path) -> tuple[str, str | None]:
    """(the diff the correction makes to the current file, why there is none)."""
    data = proposal.data or {}
    if not data.get("proposed"):
        return "", "no-text"
    path = root.parent / data["path"]
    if not path.is_file():
        return "", "no-file"
    text = path.read_text(encoding="utf-8")
    new = replaced(text, data["section"], data["proposed"])
    if new is None:
        return "", "no-section"
    return unified(text, new, data["path"]), None


def apply(proposal: Proposal, root: Path, author: str) -> str | None:
    """Write the corrected section to the file, check the content, commit; returns the
    commit id (None when the content is not under git). Nothing is kept on failure."""
    data = proposal.data
    path = root.parent / data["path"]
    old = path.read_text(encoding="utf-8")
    new = replaced(old, data["section"], data["proposed"])
    if new is None:
        raise PublishError([f"{data['path']}: no section « {data['section']} »"])
    _write(path, new)
    content = load_content(root)
    problems = [str(p) for p in content.problems if p.path == data["path"]]
    if problems:
        _write(path, old)
        raise PublishError(problems)
    try:
        return commit(root, [path], f"Correction n° {proposal.id} : {data['title']} — "
                      f"{data['section']}", author)
    except WriteError as exc:
        _write(path, old)
        raise PublishError([str(exc)]) from exc


def decide(proposal: Proposal, accept: bool, reason: str, by, root: Path) -> str | None:
    """Accept (the proposed text, if any, is written and its diff kept for publication) or
    refuse with a published reason. Returns the commit id of an applied correction."""
    from .workflow import WorkflowError, _move

    if proposal.kind != "correction" or proposal.state != "soumise":
        raise WorkflowError("Cette correction a déjà été traitée.")
    if not accept:
        if not reason.strip():
            raise WorkflowError("Donnez la raison, qui sera publiée.")
        _move(proposal, "non-retenue", by, reason.strip()[:4000])
        return None
    diff, _why = proposed_diff(proposal, root)
    sha = None
    if diff:
        sha = apply(proposal, root, f"{by.display_name} <{by.username}@registre.invalid>")
        proposal.data = {**proposal.data, "diff": diff, "commit": sha}
    _move(proposal, "acceptee", by, reason.strip()[:4000] or None, commit=sha)
    return sha


REPLICATION_LIMITS = {"name": 120, "organisation": 200, "email": 254, "message": 4000}


def ask(entry, name: str, organisation: str, email: str, message: str):
    """Keep a replication request and tell the editors."""
    from .models import ReplicationRequest

    request = ReplicationRequest(page=entry.slug, name=name, organisation=organisation,
                                 email=email, message=message)
    db.session.add(request)
    db.session.flush()
    audit("replication.request", entry.slug, actor_name="demandeur", request=request.id)
    to_editors(f"Demande pour reproduire : {entry.title}",
               f"{name} ({organisation or 'organisation non donnée'}) souhaite reproduire "
               f"« {entry.title} ».\n\n{message[:2000]}\n\n"
               f"{site_link('/edition/demandes')}\n")
    db.session.commit()
    return request
