"""Helpers templates use: content-type labels, numbers, links."""
from __future__ import annotations

from flask_babel import gettext

from ..checklist.submission import is_link
from ..content.kinds import BY_ID


def kind_label(type_id: str, plural: bool = False) -> str:
    """The label of a content type (`monographie` → « Monographie ») in the interface language."""
    kind = BY_ID[type_id]
    return gettext(kind.plural if plural else kind.label)


def short_number(value) -> str:
    """A number without trailing zeros: 2.0 → « 2 », 0.5 → « 0.5 »."""
    return f"{value:g}"


def is_web_link(value) -> bool:
    """Evidence shown as a link only when it is an http(s) address."""
    return isinstance(value, str) and is_link(value)


def init_app(app) -> None:
    app.jinja_env.filters["short_number"] = short_number
    app.jinja_env.globals["kind_label"] = kind_label
    app.jinja_env.tests["link"] = is_web_link
