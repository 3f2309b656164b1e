"""The easy-to-read (FALC) reading mode: /facile/ and /facile/<kind>/<slug>."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ...content.kinds import BY_FOLDER, EASY_PREFIX, HOME_SLUG
from ...content.render import render_falc
from ...services import catalog, search
from ..params import MAX_PAGE, read_int

bp = Blueprint("facile", __name__, url_prefix=EASY_PREFIX)


@bp.route("/")
def index():
    """Entry points built from parcours tags, each listing easy-to-read practice pages."""
    practices = [e for e in catalog.practices() if e.falc]
    points = []
    for point in catalog.content.entry_points:
        pages = [e for e in practices if set(point["parcours"]) & set(e.meta.get("parcours", []))]
        points.append({**point, "pages": pages})
    intro = catalog.get(HOME_SLUG, "page")
    return render_template("facile/index.html", points=points, intro=intro,
                           intro_html=render_falc(intro.falc.body) if intro and intro.falc else "",
                           missions=[e for e in catalog.of_type("mission") if e.falc],
                           principles=[e for e in catalog.of_type("principe") if e.falc],
                           fiches=[e for e in catalog.of_type("fiche") if e.falc])


@bp.route("/recherche")
def search_page():
    """Search the easy-to-read texts only; snippets come from those texts."""
    text = request.args.get("q", "")
    page_number = read_int(request.args, "page", 1, 1, MAX_PAGE, lenient=True)
    found = search.search(text, page=page_number, per_page=10, variant="falc") if text.strip() \
        else None
    rows = [(hit, catalog.get(hit.slug)) for hit in found.hits] if found else []
    return render_template("facile/search.html", query=text, found=found,
                           rows=[(h, e) for h, e in rows if e is not None and e.falc])


@bp.route("/<folder>/<slug>")
def page(folder: str, slug: str):
    """An easy-to-read page, at its kind's folder: /facile/monographies/<slug>…"""
    kind = BY_FOLDER.get(folder)
    entry = catalog.get(slug, kind.id) if kind is not None and kind.easy else None
    if entry is None or entry.falc is None:
        abort(404)
    return render_template("facile/page.html", entry=entry, falc=entry.falc,
                           html=render_falc(entry.falc.body))
