"""What the comparison pages and the API share: labels of the rows, the tray of
practices picked for comparison, and the comparison as data."""
from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from flask import current_app, g, request
from flask_babel import gettext as _

from ..insights.compare import MAX_COMPARED, Selection, records, reproduce_key, rows, select
from ..services import catalog
from .i18n import request_locale
from .templating import kind_label, localized
from .urls import site_root


def comparison_rows(entries) -> list:
    """The comparison's rows for this request: vocabulary labels in its language."""
    return rows(catalog, entries, words(), request_locale())


def words() -> dict[str, str]:
    """The few words cells need, in the interface language."""
    return {"not_documented": _("Non documenté"), "not_applicable": _("Sans objet"),
            "monographie": kind_label("monographie"), "fiche": kind_label("fiche")}


def row_labels() -> dict[str, str]:
    labels = {
        "type": _("Type"), "theme": _("Thème"), "porteur": _("Porteur"), "place": _("Lieu"),
        "year": _("Création"), "public": _("Public"), "missions": _("Missions"),
        "principles": _("Principes"), "parcours": _("Parcours"),
        "evidence": _("Niveau de preuve"), "key_figures": _("Chiffres clés"),
    }
    tax = catalog.taxonomy
    labels.update({reproduce_key(f): localized(f, "label") for f in tax.reproduce})
    labels.update({s.id: localized(s, "title") for s in tax.sections if s.compared})
    return labels


COOKIE = "tray"
COOKIE_DAYS = 30


class Tray:
    """The practices picked for comparison: the `d` parameters of the page when it has
    any (« d= » alone empties the tray), else those kept in the `tray` cookie, so that
    the tray survives navigation. Read on first use: a page without content, such as an
    error page, never reads them."""

    def __init__(self, args, cookies=None):
        self.from_url = "d" in args
        if self.from_url:
            self._slugs = [s for s in args.getlist("d") if s]
        else:
            kept = (cookies or {}).get(COOKIE, "")
            self._slugs = [s for s in kept.split(",") if s][:MAX_COMPARED]

    @cached_property
    def selection(self) -> Selection:
        if not self._slugs or not catalog.available:
            return Selection([], [], [])
        return select(catalog, self._slugs)

    @property
    def slugs(self) -> list[str]:
        return [e.slug for e in self.selection.entries]

    @property
    def full(self) -> bool:
        return len(self.slugs) >= MAX_COMPARED

    def has(self, slug: str) -> bool:
        return slug in self.slugs

    def adding(self, slug: str) -> list[str]:
        return self.slugs if self.has(slug) else [*self.slugs, slug]

    def without(self, slug: str) -> list[str]:
        """The tray without `slug`; [""] when that empties it (« d= » clears the cookie)."""
        return [s for s in self.slugs if s != slug] or [""]

    def here(self, **changes) -> str:
        """This page's URL with other parameters kept and `d` replaced by `changes['d']`."""
        args = request.args.to_dict(flat=False)
        args.update(changes)
        query = urlencode(args, doseq=True)
        return f"{request.script_root}{request.path}" + (f"?{query}" if query else "")

    def link(self, url: str) -> str:
        """A link to another page that keeps the tray."""
        if not self.slugs:
            return url
        query = "&".join(f"d={s}" for s in self.slugs)
        return f"{url}{'&' if '?' in url else '?'}{query}"


def absolute(records_: list[dict]) -> list[dict]:
    root = site_root()
    return [r | {"url": root + r["url"]} for r in records_]


def comparison_data(selection: Selection, table) -> dict:
    """The comparison as data: its fields (with `differs`) and one record per practice."""
    labels = row_labels()
    return {"fields": [{"key": r.key, "label": labels[r.key], "differs": r.differs}
                       for r in table],
            "practices": absolute(records(selection.entries, table)),
            "dropped": selection.dropped}


def current_tray() -> Tray:
    """This request's tray (one per request)."""
    if "registry_tray" not in g:
        g.registry_tray = Tray(request.args, request.cookies)
    return g.registry_tray


def _keep_tray(response):
    """A page whose URL sets the tray stores it in the cookie (or clears it)."""
    if ("d" in request.args and request.method == "GET" and response.status_code < 400
            and response.mimetype == "text/html"):  # pages only: the API stays stateless
        slugs = current_tray().slugs
        if slugs:
            response.set_cookie(COOKIE, ",".join(slugs), max_age=COOKIE_DAYS * 24 * 3600,
                                samesite="Lax", httponly=True,
                                secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
        elif COOKIE in request.cookies:
            response.delete_cookie(COOKIE)
    return response


def init_app(app) -> None:
    app.after_request(_keep_tray)

    @app.context_processor
    def inject_tray():
        return {"tray": current_tray(), "max_compared": MAX_COMPARED}
