"""Content pages: home, practices, glossary, missions, principles, about."""
from __future__ import annotations

from collections import Counter, OrderedDict
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template
from markupsafe import Markup

from ...content.history import entry_date, file_versions
from ...content.kinds import BY_ID, HOME_SLUG
from ...content.references import resolve
from ...content.text import fold
from ...services import catalog, geography
from ..i18n import request_locale
from ..routes import serves_page
from ..urls import absolute

bp = Blueprint("pages", __name__)


def get_entry_or_404(slug: str, type: str):
    entry = catalog.get(slug, type)
    if entry is None:
        abort(404)
    return entry


def init_app(app) -> None:
    @app.context_processor
    def inject_taxonomy():
        # None while no content is loaded: error pages still render.
        taxonomy = catalog.taxonomy if catalog.available else None
        return {"taxonomy": taxonomy, "reference_for": _reference_for}


def _reference_for(document: str):
    return resolve(catalog.content.references, document)


@bp.route("/")
@serves_page(HOME_SLUG)
def home():
    practices = catalog.practices()
    count = lambda field: Counter(v for e in practices for v in (e.meta.get(field) or []))  # noqa: E731
    themes = Counter(e.meta["theme"] for e in practices)
    intro = catalog.get(HOME_SLUG, "page")
    return render_template("pages/home.html", intro=intro,
                           intro_html=catalog.render(intro).html if intro else "",
                           practices=practices, by_mission=count("missions"), by_theme=themes,
                           by_public=count("public"), types=Counter(e.type for e in practices))


@bp.route(BY_ID["monographie"].prefix)
def monographs():
    return render_template("pages/list.html", entries=catalog.of_type("monographie"),
                           kind="monographie")


@bp.route(BY_ID["fiche"].prefix)
def fiches():
    return render_template("pages/list.html", entries=catalog.of_type("fiche"), kind="fiche")


@bp.route(BY_ID["monographie"].prefix + "<slug>")
def monograph(slug):
    return _practice(get_entry_or_404(slug, "monographie"))


@bp.route(BY_ID["fiche"].prefix + "<slug>")
def fiche(slug):
    return _practice(get_entry_or_404(slug, "fiche"))


BODIES_KEPT = 512  # rendered practice bodies kept per app (entries × languages)


def _practice_body(entry) -> Markup:
    """The body of a practice page (contents, evidence, reproduce block, text, figures,
    sources): it depends only on the entry, the language and the release of the content,
    so it is rendered once per (entry, language, content version) and kept. What varies
    per request (the tray, the language switch) is in the page around it."""
    bodies = current_app.extensions.setdefault("practice_bodies", OrderedDict())
    key = (entry.type, entry.slug, request_locale(), catalog.content.digest)
    body = bodies.get(key)
    if body is None:
        relative = str(Path(*Path(entry.path).parts[1:]))  # paths start with the folder
        versions = file_versions(str(catalog.root), relative, catalog.content.digest)
        body = bodies[key] = Markup(render_template(
            "pages/_practice_body.html", entry=entry, rendered=catalog.render(entry),
            see_also=catalog.see_also(entry))
            + render_template("pages/_versions.html", versions=versions,
                              taxonomy=catalog.taxonomy))
        if len(bodies) > BODIES_KEPT:
            bodies.popitem(last=False)
    return body


def _practice(entry):
    modified = entry_date(str(catalog.root), catalog.content.digest, entry)
    geo = geography.get()
    location = geo.locate(entry.meta.get("place")) if geo and entry.type == "monographie" \
        else None
    return render_template("pages/practice.html", entry=entry, body=_practice_body(entry),
                           modified=modified, loc=location,
                           jsonld=practice_jsonld(entry, modified))


def practice_jsonld(entry, modified) -> dict:
    """schema.org description of a practice page (a medical web page about a dispositif)."""
    tax = catalog.taxonomy
    url = absolute(entry.url)
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": entry.title,
        "description": entry.summary,
        "inLanguage": "fr",
        "about": {"@type": "Thing", "name": entry.meta.get("dispositif") or entry.title},
        "keywords": [tax.missions[m].title for m in entry.meta.get("missions", [])]
        + [tax.principles[p].label for p in entry.meta.get("principles", [])],
        "isPartOf": {"@type": "WebSite", "name": "Registre des pratiques en santé mentale",
                     "url": absolute("/")},
    }
    if modified:
        data["dateModified"] = modified.isoformat()
    return data


@bp.route(BY_ID["glossaire"].prefix)
def glossary():
    letters: dict[str, list] = {}
    for entry in sorted(catalog.of_type("glossaire"), key=lambda e: fold(e.title)):
        letters.setdefault(fold(entry.title)[:1].upper(), []).append(entry)
    return render_template("pages/glossary.html", letters=letters)


@bp.route(BY_ID["glossaire"].prefix + "<slug>")
def glossary_entry(slug):
    entry = get_entry_or_404(slug, "glossaire")
    return render_template("pages/term.html", entry=entry, rendered=catalog.render(entry),
                           see_also=catalog.see_also(entry))


@bp.route(BY_ID["mission"].prefix)
def missions():
    practices = catalog.practices()
    return render_template("pages/missions.html", practices=practices,
                           counts=Counter(m for e in practices for m in e.meta["missions"]))


@bp.route(BY_ID["mission"].prefix + "<int:number>")
def mission(number):
    return _topic("mission", catalog.taxonomy.missions.get(number), number)


@bp.route(BY_ID["principe"].prefix + "<slug>")
def principle(slug):
    return _topic("principe", catalog.taxonomy.principles.get(slug), slug)


@bp.route(BY_ID["theme"].prefix + "<slug>")
def theme(slug):
    return _topic("theme", catalog.taxonomy.themes.get(slug), slug)


def _topic(kind: str, item, value):
    """A mission, principle or theme: its page (if written) and the practices tagged with it."""
    if item is None:
        abort(404)
    page = catalog.topic_page(kind, value)
    return render_template("pages/topic.html", topic_kind=kind, topic=item, entry=page,
                           rendered=catalog.render(page) if page else None,
                           practices=catalog.tagged(kind, value),
                           see_also=catalog.see_also(page) if page else [])


@bp.route("/<slug>")
def page(slug):
    """Free pages of content/pages (e.g. /prestations)."""
    entry = get_entry_or_404(slug, "page")
    if slug == HOME_SLUG:
        abort(404)  # the home introduction is shown on /
    return render_template("pages/page.html", entry=entry, rendered=catalog.render(entry),
                           see_also=catalog.see_also(entry))


@bp.route("/a-propos")
@serves_page("a-propos")
def about():
    page = catalog.get("a-propos", "page")
    refs = list(catalog.content.references.values())
    return render_template("pages/about.html", entry=page,
                           rendered=catalog.render(page) if page else None,
                           sources=[r for r in refs if r.is_source],
                           bibliography=[r for r in refs if not r.is_source])
