"""The API about itself (OpenAPI document, readable page) and the comparison endpoint."""
from __future__ import annotations

from flask import jsonify, render_template, request

from ...insights.compare import select
from ...services import catalog
from ..comparison import comparison_data, comparison_rows
from . import openapi
from .blueprint import bad_request, bp

API_VERSION = "1.2.0"


def spec() -> dict:
    return openapi.build(catalog.taxonomy, catalog.part("checklist"), API_VERSION,
                         [e.slug for e in catalog.practices()])


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
    if len(set(slugs)) != len(slugs):
        return bad_request("d", "each practice may be given once")
    selection = select(catalog, slugs)
    if selection.unknown:
        return bad_request("d", f"unknown practice {selection.unknown[0]!r}")
    if len(selection.entries) < 2:
        return bad_request("d", "give 2 to 4 practice slugs: d=<slug>&d=<slug>")
    return jsonify(comparison_data(selection, comparison_rows(selection.entries)))
