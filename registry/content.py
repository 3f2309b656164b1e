"""Load content files (Markdown + YAML front matter) into validated `Entry` objects.

`load_content(root)` never raises for bad content: it returns the valid entries
and one `Problem` per issue found, naming the file and the field or line.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from .problems import Problem
from .schema import FOLDERS, validate_fields
from .taxonomy import Taxonomy, load_taxonomy

FALC_SUFFIX = ".falc.md"
# Inline Markdown links: [text](target "title").
LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)")
HEADING_RE = re.compile(r"^##\s+(.+?)\s*#*\s*$")
# Site paths that exist whatever the content.
STATIC_PATHS = {"/", "/recherche", "/glossaire/", "/a-propos"}
URL_PATTERNS = {
    "monographie": "/monographies/{slug}",
    "fiche": "/fiches/{slug}",
    "glossaire": "/glossaire/{slug}",
    "principe": "/principes/{slug}",
}


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

    def __getattr__(self, name):  # front-matter fields read as attributes
        meta = self.__dict__.get("meta", {})
        if name in meta:
            return meta[name]
        raise AttributeError(name)

    @property
    def url(self) -> str:
        if self.type == "mission":
            return f"/missions/{self.meta['mission']}"
        if self.type == "page":
            return "/" if self.slug == "accueil" else f"/{self.slug}"
        return URL_PATTERNS[self.type].format(slug=self.slug)

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


def parse_file(path: Path, shown: str, tax: Taxonomy) -> tuple[Entry | None, list[Problem]]:
    """Parse and validate one content file."""
    kind = FOLDERS[path.parent.name]
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

    clean, errors = validate_fields(kind, post.metadata, tax)
    problems = [Problem(shown, name, reason) for name, reason in errors]
    expected = path.name[: -len(".md")]
    if clean.get("slug") and clean["slug"] != expected:
        problems.append(Problem(shown, "slug", f"must equal the file name {expected!r}"))
    if problems:
        return None, problems
    closing = text.find("\n---", 3)
    body_line = text.count("\n", 0, closing) + 3 if closing >= 0 else 1
    entry = Entry(kind, clean["slug"], shown, clean, post.content, body_line,
                  hashlib.sha256(raw).hexdigest())
    if kind == "monographie":
        problems += _check_grid(entry, tax)
    return entry, problems


def _check_grid(entry: Entry, tax: Taxonomy) -> list[Problem]:
    """A monograph has exactly the grid's `##` headings, in order."""
    found = []
    for offset, line in enumerate(entry.body.splitlines()):
        match = HEADING_RE.match(line)
        if match:
            found.append((match.group(1), entry.body_line + offset))
    titles = [t for t, _ in found]
    if titles == tax.monograph_sections:
        return []
    missing = [s for s in tax.monograph_sections if s not in titles]
    extra = [(t, n) for t, n in found if t not in tax.monograph_sections]
    problems = [Problem(entry.path, "body", f"missing grid heading '## {s}'") for s in missing]
    problems += [Problem(entry.path, f"line {n}", f"heading '## {t}' is not in the grid")
                 for t, n in extra]
    if not problems:
        problems.append(Problem(entry.path, "body", "grid headings are out of order (expected: "
                                + " · ".join(tax.monograph_sections) + ")"))
    return problems


def _check_links(entries: dict[str, Entry], tax: Taxonomy, invalid: set[str]) -> list[Problem]:
    """See-also slugs and internal links must point to existing pages.

    Targets in `invalid` (files that exist but failed validation) are not reported
    again: the target's own problem already is.
    """
    known = STATIC_PATHS | {e.url for e in entries.values()}
    known |= {f"/missions/{n}" for n in tax.missions} | {f"/principes/{p}" for p in tax.principes}
    problems = []
    for entry in entries.values():
        for target in entry.meta.get("see_also", []):
            if target in invalid:
                continue
            if target not in entries:
                problems.append(Problem(entry.path, "see_also", f"unknown slug {target!r}"))
            elif target == entry.slug:
                problems.append(Problem(entry.path, "see_also", "a page cannot refer to itself"))
        for offset, line in enumerate(entry.body.splitlines()):
            for target in LINK_RE.findall(line):
                if not target.startswith("/") or target.startswith("//"):
                    continue
                path = re.split(r"[?#]", target, maxsplit=1)[0] or "/"
                if path not in known and path.rstrip("/").rsplit("/", 1)[-1] not in invalid:
                    kind = "glossary reference" if path.startswith("/glossaire/") else "internal link"
                    problems.append(Problem(entry.path, f"line {entry.body_line + offset}",
                                            f"broken {kind} {target!r}"))
    return problems


def _check_unique(entries: list[Entry]) -> list[Problem]:
    problems = []
    seen_missions: dict[int, str] = {}
    for e in entries:
        if e.type == "mission":
            n = e.meta["mission"]
            if n in seen_missions:
                problems.append(Problem(e.path, "mission", f"mission {n} already has a page "
                                        f"({seen_missions[n]})"))
            seen_missions[n] = e.path
    return problems


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
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.md")):
            if path.name.endswith(FALC_SUFFIX):
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
    problems += _check_unique(list(entries.values()))
    problems += _check_links(entries, tax, invalid)
    return Content(tax, entries, sorted(problems), digest.hexdigest())
