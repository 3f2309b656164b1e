"""Load content files (Markdown + YAML front matter) into validated `Entry` objects.

`load_content(root)` never raises for bad content: it returns the valid entries
and one `Problem` per issue found, naming the file and the field or line.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from .problems import Problem
from .crosscheck import check_entries
from ..checklist.criteria import Checklist, load_checklist
from .references import Reference, load_references
from .schema import FOLDERS, validate_fields
from .taxonomy import Taxonomy, load_taxonomy

FALC_SUFFIX = ".falc.md"
URL_PATTERNS = {
    "monographie": "/monographies/{slug}",
    "fiche": "/fiches/{slug}",
    "glossaire": "/glossaire/{slug}",
    "principe": "/principes/{slug}",
}


REVIEW_STATUSES = ("brouillon", "relu")


@dataclass
class FalcText:
    """The easy-to-read (FALC) variant of an entry: `<slug>.falc.md` beside it."""

    path: str
    title: str
    review: dict  # {"status": "brouillon" | "relu", "by": str | None, "date": date | None}
    body: str
    body_line: int
    digest: str = ""  # of the .falc.md file itself

    @property
    def reviewed(self) -> bool:
        return self.review["status"] == "relu"


@dataclass
class Entry:
    """One content document: its type, validated front matter and Markdown body."""

    type: str
    slug: str
    path: str
    meta: dict
    body: str
    body_line: int  # line number of the first body line in the file
    digest: str = field(default="", compare=False)
    falc: FalcText | None = field(default=None, compare=False)

    def __getattr__(self, name):  # front-matter fields read as attributes
        meta = self.__dict__.get("meta", {})
        if name in meta:
            return meta[name]
        raise AttributeError(name)

    @property
    def url(self) -> str:
        if self.type == "mission":
            return f"/missions/{self.meta['mission']}"
        if self.type == "theme":
            return f"/themes/{self.meta['theme']}"
        if self.type == "page":
            return "/" if self.slug == "accueil" else f"/{self.slug}"
        return URL_PATTERNS[self.type].format(slug=self.slug)

    @property
    def falc_url(self) -> str | None:
        """Address of the easy-to-read variant, when there is one."""
        if self.falc is None:
            return None
        if self.type == "page" and self.slug == "accueil":
            return "/facile/"
        folder = next(f for f, t in FOLDERS.items() if t == self.type)
        return f"/facile/{folder}/{self.slug}"

    @property
    def is_practice(self) -> bool:
        return self.type in ("monographie", "fiche")

    @property
    def evidence_level(self) -> str | None:
        ev = self.meta.get("evidence")
        return ev["level"] if ev else None


@dataclass
class Content:
    """Everything loaded from a content folder."""

    taxonomy: Taxonomy
    entries: dict[str, Entry]
    problems: list[Problem]
    digest: str  # hash of every loaded file, to tell index builds apart
    references: dict[str, Reference] = field(default_factory=dict)
    entry_points: list[dict] = field(default_factory=list)  # of the easy-to-read index
    checklist: Checklist | None = None  # the digital-tool evaluation criteria, if shipped


@dataclass
class Document:
    """A Markdown file split into its front matter and body."""

    meta: dict
    body: str
    body_line: int  # line number of the first body line in the file
    digest: str


def read_document(path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """Read a Markdown file with YAML front matter; report what makes it unreadable."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, "file", f"not valid UTF-8 ({exc.reason} at byte {exc.start})")]
    if not text.startswith("---"):
        return None, [Problem(shown, "line 1", "missing front matter (the file must start with ---)")]
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "front matter"
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(shown, where, f"malformed YAML: {reason}")]
    if not isinstance(post.metadata, dict) or not post.metadata:
        return None, [Problem(shown, "front matter", "empty or not a mapping of fields")]
    closing = text.find("\n---", 3)
    body_line = text.count("\n", 0, closing) + 3 if closing >= 0 else 1
    return Document(post.metadata, post.content, body_line, hashlib.sha256(raw).hexdigest()), []


def parse_falc(path: Path, shown: str) -> tuple[FalcText | None, list[Problem]]:
    """Read and check the front matter of a FALC variant."""
    doc, problems = read_document(path, shown)
    if doc is None:
        return None, problems
    meta = doc.meta
    unknown = sorted(set(meta) - {"title", "review"})
    problems += [Problem(shown, name, "unknown field for a FALC text (allowed: title, review)")
                 for name in unknown]
    if not isinstance(meta.get("title"), str) or not meta["title"].strip():
        problems.append(Problem(shown, "title", "required field is missing"))
    review = meta.get("review")
    if not isinstance(review, dict) or set(review) != {"status", "by", "date"}:
        problems.append(Problem(shown, "review", "must have exactly the keys status, by, date"))
    elif review["status"] not in REVIEW_STATUSES:
        problems.append(Problem(shown, "review", f"status must be one of {', '.join(REVIEW_STATUSES)}"))
    elif review["status"] == "relu" and not (review["by"] and review["date"]):
        problems.append(Problem(shown, "review", "a reviewed text names who reviewed it and when"))
    if problems:
        return None, problems
    return FalcText(shown, meta["title"].strip(), review, doc.body, doc.body_line, doc.digest), []


