"""The API about itself: OpenAPI document, readable page, comparison endpoint and CORS."""
from __future__ import annotations

from flask import jsonify, render_template, request

from . import openapi
from ...insights.compare import rows, select
from ...extensions import catalog
from .documents import bad_request, bp
from ..views.compare import comparison_data, words

API_VERSION = "1.1.0"


@bp.after_request
def allow_read_only_cross_origin(response):
    """Any origin may read (GET); nothing else is opened to other origins."""
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def spec() -> dict:
    return openapi.build(catalog.taxonomy, catalog.content.checklist, API_VERSION)


@bp.route("/openapi.json")
def openapi_json():
    return jsonify(spec())


@bp.route("/")
def docs():
    """A readable page of every endpoint, generated from the OpenAPI document."""
    return render_template("api/docs.html", spec=spec())


@bp.route("/compare")
def api_compare():
    slugs = request.args.getlist("d")
    selection = select(catalog, slugs)
    if selection.unknown:
        return bad_request("d", f"unknown practice {selection.unknown[0]!r}")
    if len(selection.entries) < 2:
        return bad_request("d", "give 2 to 4 practice slugs: d=<slug>&d=<slug>")
    return jsonify(comparison_data(selection, rows(catalog, selection.entries, words())))
