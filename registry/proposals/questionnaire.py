"""The questionnaire of a proposed practice: its steps and fields, and checking what was
typed. Error codes (not sentences) are returned; the interface words them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import MultiDict

from ..content.problems import Problem
from ..content.text import clean_input
from ..content.yamlfile import read_yaml

FILE = "proposition.yaml"
TYPES = {"text", "textarea", "markdown", "year", "email", "choice", "choices", "lines"}
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    label_en: str
    type: str
    max: int
    required: bool
    vocabulary: str | None = None


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    title_en: str
    intro: str
    intro_en: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Questionnaire:
    version: int
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def fields(self) -> dict[str, Field]:
        return {f.name: f for s in self.steps for f in s.fields}


def _field(item, where: str, shown: str, tax, problems: list) -> Field | None:
    keys = {"name", "label", "label_en", "type", "required"}
    if not isinstance(item, dict) or not keys <= set(item) \
            or not set(item) <= keys | {"max", "vocabulary"} or item["type"] not in TYPES:
        problems.append(Problem(shown, where, "must have name, label, label_en, type (one of "
                                f"{', '.join(sorted(TYPES))}), required, and max or vocabulary"))
        return None
    vocabulary = item.get("vocabulary")
    if item["type"] in ("choice", "choices") and not hasattr(tax, str(vocabulary)):
        problems.append(Problem(shown, f"{where}.vocabulary", f"unknown vocabulary "
                                f"{vocabulary!r} of taxonomy.yaml"))
        return None
    return Field(item["name"], item["label"], item["label_en"], item["type"],
                 int(item.get("max") or (4 if item["type"] == "year" else 200)),
                 bool(item["required"]), vocabulary)


def load_questionnaire(path: Path, shown: str, tax) -> tuple[Questionnaire | None, list[Problem]]:
    """Steps: « pratique », one per grid section, « reproduire »."""
    if not path.exists():
        return None, []
    data, problems = read_yaml(path, shown)
    if data is None:
        return None, problems
    steps_data, limits = data.get("steps") or {}, data.get("limits") or {}
    if not {"pratique", "reproduire"} <= set(steps_data) or not {"section", "reproduce"} \
            <= set(limits):
        return None, problems + [Problem(shown, "steps", "needs the steps pratique and "
                                         "reproduire, and limits section and reproduce")]
    made = {}
    for step_id, item in steps_data.items():
        fields = [_field(f, f"steps.{step_id}.fields[{i}]", shown, tax, problems)
                  for i, f in enumerate(item.get("fields") or [])]
        made[step_id] = Step(step_id, item["title"], item["title_en"], item["intro"],
                             item["intro_en"], tuple(f for f in fields if f))
    sections = [Step(f"section-{s.id}", s.title, s.title_en, "", "", (
        Field(f"section_{s.id}", s.title, s.title_en, "markdown", int(limits["section"]),
              s.id == "description"),)) for s in tax.sections]
    shapes = {"text": "textarea", "list": "lines", "dated": "textarea"}
    reproduce = tuple(Field(f"reproduce_{f.id}", f.label, f.label_en, shapes[f.shape],
                            int(limits["reproduce"]), False) for f in tax.reproduce)
    last = made["reproduire"]
    steps = (made["pratique"], *sections,
             Step(last.id, last.title, last.title_en, last.intro, last.intro_en,
                  reproduce + last.fields))
    names = [f.name for s in steps for f in s.fields]
    if len(names) != len(set(names)):
        problems.append(Problem(shown, "steps", "two fields have the same name"))
    if problems:
        return None, problems
    return Questionnaire(int(data.get("version") or 1), steps), []


def load_part(root: Path, shown, content):
    """The questionnaire as a part of the content (see `content.loader.Part`)."""
    return load_questionnaire(root / FILE, shown(root / FILE), content.taxonomy)


def clean_step(step: Step, form, tax) -> tuple[dict, dict[str, str]]:
    """The step's values as typed (cleaned of control and bidi characters, cut at their
    limit) and an error code per field: required, too-long, year, email, choice."""
    values, errors = {}, {}
    for field in step.fields:
        if field.type == "choices":
            allowed = {str(k) for k in tax.vocabulary(field.vocabulary)}
            raw = [clean_input(v) for v in form.getlist(field.name)][:50]
            values[field.name] = [v for v in raw if v in allowed]
            if len(values[field.name]) != len(raw):
                errors[field.name] = "choice"
        else:
            raw = clean_input(form.get(field.name, ""))
            if field.type in ("text", "email", "year", "choice"):
                raw = " ".join(raw.split())
            values[field.name] = raw[:max(field.max, 20)] if field.type == "year" \
                else raw[:field.max]
            if raw and field.type == "year" and not (raw.isdigit() and 1900 <= int(raw) <= 2100):
                errors[field.name] = "year"
            elif len(raw) > field.max:
                errors[field.name] = "too-long"
            elif raw and field.type == "email" and not EMAIL.match(raw):
                errors[field.name] = "email"
            elif raw and field.type == "choice" and raw not in {
                    str(k) for k in tax.vocabulary(field.vocabulary)}:
                errors[field.name] = "choice"
    return values, errors


def missing(questionnaire: Questionnaire, data: dict) -> list[Field]:
    """Required fields still empty (they block submission, not drafts)."""
    return [f for f in questionnaire.fields.values() if f.required and not data.get(f.name)]


def as_form(values: dict) -> MultiDict:
    """Stored or cleaned values as a form (lists become repeated fields)."""
    return MultiDict([(k, v) for k, value in values.items()
                      for v in (value if isinstance(value, list) else [value])])
