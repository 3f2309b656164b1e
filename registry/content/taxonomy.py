"""Load and validate `content/taxonomy.yaml`, the registry's controlled vocabularies."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .kinds import BY_ID
from .problems import Problem
from .text import SLUG_RE
from .yamlfile import read_yaml

FLAT_VOCABULARIES = ("principles", "themes", "public", "digital_categories")


@dataclass(frozen=True)
class Mission:
    id: int
    short: str
    title: str
    short_en: str = ""
    title_en: str = ""

    @property
    def url(self) -> str:
        return BY_ID["mission"].url({"mission": self.id})


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary, e.g. a theme or a parcours."""

    id: str
    label: str
    group: str | None = None
    label_en: str = ""
    group_en: str | None = None


@dataclass(frozen=True)
class EvidenceLevel:
    id: str
    label: str
    definition: str
    criteria: str
    rank: int
    label_en: str = ""
    definition_en: str = ""
    criteria_en: str = ""


@dataclass(frozen=True)
class Section:
    """One heading of the monograph grid; `compared` sections appear in comparisons."""

    id: str
    title: str
    compared: bool = False
    title_en: str = ""


REPRODUCE_SHAPES = ("text", "list", "dated")  # a paragraph; steps in order; text and year


@dataclass(frozen=True)
class ReproduceField:
    """One field of the « Reproduire cette pratique » block of every monograph."""

    id: str
    label: str
    label_en: str
    shape: str


@dataclass
class Taxonomy:
    missions: dict[int, Mission] = field(default_factory=dict)
    principles: dict[str, Term] = field(default_factory=dict)
    themes: dict[str, Term] = field(default_factory=dict)
    parcours: dict[str, Term] = field(default_factory=dict)
    public: dict[str, Term] = field(default_factory=dict)
    evidence: dict[str, EvidenceLevel] = field(default_factory=dict)
    digital_categories: dict[str, Term] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    reproduce: list[ReproduceField] = field(default_factory=list)
    evidence_version: int = 0

    def vocabulary(self, name: str) -> dict:
        """Return the vocabulary called `name` (a key of taxonomy.yaml)."""
        return getattr(self, name)

    @property
    def section_titles(self) -> list[str]:
        return [s.title for s in self.sections]


