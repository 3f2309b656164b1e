"""Coverage views: the practices × missions matrix with charts, and the territorial view."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from ..charts import Bar, bar_chart
from ..coverage import MATRIX_FILTERS, VIEWS, count_by, filtered, matrix, place_of
from ..extensions import catalog
from .params import allowed_values

bp = Blueprint("coverage", __name__)


def read_filters() -> tuple[dict[str, list[str]], str | None]:
    """The matrix filters from the query string, and an error message for a bad value."""
    filters = {}
    for name in MATRIX_FILTERS:
        values = [v for v in request.args.getlist(name) if v]
        bad = [v for v in values if v not in allowed_values(name)]
        if bad:
            return {}, _("Valeur inconnue pour le filtre « %(name)s » : %(value)s.", name=name,
                         value=bad[0][:80])
        if values:
            filters[name] = values
    return filters, None


def counts_chart(chart_id: str, title: str, description: str,
                 items: list[tuple[str, int]]) -> tuple:
    """A bar chart of counts, and the same data for the table beside it."""
    top = max((n for _label, n in items), default=0) or 1
    bars = [Bar(label, n / top, str(n)) for label, n in items]
    return bar_chart(chart_id, title, description, bars), items


def charts(practices) -> list[dict]:
    tax = catalog.taxonomy
    by_mission = count_by(practices, lambda e: e.meta.get("missions") or [])
    by_evidence = count_by(practices, lambda e: [e.evidence_level])
    by_theme = count_by(practices, lambda e: [e.meta.get("theme")])
    by_region = count_by(practices, lambda e: [place_of(e)[0] or ""])
    specs = [
        ("par-mission", _("Pratiques par mission"),
         [(f"{m.id}. {m.short}", by_mission[m.id]) for m in tax.missions.values()]),
        ("par-preuve", _("Pratiques par niveau de preuve"),
         [(level.label, by_evidence[level.id]) for level in tax.evidence.values()]),
        ("par-theme", _("Pratiques par thème"),
         [(t.label, by_theme[t.id]) for t in tax.themes.values()]),
        ("par-region", _("Pratiques par région"),
         sorted(((r or _("Région non documentée"), n) for r, n in by_region.items()),
                key=lambda item: (item[0] == _("Région non documentée"), item[0]))),
    ]
    result = []
    for chart_id, title, items in specs:
        svg, data = counts_chart(chart_id, title, _("%(title)s : nombre de pratiques, sur %(n)s "
                                                    "pratiques affichées. Le tableau qui suit "
                                                    "donne les mêmes valeurs.", title=title,
                                                    n=len(practices)), items)
        result.append({"id": chart_id, "title": title, "svg": svg, "data": data})
    return result


@bp.route("/missions/matrice")
def missions_matrix():
    view = request.args.get("vue", "missions")
    filters, error = read_filters()
    if view not in VIEWS:
        error = _("Vue inconnue : choisissez « missions » ou « principes ».")
    if error:
        return Response(render_template("coverage/matrix.html", error=error, filters={},
                                        view="missions", table=None, practices=[], charts=[]),
                        status=400)
    practices = filtered(catalog, filters)
    return render_template("coverage/matrix.html", error=None, filters=filters, view=view,
                           table=matrix(catalog, practices, view), practices=practices,
                           charts=charts(practices), total=len(catalog.practices()))


@bp.route("/territoires")
def territories():
    """Practices grouped by region and department, as the sources give them."""
    groups: dict[str, dict[str, list]] = {}
    for entry in catalog.practices():
        if entry.type != "monographie":
            continue
        region, department = place_of(entry)
        groups.setdefault(region or "", {}).setdefault(department or "", []).append(entry)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
    return render_template("coverage/territories.html", groups=ordered)
