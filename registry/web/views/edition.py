"""The editors' pages (/edition/): what is in progress, and the audit log."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ...accounts.models import AuditEntry
from ...extensions import db
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