def parse_file(path: Path, shown: str, tax: Taxonomy) -> tuple[Entry | None, list[Problem]]:
    """Parse and validate one content file."""
    kind = FOLDERS[path.parent.name]
    doc, problems = read_document(path, shown)
    if doc is None:
        return None, problems
    clean, errors = validate_fields(kind, doc.meta, tax)
    problems = [Problem(shown, name, reason) for name, reason in errors]
    expected = path.name[: -len(".md")]
    if clean.get("slug") and clean["slug"] != expected:
        problems.append(Problem(shown, "slug", f"must equal the file name {expected!r}"))
    if problems:
        return None, problems
    return Entry(kind, clean["slug"], shown, clean, doc.body, doc.body_line, doc.digest), []


def load_content(root: Path, base: Path | None = None) -> Content:
    """Load and validate every content file under `root`."""
    base = base or root.parent
    shown = lambda p: str(p.relative_to(base)) if p.is_relative_to(base) else str(p)  # noqa: E731
    tax, problems = load_taxonomy(root / "taxonomy.yaml")
    problems = [Problem(shown(Path(p.path)), p.field, p.reason) for p in problems]

    entries: dict[str, Entry] = {}
    invalid: set[str] = set()  # file names (= intended slugs) that failed validation
    digest = hashlib.sha256()
    if problems:  # without a valid taxonomy no tag can be checked
        return Content(tax, entries, problems, "")
    refs, ref_problems = load_references(root / "references.yaml", shown(root / "references.yaml"))
    problems += ref_problems
    falc_files = []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.md")):
            if path.name.endswith(FALC_SUFFIX):
                falc_files.append(path)
                continue
            entry, found = parse_file(path, shown(path), tax)
            problems += found
            if entry is None:
                invalid.add(path.name[: -len(".md")])
                continue
            if entry.slug in entries:
                other = entries[entry.slug].path
                problems.append(Problem(entry.path, "slug", f"duplicate slug {entry.slug!r} "
                                        f"(also used by {other})"))
                continue
            entries[entry.slug] = entry
            digest.update(entry.path.encode() + entry.digest.encode())
    for path in falc_files:
        falc, found = parse_falc(path, shown(path))
        problems += found
        slug = path.name[: -len(FALC_SUFFIX)]
        page = entries.get(slug)
        if falc is None or slug in invalid:
            continue
        if page is None or page.path != shown(path.with_name(slug + ".md")):
            problems.append(Problem(falc.path, "file", "no page with this slug beside it"))
        else:
            page.falc = falc
    problems += check_entries(entries, tax, refs, invalid)
    entry_points, found = load_entry_points(root / "facile.yaml", shown(root / "facile.yaml"), tax)
    problems += found
    checklist = None
    if (root / "checklist").is_dir():
        checklist, found = load_checklist(root / "checklist", shown, tax, refs)
        problems += found
        problems += _check_checklist_links(checklist, entries, shown(root / "checklist" /
                                                                     "criteria.yaml"))
    return Content(tax, entries, sorted(problems), digest.hexdigest(), refs, entry_points,
                   checklist)


def _check_checklist_links(checklist: Checklist | None, entries: dict, shown: str) -> list[Problem]:
    if checklist is None:
        return []
    return [Problem(shown, f"criteria[{c.id}].see_also", f"unknown page {slug!r}")
            for c in checklist.criteria.values() for slug in c.see_also if slug not in entries]


PICTOGRAMS = {"maison", "soin", "jeune", "chemin", "lien", "proches", "travail"}


def load_entry_points(path: Path, shown: str, tax: Taxonomy) -> tuple[list[dict], list[Problem]]:
    """The easy-to-read index's entry points; each names parcours of the taxonomy."""
    try:
        items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entry_points")
    except (OSError, yaml.YAMLError) as exc:
        return [], [Problem(shown, "file", f"cannot be read: {exc.__class__.__name__}")]
    points, problems = [], []
    for i, item in enumerate(items or []):
        where = f"entry_points[{i}]"
        if not isinstance(item, dict) or set(item) != {"label", "parcours", "pictogram"}:
            problems.append(Problem(shown, where, "must have exactly label, parcours, pictogram"))
            continue
        unknown = [p for p in item["parcours"] or [] if p not in tax.parcours]
        if unknown or not item["parcours"]:
            problems.append(Problem(shown, f"{where}.parcours", f"unknown or missing parcours "
                                    f"{unknown}"))
        elif item["pictogram"] not in PICTOGRAMS:
            problems.append(Problem(shown, f"{where}.pictogram", f"unknown pictogram "
                                    f"{item['pictogram']!r} (allowed: {', '.join(sorted(PICTOGRAMS))})"))
        else:
            points.append(item)
    return points, problems
