"""The rereader's side of a rereading (/relire/<lien>): no account, no password.

The page's easy text, each sentence with a box to tick when it was not understood, a
field for the words not understood, and the questions of content/relecture.yaml with
pictures. Sent again, the answers replace the previous ones.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _

from ...content.text import clean_input
from ...extensions import limiter
from ...rereading.service import (
    MAX_WORDS,
    RereadingError,
    find_invite,
    reading_blocks,
    save_answers,
)
from ...services import catalog

bp = Blueprint("rereader", __name__, url_prefix="/relire")


@bp.context_processor
def easy_page_context():
    """Rereading pages are easy-to-read pages: pictures, help numbers, the text's blocks."""
    return {"pictograms": catalog.content.pictograms, "help": catalog.content.help,
            "reading_blocks": reading_blocks}


def _invite(token: str):
    invite = find_invite(token)
    if invite is None:
        abort(404)
    return invite


@bp.route("/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRY_LIMIT_FEEDBACK"], methods=["POST"],
               scope="rereading")
def read(token: str):
    invite = _invite(token)
    rereading = invite.rereading
    questions = catalog.content.rereading
    if rereading.state != "ouverte":
        return render_template("rereader/closed.html"), 410
    form, error, thanked = request.form, None, False
    if request.method == "POST":
        sentences = [int(v) for v in form.getlist("phrase") if v.isdigit() and len(v) < 5]
        answers = {}
        for question in questions.questions if questions else ():
            answer = form.get(f"q-{question.id}", "")
            if question.answer(answer) is not None:
                answers[question.id] = answer
        try:
            save_answers(invite, sentences, clean_input(form.get("words", ""))[:MAX_WORDS],
                         answers)
            thanked = True
        except RereadingError:
            return render_template("rereader/closed.html"), 410
    elif invite.answered_at is not None:
        form = _previous(invite)
    if thanked:
        return render_template("rereader/thanks.html", token=token)
    return render_template("rereader/read.html", invite=invite, rereading=rereading,
                           questions=questions, form=form, error=error,
                           max_words=MAX_WORDS,
                           title=_("Relecture : %(title)s", title=rereading.title))


def _previous(invite):
    """What the rereader said before, as a form to change it."""
    from werkzeug.datastructures import MultiDict

    items = [("phrase", str(n)) for n in invite.sentences]
    items += [(f"q-{q}", a) for q, a in (invite.answers or {}).items()]
    items.append(("words", invite.words or ""))
    return MultiDict(items)
