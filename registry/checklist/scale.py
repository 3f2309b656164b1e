"""Load `content/checklist/scale.yaml`: the answer scale, the evidence statuses, the
verdict rules and the limits on what people type."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.yamlfile import FieldReader

CONDITIONS = {"vigilance-non", "vigilance-gap", "unanswered", "score-below"}
LIMIT_FIELDS = ("tool_name", "role", "comment", "evidence_reference")


@dataclass(frozen=True)
class Choice:
    """An answer value or an evidence status."""

    value: str
    label: str
    points: float | None = None
    gap: bool = False
    label_en: str = ""


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    when: tuple[str, ...]
    rule: str
    falc: str
    threshold: float | None = None
    label_en: str = ""
    rule_en: str = ""


def choices(reader: FieldReader, data: dict, key: str, with_points: bool) -> dict[str, Choice]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        reader.fail(key, "must be a non-empty list")
        return {}
    choices: dict[str, Choice] = {}
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            reader.fail(where, "expected a mapping")
            continue
        value, label = reader.text(item, "value", where), reader.text(item, "label", where)
        label_en = reader.text(item, "label_en", where)
        points = reader.number(item, "points", where, 0, 1, nullable=True) if with_points else None
        if value in choices:
            reader.fail(f"{where}.value", f"duplicate value {value!r}")
        elif value and label and label_en:
            choices[value] = Choice(value, label, points, bool(item.get("gap")), label_en)
    return choices


def verdicts(reader: FieldReader, data: dict) -> list[Verdict]:
    verdicts = []
    items = data.get("verdicts")
    if not isinstance(items, list) or len(items) < 2:
        reader.fail("verdicts", "must list at least two verdicts")
        return []
    for i, item in enumerate(items):
        where = f"verdicts[{i}]"
        if not isinstance(item, dict):
            reader.fail(where, "expected a mapping")
            continue
        when = item.get("when")
        if not isinstance(when, list) or not set(when) <= CONDITIONS:
            reader.fail(f"{where}.when", f"must be a list of conditions among {sorted(CONDITIONS)}")
            when = []
        threshold = None
        if "score-below" in when:
            threshold = reader.number(item, "threshold", where, 0, 1)
        vid, label = reader.ident(item, "id", where), reader.text(item, "label", where)
        rule, falc = reader.text(item, "rule", where), reader.text(item, "falc", where)
        label_en = reader.text(item, "label_en", where)
        rule_en = reader.text(item, "rule_en", where)
        for key, text in (("rule", rule), ("rule_en", rule_en)):
            if text and threshold is not None and not re.search(
                    rf"\b{round(threshold * 100)}[\s\u00a0\u202f]?%", text):
                reader.fail(f"{where}.{key}", f"the rule shown to people must state the "
                            f"threshold ({round(threshold * 100)} %)")
            if text and re.match(r"(?i)(sinon|otherwise)\b", text):
                reader.fail(f"{where}.{key}", "each rule is shown on its own: say the condition "
                            "in full rather than opening with « Sinon »")
        if vid and label and rule and falc and label_en and rule_en:
            verdicts.append(Verdict(vid, label, tuple(when), rule, falc, threshold, label_en,
                                    rule_en))
    if verdicts and verdicts[-1].when:
        reader.fail(f"verdicts[{len(items) - 1}].when", "the last verdict applies otherwise: "
                    "its conditions must be empty")
    return verdicts


def limits(reader: FieldReader, data: dict) -> dict[str, int]:
    limits = data.get("limits") or {}
    if not isinstance(limits, dict):
        reader.fail("limits", "must be a mapping")
        limits = {}
    result = {}
    for key in LIMIT_FIELDS:
        value = limits.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
            reader.fail(f"limits.{key}", "must be an integer from 1 to 10000")
        else:
            result[key] = value
    return result
