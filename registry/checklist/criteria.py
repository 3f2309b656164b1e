"""Load and validate `content/checklist/`: the digital-tool evaluation criteria and scale.

`criteria.yaml` holds the domains and criteria (written from the sources);
`scale.yaml` holds the answer scale, evidence statuses, verdict rules and input
limits. Like every content loader, problems are returned, never raised.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.problems import Problem
from ..content.references import Reference, resolve
from ..content.taxonomy import Taxonomy
from ..content.yamlfile import FieldReader, read_yaml
from . import scale as scale_file
from .scale import Choice, Verdict


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    falc_title: str
    title_en: str = ""


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
    # English forms, shown by the English interface (the easy-to-read `falc` stays French).
    question_en: str = ""
    help_en: str = ""
    action_en: str = ""
    why_en: str | None = None
    ask_en: tuple[str, ...] = ()

    def applies_to(self, category: str) -> bool:
        return category in self.categories


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
    answers = scale_file.choices(scale, scale_data, "answers", with_points=True)
    statuses = scale_file.choices(scale, scale_data, "evidence_statuses", with_points=False)
    verdicts = scale_file.verdicts(scale, scale_data)
    limits = scale_file.limits(scale, scale_data)
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
        title_en = reader.text(item, "title_en", where)
        if did in {d.id for d in domains}:
            reader.fail(f"{where}.id", f"duplicate domain {did!r}")
        elif did and title and falc_title and title_en:
            domains.append(Domain(did, title, falc_title, title_en))
    if not domains:
        reader.fail("domains", "must be a non-empty list")
    return domains


CRITERION_KEYS = {"id", "domain", "question", "help", "categories", "weight", "vigilance", "why",
                  "ask", "action", "falc", "sources", "see_also", "question_en", "help_en",
                  "action_en", "why_en", "ask_en"}


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
        why_en = reader.text(item, "why_en", where, required=bool(vigilance))
        ask, ask_en = (_questions(reader, item, key, where, bool(vigilance))
                       for key in ("ask", "ask_en"))
        if vigilance and len(ask) != len(ask_en):
            reader.fail(f"{where}.ask_en", "must translate each question of `ask`, in order")
        if not vigilance and any(item.get(k) for k in ("why", "ask", "why_en", "ask_en")):
            reader.fail(f"{where}.why", "only points of vigilance carry `why` and `ask`")
        sources = _sources(reader, item.get("sources"), where, refs)
        see_also = item.get("see_also") or []
        if not isinstance(see_also, list) or not all(isinstance(s, str) for s in see_also):
            reader.fail(f"{where}.see_also", "must be a list of slugs")
            see_also = []
        values = [reader.text(item, k, where) for k in ("question", "help", "action", "falc")]
        english = [reader.text(item, k, where) for k in ("question_en", "help_en", "action_en")]
        weight = reader.number(item, "weight", where, 0.1, 10)
        if (cid and all(values) and all(english) and weight and categories and sources
                and domain in domain_ids):
            question, help_text, action, falc = values
            criteria[cid] = Criterion(cid, domain, question, help_text, tuple(categories), weight,
                                      bool(vigilance), action, falc, tuple(sources),
                                      tuple(see_also), why, ask, *english, why_en, ask_en)
    return criteria


def _questions(reader: FieldReader, item: dict, key: str, where: str,
               vigilance: bool) -> tuple[str, ...]:
    """What to ask the supplier (`ask`, `ask_en`): a non-empty list on points of vigilance."""
    questions = item.get(key) or []
    if vigilance and (not isinstance(questions, list) or not questions
                      or not all(isinstance(q, str) and q.strip() for q in questions)):
        reader.fail(f"{where}.{key}", "a point of vigilance lists what to ask the supplier")
        return ()
    return tuple(q.strip() for q in questions) if isinstance(questions, list) else ()


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
