"""Read-only views of evaluations: result, easy-to-read summary, history, exports, compare."""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from ..charts import Bar, bar_chart
from ...insights.compare import MAX_COMPARED
from ...checklist.exports import record, to_csv
from ...checklist.easy import falc_summary
from ...checklist.storage import diff, find_shared, result_of
from ...extensions import catalog
from ...content.render import render_falc

bp = Blueprint("evaluations", __name__, url_prefix="/numerique")
FICHE = "numerique-questions-a-se-poser"


def current_checklist():
    checklist = catalog.content.checklist
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
        [Bar(d.domain.title, d.score, percent(d.score)) for d in result.domains],
        empty_text=_("pas de score"))
    share_url = url_for("evaluations.shared", token=evaluation.share_token, _external=True)
    return {"evaluation": evaluation, "checklist": checklist, "result": result, "chart": chart,
            "percent": percent, "related": related_pages(evaluation, result),
            "share_url": share_url,
            "category": checklist.categories[evaluation.category].label}


def shared_or_404(token: str):
    evaluation = find_shared(token)
    if evaluation is None:
        abort(404, description=_("Aucune évaluation ne correspond à ce lien. Vérifiez qu’il a "
                                 "été copié en entier ; une évaluation supprimée n’est plus "
                                 "consultable."))
    return evaluation


@bp.route("/evaluations/<token>")
def shared(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    return private(Response(render_template("checklist/result.html", can_edit=False,
                                            **result_context(evaluation, checklist))))


@bp.route("/evaluations/<token>/facile")
def easy(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    text = falc_summary(evaluation.tool_name, result_of(evaluation, checklist))
    return private(Response(render_template("checklist/easy.html", evaluation=evaluation,
                                            summary_html=render_falc(text))))


@bp.route("/evaluations/<token>/historique")
def history(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    revisions = list(evaluation.revisions)
    numbers = [r.number for r in revisions]
    changes, pair = None, None
    if request.args.get("de") or request.args.get("a"):
        try:
            old, new = int(request.args.get("de", "")), int(request.args.get("a", ""))
        except ValueError:
            old = new = None
        if old not in numbers or new not in numbers:
            abort(400, description=_("Choisissez deux révisions qui existent (de 1 à %(n)s).",
                                     n=max(numbers)))
        by_number = {r.number: r for r in revisions}
        pair = (by_number[old], by_number[new])
        changes = diff(pair[0].snapshot, pair[1].snapshot)
    verdicts = {v.id: v.label for v in checklist.verdicts}
    return private(Response(render_template(
        "checklist/history.html", evaluation=evaluation, revisions=revisions, changes=changes,
        pair=pair, verdicts=verdicts, answers=checklist.answers, percent=percent)))


@bp.route("/evaluations/<token>/export.json")
def export_json(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    data = record(evaluation, checklist, result_of(evaluation, checklist),
                  url_for("evaluations.shared", token=token, _external=True))
    response = Response(json.dumps(data, ensure_ascii=False, indent=2),
                        mimetype="application/json")
    response.headers["Content-Disposition"] = "attachment; filename=evaluation.json"
    return private(response)


@bp.route("/evaluations/<token>/export.csv")
def export_csv(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    text = to_csv(checklist, result_of(evaluation, checklist))
    response = Response("\ufeff" + text, mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=evaluation.csv"
    return private(response)


def token_of(pasted: str) -> str:
    """The share token in what was pasted: the token itself or a whole share link."""
    text = pasted.strip().split("?")[0].split("#")[0].rstrip("/")
    if "/evaluations/" in text:
        text = text.split("/evaluations/", 1)[1].split("/")[0]
    return text[:64]


@bp.route("/comparer")
def compare():
    """2 to 4 evaluations side by side: `?e=<share token>&e=…`."""
    checklist = current_checklist()
    tokens = [token_of(t) for t in request.args.getlist("e") if token_of(t)]
    tokens = list(dict.fromkeys(tokens))  # the same evaluation twice counts once
    found = [(t, find_shared(t)) for t in tokens[:MAX_COMPARED]]
    unknown = [t for t, e in found if e is None]
    problem = None
    if len(tokens) > MAX_COMPARED:
        problem = _("On compare au plus %(n)s évaluations à la fois.", n=MAX_COMPARED)
    elif unknown:
        problem = _("Lien inconnu : %(tokens)s.", tokens=", ".join(t[:16] + "…" for t in unknown))
    elif len(found) < 2:  # not an error: the page asks for the other links
        return private(Response(render_template(
            "checklist/compare.html", problem=None, columns=[], tokens=tokens,
            hint=_("Il faut de 2 à 4 évaluations pour comparer : ajoutez les liens de lecture "
                   "des autres."))))
    if problem:
        return private(Response(render_template("checklist/compare.html", problem=problem,
                                                columns=[], tokens=tokens), status=400))
    columns = [result_context(e, checklist) for _t, e in found]
    criteria = [c for c in checklist.criteria.values()
                if any(c.applies_to(col["evaluation"].category) for col in columns)]
    return private(Response(render_template(
        "checklist/compare.html", problem=None, columns=columns, criteria=criteria,
        checklist=checklist, tokens=tokens, percent=percent)))
