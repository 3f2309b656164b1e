"""Front-matter schema: which fields each content type has, and how each is checked.

Each checker takes the raw YAML value and the taxonomy, and returns the
normalized value or raises `InvalidField` with a reason meant for authors.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .taxonomy import Taxonomy
from .text import SLUG_RE


class InvalidField(ValueError):
    """A field's value is invalid; the message says why."""


Checker = Callable[[object, Taxonomy], object]


def text(value, _tax):
    if not isinstance(value, str) or not value.strip():
        raise InvalidField("must be a non-empty text")
    return value.strip()


def optional_text(value, tax):
    return None if value is None else text(value, tax)


def optional(check: Checker, default) -> Checker:
    """Accept a missing (null) value as `default`, else apply `check`."""
    return lambda value, tax: default if value is None else check(value, tax)


def slug(value, _tax):
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise InvalidField("must be lowercase ASCII words joined by hyphens (e.g. clip-nancy)")
    return value


def slug_list(value, tax):
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidField("must be a list of slugs")
    return [slug(v, tax) for v in value]


def text_list(value, tax):
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidField("must be a list of texts")
    return [text(v, tax) for v in value]


def date(value, _tax):
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidField("must be a date written YYYY-MM-DD") from None


def required_date(value, tax):
    if value is None:
        raise InvalidField("must be a date written YYYY-MM-DD")
    return date(value, tax)


def year(value, _tax):
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2100:
        raise InvalidField("must be a four-digit year or null")
    return value


def term_of(vocabulary: str, many: bool, required: bool = True) -> Checker:
    """Check one id (or a list of ids) against a vocabulary of the taxonomy."""

    def check(value, tax):
        allowed = tax.vocabulary(vocabulary)
        values = value if many else [value]
        if many and value is None and not required:
            return []
        if not many and value is None and not required:
            return None
        if many and not isinstance(value, list):
            raise InvalidField(f"must be a list of {vocabulary} ids")
        if many and required and not value:
            raise InvalidField(f"must list at least one of {vocabulary}")
        for v in values:
            if v not in allowed:
                choices = ", ".join(str(k) for k in allowed)
                raise InvalidField(f"unknown {vocabulary} value {v!r} (allowed: {choices})")
        return list(values) if many else value

    return check


def integer_in(low: int, high: int) -> Checker:
    def check(value, _tax):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InvalidField(f"must be an integer from {low} to {high}")
        return value

    return check


PAGES_RE = re.compile(r"\d{1,3}(?:-\d{1,3})?")


