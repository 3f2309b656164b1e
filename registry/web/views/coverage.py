"""Coverage views: the practices × missions matrix with charts, and the territorial view."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext

from ...content.kinds import BY_ID
from ...content.text import fold
from ...insights.coverage import (
    MATRIX_FILTERS,
    VIEWS,
    count_by,
    filtered,
    matrix,
    region_counts,
)
from ...insights.coverage import territories as territory_groups
from ...services import catalog, geography, region_map
from ..charts import MAP_STEPS, Bar, bar_chart, region_choropleth
from ..i18n import request_locale
from ..params import ParamError, read_filters
from ..templating import localized

bp = Blueprint("coverage", __name__)


def counts_chart(chart_id: str, title: str, description: str,
                 items: list[tuple[str, int]]) -> tuple:
    """A bar chart of counts, and the same data for the table beside it."""
    top = max((n for _label, n in items), default=0) or 1
    bars = [Bar(label, n / top, str(n)) for label, n in items]
    return bar_chart(chart_id, title, description, bars), items


def _region_name(entry, geo) -> str | None:
    """The region a practice lies in (official geography), or the name it does not know;
    the region its front matter names when the geography cannot be read."""
    if geo is None:
        return (entry.meta.get("place") or {}).get("region")
    loc = geo.locate(entry.meta.get("place"))
    return loc.region or loc.unknown


def charts(practices) -> list[dict]:
    tax = catalog.taxonomy
    by_mission = count_by(practices, lambda e: e.meta.get("missions") or [])
    by_evidence = count_by(practices, lambda e: [e.evidence_level])
    by_theme = count_by(practices, lambda e: [e.meta.get("theme")])
    geo = geography.get()
    by_region = count_by(practices, lambda e: [_region_name(e, geo) or ""])
    specs = [
        ("par-mission", _("Pratiques par mission"),
         [(f"{m.id}. {localized(m, 'short')}", by_mission[m.id])
          for m in tax.missions.values()]),
        ("par-preuve", _("Pratiques par niveau de preuve"),
         [(localized(level, "label"), by_evidence[level.id]) for level in tax.evidence.values()]),
        ("par-theme", _("Pratiques par thème"),
         [(localized(t, "label"), by_theme[t.id]) for t in tax.themes.values()]),
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


@bp.route(BY_ID["mission"].prefix + "matrice")
def missions_matrix():
    view = request.args.get("vue", "missions")
    try:
        filters, error = read_filters(request.args, MATRIX_FILTERS), None
    except ParamError as exc:
        filters, error = {}, _("Valeur inconnue pour le filtre « %(name)s » : %(value)s.",
                               name=exc.param, value=exc.value)
    if view not in VIEWS:
        error = _("Vue inconnue : choisissez « missions » ou « principes ».")
    if error:
        return Response(render_template("coverage/matrix.html", error=error, filters={},
                                        view="missions", table=None, practices=[], charts=[]),
                        status=400)
    practices = filtered(catalog, filters)
    return render_template("coverage/matrix.html", error=None, filters=filters, view=view,
                           table=matrix(catalog, practices, view, request_locale()),
                           practices=practices,
                           charts=charts(practices), total=len(catalog.practices()))


@bp.route("/territoires")
def territories():
    """Monographs grouped by region and department (official geography), and the map of
    regions. Either data file may be broken: the page then says so and shows the rest."""
    rmap, geo = region_map.get(), geography.get()
    monographs = [e for e in catalog.practices() if e.type == "monographie"]
    if geo is None:
        return render_template("coverage/territories.html", rmap=rmap, geo=None, groups=[],
                               monographs=monographs, map_svg=None, rows=[])
    counts = region_counts(monographs, geo)
    placed = sum(counts.values())
    svg, rows = None, []
    if rmap is not None:
        svg = _map(rmap, counts, placed, len(monographs))
        rows = sorted(((r, counts.get(code, 0)) for code, r in rmap.regions.items()),
                      key=lambda row: (-row[1], fold(row[0].name)))
    return render_template("coverage/territories.html", rmap=rmap, geo=geo,
                           monographs=monographs, groups=territory_groups(monographs, geo),
                           map_svg=svg, rows=rows, placed=placed, steps=MAP_STEPS)


def _map(rmap, counts, placed: int, total: int):
    def tooltip(region, n: int) -> str:
        if not n:
            return _("%(region)s : aucune monographie", region=region.name)
        return ngettext("%(region)s : %(num)s monographie", "%(region)s : %(num)s monographies",
                        n, region=region.name)

    description = " ".join([
        _("Carte des %(n)s régions françaises, les régions d’outre-mer en encart. Une région "
          "est d’autant plus foncée qu’elle compte de monographies ; le nombre est écrit sur "
          "la région.", n=len(rmap.regions)),
        ngettext("%(num)s monographie sur %(total)s est placée sur la carte.",
                 "%(num)s monographies sur %(total)s sont placées sur la carte.", placed,
                 total=total),
        _("Chaque région qui en compte mène à leur liste, plus bas. Le tableau qui suit "
          "donne les mêmes valeurs.")])
    return region_choropleth("carte-regions", _("Monographies par région"), description, rmap,
                             counts, tooltip, link=lambda region: f"#region-{region.code}")
