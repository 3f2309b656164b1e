"""Compare 2 to 4 practices: `/comparer?d=<slug>&d=…`, its CSV and JSON.

The selection lives in the URL only (`d` repeated): shareable, bookmarkable, no
account. Pages that show the tray carry it in their links (`web.comparison.Tray`).
"""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from ...insights.compare import Selection, records, select
from ...services import catalog
from ..comparison import absolute, comparison_data, comparison_rows, current_tray, row_labels
from ..downloads import csv_download, json_body

bp = Blueprint("compare", __name__)


def _comparison():
    tray = current_tray()
    if tray.from_url:
        selection = select(catalog, request.args.getlist("d"))
    else:  # the practices kept in the tray (one removed from the registry is left out)
        selection = Selection(tray.selection.entries, [], [])
    table = comparison_rows(selection.entries)
    return selection, table


@bp.route("/comparer")
def compare():
    selection, table = _comparison()
    only_differences = request.args.get("differences") == "1"
    ok = len(selection.entries) >= 2 and not selection.unknown
    status = 404 if selection.unknown else 200
    shown = [r for r in table if r.differs] if only_differences else table
    return Response(render_template(
        "compare/compare.html", selection=selection, table=shown, labels=row_labels(), ok=ok,
        only_differences=only_differences, differing=sum(r.differs for r in table),
        practices=catalog.practices()), status=status)


def _refuse_unless_comparable(selection):
    if selection.unknown or len(selection.entries) < 2:
        message = (_("Pratique inconnue : %(slugs)s.", slugs=", ".join(selection.unknown))
                   if selection.unknown else _("Il faut de 2 à 4 pratiques à comparer."))
        return json_body({"error": message, "parameter": "d"}, status=400)
    return None


@bp.route("/comparer.json")
def compare_json():
    selection, table = _comparison()
    return _refuse_unless_comparable(selection) or json_body(comparison_data(selection, table))


@bp.route("/comparer.csv")
def compare_csv():
    selection, table = _comparison()
    refusal = _refuse_unless_comparable(selection)
    if refusal is not None:
        return refusal
    keys = ["slug", "title", "url", *(r.key for r in table)]
    data = absolute(records(selection.entries, table))
    return csv_download(keys, ([record[k] for k in keys] for record in data), "comparaison.csv")
