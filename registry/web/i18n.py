"""Interface language: French by default, English on request, remembered in a cookie."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from flask import current_app, g, request
from flask_babel import get_locale, get_translations

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


def long_date(value: dt.date | str | None) -> str:
    """A date in words in the interface language, e.g. « 23 novembre 2026 »."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if value is None:
        return ""
    return format_date(value, format="long", locale=str(get_locale()))


def request_locale() -> str:
    """The interface language of this request, looked up once."""
    locale = g.get("_registry_locale")
    if locale is None:
        locale = g._registry_locale = str(get_locale())
    return locale


# Translations are fixed for a release: each (language, message) is looked up once per
# process, not through Flask-Babel's context on each of a page's hundred calls.
_gettext_cache: dict[tuple, str] = {}


def cached_gettext(message: str) -> str:
    key = (request_locale(), message)
    text = _gettext_cache.get(key)
    if text is None:
        text = _gettext_cache[key] = get_translations().ugettext(message)
    return text


def cached_ngettext(singular: str, plural: str, n: int) -> str:
    key = (request_locale(), singular, plural, min(n, 2))  # 0, 1, many: all rules here
    text = _gettext_cache.get(key)
    if text is None:
        text = _gettext_cache[key] = get_translations().ungettext(singular, plural, n)
    return text


def init_app(app) -> None:
    # Templates use the cached lookups (Jinja's new-style gettext does the formatting
    # and escaping of the values, as with Flask-Babel's own callables).
    app.jinja_env.install_gettext_callables(gettext=cached_gettext, ngettext=cached_ngettext,
                                            newstyle=True)
    app.after_request(_remember_language)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
