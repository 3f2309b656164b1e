"""Probes for load balancers and operators: `/healthz` (the process answers) and
`/readyz` (content loaded, search index open, database reachable; 503 naming what is not)."""
from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from ...database import UNAVAILABLE
from ...extensions import db
from ...services import catalog, search

bp = Blueprint("ops", __name__)


@bp.route("/healthz")
def healthz():
    return jsonify({"status": "ok"})


def _database() -> str | None:
    try:
        db.session.execute(text("SELECT 1"))
    except UNAVAILABLE as exc:
        db.session.rollback()
        return f"unreachable ({exc.__class__.__name__})"
    return None


@bp.route("/readyz")
def readyz():
    """Each part: "ok", or why not. Content that failed to reload while the last good
    content is still served counts as ready, with the reason given."""
    checks = {}
    if catalog.available:
        checks["content"] = f"ok ({len(catalog.entries)} documents)"
        if catalog.error:
            checks["content"] += f"; last reload refused: {catalog.error}"
    else:
        checks["content"] = f"unavailable: {catalog.error}"
    problem = search.status()
    checks["search"] = f"unavailable: {problem}" if problem else "ok"
    problem = _database()
    checks["database"] = f"unavailable: {problem}" if problem else "ok"
    ready = all(value.startswith("ok") for value in checks.values())
    response = jsonify({"status": "ok" if ready else "unavailable", "checks": checks})
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response
