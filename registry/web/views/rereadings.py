"""Rereadings of easy-to-read pages, on the editors' side (/edition/relectures/)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...content.documents import body_digest
from ...content.text import clean_input, fold
from ...content.writeback import WriteError
from ...extensions import db
from ...rereading.models import Rereading
from ...rereading.service import (
    MAX_INVITES,
    MAX_NAMES,
    RereadingError,
    add_invites,
    close,
    open_rereading,
    record,
    summarize,
)
from ...services import catalog
from ..access import editor_required

bp = Blueprint("rereadings", __name__, url_prefix="/edition/relectures")


def _easy_entries():
    return sorted((e for e in catalog.entries.values() if e.falc),
                  key=lambda e: fold(e.falc.title))


def _count(name: str, default: int) -> int:
    raw = request.form.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 5 else default


def _links(tokens: list[str]) -> list[str]:
    return [url_for("rereader.read", token=t, _external=True) for t in tokens]


@bp.route("/", methods=["GET", "POST"])
@editor_required
def index():
    """Every rereading, newest first, and the form that opens one."""
    error = None
    if request.method == "POST":
        entry = catalog.get(request.form.get("page", ""))
        questions = catalog.content.rereading
        if entry is None or entry.falc is None:
            error = _("Choisissez une page qui a une version facile à lire.")
        elif questions is None:
            error = _("Les questions de relecture (content/relecture.yaml) ne sont pas "
                      "disponibles.")
        else:
            try:
                rereading, tokens = open_rereading(entry, _count("count", 0), questions.version,
                                                   current_user)
            except RereadingError as exc:
                error = str(exc)
            else:
                return _show(rereading, _links(tokens))
    rereadings = db.session.scalars(select(Rereading).order_by(Rereading.id.desc())).all()
    return render_template("edition/rereadings.html", rereadings=rereadings, error=error,
                           pages=_easy_entries(), form=request.form,
                           max_invites=MAX_INVITES), 400 if error else 200


def _rereading(number: int) -> Rereading:
    rereading = db.session.get(Rereading, number)
    if rereading is None:
        abort(404)
    return rereading


def _show(rereading: Rereading, links=(), error=None, status=200):
    entry = catalog.get(rereading.page)
    current = entry.falc if entry is not None else None
    return render_template(
        "edition/rereading.html", rereading=rereading, links=list(links), error=error,
        summary=summarize(rereading), entry=entry,
        revised=current is not None and body_digest(current.body) != rereading.text_digest,
        questions=catalog.content.rereading, today=dt.date.today().isoformat(),
        form=request.form, max_names=MAX_NAMES), status


@bp.route("/<int:number>")
@editor_required
def show(number: int):
    return _show(_rereading(number))


@bp.route("/<int:number>/invitations", methods=["POST"])
@editor_required
def invite(number: int):
    rereading = _rereading(number)
    try:
        tokens = add_invites(rereading, _count("count", 0), current_user)
    except RereadingError as exc:
        return _show(rereading, error=str(exc), status=400)
    return _show(rereading, _links(tokens))


@bp.route("/<int:number>/enregistrer", methods=["POST"])
@editor_required
def save(number: int):
    """Record the rereading in the easy text's front matter (and in git)."""
    rereading = _rereading(number)
    names = clean_input(request.form.get("names", "")).replace("\n", ", ")
    names = ", ".join(n.strip() for n in names.split(",") if n.strip())
    try:
        day = dt.date.fromisoformat(request.form.get("date", ""))
    except ValueError:
        day = None
    error = None
    if len(names) > MAX_NAMES:
        error = _("Les noms tiennent en %(max)s caractères au plus.", max=MAX_NAMES)
    elif names and not request.form.get("consent"):
        error = _("Cochez l’accord des relecteurs pour publier leurs prénoms ou pseudonymes, "
                  "ou laissez les noms vides.")
    elif day is None or day > dt.date.today():
        error = _("Donnez la date de la relecture (pas une date future).")
    if error:
        return _show(rereading, error=error, status=400)
    entry = catalog.get(rereading.page)
    root = Path(current_app.config["REGISTRY_CONTENT_DIR"])
    path = root.parent / entry.falc.path if entry is not None and entry.falc else None
    try:
        sha = record(rereading, entry, path, root, names, _count("readers", 0), day,
                     current_user)
    except (RereadingError, WriteError) as exc:
        db.session.rollback()
        return _show(rereading, error=str(exc), status=400)
    catalog.refresh()
    flash(_("Relecture enregistrée : la page est maintenant « relue ».")
          + (" " + _("Modification enregistrée dans git (%(sha)s).", sha=sha[:10]) if sha else ""))
    return redirect(url_for(".show", number=number))


@bp.route("/<int:number>/fermer", methods=["POST"])
@editor_required
def close_view(number: int):
    rereading = _rereading(number)
    close(rereading, current_user)
    flash(_("Relecture fermée : ses liens ne fonctionnent plus."))
    return redirect(url_for(".show", number=number))
