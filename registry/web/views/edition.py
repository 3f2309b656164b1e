"""The editors' pages (/edition/): what is in progress, and the audit log."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ...accounts.models import AuditEntry
from ...accounts.service import audit
from ...extensions import db
from ...mail.models import OutboxMessage
from ...models import utcnow
from ...proposals.models import ReplicationRequest
from ..access import editor_required
from ..params import MAX_PAGE, read_int

bp = Blueprint("edition", __name__, url_prefix="/edition")
PER_PAGE = 50


@bp.route("/")
@login_required
def index():
    """Each role's starting point."""
    return render_template("edition/index.html", user=current_user)


@bp.route("/journal")
@editor_required
def journal():
    """The audit log, newest first: who did what, on what, when."""
    page = read_int(request.args, "page", 1, 1, MAX_PAGE, lenient=True)
    total = db.session.scalar(select(func.count(AuditEntry.id)))
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())
                                 .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return render_template("edition/journal.html", entries=entries, page=page,
                           pages=max(1, -(-total // PER_PAGE)), total=total)


@bp.route("/demandes")
@editor_required
def requests():
    """Replication requests, newest first."""
    rows = db.session.scalars(select(ReplicationRequest)
                              .order_by(ReplicationRequest.id.desc()).limit(200)).all()
    return render_template("edition/requests.html", rows=rows)


@bp.route("/demandes/<int:number>/transmise", methods=["POST"])
@editor_required
def relayed(number: int):
    row = db.session.get(ReplicationRequest, number)
    if row is None:
        abort(404)
    if row.relayed_at is None:
        row.relayed_at, row.email = utcnow(), None
        audit("replication.relayed", row.page, request=row.id)
        db.session.commit()
    return redirect(url_for(".requests"))


@bp.route("/courriels")
@editor_required
def outbox():
    """The outbox: every message, sent or waiting (all of them when no SMTP is set)."""
    rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())
                              .limit(200)).all()
    return render_template("edition/outbox.html", rows=rows,
                           smtp=bool(current_app.config.get("MAIL_SERVER")))
