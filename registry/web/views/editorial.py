"""The editors' side of proposals (/edition/propositions/) and the reviewers' side
(/edition/revues/): screening, assigning reviewers, reviews against the evidence scale,
decisions with published reasons, and publishing to the content folder."""
from __future__ import annotations

from pathlib import Path

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
from flask_login import current_user
from sqlalchemy import select

from ...accounts.models import User
from ...content.text import clean_input
from ...extensions import db
from ...mail.service import deliver
from ...proposals.corrections import decide, proposed_diff
from ...proposals.models import Proposal, Review
from ...proposals.publish import PublishError, publish
from ...proposals.service import preview
from ...proposals.workflow import (
    WorkflowError,
    accepted,
    assign,
    can_accept,
    disagree,
    done_reviews,
    reject,
    request_changes,
    screen,
    submit_review,
)
from ...search import index_exists, update
from ...services import catalog
from ..access import editor_required, role_required

bp = Blueprint("editorial", __name__, url_prefix="/edition")


def _proposal(number: int) -> Proposal:
    proposal = db.session.get(Proposal, number)
    if proposal is None or proposal.state == "brouillon":
        abort(404)
    return proposal


def _text(name: str) -> str:
    return clean_input(request.form.get(name, ""))


def _page(proposal: Proposal) -> str | None:
    if proposal.kind != "pratique":
        return None
    _markdown, entry, _problems = preview(proposal, catalog.taxonomy, catalog.entries)
    if entry is None:
        return None
    return render_template("pages/_practice_body.html", entry=entry,
                           rendered=catalog.render(entry), see_also=[], pending=True)


@bp.route("/propositions/")
@editor_required
def proposals():
    rows = db.session.scalars(select(Proposal).where(Proposal.state != "brouillon")
                              .order_by(Proposal.id.desc())).all()
    return render_template("edition/proposals.html", rows=rows)


def _show(proposal: Proposal, error: str | None = None, status: int = 200):
    reviewers = db.session.scalars(select(User).where(User.role == "reviewer",
                                                      User.active.is_(True))
                                   .order_by(User.display_name)).all()
    diff, no_diff = proposed_diff(proposal, catalog.root) if proposal.kind == "correction" \
        else ("", None)
    return render_template("edition/proposal.html", proposal=proposal, error=error,
                           diff=diff, no_diff=no_diff,
                           reviewers=reviewers, done=done_reviews(proposal),
                           disagree=disagree(proposal), can_accept=can_accept(proposal),
                           levels=catalog.taxonomy.evidence, body=_page(proposal),
                           form=request.form), status


@bp.route("/propositions/<int:number>")
@editor_required
def proposal(number: int):
    return _show(_proposal(number))


@bp.route("/propositions/<int:number>/recevabilite", methods=["POST"])
@editor_required
def screening(number: int):
    proposal = _proposal(number)
    try:
        screen(proposal, request.form.get("admissible") == "oui", _text("reason"), current_user)
    except WorkflowError as exc:
        return _show(proposal, str(exc), 400)
    deliver()
    return redirect(url_for(".proposal", number=number))


@bp.route("/propositions/<int:number>/relecteurs", methods=["POST"])
@editor_required
def reviewers(number: int):
    proposal = _proposal(number)
    ids = {int(v) for v in request.form.getlist("reviewer") if v.isdigit() and len(v) < 10}
    chosen = db.session.scalars(select(User).where(User.id.in_(ids))).all() if ids else []
    try:
        assign(proposal, chosen, current_user)
    except WorkflowError as exc:
        return _show(proposal, str(exc), 400)
    return redirect(url_for(".proposal", number=number))


@bp.route("/propositions/<int:number>/decision", methods=["POST"])
@editor_required
def decision(number: int):
    proposal = _proposal(number)
    choice, reason = request.form.get("decision"), _text("reason")
    if proposal.kind == "correction":
        return _correction(proposal, choice, reason)
    try:
        if choice == "modifications":
            request_changes(proposal, reason, current_user)
        elif choice == "refuser":
            reject(proposal, reason, current_user)
        elif choice == "accepter":
            return _accept(proposal, reason)
        else:
            raise WorkflowError(_("Choisissez une décision."))
    except WorkflowError as exc:
        return _show(proposal, str(exc), 400)
    deliver()
    return redirect(url_for(".proposal", number=number))


def _accept(proposal: Proposal, reason: str):
    level, justification = request.form.get("level", ""), _text("justification")
    if not can_accept(proposal):
        raise WorkflowError(_("Il faut au moins deux revues terminées pour accepter."))
    if level not in catalog.taxonomy.evidence or len(justification.split()) < 8:
        raise WorkflowError(_("Choisissez le niveau de preuve et justifiez-le en 8 mots au "
                              "moins : ils seront publiés sur la page."))
    author = f"{current_user.display_name} <{current_user.username}@registre.invalid>"
    try:
        slug, sha = publish(proposal, catalog.root, catalog.taxonomy, catalog.entries, level,
                            justification, author)
    except PublishError as exc:
        return _show(proposal, _("La page n’a pas été publiée : les vérifications du "
                                 "contenu ont échoué.") + " " + "; ".join(exc.problems), 400)
    accepted(proposal, slug, reason, current_user, sha, level)
    deliver()
    _refresh_site()
    flash(_("Proposition acceptée et publiée.")
          + (" " + _("Modification enregistrée dans git (%(sha)s).", sha=sha[:10]) if sha else ""))
    return redirect(url_for(".proposal", number=proposal.id))


def _refresh_site() -> None:
    """After a publication: this worker serves the new content and the index finds it
    (other workers see the files within REGISTRY_CONTENT_CHECK_SECONDS)."""
    catalog.load()
    index_dir = Path(current_app.config["REGISTRY_INDEX_DIR"])
    if index_exists(index_dir):
        update(catalog, index_dir)


def _correction(proposal: Proposal, choice: str | None, reason: str):
    try:
        if choice not in ("accepter", "refuser"):
            raise WorkflowError(_("Choisissez une décision."))
        sha = decide(proposal, choice == "accepter", reason, current_user, catalog.root)
        deliver()
    except WorkflowError as exc:
        return _show(proposal, str(exc), 400)
    except PublishError as exc:
        return _show(proposal, _("La page n’a pas été publiée : les vérifications du "
                                 "contenu ont échoué.") + " " + "; ".join(exc.problems), 400)
    if sha is not None or proposal.data.get("diff"):
        _refresh_site()
    return redirect(url_for(".proposal", number=proposal.id))


@bp.route("/revues/")
@role_required("reviewer")
def reviews():
    """The proposals assigned to this reviewer, and only those."""
    mine = db.session.scalars(select(Review).where(Review.reviewer_id == current_user.id)
                              .order_by(Review.id.desc())).all()
    return render_template("edition/reviews.html", reviews=mine)


@bp.route("/revues/<int:number>", methods=["GET", "POST"])
@role_required("reviewer")
def review(number: int):
    item = db.session.get(Review, number)
    if item is None or item.reviewer_id != current_user.id:
        abort(404)
    error, status = None, 200
    if request.method == "POST":
        try:
            submit_review(item, _text("interests"), request.form.get("level", ""),
                          _text("justification"), _text("comments"), catalog.taxonomy)
        except WorkflowError as exc:
            error, status = str(exc), 400
        else:
            flash(_("Revue enregistrée. Merci."))
            return redirect(url_for(".reviews"))
    return render_template("edition/review.html", review=item, proposal=item.proposal,
                           levels=catalog.taxonomy.evidence, body=_page(item.proposal),
                           error=error, form=request.form), status
