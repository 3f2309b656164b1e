"""JSON API v1 for the digital-tool checklist: the criteria and evaluations.

The same validation as the form (`checklist.submission`), then the body schema the
OpenAPI document states: a refused body gets 400 with the first error's message and
field, and every error in `errors`.
"""
from __future__ import annotations

from flask import abort, jsonify
from jsonschema import Draft202012Validator

from ...checklist import storage
from ...checklist.body_schema import body_schema
from ...checklist.exports import record, scores_record
from ...checklist.submission import Checked, SubmissionError, check_answers, check_header
from ...services import catalog
from ..evaluation_pages import new_evaluation_limit, private
from ..forms import BadJSON, max_body, read_json
from ..urls import external_url
from .blueprint import bp

MAX_BODY = 256 * 1024  # bytes: far more than every criterion answered at full length


def _checklist():
    checklist = catalog.part("checklist")
    if checklist is None:
        abort(404, description="no checklist is configured")
    return checklist


def schema_errors(data, checklist) -> list[SubmissionError]:
    """Whatever the body schema of the OpenAPI document refuses, field by field."""
    validator = Draft202012Validator(body_schema(checklist),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [SubmissionError(".".join(str(p) for p in error.absolute_path) or "body",
                            error.message[:300])
            for error in validator.iter_errors(data)]


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
@new_evaluation_limit
@max_body(MAX_BODY)
def api_create_evaluation():
    checklist = _checklist()
    try:
        data = read_json()
    except BadJSON as exc:
        return jsonify({"error": str(exc), "field": "body"}), 400
    if not isinstance(data, dict):
        return jsonify({"error": "the body must be a JSON object (Content-Type: "
                                 "application/json)", "field": "body"}), 400
    checked = Checked()
    check_header(data, checklist, checked)
    if not checked.errors:
        check_answers(data.get("answers", []), checklist, checked.header.category, checked)
    if not checked.errors:  # the documented schema is the last gate
        checked.errors += schema_errors(data, checklist)
    if checked.errors:
        return refused(checked.errors)
    evaluation, edit_token = storage.create(checked.header, checked.answers, checklist)
    result = storage.result_of(evaluation, checklist)
    share_url = external_url("evaluations.shared", token=evaluation.share_token)
    body = {
        "share_url": share_url,
        "edit_url": external_url("checklist.overview", token=edit_token),
        "share_token": evaluation.share_token,
        "api_url": external_url("api.api_evaluation", token=evaluation.share_token),
        "criteria_version": checklist.version,
        "scores": scores_record(result),
    }
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = body["api_url"]
    return private(response)  # it carries the edit link


@bp.route("/evaluations/<token>")
def api_evaluation(token: str):
    checklist = _checklist()
    evaluation = storage.find_shared(token)
    if evaluation is None:
        return jsonify({"error": "no evaluation with this share token"}), 404
    share_url = external_url("evaluations.shared", token=token)
    return private(jsonify(record(evaluation, checklist,
                                  storage.result_of(evaluation, checklist), share_url)))
