"""« Mes évaluations »: the evaluations opened in this browser, so that a person finds
their links again. The list lives in a cookie of this browser only; the server keeps no
trace of who opened what (it reads the cookie, finds each evaluation, and forgets)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from ..checklist.storage import find_editable, find_shared, well_formed
from ..models import Evaluation

COOKIE = "mes_evaluations"
KEPT = 20  # most recent links kept
PATH = "/numerique"  # the cookie goes with the evaluation pages only
EDIT, SHARE = "e", "s"  # the link kept: to modify (edit token) or to read (share token)
SEPARATOR = "."  # not in tokens (base64url), and needs no quoting in a cookie


@dataclass(frozen=True)
class Kept:
    evaluation: Evaluation
    kind: str
    token: str


def _links() -> list[tuple[str, str]]:
    """The (kind, token) pairs of the cookie, newest first; anything malformed is dropped."""
    pairs = []
    for item in request.cookies.get(COOKIE, "").split(SEPARATOR):
        kind, _sep, token = item.partition(":")
        if kind in (EDIT, SHARE) and well_formed(token) and (kind, token) not in pairs:
            pairs.append((kind, token))
    return pairs[:KEPT]


def _store(response, pairs: list[tuple[str, str]]):
    if pairs:
        response.set_cookie(COOKIE, SEPARATOR.join(f"{k}:{t}" for k, t in pairs[:KEPT]), path=PATH,
                            max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
                            secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    else:
        response.delete_cookie(COOKIE, path=PATH)
    return response


def remember(response, kind: str, token: str):
    """Put this link first in the browser's list (a page opened with it answered 200)."""
    if response.status_code == 200:
        _store(response, [(kind, token), *[p for p in _links() if p[1] != token]])
    return response


def forget(response, token: str | None = None):
    """Drop one link from the list, or all of them."""
    return _store(response, [p for p in _links() if token is not None and p[1] != token])


def kept() -> list[Kept]:
    """The evaluations of the list that still exist, newest first, one line each (the
    link to modify wins over the link to read the same evaluation)."""
    found: dict[int, Kept] = {}  # in order of first (newest) appearance
    for kind, token in _links():
        evaluation = find_editable(token) if kind == EDIT else find_shared(token)
        if evaluation is None:
            continue
        if evaluation.id not in found or (kind == EDIT and found[evaluation.id].kind == SHARE):
            found[evaluation.id] = Kept(evaluation, kind, token)
    return list(found.values())
