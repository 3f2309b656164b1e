"""The `/api/v1` blueprint, its JSON errors and its cross-origin rule; the modules of
this folder add their routes to it."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ...extensions import csrf
from ..params import ParamError

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def bad_request(param: str, message: str):
    return jsonify({"error": message, "parameter": param}), 400


@bp.errorhandler(ParamError)
def on_param_error(exc: ParamError):
    return bad_request(exc.param, str(exc))


@bp.after_request
def allow_read_only_cross_origin(response):
    """Any origin may read (GET); nothing else is opened to other origins."""
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response
