"""What the comparison pages and the API share: labels of the rows, the tray of
practices picked for comparison, and the comparison as data."""
from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from flask import request
from flask_babel import gettext as _

from ..insights.compare import MAX_COMPARED, Selection, records, select
from ..services import catalog
from .templating import kind_label
from .urls import site_root


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
    labels.update({s.id: s.title for s in catalog.taxonomy.sections if s.compared})
    return labels


class Tray:
    """The practices picked for comparison, read from the `d` parameters of any page
    (on first use: a page without content, such as an error page, never reads them)."""

    def __init__(self, args):
        self._slugs = args.getlist("d")

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
        return [s for s in self.slugs if s != slug]

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


def init_app(app) -> None:
    @app.context_processor
    def inject_tray():
        return {"tray": Tray(request.args), "max_compared": MAX_COMPARED}