def load_taxonomy(path: Path, shown: str | None = None) -> tuple[Taxonomy, list[Problem]]:
    """Parse the taxonomy file; return it with the problems found (empty when valid)."""
    name = shown or str(path)
    data, problems = read_yaml(path, name)
    if data is None:
        return Taxonomy(), problems
    tax = Taxonomy()

    def need(item, key, where):
        value = item.get(key) if isinstance(item, dict) else None
        if value in (None, ""):
            problems.append(Problem(name, f"{where}.{key}", "missing"))
        return value

    def english(item, key, where):
        """Every label has its English form (the English interface shows it)."""
        value = item.get(key) if isinstance(item, dict) else None
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, f"{where}.{key}", "missing English form"))
            return ""
        return value.strip()

    for i, item in enumerate(data.get("missions") or []):
        where = f"missions[{i}]"
        mid = need(item, "id", where)
        if mid is not None and (not isinstance(mid, int) or not 1 <= mid <= 8):
            problems.append(Problem(name, f"{where}.id", "must be an integer from 1 to 8"))
            continue
        short, title = need(item, "short", where), need(item, "title", where)
        short_en, title_en = english(item, "short_en", where), english(item, "title_en", where)
        if mid is not None and short and title:
            tax.missions[mid] = Mission(mid, short.strip(), title.strip(), short_en, title_en)
    if sorted(tax.missions) != list(range(1, 9)):
        problems.append(Problem(name, "missions", "must define the 8 missions, ids 1 to 8"))

    for vocab in FLAT_VOCABULARIES:
        target = tax.vocabulary(vocab)
        for i, item in enumerate(data.get(vocab) or []):
            tid, label = need(item, "id", f"{vocab}[{i}]"), need(item, "label", f"{vocab}[{i}]")
            label_en = english(item, "label_en", f"{vocab}[{i}]")
            if tid and label:
                target[str(tid)] = Term(str(tid), label, label_en=label_en)
        if not target:
            problems.append(Problem(name, vocab, "missing or empty vocabulary"))

    for g, group in enumerate(data.get("parcours") or []):
        label = need(group, "group", f"parcours[{g}]")
        label_en = english(group, "group_en", f"parcours[{g}]")
        for i, item in enumerate((group or {}).get("values") or []):
            tid = need(item, "id", f"parcours[{g}].values[{i}]")
            tlabel = need(item, "label", f"parcours[{g}].values[{i}]")
            tlabel_en = english(item, "label_en", f"parcours[{g}].values[{i}]")
            if tid and tlabel:
                tax.parcours[tid] = Term(tid, tlabel, label, tlabel_en, label_en)
    if not tax.parcours:
        problems.append(Problem(name, "parcours", "missing or empty vocabulary"))

    for i, item in enumerate(data.get("evidence") or []):
        where = f"evidence[{i}]"
        values = [need(item, k, where) for k in ("id", "label", "definition", "criteria")]
        values_en = [english(item, k, where) for k in ("label_en", "definition_en",
                                                       "criteria_en")]
        if all(values):
            eid, label, definition, criteria = (str(v).strip() for v in values)
            tax.evidence[eid] = EvidenceLevel(eid, label, definition, criteria, i, *values_en)
    if not tax.evidence:
        problems.append(Problem(name, "evidence", "missing or empty vocabulary"))

    version = data.get("evidence_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(Problem(name, "evidence_version", "must be a whole number from 1"))
    else:
        tax.evidence_version = version

    tax.sections, found = _sections(data.get("monograph_sections"), name)
    problems += found
    tax.reproduce, found = _reproduce_fields(data.get("reproduce_fields"), name)
    problems += found
    return tax, problems


def _reproduce_fields(items, name: str) -> tuple[list[ReproduceField], list[Problem]]:
    """The fields of the « Reproduire cette pratique » block, `{id, label, label_en, shape}`."""
    if not isinstance(items, list) or not items:
        return [], [Problem(name, "reproduce_fields", "must list the fields of the block")]
    fields, problems = [], []
    for i, item in enumerate(items):
        where = f"reproduce_fields[{i}]"
        if not isinstance(item, dict) or set(item) != {"id", "label", "label_en", "shape"}:
            problems.append(Problem(name, where, "must have exactly the keys id, label, "
                                    "label_en and shape"))
            continue
        fid = item["id"]
        if not isinstance(fid, str) or not SLUG_RE.match(fid):
            problems.append(Problem(name, f"{where}.id", "must be a lowercase hyphenated id"))
        elif fid in {f.id for f in fields}:
            problems.append(Problem(name, f"{where}.id", f"duplicate id {fid!r}"))
        elif item["shape"] not in REPRODUCE_SHAPES:
            problems.append(Problem(name, f"{where}.shape",
                                    f"must be one of {', '.join(REPRODUCE_SHAPES)}"))
        elif not all(isinstance(item[k], str) and item[k].strip() for k in ("label", "label_en")):
            problems.append(Problem(name, where, "label and label_en must be non-empty texts"))
        else:
            fields.append(ReproduceField(fid, item["label"].strip(), item["label_en"].strip(),
                                         item["shape"]))
    return fields, problems


def _sections(items, name: str) -> tuple[list[Section], list[Problem]]:
    """The 7 headings of the monograph grid, each `{id, title, compared}`."""
    if not isinstance(items, list) or len(items) != 7:
        return [], [Problem(name, "monograph_sections", "must list the 7 headings of the grid")]
    sections, problems = [], []
    for i, item in enumerate(items):
        where = f"monograph_sections[{i}]"
        if not isinstance(item, dict) or not set(item) <= {"id", "title", "title_en", "compared"}:
            problems.append(Problem(name, where, "must have the keys id, title, title_en and, "
                                    "optionally, compared"))
            continue
        sid, title, compared = item.get("id"), item.get("title"), item.get("compared", False)
        title_en = item.get("title_en")
        if not isinstance(sid, str) or not SLUG_RE.match(sid):
            problems.append(Problem(name, f"{where}.id", "must be a lowercase hyphenated id"))
        elif sid in {s.id for s in sections}:
            problems.append(Problem(name, f"{where}.id", f"duplicate id {sid!r}"))
        elif not isinstance(title, str) or not title.strip():
            problems.append(Problem(name, f"{where}.title", "must be a non-empty text"))
        elif not isinstance(compared, bool):
            problems.append(Problem(name, f"{where}.compared", "must be true or false"))
        elif not isinstance(title_en, str) or not title_en.strip():
            problems.append(Problem(name, f"{where}.title_en", "missing English form"))
        else:
            sections.append(Section(sid, title.strip(), compared, title_en.strip()))
    return sections, problems
