"""The easy-to-read (FALC) reading mode: /facile/ and /facile/<kind>/<slug>."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from ...content.easy_render import falc_phrases, render_falc
from ...content.kinds import BY_FOLDER, EASY_PREFIX, HOME_SLUG
from ...content.text import fold
from ...extensions import db, limiter
from ...models import EasyFeedback
from ...services import catalog, search
from ..params import MAX_PAGE, read_int

bp = Blueprint("facile", __name__, url_prefix=EASY_PREFIX)


@bp.context_processor
def help_numbers():
    """« Besoin d’aide maintenant ? » on every easy-to-read page (content/aide.yaml), and
    the pictogram catalogue (content/pictogrammes.yaml)."""
    return {"help": catalog.content.help, "pictograms": catalog.content.pictograms}


def _pictures(falc) -> dict[str, tuple[str, str]]:
    """Heading → (address, alternative text) of the pictograms of an easy text."""
    known = catalog.content.pictograms.pictograms if catalog.content.pictograms else {}
    return {p.heading: (url_for("static", filename=known[p.picto].file), p.alt)
            for p in falc.pictures if p.picto in known}


@bp.route("/")
def index():
    """The situations chosen by hand (content/facile.yaml), each with the easy pages that
    help in it, then every easy page in one plain list."""
    situations = [(s, [e for e in map(catalog.get, s.slugs) if e is not None and e.falc])
                  for s in catalog.content.situations]
    intro = catalog.get(HOME_SLUG, "page")
    every = sorted((e for e in catalog.entries.values() if e.falc and e.slug != HOME_SLUG),
                   key=lambda e: fold(e.falc.title))
    return render_template("facile/index.html", situations=situations, intro=intro,
                           intro_html=render_falc(intro.falc.body, catalog.content.easy_words)
                           if intro and intro.falc else "",
                           every=every)


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


def _easy_entry(folder: str, slug: str):
    kind = BY_FOLDER.get(folder)
    entry = catalog.get(slug, kind.id) if kind is not None and kind.easy else None
    if entry is None or entry.falc is None:
        abort(404)
    return entry


@bp.route("/<folder>/<slug>")
def page(folder: str, slug: str):
    """An easy-to-read page, at its kind's folder: /facile/monographies/<slug>…"""
    entry = _easy_entry(folder, slug)
    falc = entry.falc
    return render_template("facile/page.html", entry=entry, falc=falc,
                           essentiel_html=render_falc("\n".join(falc.essentiel), ids="essentiel"),
                           html=render_falc(falc.body, catalog.content.easy_words,
                                            _pictures(falc)),
                           thanked="merci" in request.args)


@bp.route("/<folder>/<slug>/pas-compris", methods=["POST"])
@limiter.limit(lambda: current_app.config["REGISTRY_LIMIT_FEEDBACK"], scope="easy-feedback")
def not_understood(folder: str, slug: str):
    """« Je n’ai pas compris »: the page, or the sentences the reader marked, counted for
    the editors (`flask falc feedback`). Anonymous; numbers outside the page are ignored."""
    entry = _easy_entry(folder, slug)
    count = len(falc_phrases(entry.falc.body))
    marked = sorted({int(v) for v in request.form.getlist("phrase")
                     if v.isdigit() and 1 <= int(v) <= count})[:count]
    for sentence in marked or [None]:
        db.session.add(EasyFeedback(page=entry.slug, sentence=sentence,
                                    text_digest=entry.falc.digest))
    db.session.commit()
    return redirect(url_for(".page", folder=folder, slug=slug, merci=1, _anchor="pas-compris"))
