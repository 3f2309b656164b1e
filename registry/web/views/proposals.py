"""Proposing a practice (/proposer): a questionnaire in steps behind a private link,
saved at every step, a preview of the page as it would be published, then submission.
The public list of contributions (/contributions) shows no personal data."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from ...content.text import clean_input
from ...extensions import limiter
from ...mail.service import deliver
from ...proposals.questionnaire import as_form, clean_step
from ...proposals.service import (
    StaleDraft,
    blocking,
    by_edit_token,
    by_read_token,
    editable,
    new_proposal,
    preview,
    public_list,
    save_step,
    submit,
)
from ...proposals.workflow import WorkflowError, reply
from ...services import catalog
from ..params import MAX_PAGE, read_int

bp = Blueprint("proposals", __name__)
PER_PAGE = 30


@bp.context_processor
def vocabularies():
    return {"catalog_vocabulary": catalog.taxonomy.vocabulary}


def _questionnaire():
    questionnaire = catalog.content.parts.get("proposal")
    if questionnaire is None:
        abort(503)
    return questionnaire


def _draft(token: str):
    proposal = by_edit_token(token)
    if proposal is None:
        abort(404)
    return proposal


@bp.route("/proposer", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRY_LIMIT_PROPOSALS"], methods=["POST"],
               scope="proposals")
def start():
    """What happens to a proposal, then a button that opens a draft."""
    questionnaire = _questionnaire()
    if request.method == "POST":
        if request.form.get("website"):  # a field people do not see: only robots fill it
            abort(400)
        proposal, token = new_proposal(questionnaire)
        flash(_("Votre brouillon est créé. Gardez l’adresse de cette page : c’est votre "
                "lien privé pour reprendre la proposition."))
        return redirect(url_for(".step", token=token, step_id=questionnaire.steps[0].id))
    return render_template("proposals/start.html", questionnaire=questionnaire)


@bp.route("/proposer/<token>/<step_id>", methods=["GET", "POST"])
def step(token: str, step_id: str):
    questionnaire = _questionnaire()
    proposal = _draft(token)
    current = questionnaire.step(step_id)
    if current is None:
        abort(404)
    if not editable(proposal):
        return redirect(url_for(".follow", token=token))
    form, errors, status = None, {}, 200
    if request.method == "POST":
        values, errors = clean_step(current, request.form, catalog.taxonomy)
        try:
            save_step(proposal, values, read_int(request.form, "version", 0, 0, 10**9,
                                                 lenient=True))
        except StaleDraft:
            form, status = as_form(values), 409
            errors = {"_stale": "stale"}
        else:
            if not errors:
                return redirect(_next(questionnaire, token, step_id, request.form.get("move")))
            form, status = as_form(values), 400
    index = questionnaire.steps.index(current)
    return render_template("proposals/step.html", questionnaire=questionnaire,
                           proposal=proposal, step=current, index=index, token=token,
                           form=form, errors=errors), status


def _next(questionnaire, token: str, step_id: str, move: str | None) -> str:
    ids = [s.id for s in questionnaire.steps]
    at = ids.index(step_id)
    if move == "precedent" and at > 0:
        return url_for(".step", token=token, step_id=ids[at - 1])
    if move == "enregistrer":
        return url_for(".step", token=token, step_id=step_id) + "#enregistre"
    if at + 1 < len(ids):
        return url_for(".step", token=token, step_id=ids[at + 1])
    return url_for(".preview_page", token=token)


def _preview_context(proposal):
    if proposal.kind != "pratique":
        return {"markdown": "", "entry": None, "problems": [], "body": None}
    markdown, entry, problems = preview(proposal, catalog.taxonomy, catalog.entries)
    body = None
    if entry is not None:
        body = render_template("pages/_practice_body.html", entry=entry,
                               rendered=catalog.render(entry), see_also=[], pending=True)
    return {"markdown": markdown, "entry": entry, "problems": problems, "body": body}


@bp.route("/proposer/<token>/apercu")
def preview_page(token: str):
    """The page as it would be published, and what still keeps it from being sent."""
    questionnaire = _questionnaire()
    proposal = _draft(token)
    if not editable(proposal):
        return redirect(url_for(".follow", token=token))
    empty, wrong = blocking(proposal, questionnaire, catalog.taxonomy)
    step_of = {f.name: s.id for s in questionnaire.steps for f in s.fields}
    empty = [(step_of[f.name], f) for f in empty]
    return render_template("proposals/preview.html", questionnaire=questionnaire,
                           proposal=proposal, token=token, empty=empty, wrong=wrong,
                           **_preview_context(proposal))


@bp.route("/proposer/<token>/soumettre", methods=["POST"])
def send(token: str):
    questionnaire = _questionnaire()
    proposal = _draft(token)
    sent = submit(proposal, questionnaire, catalog.taxonomy, catalog.entries)
    deliver()
    if not sent:
        flash(_("La proposition ne peut pas encore être envoyée : complétez ce qui est "
                "signalé."), "error")
        return redirect(url_for(".preview_page", token=token))
    flash(_("Merci : votre proposition est envoyée aux éditeurs du registre."))
    return redirect(url_for(".follow", token=token))


@bp.route("/proposer/<token>/suivi", methods=["GET", "POST"])
def follow(token: str):
    """The contributor's view of a sent proposal: its state, the published reason, and the
    right to answer a decision once, within REGISTRY_REPLY_DAYS."""
    proposal = _draft(token)
    days = current_app.config["REGISTRY_REPLY_DAYS"]
    if request.method == "POST":
        text = clean_input(request.form.get("reply", ""))
        try:
            if not text:
                raise WorkflowError("empty")
            reply(proposal, text, days)
        except WorkflowError:
            flash(_("La réponse n’a pas été enregistrée : elle est vide, déjà donnée, ou le "
                    "délai de %(days)s jours est passé.", days=days), "error")
        else:
            flash(_("Votre réponse est enregistrée ; les éditeurs la liront."))
        return redirect(url_for(".follow", token=token))
    return render_template("proposals/follow.html", proposal=proposal, token=token,
                           days=days, **_preview_context(proposal))


@bp.route("/propositions/<token>")
def read(token: str):
    """Read-only view of a proposal: its state and the page as sent; no editor's note,
    no reviewer's name, no e-mail address."""
    proposal = by_read_token(token)
    if proposal is None:
        abort(404)
    return render_template("proposals/read.html", proposal=proposal,
                           **_preview_context(proposal))


@bp.route("/contributions")
def contributions():
    """Every proposal past the draft: title, kind, state, date (no personal data)."""
    page = read_int(request.args, "page", 1, 1, MAX_PAGE, lenient=True)
    rows = public_list()
    pages = max(1, -(-len(rows) // PER_PAGE))
    return render_template("proposals/contributions.html",
                           rows=rows[(page - 1) * PER_PAGE:page * PER_PAGE], page=page,
                           pages=pages, total=len(rows))
