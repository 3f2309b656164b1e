"""The easy-to-read (FALC) reading mode: /facile/ and /facile/<kind>/<slug>."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ...extensions import catalog, search
from ...content.render import render_falc
from ...content.schema import FOLDERS

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


@bp.route("/recherche")
def search_page():
    """Search the easy-to-read texts only; snippets come from those texts."""
    text = request.args.get("q", "")
    try:
        page_number = max(1, min(int(request.args.get("page", 1)), 10_000))
    except ValueError:
        page_number = 1
    found = search.search(text, page=page_number, per_page=10, variant="falc") if text.strip() \
        else None
    rows = [(hit, catalog.get(hit.slug)) for hit in found.hits] if found else []
    return render_template("facile/search.html", query=text, found=found,
                           rows=[(h, e) for h, e in rows if e is not None and e.falc])


@bp.route("/<kind>/<slug>")
def page(kind: str, slug: str):
    entry = catalog.get(slug, FOLDERS.get(kind)) if kind in KINDS else None
    if entry is None or entry.falc is None:
        abort(404)
    return render_template("facile/page.html", entry=entry, falc=entry.falc,
                           html=render_falc(entry.falc.body))
