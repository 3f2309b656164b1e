"""Compare 2 to 4 practices: `/comparer?d=<slug>&d=…`, its CSV and JSON, and the tray.

The selection lives in the URL only (`d` repeated): shareable, bookmarkable, no
account. Pages that show the tray carry it in their links.
"""
from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext as _

from ...insights.compare import COMPARED_SECTIONS, MAX_COMPARED, records, rows, select
from ...checklist.exports import safe_cell
from ...extensions import catalog

bp = Blueprint("compare", __name__)


def words() -> dict[str, str]:
    return {"not_documented": _("Non documenté"), "not_applicable": _("Sans objet"),
            "monographie": _("Monographie"), "fiche": _("Fiche pratique")}


def row_labels() -> dict[str, str]:
    labels = {
        "type": _("Type"), "theme": _("Thème"), "porteur": _("Porteur"), "place": _("Lieu"),
        "year": _("Création"), "public": _("Public"), "missions": _("Missions"),
        "principles": _("Principes"), "parcours": _("Parcours"),
        "evidence": _("Niveau de preuve"), "key_figures": _("Chiffres clés"),
    }
    labels.update({key: title for key, title in COMPARED_SECTIONS.items()})
    return labels


class Tray:
    """The practices picked for comparison, read from the `d` parameters of any page."""

    def __init__(self, args):
        self.selection = select(catalog, args.getlist("d"))

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
        return url_for(request.endpoint, **(request.view_args or {}), **args)

    def link(self, url: str) -> str:
        """A link to another page that keeps the tray."""
        if not self.slugs:
            return url
        query = "&".join(f"d={s}" for s in self.slugs)
        return f"{url}{'&' if '?' in url else '?'}{query}"


def init_app(app) -> None:
    @app.context_processor
    def inject_tray():
        return {"tray": Tray(request.args), "max_compared": MAX_COMPARED}


def _comparison():
    selection = select(catalog, request.args.getlist("d"))
    table = rows(catalog, selection.entries, words())
    return selection, table


def _absolute(records_: list[dict]) -> list[dict]:
    root = request.host_url.rstrip("/")
    return [r | {"url": root + r["url"]} for r in records_]


@bp.route("/comparer")
def compare():
    selection, table = _comparison()
    only_differences = request.args.get("differences") == "1"
    ok = len(selection.entries) >= 2 and not selection.unknown
    status = 200
    if selection.unknown:
        status = 404
    shown = [r for r in table if r.differs] if only_differences else table
    return Response(render_template(
        "compare/compare.html", selection=selection, table=shown, labels=row_labels(), ok=ok,
        only_differences=only_differences, differing=sum(r.differs for r in table),
        practices=catalog.practices()), status=status)


def _refuse_unless_comparable(selection):
    if selection.unknown or len(selection.entries) < 2:
        message = (_("Pratique inconnue : %(slugs)s.", slugs=", ".join(selection.unknown))
                   if selection.unknown else _("Il faut de 2 à 4 pratiques à comparer."))
        return Response(json.dumps({"error": message, "parameter": "d"}, ensure_ascii=False),
                        status=400, mimetype="application/json")
    return None


def comparison_data(selection, table) -> dict:
    """The comparison as data: its fields (with `differs`) and one record per practice."""
    return {"fields": [{"key": r.key, "label": row_labels()[r.key], "differs": r.differs}
                       for r in table],
            "practices": _absolute(records(selection.entries, table)),
            "dropped": selection.dropped}


@bp.route("/comparer.json")
def compare_json():
    selection, table = _comparison()
    refusal = _refuse_unless_comparable(selection)
    if refusal is not None:
        return refusal
    return Response(json.dumps(comparison_data(selection, table), ensure_ascii=False, indent=2),
                    mimetype="application/json")


@bp.route("/comparer.csv")
def compare_csv():
    selection, table = _comparison()
    refusal = _refuse_unless_comparable(selection)
    if refusal is not None:
        return refusal
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    keys = ["slug", "title", "url", *(r.key for r in table)]
    writer.writerow(keys)
    for record in _absolute(records(selection.entries, table)):
        writer.writerow([safe_cell(record[k]) for k in keys])
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=comparaison.csv"
    return response
