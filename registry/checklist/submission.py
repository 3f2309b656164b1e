"""Validate what a person submits for an evaluation: one set of rules for the form and the API.

Every error names the field it is about (`answers[2].value`, `tool_name`) and,
for answers, the criterion, so the form can show it beside the question.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..content.text import clean_input
from .body_schema import EARLIEST, latest_check_date
from .criteria import Checklist
from .scoring import Answer

URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$", re.I)


@dataclass(frozen=True)
class SubmissionError:
    field: str
    message: str
    criterion: str | None = None

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


@dataclass
class Header:
    tool_name: str = ""
    category: str = ""
    role: str = ""


@dataclass
class Checked:
    """The outcome of validation: clean values and the errors, never an exception."""

    header: Header = field(default_factory=Header)
    answers: dict[str, Answer] = field(default_factory=dict)
    errors: list[SubmissionError] = field(default_factory=list)

    def error_for(self, criterion: str) -> list[SubmissionError]:
        return [e for e in self.errors if e.criterion == criterion]

    @property
    def by_field(self) -> dict[str, str]:
        """The first error message of each field that has one."""
        found: dict[str, str] = {}
        for e in self.errors:
            found.setdefault(e.field, e.message)
        return found


def clean_text(value) -> str:
    """Text as typed, minus control and invisible format characters, NFC, trimmed."""
    return "" if value is None else clean_input(str(value))


def is_link(reference: str) -> bool:
    return bool(URL.match(reference))


def check_header(data: dict, checklist: Checklist, checked: Checked,
                 category_fixed: str | None = None) -> None:
    limits = checklist.limits
    header = checked.header
    raw_name, raw_role = data.get("tool_name"), data.get("role")
    for name, raw in (("tool_name", raw_name), ("role", raw_role)):
        if raw is not None and not isinstance(raw, str):
            checked.errors.append(SubmissionError(name, _("Ce champ doit être un texte.")))
    header.tool_name = clean_text(raw_name if isinstance(raw_name, str) else "")
    header.role = clean_text(raw_role if isinstance(raw_role, str) else "")
    if not header.tool_name:
        checked.errors.append(SubmissionError("tool_name", _("Indiquez le nom de l’outil évalué.")))
    elif len(header.tool_name) > limits["tool_name"]:
        checked.errors.append(SubmissionError("tool_name", _(
            "Le nom de l’outil dépasse %(n)s caractères.", n=limits["tool_name"])))
    if len(header.role) > limits["role"]:
        checked.errors.append(SubmissionError("role", _(
            "Le rôle dépasse %(n)s caractères.", n=limits["role"])))
    if category_fixed is not None:
        header.category = category_fixed
        return
    category = data.get("category")
    header.category = category if isinstance(category, str) else ""
    if header.category not in checklist.categories:
        checked.errors.append(SubmissionError("category", _(
            "Catégorie inconnue : choisissez parmi %(choices)s.",
            choices=", ".join(checklist.categories))))


def check_answers(items, checklist: Checklist, category: str, checked: Checked,
                  allowed: set[str] | None = None) -> None:
    """Validate a list of answers; `allowed` restricts criteria (e.g. one step's domain)."""
    if items is None:
        return
    if not isinstance(items, list):
        checked.errors.append(SubmissionError("answers", _("« answers » doit être une liste.")))
        return
    asked = {c.id for c in checklist.for_category(category)}
    allowed = asked if allowed is None else allowed & asked
    for i, item in enumerate(items):
        where = f"answers[{i}]"
        if not isinstance(item, dict):
            checked.errors.append(SubmissionError(where, _("Chaque réponse est un objet.")))
            continue
        cid = item.get("criterion")
        if not isinstance(cid, str) or cid not in checklist.criteria:
            checked.errors.append(SubmissionError(f"{where}.criterion", _(
                "Critère inconnu : %(id)s.", id=str(cid)[:80])))
            continue
        if cid not in allowed:
            checked.errors.append(SubmissionError(f"{where}.criterion", _(
                "Le critère %(id)s ne s’applique pas à cette catégorie d’outil.", id=cid), cid))
            continue
        # A criterion answered twice keeps its last answer (as the API documents).
        answer = _check_answer(item, where, cid, checklist, checked)
        if answer is not None:
            checked.answers[cid] = answer


def _check_answer(item: dict, where: str, cid: str, checklist: Checklist,
                  checked: Checked) -> Answer | None:
    limits = checklist.limits
    errors_before = len(checked.errors)

    def error(name: str, message: str) -> None:
        checked.errors.append(SubmissionError(f"{where}.{name}", message, cid))

    value = item.get("value")
    if not isinstance(value, str) or value not in checklist.answers:
        error("value", _("Réponse invalide : choisissez parmi %(choices)s.",
                         choices=", ".join(f"« {v} »" for v in checklist.answers)))
    texts = {}
    for name, limit in (("comment", "comment"), ("evidence_reference", "evidence_reference")):
        raw = item.get(name)
        if raw is not None and not isinstance(raw, str):
            error(name, _("Ce champ doit être un texte."))
            raw = ""
        texts[name] = clean_text(raw)
        if len(texts[name]) > limits[limit]:
            error(name, _("Ce texte dépasse %(n)s caractères.", n=limits[limit]))
    status = item.get("evidence_status") or None
    if status is not None and (not isinstance(status, str)
                               or status not in checklist.evidence_statuses):
        error("evidence_status", _("Statut de preuve invalide : choisissez parmi %(choices)s.",
                                   choices=", ".join(checklist.evidence_statuses)))
    checked_on = _check_date(item.get("evidence_checked_on"), error)
    if len(checked.errors) > errors_before:
        return None
    return Answer(value, texts["comment"], texts["evidence_reference"], checked_on, status,
                  checklist.criteria[cid].question)


def _check_date(raw, error) -> dt.date | None:
    if raw in (None, ""):
        return None
    try:
        day = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        day = None
    if day is None:
        error("evidence_checked_on", _("Date invalide : écrivez-la sous la forme AAAA-MM-JJ."))
        return None
    if not EARLIEST <= day <= latest_check_date():
        error("evidence_checked_on", _("La date de vérification doit être passée."))
        return None
    return day
