"""The evaluation instrument: start, one step per domain, edit overview, delete.

Plain HTML forms (CSRF-protected by Flask-WTF): every step saves, works without
JavaScript, and a refused form comes back with what the person typed.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...checklist import storage
from ...checklist.storage import Conflict, answers_of, find_editable
from ...checklist.submission import Checked, Header, SubmissionError, check_answers, check_header
from ...services import catalog
from .. import my_evaluations
from ..evaluation_pages import (
    FICHE,
    current_checklist,
    new_evaluation_limit,
    private,
    result_context,
)
from ..forms import echoed
from ..urls import external_url

bp = Blueprint("checklist", __name__, url_prefix="/numerique")
PARTS = ("value", "comment", "evidence_reference", "evidence_checked_on", "evidence_status")
RESULT = "__resultat"


@bp.route("/evaluer", methods=["GET", "POST"])
@new_evaluation_limit
def start():
    checklist = current_checklist()
    checked = Checked()
    if request.method == "POST":
        check_header(request.form, checklist, checked)
        if not checked.errors:
            evaluation, token = storage.create(checked.header, {}, checklist)
            flash(_("Évaluation créée. Gardez l’adresse de cette page : c’est votre lien de "
                    "modification."), "success")
            first = checklist.domains_for(evaluation.category)[0]
            return redirect(url_for(".step", token=token, domain=first.id))
    body = render_template("checklist/start.html", checklist=checklist, checked=checked,
                           form=echoed(request.form, echo_limit(checklist)),
                           fiche=catalog.get(FICHE, "fiche"))
    return Response(body, status=400 if checked.errors else 200)


def echo_limit(checklist) -> int:
    """How much of a field a refused form shows again: 4 times the longest text allowed."""
    return 4 * max(checklist.limits.values())


def editable_or_404(token: str):
    evaluation = find_editable(token)
    if evaluation is None:
        abort(404, description=_("Ce lien de modification ne correspond à aucune évaluation. "
                                 "Vérifiez qu’il a été copié en entier."))
    return evaluation


def read_step_form(form, criteria) -> tuple[list[dict], list[SubmissionError]]:
    """The answers typed on a step; a question left without an answer is skipped,
    unless something else was typed for it (then the person is asked to choose)."""
    items, errors = [], []
    for criterion in criteria:
        typed = {part: form.get(f"{part}-{criterion.id}", "") for part in PARTS}
        if not typed["value"]:
            if any(typed[p].strip() for p in PARTS[1:4]):
                errors.append(SubmissionError(f"value-{criterion.id}", _(
                    "Choisissez une réponse pour enregistrer ce que vous avez écrit."),
                    criterion.id))
            continue
        items.append({"criterion": criterion.id, **typed})
    return items, errors


def read_version(form, checked: Checked) -> int | None:
    try:
        return int(form.get("version", ""))
    except ValueError:
        checked.errors.append(SubmissionError("version", _("Version du formulaire manquante : "
                                                      "rechargez la page.")))
        return None


@bp.route("/modifier/<token>/etape/<domain>", methods=["GET", "POST"])
def step(token: str, domain: str):
    checklist = current_checklist()
    evaluation = editable_or_404(token)
    domains = checklist.domains_for(evaluation.category)
    index = next((i for i, d in enumerate(domains) if d.id == domain), None)
    if index is None:
        abort(404, description=_("Cette étape n’existe pas pour cette catégorie d’outil."))
    criteria = [c for c in checklist.for_category(evaluation.category) if c.domain == domain]
    checked, conflict = Checked(), None
    if request.method == "POST":
        items, checked.errors = read_step_form(request.form, criteria)
        check_answers(items, checklist, evaluation.category, checked,
                      allowed={c.id for c in criteria})
        version = read_version(request.form, checked)
        if not checked.errors:
            header = Header(evaluation.tool_name, evaluation.category, evaluation.role or "")
            try:
                changed = storage.save(evaluation, version, header, checked.answers, checklist)
            except Conflict as exc:
                conflict = exc
            else:
                flash(_("Réponses enregistrées.") if changed else _("Aucun changement à "
                                                                    "enregistrer."), "success")
                return redirect(_next_url(request.form, token, domains, index))
    saved = answers_of(evaluation)
    body = render_template(
        "checklist/step.html", evaluation=evaluation, checklist=checklist, domains=domains,
        index=index, domain=domains[index], criteria=criteria, saved=saved, token=token,
        form=echoed(request.form, echo_limit(checklist)) if request.method == "POST" else None,
        checked=checked,
        conflict=conflict, result_id=RESULT,
        counts={d.id: _answered(checklist, evaluation.category, d.id, saved) for d in domains})
    status = 409 if conflict else 400 if checked.errors else 200
    return private(Response(body, status=status))


def _answered(checklist, category, domain_id, saved) -> tuple[int, int]:
    ids = [c.id for c in checklist.for_category(category) if c.domain == domain_id]
    return sum(i in saved for i in ids), len(ids)


def _next_url(form, token: str, domains, index: int) -> str:
    target = form.get("goto", "")
    if target == RESULT:
        return url_for(".overview", token=token)
    if target in {d.id for d in domains}:
        return url_for(".step", token=token, domain=target)
    move = {"suivant": 1, "precedent": -1}.get(form.get("move", ""), 0)
    new = index + move
    if new >= len(domains):
        return url_for(".overview", token=token)
    return url_for(".step", token=token, domain=domains[max(new, 0)].id)


@bp.route("/modifier/<token>", methods=["GET", "POST"])
def overview(token: str):
    """The result, with the links to share and edit, and the general information form."""
    checklist = current_checklist()
    evaluation = editable_or_404(token)
    checked, conflict = Checked(), None
    if request.method == "POST":
        check_header(request.form, checklist, checked, category_fixed=evaluation.category)
        version = read_version(request.form, checked)
        if not checked.errors:
            try:
                changed = storage.save(evaluation, version, checked.header, {}, checklist)
            except Conflict as exc:
                conflict = exc
            else:
                flash(_("Informations enregistrées.") if changed else _("Aucun changement à "
                                                                        "enregistrer."), "success")
                return redirect(url_for(".overview", token=token))
    body = render_template(
        "checklist/overview.html", can_edit=True, token=token, checked=checked, conflict=conflict,
        form=echoed(request.form, echo_limit(checklist)) if request.method == "POST" else None,
        edit_url=external_url("checklist.overview", token=token),
        first_step=checklist.domains_for(evaluation.category)[0],
        **result_context(evaluation, checklist))
    status = 409 if conflict else 400 if checked.errors else 200
    return my_evaluations.remember(private(Response(body, status=status)), my_evaluations.EDIT,
                                   token)


@bp.route("/mes-evaluations", methods=["GET", "POST"])
def mine():
    """The evaluations opened in this browser (kept in its cookie, not on the server)."""
    checklist = current_checklist()
    if request.method == "POST":
        token = request.form.get("forget", "")
        response = redirect(url_for(".mine"))
        if token == "all":
            flash(_("La liste a été vidée dans ce navigateur. Les évaluations existent "
                    "toujours : leurs liens restent valables."), "success")
            return my_evaluations.forget(response)
        flash(_("Ce lien a été retiré de la liste. L’évaluation existe toujours."), "success")
        return my_evaluations.forget(response, token)
    return private(Response(render_template("checklist/mine.html", kept=my_evaluations.kept(),
                                            checklist_categories=checklist.categories)))


@bp.route("/modifier/<token>/supprimer", methods=["GET", "POST"])
def remove(token: str):
    current_checklist()
    evaluation = editable_or_404(token)
    error = None
    if request.method == "POST":
        if request.form.get("confirm") == "oui":
            name = evaluation.tool_name
            storage.delete(evaluation)
            flash(_("L’évaluation de « %(name)s » a été supprimée, avec tout son historique.",
                    name=name), "success")
            return redirect(url_for(".start"))
        error = _("Cochez la case pour confirmer la suppression.")
    body = render_template("checklist/delete.html", evaluation=evaluation, token=token,
                           error=error)
    return private(Response(body, status=400 if error else 200))