def sources(value, tax):
    if not isinstance(value, list) or not value:
        raise InvalidField("must list at least one source as {document, section}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or not {"document", "section"} <= set(item) \
                or not set(item) <= {"document", "section", "page"}:
            raise InvalidField(f"item {i + 1} must have the keys document and section, "
                               "and optionally page")
        source = {"document": text(item["document"], tax), "section": text(item["section"], tax),
                  "page": None}
        if item.get("page") is not None:
            page = str(item["page"])
            if not PAGES_RE.fullmatch(page):
                raise InvalidField(f"item {i + 1}: page must be a page number or a range "
                                   "such as 10-11")
            source["page"] = page
        out.append(source)
    return out


def reproduce(value, tax):
    """The « Reproduire cette pratique » block: every field of the taxonomy's
    `reproduce_fields`, null where the sources say nothing."""
    expected = [f.id for f in tax.reproduce]
    if not isinstance(value, dict) or set(value) != set(expected):
        raise InvalidField(f"must have exactly the keys {', '.join(expected)} "
                           "(null where the sources say nothing)")
    out = {}
    for spec in tax.reproduce:
        item = value[spec.id]
        if item is None:
            out[spec.id] = None
        elif spec.shape == "text":
            out[spec.id] = _field_text(item, spec.id)
        elif spec.shape == "list":
            if not isinstance(item, list) or not item:
                raise InvalidField(f"{spec.id}: must be a list of steps, or null")
            out[spec.id] = [_field_text(step, spec.id) for step in item]
        else:  # dated
            if not isinstance(item, dict) or set(item) != {"text", "year"}:
                raise InvalidField(f"{spec.id}: must be {{text, year}} (year may be null), "
                                   "or null")
            try:
                out[spec.id] = {"text": _field_text(item["text"], spec.id),
                                "year": year(item["year"], tax)}
            except InvalidField as exc:
                raise InvalidField(f"{spec.id}: {exc}") from None
    return out


def _field_text(value, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidField(f"{name}: must be a non-empty text, or null")
    return value.strip()


def evidence(value, tax):
    if not isinstance(value, dict) or set(value) != {"level", "justification"}:
        raise InvalidField("must have exactly the keys level and justification")
    level = value["level"]
    if level not in tax.evidence:
        allowed = ", ".join(tax.evidence)
        raise InvalidField(f"unknown evidence level {level!r} (allowed: {allowed})")
    justification = value["justification"]
    if not isinstance(justification, str) or len(justification.split()) < 8:
        raise InvalidField("justification must say in at least 8 words what the sources report")
    return {"level": level, "justification": justification.strip()}


def place(value, tax):
    if value is None:
        return {"town": None, "department": None, "region": None}
    if not isinstance(value, dict) or not set(value) <= {"town", "department", "region"}:
        raise InvalidField("must be a mapping with the keys town, department, region")
    return {k: optional_text(value.get(k), tax) for k in ("town", "department", "region")}


def key_figures(value, tax):
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidField("must be a list of {value, label, year}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"value", "label", "year"}:
            raise InvalidField(f"item {i + 1} must have exactly the keys value, label and year")
        if not isinstance(item["value"], (str, int, float)) or isinstance(item["value"], bool):
            raise InvalidField(f"item {i + 1}: value must be a number or a text")
        out.append({"value": str(item["value"]), "label": text(item["label"], tax),
                    "year": year(item["year"], tax)})
    return out


COMMON: dict[str, tuple[Checker, bool]] = {
    "title": (text, True),
    "slug": (slug, True),
    "summary": (text, True),
    "sources": (sources, True),
    "see_also": (slug_list, False),
    "updated": (date, False),
}

PRACTICE: dict[str, tuple[Checker, bool]] = {
    "theme": (term_of("themes", many=False), True),
    "public": (term_of("public", many=True), True),
    "missions": (term_of("missions", many=True), True),
    "principles": (term_of("principles", many=True, required=False), False),
    "parcours": (term_of("parcours", many=True, required=False), False),
    "evidence": (evidence, True),
    "reviewed": (required_date, True),  # last read against the sources, shown on the page
}

SCHEMAS: dict[str, dict[str, tuple[Checker, bool]]] = {
    "monographie": COMMON | PRACTICE | {
        "dispositif": (text, True),
        "porteur": (optional_text, False),
        "place": (place, False),
        "year": (year, False),
        "key_figures": (key_figures, False),
        "digital_category": (term_of("digital_categories", many=False, required=False), False),
        "reproduce": (reproduce, True),
    },
    "fiche": COMMON | PRACTICE | {"number": (integer_in(1, 8), True)},
    "glossaire": COMMON | {"expansion": (optional_text, False), "aliases": (text_list, False),
                           "english": (text_list, False)},
    "mission": COMMON | {"mission": (integer_in(1, 8), True)},
    "principe": COMMON | {"principle": (term_of("principles", many=False), True)},
    "theme": COMMON | {"theme": (term_of("themes", many=False), True)},
    "page": COMMON | {"sources": (optional(sources, []), False)},
}

def validate_fields(kind: str, meta: dict, tax: Taxonomy) -> tuple[dict, list[tuple[str, str]]]:
    """Check `meta` against the schema of `kind`; return (clean values, [(field, reason)])."""
    schema = SCHEMAS[kind]
    clean: dict = {}
    errors: list[tuple[str, str]] = []
    for name in meta:
        if name not in schema:
            errors.append((name, f"unknown field for a {kind} (allowed: {', '.join(schema)})"))
    for name, (check, required) in schema.items():
        if name not in meta:
            if required:
                errors.append((name, "required field is missing"))
                continue
            value = None
        else:
            value = meta[name]
        try:
            clean[name] = check(value, tax)
        except InvalidField as exc:
            errors.append((name, str(exc)))
    return clean, errors
