"""Open data: catalogue and glossary downloads, Atom feed, sitemap and robots.txt."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, url_for
from markupsafe import escape

from ...content.history import entry_date, last_change
from ...insights.compare import reproduce_key
from ...services import catalog
from ..downloads import csv_download, json_download
from ..urls import absolute, site_root

bp = Blueprint("opendata", __name__)
FEED_SIZE = 50
PRACTICE_COLUMNS = ("slug", "type", "title", "url", "summary", "dispositif", "theme", "porteur",
                    "town", "department", "region", "year", "public", "missions", "principles",
                    "parcours", "evidence", "evidence_justification", "digital_category",
                    "number", "key_figures", "sources", "reviewed", "updated")
GLOSSARY_COLUMNS = ("slug", "title", "url", "expansion", "aliases", "summary", "updated")


def _dates_key() -> tuple[str, str]:
    return str(catalog.root), catalog.content.digest


def _updated(entry) -> str | None:
    date = entry_date(*_dates_key(), entry)
    return date.isoformat() if date else None


def practice_record(entry) -> dict:
    m = entry.meta
    place = m.get("place") or {}
    return {
        "slug": entry.slug, "type": entry.type, "title": entry.title,
        "url": absolute(entry.url), "summary": entry.summary,
        "dispositif": m.get("dispositif"), "theme": m.get("theme"), "porteur": m.get("porteur"),
        "town": place.get("town"), "department": place.get("department"),
        "region": place.get("region"), "year": m.get("year"), "public": m.get("public", []),
        "missions": m.get("missions", []), "principles": m.get("principles", []),
        "parcours": m.get("parcours", []), "evidence": m["evidence"]["level"],
        "evidence_justification": m["evidence"]["justification"],
        "digital_category": m.get("digital_category"), "number": m.get("number"),
        "key_figures": m.get("key_figures", []),
        "sources": [f"{s['document']} — {s['section']}" + (f", p. {s['page']}" if s["page"]
                                                            else "")
                    for s in m.get("sources", [])],
        "reviewed": m["reviewed"].isoformat(),
        "updated": _updated(entry),
    } | reproduce_record(m.get("reproduce"))


def reproduce_record(values: dict | None) -> dict:
    """The fields of « Reproduire cette pratique » as columns (`reproduce_<id>`): text,
    steps as a list, {text, year} for funding; null when not documented (and for fiches,
    which have no such block)."""
    return {reproduce_key(spec): (values or {}).get(spec.id)
            for spec in catalog.taxonomy.reproduce}


def practice_columns() -> tuple[str, ...]:
    return PRACTICE_COLUMNS + tuple(reproduce_key(f) for f in catalog.taxonomy.reproduce)


def glossary_record(entry) -> dict:
    m = entry.meta
    return {"slug": entry.slug, "title": entry.title,
            "url": absolute(entry.url), "expansion": m.get("expansion"),
            "aliases": m.get("aliases", []), "summary": entry.summary, "updated": _updated(entry)}


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) == {"text", "year"}:  # dated reproduce field
        return value["text"] + (f" ({value['year']})" if value["year"] else "")
    if isinstance(value, list):
        return " | ".join(f"{v['value']} — {v['label']}" if isinstance(v, dict) else str(v)
                          for v in value)
    return str(value)


def _download(records: list[dict], columns, fmt: str, name: str) -> Response:
    if fmt == "json":
        return json_download({"licence": current_app.config["REGISTRY_LICENCE"],
                              "count": len(records), "records": records}, f"{name}.json")
    rows = ([_csv_value(record[c]) for c in columns] for record in records)
    return csv_download(columns, rows, f"{name}.csv")


@bp.route("/donnees")
def index():
    changed = last_change(*_dates_key())
    return render_template("opendata/index.html", changed=changed,
                           licence=current_app.config["REGISTRY_LICENCE"],
                           practices=len(catalog.practices()),
                           terms=len(catalog.of_type("glossaire")))


@bp.route("/donnees/pratiques.<any(csv, json):fmt>")
def practices(fmt: str):
    return _download([practice_record(e) for e in catalog.practices()], practice_columns(), fmt,
                     "pratiques")


@bp.route("/donnees/glossaire.<any(csv, json):fmt>")
def glossary(fmt: str):
    return _download([glossary_record(e) for e in catalog.of_type("glossaire")],
                     GLOSSARY_COLUMNS, fmt, "glossaire")


def _dated_entries():
    entries = [e for e in catalog.entries.values() if e.type != "page" or e.slug == "a-propos"]
    dated = [(entry_date(*_dates_key(), e), e) for e in entries]
    return sorted(((d, e) for d, e in dated if d is not None), key=lambda x: x[0], reverse=True)


@bp.route("/flux.atom")
def feed():
    """Atom feed of the most recently added or changed pages."""
    items = _dated_entries()[:FEED_SIZE]
    root = site_root()
    body = render_template("opendata/feed.xml", items=items, root=root,
                           updated=items[0][0] if items else last_change(*_dates_key()))
    return Response(body, mimetype="application/atom+xml")


STATIC_PAGES = ("pages.home", "search.results", "pages.monographs", "pages.fiches",
                "pages.missions", "pages.glossary", "pages.about", "coverage.missions_matrix",
                "coverage.territories", "compare.compare", "checklist.start", "opendata.index",
                "facile.index")


@bp.route("/sitemap.xml")
def sitemap():
    root = site_root()
    urls = [(root + url_for(endpoint), None) for endpoint in STATIC_PAGES]
    for date, entry in _dated_entries():
        urls.append((root + entry.url, date))
        if entry.falc_url:
            urls.append((root + entry.falc_url, date))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, date in urls:
        lastmod = f"<lastmod>{date.date().isoformat()}</lastmod>" if date else ""
        lines.append(f"<url><loc>{escape(loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return Response("\n".join(lines) + "\n", mimetype="application/xml")


@bp.route("/robots.txt")
def robots():
    """Pages reached through private links (edit, share, compare evaluations, rereading
    invitations) and the editors' pages stay out of search engines; their addresses come
    from the routes."""
    root = site_root()

    def folder(endpoint: str) -> str:  # the address of `endpoint` up to its token
        return url_for(endpoint, token="TOKEN").split("TOKEN")[0]

    private = [folder("checklist.overview"), folder("evaluations.shared"),
               url_for("evaluations.compare"), folder("rereader.read"),
               url_for("proposals.start") + "/", folder("proposals.read"),
               url_for("edition.index"), url_for("account.login"), url_for("account.account")]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in private),
             f"Sitemap: {root}{url_for('.sitemap')}"]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico before reading the page's <link rel="icon">."""
    response = current_app.send_static_file("favicon.svg")
    response.mimetype = "image/svg+xml"
    return response
