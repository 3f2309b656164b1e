"""The search page: results, snippets, facets as combinable filters."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _

from ...search import FACETS
from ...services import catalog, search
from ..params import ParamError, parse_search_args

bp = Blueprint("search", __name__)


@bp.route("/recherche")
def results():
    config = current_app.config
    try:
        params = parse_search_args(request.args, config["SEARCH_PER_PAGE"],
                                   config["API_MAX_PER_PAGE"])
    except ParamError as exc:
        message = _("Paramètre de recherche invalide : %(param)s.", param=exc.param)
        return render_template("search/results.html", error=message, params=None,
                               found=None), 400
    found = search.search(params.query, params.filters, params.page, params.per_page,
                          sort=params.sort, verbatim=params.exact)
    rows = [(hit, catalog.get(hit.slug)) for hit in found.hits]
    return render_template("search/results.html", params=params, found=found,
                           rows=[(h, e) for h, e in rows if e is not None],
                           facet_names=FACETS, error=None, **answers(found, params.query))


def answers(found, query: str) -> dict:
    """What goes above the results: help numbers for a query about a crisis, the glossary
    entry the query names."""
    help_ = catalog.content.help
    definition = catalog.get(found.definition, "glossaire") if found.definition else None
    return {"help_box": help_ if help_ and help_.called_by(query) else None,
            "definition": definition}
