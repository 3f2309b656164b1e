"""Content files as value objects: a Markdown file split into front matter and body, the
validated `Entry` it becomes, and the easy-to-read (FALC) variant beside it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from .kinds import BY_FOLDER, BY_ID, EASY_PREFIX, HOME_SLUG
from .problems import Problem
from .schema import validate_fields
from .taxonomy import Taxonomy
from .yamlfile import yaml_problem

FALC_SUFFIX = ".falc.md"
REVIEW_STATUSES = ("brouillon", "relu")


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file split into its front matter and body."""

    meta: dict
    body: str
    body_line: int  # line number of the first body line in the file
    digest: str  # SHA-256 of the file's bytes


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
    """One content document: its type, validated front matter and Markdown body.

    Front-matter fields are read from `meta`; the fields every type has are properties.
    """

    type: str
    slug: str
    path: str
    meta: dict
    body: str
    body_line: int  # line number of the first body line in the file
    digest: str = field(default="", compare=False)
    falc: FalcText | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def summary(self) -> str:
        return self.meta["summary"]

    @property
    def url(self) -> str:
        if self.type == "page" and self.slug == HOME_SLUG:
            return "/"
        return BY_ID[self.type].url(self.meta)

    @property
    def falc_url(self) -> str | None:
        """Address of the easy-to-read variant, when there is one."""
        if self.falc is None:
            return None
        if self.type == "page" and self.slug == HOME_SLUG:
            return f"{EASY_PREFIX}/"
        return f"{EASY_PREFIX}/{BY_ID[self.type].folder}/{self.slug}"

    @property
    def is_practice(self) -> bool:
        return BY_ID[self.type].practice

    @property
    def evidence_level(self) -> str | None:
        ev = self.meta.get("evidence")
        return ev["level"] if ev else None

    @property
    def missions(self) -> list[int]:
        """The missions of a practice, or the one a mission page is about."""
        if "mission" in self.meta:
            return [self.meta["mission"]]
        return self.meta.get("missions") or []


def read_source(path: Path, shown: str) -> tuple[SourceFile | None, list[Problem]]:
    """Read a Markdown file with YAML front matter; report what makes it unreadable."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, "file", f"not valid UTF-8 ({exc.reason} at byte {exc.start})")]
    if not text.startswith("---"):
        return None, [Problem(shown, "line 1", "missing front matter (the file must start "
                              "with ---)")]
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        return None, [yaml_problem(shown, exc)]
    if not isinstance(post.metadata, dict) or not post.metadata:
        return None, [Problem(shown, "front matter", "empty or not a mapping of fields")]
    closing = text.find("\n---", 3)
    body_line = text.count("\n", 0, closing) + 3 if closing >= 0 else 1
    return SourceFile(post.metadata, post.content, body_line, hashlib.sha256(raw).hexdigest()), []


def parse_falc(path: Path, shown: str) -> tuple[FalcText | None, list[Problem]]:
    """Read and check the front matter of a FALC variant."""
    source, problems = read_source(path, shown)
    if source is None:
        return None, problems
    meta = source.meta
    unknown = sorted(set(meta) - {"title", "review"})
    problems += [Problem(shown, name, "unknown field for a FALC text (allowed: title, review)")
                 for name in unknown]
    if not isinstance(meta.get("title"), str) or not meta["title"].strip():
        problems.append(Problem(shown, "title", "required field is missing"))
    review = meta.get("review")
    if not isinstance(review, dict) or set(review) != {"status", "by", "date"}:
        problems.append(Problem(shown, "review", "must have exactly the keys status, by, date"))
    elif review["status"] not in REVIEW_STATUSES:
        problems.append(Problem(shown, "review", f"status must be one of "
                                f"{', '.join(REVIEW_STATUSES)}"))
    elif review["status"] == "relu" and not (review["by"] and review["date"]):
        problems.append(Problem(shown, "review", "a reviewed text names who reviewed it and when"))
    if problems:
        return None, problems
    return FalcText(shown, meta["title"].strip(), review, source.body, source.body_line,
                    source.digest), []


def parse_entry(path: Path, shown: str, tax: Taxonomy) -> tuple[Entry | None, list[Problem]]:
    """Parse and validate one content file of a kind's folder."""
    kind = BY_FOLDER[path.parent.name].id
    source, problems = read_source(path, shown)
    if source is None:
        return None, problems
    clean, errors = validate_fields(kind, source.meta, tax)
    problems = [Problem(shown, name, reason) for name, reason in errors]
    expected = path.name[: -len(".md")]
    if clean.get("slug") and clean["slug"] != expected:
        problems.append(Problem(shown, "slug", f"must equal the file name {expected!r}"))
    if problems:
        return None, problems
    return Entry(kind, clean["slug"], shown, clean, source.body, source.body_line,
                 source.digest), []
