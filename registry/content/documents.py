"""Content files as value objects: a Markdown file split into front matter and body, the
validated `Entry` it becomes, and the easy-to-read (FALC) variant beside it."""
from __future__ import annotations

import hashlib
import re
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
FALC_FIELDS = {"title", "essentiel", "pictures", "review"}
REVIEW_KEYS = {"status", "by", "date", "readers", "page", "text"}
DIGEST = re.compile(r"^[0-9a-f]{64}$")
MAX_ESSENTIEL = 3


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file split into its front matter and body."""

    meta: dict
    body: str
    body_line: int  # line number of the first body line in the file
    digest: str  # SHA-256 of the file's bytes
    text: str = ""  # the whole file, to find a front-matter field's line


@dataclass(frozen=True)
class Picture:
    """A pictogram (a name of content/pictogrammes.yaml) beside a heading of an easy text;
    `alt` is empty when it only decorates the heading."""

    heading: str
    picto: str
    alt: str


@dataclass
class FalcText:
    """The easy-to-read (FALC) variant of an entry: `<slug>.falc.md` beside it."""

    path: str
    title: str
    review: dict  # {"status": "brouillon" | "relu", "by": str | None, "date": date | None}
    body: str
    body_line: int
    digest: str = ""  # of the .falc.md file itself
    essentiel: tuple[str, ...] = ()  # « L’essentiel »: up to 3 sentences shown first
    pictures: tuple[Picture, ...] = ()  # pictograms beside `##` headings
    essentiel_line: int = 2  # line of the `essentiel` field, for the linter's messages

    @property
    def reviewed(self) -> bool:
        return self.review["status"] == "relu"

    def state(self, page_digest: str) -> str:
        """« brouillon » until reread; « relu »; « a-revoir » once the full page
        (`page_digest`, of its file) or this text changed after the rereading."""
        if not self.reviewed:
            return "brouillon"
        if self.review.get("page") != page_digest or self.review.get("text") \
                != body_digest(self.body):
            return "a-revoir"
        return "relu"


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
    body_line = 1
    if closing >= 0:  # the body starts after the closing line and the blank lines it drops
        after = text[text.find("\n", closing + 1) + 1:] if "\n" in text[closing + 1:] else ""
        skipped = after[:len(after) - len(after.lstrip())].count("\n")
        body_line = text.count("\n", 0, closing) + 3 + skipped
    return SourceFile(post.metadata, post.content, body_line, hashlib.sha256(raw).hexdigest(),
                      text), []


def parse_falc(path: Path, shown: str) -> tuple[FalcText | None, list[Problem]]:
    """Read and check the front matter of a FALC variant."""
    source, problems = read_source(path, shown)
    if source is None:
        return None, problems
    meta = source.meta
    unknown = sorted(set(meta) - FALC_FIELDS)
    problems += [Problem(shown, name, "unknown field for a FALC text (allowed: "
                         f"{', '.join(sorted(FALC_FIELDS))})") for name in unknown]
    if not isinstance(meta.get("title"), str) or not meta["title"].strip():
        problems.append(Problem(shown, "title", "required field is missing"))
    problems += _review_problems(meta.get("review"), shown)
    essentiel = meta.get("essentiel")
    if not isinstance(essentiel, list) or not 1 <= len(essentiel) <= MAX_ESSENTIEL \
            or not all(isinstance(s, str) and s.strip() for s in essentiel):
        problems.append(Problem(shown, "essentiel", f"required: a list of 1 to {MAX_ESSENTIEL} "
                                "sentences, « L’essentiel » shown at the top of the page"))
        essentiel = []
    pictures, found = _pictures(meta.get("pictures", []), source.body, shown)
    problems += found
    if problems:
        return None, problems
    return FalcText(shown, meta["title"].strip(), meta["review"], source.body, source.body_line,
                    source.digest, tuple(s.strip() for s in essentiel), pictures,
                    _field_line(source.text, "essentiel")), []


def _review_problems(review, shown: str) -> list[Problem]:
    """`review`: status, by, date; a reread text also says by how many people and the
    digests of the full page and of the easy text they reread (see `FalcText.state`)."""
    if not isinstance(review, dict) or not {"status", "by", "date"} <= set(review) \
            or not set(review) <= REVIEW_KEYS:
        return [Problem(shown, "review", "must have the keys status, by, date (and, once "
                        "reread, readers, page, text)")]
    if review["status"] not in REVIEW_STATUSES:
        return [Problem(shown, "review", f"status must be one of {', '.join(REVIEW_STATUSES)}")]
    if review["status"] == "relu":
        readers, page, text = review.get("readers"), review.get("page"), review.get("text")
        if not (review["by"] and review["date"]):
            return [Problem(shown, "review", "a reviewed text names who reviewed it and when")]
        if isinstance(readers, bool) or not isinstance(readers, int) or readers < 1 \
                or not all(isinstance(d, str) and DIGEST.match(d) for d in (page, text)):
            return [Problem(shown, "review", "a reviewed text gives readers (a number), and "
                            "the page and text digests it was reread with")]
    return []


def body_digest(body: str) -> str:
    """Digest of an easy text's body (front matter excluded: recording a rereading there
    does not change what was reread)."""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()


def _pictures(items, body: str, shown: str) -> tuple[tuple[Picture, ...], list[Problem]]:
    """The `pictures` field: each names a `##` heading of the body, once; the pictogram
    names are checked against the catalogue by the loader."""
    if not isinstance(items, list):
        return (), [Problem(shown, "pictures", "must be a list of {heading, picto, alt}")]
    headings = {same_spaces(m) for m in re.findall(r"^##\s+(.+)$", body, re.M)}
    pictures, problems, seen = [], [], set()
    for i, item in enumerate(items):
        where = f"pictures[{i}]"
        if not isinstance(item, dict) or not {"heading", "picto"} <= set(item) <= \
                {"heading", "picto", "alt"} or not all(isinstance(v, str) for v in item.values()):
            problems.append(Problem(shown, where, "must have heading and picto, and may have "
                                    "alt (texts; alt \"\" for a decorative picture)"))
        elif same_spaces(item["heading"]) not in headings:
            problems.append(Problem(shown, f"{where}.heading", f"no « ## {item['heading']} » "
                                    "heading in the text"))
        elif same_spaces(item["heading"]) in seen:
            problems.append(Problem(shown, f"{where}.heading", "one picture per heading"))
        else:
            seen.add(same_spaces(item["heading"]))
            pictures.append(Picture(same_spaces(item["heading"]), item["picto"].strip(),
                                    item.get("alt", "").strip()))
    return tuple(pictures), problems


def same_spaces(text: str) -> str:
    """A heading compared whatever its spaces: no-break spaces (French typography) and
    runs of spaces count as one plain space."""
    return " ".join(text.split())


def _field_line(text: str, name: str) -> int:
    """Line of a top-level front-matter field (for messages); 2 when not found."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{name}:"):
            return number
    return 2


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
