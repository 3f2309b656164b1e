"""JSON API v1, documents: search, type-ahead, every document, one document."""
from __future__ import annotations

from flask import current_app, jsonify, request

from ...content.kinds import TYPE_ORDER
from ...content.text import fold
from ...services import catalog, search
from ..params import parse_search_args, read_filters
from .blueprint import bp


def summary_record(entry) -> dict:
    """The short form of an entry used in lists and search results."""
    meta = entry.meta
    return {
        "slug": entry.slug, "type": entry.type, "title": entry.title, "url": entry.url,
        "summary": entry.summary, "missions": entry.missions, "evidence": entry.evidence_level,
        "parcours": meta.get("parcours", []), "theme": meta.get("theme"),
    }


def full_record(entry) -> dict:
    rendered = catalog.render(entry)
    meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in entry.meta.items()}
    return summary_record(entry) | {
        "front_matter": meta,
        "html": rendered.html,
        "sections": rendered.sections,
        "glossary": rendered.glossary,
        "falc_url": entry.falc_url,
    }


@bp.route("/search")
def api_search():
    config = current_app.config
    params = parse_search_args(request.args, config["API_PER_PAGE"], config["API_MAX_PER_PAGE"])
    found = search.search(params.query, params.filters, params.page, params.per_page,
                          sort=params.sort, verbatim=params.exact)
    results = []
    for hit in found.hits:
        entry = catalog.get(hit.slug)
        if entry is not None:
            results.append(summary_record(entry) | {"highlight": hit.highlight})
    definition = catalog.get(found.definition, "glossaire") if found.definition else None
    help_ = catalog.content.help
    return jsonify({
        "query": found.query, "total": found.total, "page": found.page,
        "per_page": found.per_page, "results": results, "facets": found.facets,
        "suggestion": found.suggestion, "corrected_from": found.corrected_from,
        "missing_phrase": found.missing_phrase,
        "definition": summary_record(definition) if definition else None,
        "help": [{"number": n.number, "tel": n.tel, "name": n.name, "text": n.easy}
                 for n in help_.numbers] if help_ and help_.called_by(params.query) else None,
    })


@bp.route("/suggest")
def api_suggest():
    """Type-ahead: titles and glossary terms starting with (or containing) the query."""
    text = (request.args.get("q") or "").strip()[:100]
    if len(text) < 2:
        return jsonify({"query": text, "suggestions": []})
    needle = fold(text)
    scored = []
    for entry in catalog.entries.values():
        if entry.type == "page":
            continue
        forms = [entry.title, *entry.meta.get("aliases", []), entry.meta.get("expansion") or ""]
        folded = [fold(f) for f in forms if f]
        rank = 0 if any(f.startswith(needle) for f in folded) else \
            1 if any(needle in f for f in folded) else None
        if rank is not None:
            scored.append((rank, TYPE_RANK.get(entry.type, 9), fold(entry.title), entry))
    scored.sort(key=lambda s: s[:3])
    return jsonify({"query": text, "suggestions": [
        {"title": e.title, "type": e.type, "url": e.url} for *_, e in scored[:8]]})


TYPE_RANK = {"glossaire": 0, "monographie": 1, "fiche": 2, "mission": 3, "principe": 4}


@bp.route("/documents")
def api_documents():
    kinds = read_filters(request.args, ["type"]).get("type")
    entries = [e for t in TYPE_ORDER for e in catalog.of_type(t) if not kinds or t in kinds]
    return jsonify({"total": len(entries), "results": [summary_record(e) for e in entries]})


@bp.route("/documents/<slug>")
def api_document(slug):
    entry = catalog.get(slug)
    if entry is None:
        return jsonify({"error": f"no document with slug {slug!r}"}), 404
    return jsonify(full_record(entry))

