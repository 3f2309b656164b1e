"""Opening a rereading, inviting rereaders, keeping their answers, recording the result."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.service import audit
from ..content.documents import body_digest
from ..content.easy_render import FALC_LINE, LINK_MARKUP
from ..content.writeback import commit, set_falc_review
from ..extensions import db
from ..models import utcnow
from ..tokens import digest, new_token
from .models import Rereading, RereadingInvite

MAX_INVITES = 30  # per rereading
MAX_WORDS = 500  # characters of « mots difficiles »
MAX_NAMES = 300  # characters of the names credited


class RereadingError(ValueError):
    """A refused operation; the message says why (French: shown to editors)."""


def open_rereading(entry, count: int, questions_version: int, by: User
                   ) -> tuple[Rereading, list[str]]:
    """A new rereading of `entry`'s easy text, with `count` invitation tokens (returned
    once: only their digests are kept)."""
    falc = entry.falc
    rereading = Rereading(page=entry.slug, title=falc.title, text_digest=body_digest(falc.body),
                          text=falc.body, opened_by=by,
                          questions_version=questions_version)
    db.session.add(rereading)
    tokens = _invite(rereading, count)
    db.session.flush()
    audit("rereading.open", entry.slug, actor=by, rereading=rereading.id, invites=count)
    db.session.commit()
    return rereading, tokens


def add_invites(rereading: Rereading, count: int, by: User) -> list[str]:
    if rereading.state != "ouverte":
        raise RereadingError("Cette relecture est terminée.")
    tokens = _invite(rereading, count)
    audit("rereading.invite", rereading.page, actor=by, rereading=rereading.id, invites=count)
    db.session.commit()
    return tokens


def _invite(rereading: Rereading, count: int) -> list[str]:
    if not 1 <= count <= MAX_INVITES - len(rereading.invites):
        raise RereadingError(f"De 1 à {MAX_INVITES} invitations par relecture.")
    first = len(rereading.invites) + 1
    tokens = [new_token() for _ in range(count)]
    for number, token in enumerate(tokens, first):
        rereading.invites.append(RereadingInvite(number=number, token_hash=digest(token)))
    return tokens


def find_invite(token: str) -> RereadingInvite | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(RereadingInvite)
                             .where(RereadingInvite.token_hash == digest(token)))


def save_answers(invite: RereadingInvite, sentences: list[int], words: str,
                 answers: dict[str, str]) -> None:
    """What one rereader says; sent again, it replaces what they said before."""
    if invite.rereading.state != "ouverte":
        raise RereadingError("Cette relecture est terminée.")
    count = len(invite.rereading.sentences)
    invite.sentences = sorted({n for n in sentences if 1 <= n <= count})
    invite.words = words[:MAX_WORDS]
    invite.answers = answers
    invite.answered_at = utcnow()
    db.session.commit()


def reading_blocks(text: str) -> list[tuple[str, int, str]]:
    """The text as the rereader sees it: ("titre", 0, heading) and ("phrase", number,
    sentence), numbered as `falc_phrases` numbers them."""
    blocks, number = [], 0
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            blocks.append(("titre", 0, line.lstrip("# ").strip()))
            continue
        match = FALC_LINE.match(line)
        if match:
            number += 1
            blocks.append(("phrase", number,
                           LINK_MARKUP.sub(r"\1", match.group(2)).replace("**", "")))
    return blocks


@dataclass
class Summary:
    answered: int
    marks: list[tuple[int, str, int]]  # (number, sentence, rereaders who marked it)
    words: list[str]
    answers: dict[str, Counter]  # question id → answer id → count


def summarize(rereading: Rereading) -> Summary:
    done = [i for i in rereading.invites if i.answered_at is not None]
    marked = Counter(n for i in done for n in i.sentences)
    answers: dict[str, Counter] = {}
    for invite in done:
        for question, answer in (invite.answers or {}).items():
            answers.setdefault(question, Counter())[answer] += 1
    return Summary(len(done), [(n, s, marked[n]) for n, s in enumerate(rereading.sentences, 1)],
                   [i.words for i in done if i.words], answers)


def record(rereading: Rereading, entry, falc_path: Path, content_root: Path, names: str,
           readers: int, day: dt.date, by: User) -> str | None:
    """Write the rereading into the easy text's `review` (then commit it when the content
    is under git): the text becomes « relu ». Returns the commit id, if any."""
    if rereading.state != "ouverte":
        raise RereadingError("Cette relecture est déjà enregistrée ou fermée.")
    if entry is None or entry.falc is None or entry.slug != rereading.page:
        raise RereadingError("La page de cette relecture n’a plus de version facile à lire.")
    if not 1 <= readers <= 1000:
        raise RereadingError("Indiquez combien de personnes ont relu la page (1 ou plus).")
    credited = names or f"{readers} personne{'s' if readers > 1 else ''} concernée" \
        f"{'s' if readers > 1 else ''}"
    review = {"status": "relu", "by": credited, "date": day, "readers": readers,
              "page": entry.digest, "text": body_digest(entry.falc.body)}
    set_falc_review(falc_path, review)
    author = f"{by.display_name} <{by.username}@registre.invalid>"
    sha = commit(content_root, [falc_path], f"Relecture de la page facile à lire "
                 f"« {entry.falc.title} » (relecture {rereading.id}, {readers} "
                 f"relecteur{'s' if readers > 1 else ''})", author)
    rereading.state, rereading.recorded_at = "enregistree", utcnow()
    rereading.readers, rereading.credited = readers, credited
    audit("rereading.record", rereading.page, actor=by, rereading=rereading.id,
          readers=readers, commit=sha)
    db.session.commit()
    return sha


def close(rereading: Rereading, by: User) -> None:
    """Close a rereading without recording it (its links stop working)."""
    if rereading.state == "ouverte":
        rereading.state = "fermee"
        audit("rereading.close", rereading.page, actor=by, rereading=rereading.id)
        db.session.commit()
