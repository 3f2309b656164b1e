"""Error pages in the page's language (HTML) or JSON for the API; never a stack trace."""
from __future__ import annotations

from flask import current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    RequestEntityTooLarge,
    ServiceUnavailable,
    TooManyRequests,
)

from ..content.catalog import ContentUnavailable
from ..content.kinds import EASY_PREFIX
from ..database import UNAVAILABLE
from ..search import SearchUnavailable

FORM_CONTROLS = {"version", "move", "goto"}  # fields of the forms' own, not typed by people
RETRY_AFTER = "30"  # seconds: a broken part usually comes back after a repair or a rebuild


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def handle_http(exc: HTTPException):
    if _wants_json():
        response = jsonify({"error": exc.description})
    else:
        template = "errors/404.html" if exc.code == 404 else "errors/error.html"
        response = current_app.make_response(render_template(template, error=exc))
    response.status_code = exc.code
    # The headers the exception carries (`Allow` on a 405, for instance).
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def handle_too_large(exc: RequestEntityTooLarge):
    """A body over MAX_CONTENT_LENGTH (or a field over MAX_FORM_MEMORY_SIZE): refused
    before it is read whole; nothing of it is echoed."""
    limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]
    if _wants_json():
        return jsonify({"error": f"body larger than {limit} bytes", "field": "body"}), 413
    exc.description = _("Ce que vous avez envoyé est trop volumineux (au plus %(kb)s Ko). "
                        "Rien n’a été enregistré : raccourcissez les textes les plus longs, "
                        "puis renvoyez le formulaire.", kb=limit // 1024)
    return handle_http(exc)


def unavailable(description: str):
    """A 503 that says which part of the site is unavailable, and to come back soon."""
    exc = ServiceUnavailable(description)
    response = handle_http(exc)
    response.headers["Retry-After"] = RETRY_AFTER
    return response


def handle_search_unavailable(exc: SearchUnavailable):
    current_app.logger.warning("search unavailable: %s", exc)
    return unavailable(_("La recherche est momentanément indisponible. Les pages du registre "
                         "restent consultables ; réessayez dans un moment."))


def handle_content_unavailable(exc: ContentUnavailable):
    current_app.logger.error("content unavailable: %s", exc)
    return unavailable(_("Le contenu du registre est momentanément indisponible : ses "
                         "fichiers sont en cours de réparation. Réessayez dans un moment."))


def handle_csrf(exc: CSRFError):
    """A form sent without a valid token: say what happened and how to keep one's answers."""
    exc.description = _("Ce formulaire n’a pas pu être vérifié (il a expiré, ou il n’a pas été "
                        "envoyé depuis ce site). Rien n’a été enregistré. Revenez à la page "
                        "précédente : vos réponses y sont encore. Rechargez-la, puis renvoyez-la.")
    return handle_http(exc)


def handle_unexpected(exc: InternalServerError):
    """An unhandled exception (Flask wraps it in InternalServerError): logged, never shown."""
    original = getattr(exc, "original_exception", None) or exc
    current_app.logger.error("unhandled error on %s", request.path, exc_info=original)
    if _wants_json():
        return jsonify({"error": "internal error"}), 500
    return render_template("errors/error.html", error=None), 500


def handle_too_many(exc: TooManyRequests):
    """A client over a rate limit: told in the page's language when to come back; a form
    sent meanwhile comes back with what was typed."""
    retry = str(getattr(exc, "retry_after", None) or 60)
    description = _("Trop de demandes envoyées depuis votre adresse en peu de temps. Rien "
                    "n’a été enregistré. Réessayez dans un moment.")
    if _wants_json():
        response = jsonify({"error": "too many requests: retry later"})
        response.status_code = 429
    elif request.method == "POST" and request.form:
        response = _form_kept(_("Trop de demandes"), description, 429)
    else:
        exc.description = description
        response = handle_http(exc)
    response.headers.setdefault("Retry-After", retry)
    return response


def _form_kept(title: str, description: str, status: int):
    """A page that says why the form was not taken, and gives it back to send again."""
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name != "csrf_token"]
    response = current_app.make_response(render_template(
        "errors/form_kept.html", title=title, description=description, fields=fields,
        typed=[(n, v) for n, v in fields if v.strip() and n not in FORM_CONTROLS]))
    response.status_code = status
    return response


def handle_database_unavailable(exc: Exception):
    """The database is down or unreachable: content pages are unaffected; pages that read
    or write evaluations say so. A form sent meanwhile comes back with what was typed."""
    from ..extensions import db

    current_app.logger.error("database unavailable on %s: %s", request.path,
                             exc.__class__.__name__)
    try:
        db.session.rollback()
    except Exception:  # the connection itself is gone
        db.session.remove()
    if request.path.startswith(EASY_PREFIX):
        description = _("Votre message n’a pas pu être enregistré : la base de données ne "
                        "répond pas. Réessayez dans un moment.")
    else:
        description = _("Les évaluations sont momentanément indisponibles : la base de données ne "
                        "répond pas. Rien n’a été enregistré. Réessayez dans un moment.")
    if _wants_json() or request.method != "POST" or not request.form:
        return unavailable(description)
    response = _form_kept(_("Service momentanément indisponible"), description, 503)
    response.headers["Retry-After"] = RETRY_AFTER
    return response


def init_app(app) -> None:
    for error in UNAVAILABLE:
        app.register_error_handler(error, handle_database_unavailable)
    app.register_error_handler(SearchUnavailable, handle_search_unavailable)
    app.register_error_handler(ContentUnavailable, handle_content_unavailable)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(RequestEntityTooLarge, handle_too_large)
    app.register_error_handler(TooManyRequests, handle_too_many)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(HTTPException, handle_http)
