"""Read-only views of evaluations: result, easy-to-read summary, history, exports, compare."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _

from ...checklist.easy import falc_summary
from ...checklist.exports import CSV_COLUMNS, csv_rows, record
from ...checklist.storage import diff, find_shared, result_of
from ...content.easy_render import render_falc
from ...insights.compare import MAX_COMPARED
from .. import my_evaluations
from ..downloads import csv_download, json_download
from ..evaluation_pages import current_checklist, percent, private, result_context
from ..urls import external_url

bp = Blueprint("evaluations", __name__, url_prefix="/numerique")


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
    body = render_template("evaluations/result.html", can_edit=False,
                           **result_context(evaluation, checklist))
    return my_evaluations.remember(private(Response(body)), my_evaluations.SHARE, token)


@bp.route("/evaluations/<token>/facile")
def easy(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    text = falc_summary(evaluation.tool_name, result_of(evaluation, checklist))
    return private(Response(render_template("evaluations/easy.html", evaluation=evaluation,
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
            message = _("Choisissez deux révisions qui existent (de %(first)s à %(last)s).",
                        first=min(numbers), last=max(numbers))
            abort(400, description=message)
        by_number = {r.number: r for r in revisions}
        pair = (by_number[old], by_number[new])
        changes = diff(pair[0].snapshot, pair[1].snapshot)
    verdicts = {v.id: v.label for v in checklist.verdicts}
    return private(Response(render_template(
        "evaluations/history.html", evaluation=evaluation, revisions=revisions, changes=changes,
        pair=pair, verdicts=verdicts, answers=checklist.answers, percent=percent)))


@bp.route("/evaluations/<token>/export.json")
def export_json(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    data = record(evaluation, checklist, result_of(evaluation, checklist),
                  external_url("evaluations.shared", token=token))
    return private(json_download(data, "evaluation.json"))


@bp.route("/evaluations/<token>/export.csv")
def export_csv(token: str):
    checklist = current_checklist()
    evaluation = shared_or_404(token)
    rows = csv_rows(result_of(evaluation, checklist))
    return private(csv_download(CSV_COLUMNS, rows, "evaluation.csv"))


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
            "evaluations/compare.html", problem=None, columns=[], tokens=tokens,
            hint=_("Il faut de 2 à 4 évaluations pour comparer : ajoutez les liens de lecture "
                   "des autres."))))
    if problem:
        return private(Response(render_template("evaluations/compare.html", problem=problem,
                                                columns=[], tokens=tokens), status=400))
    columns = [result_context(e, checklist) for _t, e in found]
    criteria = [c for c in checklist.criteria.values()
                if any(c.applies_to(col["evaluation"].category) for col in columns)]
    return private(Response(render_template(
        "evaluations/compare.html", problem=None, columns=columns, criteria=criteria,
        checklist=checklist, tokens=tokens, percent=percent)))
