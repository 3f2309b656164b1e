"""Helpers templates use: content-type labels, numbers, links."""
from __future__ import annotations

from flask_babel import gettext
from markupsafe import Markup

from ..checklist.submission import is_link
from ..content.kinds import BY_ID
from ..search import FACET_VOCABULARY
from ..services import catalog
from .i18n import cached_gettext, request_locale


def kind_label(type_id: str, plural: bool = False) -> str:
    """The label of a content type (`monographie` → « Monographie ») in the interface language."""
    kind = BY_ID[type_id]
    return cached_gettext(kind.plural if plural else kind.label)


def short_number(value) -> str:
    """A number without trailing zeros: 2.0 → « 2 », 0.5 → « 0.5 »."""
    return f"{value:g}"


def is_web_link(value) -> bool:
    """Evidence shown as a link only when it is an http(s) address."""
    return isinstance(value, str) and is_link(value)


def localized(item, field: str) -> str:
    """A vocabulary label in the interface language: `label`, or `label_en` in English."""
    if request_locale() == "en":
        return getattr(item, f"{field}_en", "") or getattr(item, field)
    return getattr(item, field)


_chips: dict[tuple, Markup] = {}


def mission_chips(numbers) -> Markup:
    """The missions of a practice as links, each with its number and short name, in the
    interface language. Built once per language and set of missions (pages list many)."""
    taxonomy = catalog.taxonomy
    key = (request_locale(), tuple(numbers), id(taxonomy))
    html = _chips.get(key)
    if html is None:
        items = []
        for n in numbers:
            mission = taxonomy.missions[n]
            items.append(Markup('<li><a class="chip mission" href="{}"><span class="chip-number">'
                                '{}</span> {}</a></li>').format(
                mission.url, n, localized(mission, "short")))
        html = _chips[key] = Markup('<ul class="chips missions" aria-label="{}">{}</ul>').format(
            gettext("Missions"), Markup("").join(items))
    return html


def evidence_badge(level_id: str) -> Markup:
    """The evidence level of a practice as a badge, in the interface language."""
    taxonomy = catalog.taxonomy
    key = ("evidence", request_locale(), level_id, id(taxonomy))
    html = _chips.get(key)
    if html is None:
        level = taxonomy.evidence[level_id]
        html = _chips[key] = Markup('<span class="evidence evidence-{}">{}</span>').format(
            level.id, localized(level, "label"))
    return html


def facet_label(name: str, value: str) -> str:
    """The label of a search facet's value in the interface language (missions with
    their number: « 2. Soins somatiques »); the value itself when it is unknown."""
    taxonomy = catalog.taxonomy
    key = ("facet", request_locale(), name, value, id(taxonomy))
    label = _chips.get(key)
    if label is None:
        if name == "type":
            label = kind_label(value) if value in BY_ID else value
        else:
            vocabulary = taxonomy.vocabulary(FACET_VOCABULARY[name])
            item = vocabulary.get(int(value) if name == "mission" and value.isdigit() else value)
            if item is None:
                label = value
            elif name == "mission":
                label = f"{value}. {localized(item, 'short')}"
            else:
                label = localized(item, "label")
        _chips[key] = label
    return label


def role_label(user) -> str:
    """An account's role in the interface language (a reviewer's says as whom they review)."""
    labels = {"editor": gettext("éditeur"), "admin": gettext("administrateur"),
              "professionnel": gettext("relecteur professionnel"),
              "personne-concernee": gettext("relecteur ayant l’expérience des troubles")}
    return labels.get(user.reviewer_kind if user.role == "reviewer" else user.role, user.role)


def init_app(app) -> None:
    app.jinja_env.globals["role_label"] = role_label
    app.jinja_env.filters["short_number"] = short_number
    app.jinja_env.globals["kind_label"] = kind_label
    app.jinja_env.globals["localized"] = localized
    app.jinja_env.globals["mission_chips"] = mission_chips
    app.jinja_env.globals["evidence_badge"] = evidence_badge
    app.jinja_env.globals["facet_label"] = facet_label
    app.jinja_env.tests["link"] = is_web_link
