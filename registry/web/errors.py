"""Error pages in the page's language (HTML) or JSON for the API; never a stack trace."""
from __future__ import annotations

from flask import current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def handle_http(exc: HTTPException):
    if _wants_json():
        return jsonify({"error": exc.description}), exc.code
    template = "errors/404.html" if exc.code == 404 else "errors/error.html"
    return render_template(template, error=exc), exc.code


def handle_csrf(exc: CSRFError):
    """A form sent without a valid token: say what happened and how to keep one's answers."""
    exc.description = _("Ce formulaire n’a pas pu être vérifié (il a expiré, ou il n’a pas été "
                        "envoyé depuis ce site). Rien n’a été enregistré. Revenez à la page "
                        "précédente : vos réponses y sont encore. Rechargez-la, puis renvoyez-la.")
    return handle_http(exc)


def handle_unexpected(exc: InternalServerError):
    """An unhandled exception (Flask wraps it in InternalServerError): logged, never shown."""
    original = getattr(exc, "original_exception", None) or exc
    current_app.logger.error("unhandled error on %s", request.path, exc_info=original)
    if _wants_json():
        return jsonify({"error": "internal error"}), 500
    return render_template("errors/error.html", error=None), 500


def init_app(app) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(HTTPException, handle_http)
