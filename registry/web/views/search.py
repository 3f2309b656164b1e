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
        message = _("Paramètre de recherche invalide : %(param)s.", param=exc.param)
        return render_template("search/results.html", error=message, params=None,
                               found=None), 400
    found = search.search(params.query, params.filters, params.page, params.per_page,
                          sort=params.sort)
    rows = [(hit, catalog.get(hit.slug)) for hit in found.hits]
    return render_template("search/results.html", params=params, found=found,
                           rows=[(h, e) for h, e in rows if e is not None],
                           facet_names=FACETS, error=None)
