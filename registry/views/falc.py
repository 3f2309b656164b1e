"""The easy-to-read (FALC) reading mode: /facile/ and /facile/<kind>/<slug>."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from ..extensions import catalog
from ..render import render_falc
from ..schema import FOLDERS

bp = Blueprint("falc", __name__, url_prefix="/facile")
KINDS = {"monographies", "fiches", "missions", "principes"}


@bp.route("/")
def index():
    """Entry points built from parcours tags, each listing easy-to-read practice pages."""
    practices = [e for e in catalog.practices() if e.falc]
    points = []
    for point in catalog.content.entry_points:
        pages = [e for e in practices if set(point["parcours"]) & set(e.meta.get("parcours", []))]
        points.append({**point, "pages": pages})
    intro = catalog.get("accueil", "page")
    return render_template("facile/index.html", points=points, intro=intro,
                           intro_html=render_falc(intro.falc.body) if intro and intro.falc else "",
                           missions=[e for e in catalog.of_type("mission") if e.falc],
                           principles=[e for e in catalog.of_type("principe") if e.falc],
                           fiches=[e for e in catalog.of_type("fiche") if e.falc])


@bp.route("/<kind>/<slug>")
def page(kind: str, slug: str):
    entry = catalog.get(slug, FOLDERS.get(kind)) if kind in KINDS else None
    if entry is None or entry.falc is None:
        abort(404)
    return render_template("facile/page.html", entry=entry, falc=entry.falc,
                           html=render_falc(entry.falc.body))
