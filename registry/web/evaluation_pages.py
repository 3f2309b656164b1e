"""What the checklist and evaluation pages share: the current checklist, the headers of
capability-link pages, and the context of an evaluation's result page."""
from __future__ import annotations

from flask import Response, abort, current_app
from flask_babel import gettext as _

from ..checklist.storage import result_of
from ..extensions import limiter
from ..services import catalog
from .charts import Bar, bar_chart
from .templating import localized
from .urls import external_url

FICHE = "numerique-questions-a-se-poser"  # the fiche the checklist is written from

# New evaluations, by the form or the API, share one limit per client address.
new_evaluation_limit = limiter.shared_limit(
    lambda: current_app.config["REGISTRY_LIMIT_NEW_EVALUATIONS"], scope="new-evaluation",
    methods=["POST"])


def current_checklist():
    """The checklist of the content, or 404 when the content ships none (or a broken one)."""
    checklist = catalog.part("checklist")
    if checklist is None:
        abort(404)
    return checklist


def private(response: Response) -> Response:
    """Pages reached through a capability link: not cached, indexed or leaked as a referrer."""
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def related_pages(evaluation, result) -> dict:
    """Monographs of tools of the same category, fiche 8, glossary entries of the gaps."""
    monographs = [e for e in catalog.practices() if e.type == "monographie"
                  and e.meta.get("digital_category") == evaluation.category]
    slugs = []
    for _domain, rows in result.action_plan():
        slugs += [s for r in rows for s in r.criterion.see_also if s not in slugs]
    glossary = [e for e in (catalog.get(s, "glossaire") for s in slugs) if e is not None]
    return {"monographs": monographs, "fiche": catalog.get(FICHE, "fiche"), "glossary": glossary}


def result_context(evaluation, checklist) -> dict:
    result = result_of(evaluation, checklist)
    chart = bar_chart(
        "scores", _("Score par domaine"),
        _("Score de chaque domaine de questions, de 0 à 100 %. Le tableau qui suit donne "
          "les mêmes valeurs."),
        [Bar(localized(d.domain, "title"), d.score, percent(d.score)) for d in result.domains],
        empty_text=_("pas de score"))
    share_url = external_url("evaluations.shared", token=evaluation.share_token)
    return {"evaluation": evaluation, "checklist": checklist, "result": result, "chart": chart,
            "percent": percent, "related": related_pages(evaluation, result),
            "share_url": share_url,
            "category": localized(checklist.categories[evaluation.category], "label")}
