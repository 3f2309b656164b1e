"""The JSON Schema of an evaluation sent to the API: what the OpenAPI document states and
what the API checks, from the same function, so that they can never disagree.

The submission rules (`submission.py`) give people readable messages; this schema is the
last gate, and the contract generated requests are tested against.
"""
from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from functools import lru_cache

from .criteria import Checklist

EARLIEST = dt.date(1990, 1, 1)


@lru_cache(maxsize=1)
def visible_pattern() -> str:
    """A regex (valid in ECMA-262, Python and Rust alike) matching a character that stays
    once a text is cleaned: not white space, not a control, not an invisible format
    character of the Basic Multilingual Plane (the zero-width joiners excepted)."""
    hidden = [c for c in range(0x10000) if unicodedata.category(chr(c)) in ("Cc", "Cf")
              and c not in (0x200C, 0x200D)]
    ranges, start = [], hidden[0]
    for previous, current in zip(hidden, [*hidden[1:], sys.maxunicode + 2], strict=True):
        if current != previous + 1:
            ranges.append(f"\\u{start:04x}" + (f"-\\u{previous:04x}" if previous > start else ""))
            start = current
    return "[^\\s" + "".join(ranges) + "]"


def past_dates_pattern(latest: dt.date) -> str:
    """ISO dates from EARLIEST to `latest` (the date's own validity is `format: date`)."""
    y, m, d = latest.year, latest.month, latest.day
    years = "|".join(str(year) for year in range(EARLIEST.year, y))
    months = "|".join(f"{month:02d}" for month in range(1, m))
    days = "|".join(f"{day:02d}" for day in range(1, d + 1))
    parts = [f"(?:{years})-\\d\\d-\\d\\d"] if years else []
    if months:
        parts.append(f"{y}-(?:{months})-\\d\\d")
    parts.append(f"{y}-{m:02d}-(?:{days})")
    return "^(?:" + "|".join(parts) + ")$"


def latest_check_date(today: dt.date | None = None) -> dt.date:
    """The latest evidence check date accepted: tomorrow, for time zones ahead."""
    return (today or dt.date.today()) + dt.timedelta(days=1)


def _text(limit: int, required: bool) -> dict:
    schema = {"type": "string", "maxLength": limit}
    if required:
        return schema | {"minLength": 1, "pattern": visible_pattern()}
    return {"type": ["string", "null"], "maxLength": limit}


def answer_schema(checklist: Checklist, category: str, latest: dt.date) -> dict:
    limits = checklist.limits
    return {
        "type": "object",
        "required": ["criterion", "value"],
        "properties": {
            "criterion": {"type": "string",
                          "enum": [c.id for c in checklist.for_category(category)]},
            "value": {"type": "string", "enum": list(checklist.answers)},
            "comment": _text(limits["comment"], required=False),
            "evidence_reference": _text(limits["evidence_reference"], required=False),
            "evidence_checked_on": {"anyOf": [
                {"type": "null"}, {"const": ""},
                {"type": "string", "format": "date", "pattern": past_dates_pattern(latest)}]},
            "evidence_status": {"enum": [*checklist.evidence_statuses, "", None]},
        },
    }


def body_schema(checklist: Checklist, today: dt.date | None = None) -> dict:
    """The body of `POST /api/v1/evaluations`: one variant per tool category, each
    listing the criteria asked for that category."""
    latest = latest_check_date(today)
    limits = checklist.limits
    return {
        "type": "object",
        "required": ["tool_name", "category"],
        "properties": {
            "tool_name": _text(limits["tool_name"], required=True),
            "role": _text(limits["role"], required=False),
            "category": {"type": "string", "enum": list(checklist.categories)},
            "answers": {"type": ["array", "null"]},
        },
        "oneOf": [{
            "properties": {
                "category": {"const": category},
                "answers": {"type": ["array", "null"],
                            "items": answer_schema(checklist, category, latest)},
            },
        } for category in checklist.categories],
    }
