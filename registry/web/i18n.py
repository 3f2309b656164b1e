"""Interface language: French by default, English on request, remembered in a cookie."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from flask import current_app, g, request
from flask_babel import get_locale

COOKIE = "lang"
ONE_YEAR = 365 * 24 * 3600


def select_locale() -> str:
    """?lang= wins, then the cookie, then the browser's Accept-Language, then French."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        g.set_lang_cookie = asked
        return asked
    cookie = request.cookies.get(COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages, default=languages[0])


def _remember_language(response):
    lang = g.pop("set_lang_cookie", None)
    if lang:
        response.set_cookie(COOKIE, lang, max_age=ONE_YEAR, samesite="Lax", httponly=True,
                            secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def long_date(value: dt.date | None) -> str:
    """A date in words in the interface language, e.g. « 23 novembre 2026 »."""
    if value is None:
        return ""
    return format_date(value, format="long", locale=str(get_locale()))


def init_app(app) -> None:
    app.after_request(_remember_language)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
