"""« Signaler une erreur ou proposer une modification » (/signaler/<page>): on every
content page, a reader points at a section, says what is wrong and may give the
corrected text and a source. No account; an e-mail address only for follow-up."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...content.text import clean_input
from ...extensions import limiter
from ...mail.service import deliver
from ...proposals.corrections import LIMITS, REPLICATION_LIMITS, ask, report, sections
from ...proposals.questionnaire import EMAIL
from ...services import catalog

bp = Blueprint("corrections", __name__)


@bp.route("/signaler/<slug>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRY_LIMIT_PROPOSALS"], methods=["POST"],
               scope="corrections")
def report_page(slug: str):
    entry = catalog.get(slug)
    if entry is None:
        abort(404)
    parts = sections(entry.body)
    headings = [h for h, _text in parts]
    errors, form = {}, request.form
    if request.method == "POST":
        if form.get("website"):  # a field people do not see: only robots fill it
            abort(400)
        heading = form.get("section", "")
        problem = clean_input(form.get("problem", ""))
        proposed = clean_input(form.get("proposed", ""))
        source = " ".join(clean_input(form.get("source", "")).split())
        email = clean_input(form.get("email", ""))
        if headings and heading not in headings:
            errors["section"] = _("Choisissez la partie de la page concernée.")
        if not problem:
            errors["problem"] = _("Dites ce qui est faux ou à modifier.")
        for name, value in (("problem", problem), ("proposed", proposed), ("source", source)):
            if len(value) > LIMITS[name]:
                errors[name] = _("Ce texte dépasse %(max)s caractères.", max=LIMITS[name])
        if email and not EMAIL.match(email):
            errors["email"] = _("Cette adresse électronique n’a pas la forme nom@domaine.fr.")
        texts = dict(parts)
        prefilled = texts.get(form.get("prefilled", ""), "")
        if proposed.strip() in (texts.get(heading, "").strip(), prefilled.strip()):
            proposed = ""  # a section's text sent back unchanged is no proposal
        if not errors:
            proposal, token = report(entry, heading or entry.title, problem, proposed, source,
                                     email or None)
            deliver()
            flash(_("Merci : votre signalement est envoyé aux éditeurs. Cette page suit son "
                    "traitement."))
            return redirect(url_for("proposals.follow", token=token))
    chosen = form.get("section") or request.args.get("section") or (headings[0] if headings
                                                                    else "")
    return render_template("corrections/report.html", entry=entry, parts=parts,
                           chosen=chosen, errors=errors, form=form, limits=LIMITS), \
        400 if errors else 200


@bp.route("/reproduire/<slug>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRY_LIMIT_PROPOSALS"], methods=["POST"],
               scope="replication")
def replicate(slug: str):
    """« Reproduire cette pratique : contacter l’équipe »: the editors relay the request."""
    entry = catalog.get(slug)
    if entry is None or not entry.is_practice:
        abort(404)
    errors, form = {}, request.form
    if request.method == "POST":
        if form.get("website"):
            abort(400)
        values = {k: clean_input(form.get(k, "")) for k in ("name", "organisation", "email",
                                                           "message")}
        for name, limit in REPLICATION_LIMITS.items():
            if not values[name] and name != "organisation":
                errors[name] = _("Ce champ est obligatoire.")
            elif len(values[name]) > limit:
                errors[name] = _("Ce texte dépasse %(max)s caractères.", max=limit)
        if values["email"] and not EMAIL.match(values["email"]):
            errors["email"] = _("Cette adresse électronique n’a pas la forme nom@domaine.fr.")
        if not errors:
            ask(entry, **values)
            deliver()
            flash(_("Merci : votre demande est envoyée aux éditeurs, qui la transmettront à "
                    "l’équipe."))
            return redirect(entry.url)
    return render_template("corrections/replicate.html", entry=entry, errors=errors,
                           form=form, limits=REPLICATION_LIMITS), 400 if errors else 200
