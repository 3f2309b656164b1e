"""What people send: bodies read within limits, forms echoed back within limits, JSON
parsed without surprises."""
from __future__ import annotations

import json

from flask import current_app, request
from werkzeug.datastructures import MultiDict

MAX_JSON_DEPTH = 32  # far deeper than any request the API documents


class BadJSON(ValueError):
    """The body is not a JSON document the API can read; the message says why."""


def echoed(form, limit: int) -> MultiDict:
    """The form as typed, for a page that shows it again, each value cut at `limit`
    characters: a refused form keeps what was typed, but never echoes a huge field."""
    return MultiDict([(name, value[:limit]) for name, value in form.items(multi=True)])


def max_body(limit: int):
    """Give a view a smaller body limit than MAX_CONTENT_LENGTH (checked before reading)."""

    def mark(view):
        view.max_body = limit
        return view

    return mark


def read_json():
    """The request's JSON body, read within the view's limit (413 beyond, chunked too).

    Refuses (BadJSON) what `json.loads` accepts but the API cannot store: lone
    surrogates (not UTF-8, refused by PostgreSQL) and documents nested deeper than
    MAX_JSON_DEPTH (Python's recursion limit is not a validation rule)."""
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise BadJSON("the body must be a JSON document (Content-Type: application/json)") \
            from exc
    _check(data, 0)
    return data


def _check(value, depth: int) -> None:
    if depth > MAX_JSON_DEPTH:
        raise BadJSON(f"the body is nested deeper than {MAX_JSON_DEPTH} levels")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadJSON("the body holds a lone surrogate (\\ud800-\\udfff): not valid "
                          "Unicode") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key, depth + 1)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


def limit_body() -> None:
    """Apply the view's body limit (`max_body`), and read a body of unknown length
    (Transfer-Encoding: chunked) here, before any view parses it: reading stops at the
    limit and the request is refused (413) instead of being parsed cut short."""
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "max_body", None):
        request.max_content_length = view.max_body
    if request.environ.get("HTTP_TRANSFER_ENCODING", "").lower() != "chunked":
        return
    data = request.get_data(cache=True)  # form parsing reuses the cached bytes
    limit = request.max_content_length
    if limit is not None and len(data) >= limit:
        request.stream.read(1)  # past the limit: werkzeug raises RequestEntityTooLarge


def init_app(app) -> None:
    app.before_request(limit_body)
