"""Load and validate `content/checklist/`: the digital-tool evaluation criteria and scale.

`criteria.yaml` holds the domains and criteria (written from the sources);
`scale.yaml` holds the answer scale, evidence statuses, verdict rules and input
limits. Like every content loader, problems are returned, never raised.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.problems import Problem
from ..content.references import Reference, resolve
from ..content.taxonomy import Taxonomy
from ..content.yamlfile import FieldReader, read_yaml

CONDITIONS = {"vigilance-non", "vigilance-gap", "unanswered", "score-below"}
LIMIT_FIELDS = ("tool_name", "role", "comment", "evidence_reference")


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    falc_title: str


@dataclass(frozen=True)
class Criterion:
    id: str
    domain: str
    question: str
    help: str
    categories: tuple[str, ...]
    weight: float
    vigilance: bool
    action: str
    falc: str
    sources: tuple[dict, ...]
    see_also: tuple[str, ...] = ()
    why: str | None = None
    ask: tuple[str, ...] = ()

    def applies_to(self, category: str) -> bool:
        return category in self.categories


@dataclass(frozen=True)
class Choice:
    """An answer value or an evidence status."""

    value: str
    label: str
    points: float | None = None
    gap: bool = False


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    when: tuple[str, ...]
    rule: str
    falc: str
    threshold: float | None = None


@dataclass
class Checklist:
    version: int
    domains: list[Domain]
    criteria: dict[str, Criterion]  # in file order
    answers: dict[str, Choice]
    evidence_statuses: dict[str, Choice]
    verdicts: list[Verdict]
    limits: dict[str, int]  # longest text allowed, per field
    categories: dict = field(default_factory=dict)  # id -> taxonomy Term
    revisions_kept: int = 200  # revisions kept per evaluation, the newest ones

    def for_category(self, category: str) -> list[Criterion]:
        return [c for c in self.criteria.values() if c.applies_to(category)]

    def domains_for(self, category: str) -> list[Domain]:
        """The domains that have at least one question for this category, in order."""
        used = {c.domain for c in self.for_category(category)}
        return [d for d in self.domains if d.id in used]


FOLDER = "checklist"  # under the content folder


def load_part(root: Path, shown, content) -> tuple[Checklist | None, list[Problem]]:
    """The checklist as a part of the content (`content.loader.Part`): None when the
    content ships no checklist folder, or when its files are unusable."""
    folder = root / FOLDER
    if not folder.is_dir():
        return None, []
    checklist, problems = load_checklist(folder, shown, content.taxonomy, content.references)
    if checklist is not None:
        where = shown(folder / "criteria.yaml")
        problems += [Problem(where, f"criteria[{c.id}].see_also", f"unknown page {slug!r}")
                     for c in checklist.criteria.values() for slug in c.see_also
                     if slug not in content.entries]
    return checklist, problems


def load_checklist(folder: Path, shown, tax: Taxonomy,
                   refs: dict[str, Reference]) -> tuple[Checklist | None, list[Problem]]:
    """Parse `criteria.yaml` and `scale.yaml` in `folder`; None when either is unusable."""
    scale_data, problems = read_yaml(folder / "scale.yaml", shown(folder / "scale.yaml"))
    criteria_data, found = read_yaml(folder / "criteria.yaml", shown(folder / "criteria.yaml"))
    problems += found
    if scale_data is None or criteria_data is None:
        return None, problems
    scale = FieldReader(shown(folder / "scale.yaml"))
    answers = _choices(scale, scale_data, "answers", with_points=True)
    statuses = _choices(scale, scale_data, "evidence_statuses", with_points=False)
    verdicts = _verdicts(scale, scale_data)
    limits = _limits(scale, scale_data)
    revisions_kept = scale.number(scale_data.get("limits") or {}, "revisions", "limits", 2,
                                  100_000)
    reader = FieldReader(shown(folder / "criteria.yaml"))
    version = criteria_data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        reader.fail("version", "must be a positive integer")
    domains = _domains(reader, criteria_data)
    criteria = _criteria(reader, criteria_data, {d.id for d in domains}, tax, refs)
    for category in tax.digital_categories:
        if not any(c.applies_to(category) for c in criteria.values()):
            reader.fail("criteria", f"no criterion applies to category {category!r}")
    problems += scale.problems + reader.problems
    if scale.problems or reader.problems:
        return None, problems
    return Checklist(version, domains, criteria, answers, statuses, verdicts, limits,
                     dict(tax.digital_categories), int(revisions_kept)), problems


def _choices(reader: FieldReader, data: dict, key: str, with_points: bool) -> dict[str, Choice]:
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
        points = reader.number(item, "points", where, 0, 1, nullable=True) if with_points else None
        if value in choices:
            reader.fail(f"{where}.value", f"duplicate value {value!r}")
        elif value and label:
            choices[value] = Choice(value, label, points, bool(item.get("gap")))
    return choices


def _verdicts(reader: FieldReader, data: dict) -> list[Verdict]:
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
        if rule and threshold is not None and not re.search(
                rf"\b{round(threshold * 100)}[\s\u00a0\u202f]?%", rule):
            reader.fail(f"{where}.rule", f"the rule shown to people must state the threshold "
                        f"({round(threshold * 100)} %)")
        if vid and label and rule and falc:
            verdicts.append(Verdict(vid, label, tuple(when), rule, falc, threshold))
    if verdicts and verdicts[-1].when:
        reader.fail(f"verdicts[{len(items) - 1}].when", "the last verdict applies otherwise: "
                    "its conditions must be empty")
    return verdicts


def _limits(reader: FieldReader, data: dict) -> dict[str, int]:
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


def _domains(reader: FieldReader, data: dict) -> list[Domain]:
    domains: list[Domain] = []
    for i, item in enumerate(data.get("domains") or []):
        where = f"domains[{i}]"
        if not isinstance(item, dict):
            reader.fail(where, "expected a mapping")
            continue
        did = reader.ident(item, "id", where)
        title = reader.text(item, "title", where)
        falc_title = reader.text(item, "falc_title", where)
        if did in {d.id for d in domains}:
            reader.fail(f"{where}.id", f"duplicate domain {did!r}")
        elif did and title and falc_title:
            domains.append(Domain(did, title, falc_title))
    if not domains:
        reader.fail("domains", "must be a non-empty list")
    return domains


CRITERION_KEYS = {"id", "domain", "question", "help", "categories", "weight", "vigilance", "why",
                  "ask", "action", "falc", "sources", "see_also"}


def _criteria(reader: FieldReader, data: dict, domain_ids: set[str], tax: Taxonomy,
              refs: dict[str, Reference]) -> dict[str, Criterion]:
    criteria: dict[str, Criterion] = {}
    items = data.get("criteria")
    if not isinstance(items, list) or not items:
        reader.fail("criteria", "must be a non-empty list")
        return criteria
    for i, item in enumerate(items):
        where = f"criteria[{i}]"
        if not isinstance(item, dict):
            reader.fail(where, "expected a mapping")
            continue
        cid = reader.ident(item, "id", where)
        if cid:
            where = f"criteria[{cid}]"
        for key in sorted(set(item) - CRITERION_KEYS):
            reader.fail(f"{where}.{key}", "unknown field")
        if cid in criteria:
            reader.fail(f"{where}.id", "duplicate criterion id")
            continue
        domain = item.get("domain")
        if domain not in domain_ids:
            reader.fail(f"{where}.domain", f"unknown domain {domain!r}")
        categories = item.get("categories")
        if (not isinstance(categories, list) or not categories
                or not set(categories) <= set(tax.digital_categories)):
            reader.fail(f"{where}.categories", "must list digital categories among "
                        f"{sorted(tax.digital_categories)}")
            categories = []
        vigilance = item.get("vigilance")
        if not isinstance(vigilance, bool):
            reader.fail(f"{where}.vigilance", "must be true or false")
        why = reader.text(item, "why", where, required=bool(vigilance))
        ask = item.get("ask") or []
        if vigilance and (not isinstance(ask, list) or not ask
                          or not all(isinstance(q, str) and q.strip() for q in ask)):
            reader.fail(f"{where}.ask", "a point of vigilance lists what to ask the supplier")
            ask = []
        if not vigilance and (item.get("why") or item.get("ask")):
            reader.fail(f"{where}.why", "only points of vigilance carry `why` and `ask`")
        sources = _sources(reader, item.get("sources"), where, refs)
        see_also = item.get("see_also") or []
        if not isinstance(see_also, list) or not all(isinstance(s, str) for s in see_also):
            reader.fail(f"{where}.see_also", "must be a list of slugs")
            see_also = []
        values = [reader.text(item, k, where) for k in ("question", "help", "action", "falc")]
        weight = reader.number(item, "weight", where, 0.1, 10)
        if cid and all(values) and weight and categories and sources and domain in domain_ids:
            question, help_text, action, falc = values
            criteria[cid] = Criterion(cid, domain, question, help_text, tuple(categories), weight,
                                      bool(vigilance), action, falc, tuple(sources),
                                      tuple(see_also), why, tuple(q.strip() for q in ask))
    return criteria


def _sources(reader: FieldReader, items, where: str, refs: dict[str, Reference]) -> list[dict]:
    if not isinstance(items, list) or not items:
        reader.fail(f"{where}.sources", "must cite at least one source")
        return []
    result = []
    for j, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("document") or not item.get("section"):
            reader.fail(f"{where}.sources[{j}]", "needs a document and a section")
        elif resolve(refs, str(item["document"])) is None:
            reader.fail(f"{where}.sources[{j}].document",
                        f"unknown document {item['document']!r} (not in references.yaml)")
        else:
            result.append({"document": str(item["document"]), "section": str(item["section"])})
    return result
