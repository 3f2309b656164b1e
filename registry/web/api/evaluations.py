"""JSON API v1 for the digital-tool checklist: the criteria and evaluations.

The same validation as the form (`evaluation_input`): a refused body gets 400
with the first error's message and field, and every error in `errors`.
"""
from __future__ import annotations

from flask import abort, jsonify, request, url_for

from ...checklist import storage
from ...checklist.exports import record, scores_record
from ...checklist.submission import Checked, check_answers, check_header
from ...services import catalog
from .blueprint import bp

MAX_BODY = 256 * 1024  # bytes: far more than every criterion answered at full length


def _checklist():
    checklist = catalog.part("checklist")
    if checklist is None:
        abort(404, description="no checklist is configured")
    return checklist


def refused(errors):
    first = errors[0]
    return jsonify({"error": first.message, "field": first.field,
                    "errors": [e.as_dict() for e in errors]}), 400


@bp.route("/checklist")
def api_checklist():
    checklist = _checklist()
    return jsonify({
        "version": checklist.version,
        "domains": [{"id": d.id, "title": d.title} for d in checklist.domains],
        "criteria": [{"id": c.id, "domain": c.domain, "question": c.question, "help": c.help,
                      "categories": list(c.categories), "weight": c.weight,
                      "vigilance": c.vigilance} for c in checklist.criteria.values()],
        "answers": list(checklist.answers),
        "evidence_statuses": list(checklist.evidence_statuses),
        "categories": list(checklist.categories),
    })


@bp.route("/evaluations", methods=["POST"])
def api_create_evaluation():
    checklist = _checklist()
    if request.content_length is not None and request.content_length > MAX_BODY:
        return jsonify({"error": f"body larger than {MAX_BODY} bytes", "field": "body"}), 413
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify({"error": "the body must be a JSON object (Content-Type: "
                                 "application/json)", "field": "body"}), 400
    checked = Checked()
    check_header(data, checklist, checked)
    if not checked.errors:
        check_answers(data.get("answers", []), checklist, checked.header.category, checked)
    if checked.errors:
        return refused(checked.errors)
    evaluation, edit_token = storage.create(checked.header, checked.answers, checklist)
    result = storage.result_of(evaluation, checklist)
    share_url = url_for("evaluations.shared", token=evaluation.share_token, _external=True)
    body = {
        "share_url": share_url,
        "edit_url": url_for("checklist.overview", token=edit_token, _external=True),
        "share_token": evaluation.share_token,
        "api_url": url_for("api.api_evaluation", token=evaluation.share_token, _external=True),
        "criteria_version": checklist.version,
        "scores": scores_record(result),
    }
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = body["api_url"]
    return response


@bp.route("/evaluations/<token>")
def api_evaluation(token: str):
    checklist = _checklist()
    evaluation = storage.find_shared(token)
    if evaluation is None:
        return jsonify({"error": "no evaluation with this share token"}), 404
    share_url = url_for("evaluations.shared", token=token, _external=True)
    return jsonify(record(evaluation, checklist, storage.result_of(evaluation, checklist),
                          share_url))
