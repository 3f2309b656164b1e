"""Checks across content files: the grid, links, unique names, cited references."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .kinds import BY_ID, TOPICS
from .problems import Problem
from .references import Reference, resolve
from .taxonomy import Taxonomy
from .text import fold

# Inline Markdown links: [text](target "title").
LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)")
HEADING_RE = re.compile(r"^##\s+(.+?)\s*#*\s*$")
SENTENCE_END_RE = re.compile(r"[.!?…»)]\s*$")


@dataclass(frozen=True)
class SitePaths:
    """The site's own addresses, read from its routes by the web app.

    Content does not know the site's routes; without them, links to pages that are
    not content are not checked, nor the slugs of free pages.
    """

    fixed: frozenset[str]  # paths of routes without variables, e.g. "/territoires"
    reserved: frozenset[str]  # first path segments that routes other than free pages take
    static: Path | None = None  # the folder served under /static/

    def knows(self, path: str) -> bool:
        if path in self.fixed or path.rstrip("/") in self.fixed or path + "/" in self.fixed:
            return True
        if self.static is not None and path.startswith("/static/"):
            target = (self.static / path[len("/static/"):]).resolve()
            return target.is_relative_to(self.static.resolve()) and target.is_file()
        return False


def check_entries(entries: dict, tax: Taxonomy, refs: dict[str, Reference],
                  invalid: set[str], site: SitePaths | None = None) -> list[Problem]:
    """Every cross-file problem of a loaded set of entries."""
    problems = []
    for entry in entries.values():
        if entry.type == "monographie":
            problems += _check_grid(entry, tax)
            if entry.meta["theme"] == "numerique" and not entry.meta.get("digital_category"):
                problems.append(Problem(entry.path, "digital_category", "required for a "
                                        "digital dispositif (theme numerique)"))
        problems += _check_justification(entry)
        problems += _check_sources(entry, refs)
    problems += _check_one_page_each(entries.values())
    if site is not None:
        problems += [Problem(e.path, "slug", f"{e.slug!r} is a reserved address of the site")
                     for e in entries.values() if e.type == "page" and e.slug in site.reserved]
    problems += _check_glossary_forms(entries.values())
    problems += _check_links(entries, tax, invalid, site)
    return problems


def _check_grid(entry, tax: Taxonomy) -> list[Problem]:
    """A monograph has exactly the grid's `##` headings, in order."""
    found = []
    for offset, line in enumerate(entry.body.splitlines()):
        match = HEADING_RE.match(line)
        if match:
            found.append((match.group(1), entry.body_line + offset))
    titles = [t for t, _ in found]
    grid = tax.section_titles
    if titles == grid:
        return []
    missing = [s for s in grid if s not in titles]
    extra = [(t, n) for t, n in found if t not in grid]
    problems = [Problem(entry.path, "body", f"missing grid heading '## {s}'") for s in missing]
    problems += [Problem(entry.path, f"line {n}", f"heading '## {t}' is not in the grid")
                 for t, n in extra]
    if not problems:
        problems.append(Problem(entry.path, "body", "grid headings are out of order (expected: "
                                + " · ".join(grid) + ")"))
    return problems


def topic_urls(tax: Taxonomy) -> set[str]:
    """The address of every mission, principle and theme, whether or not a page is written."""
    urls = set()
    for kind, (vocabulary, _field) in TOPICS.items():
        urls |= {BY_ID[kind].url({BY_ID[kind].key: value}) for value in tax.vocabulary(vocabulary)}
    return urls


def _check_links(entries: dict, tax: Taxonomy, invalid: set[str],
                 site: SitePaths | None) -> list[Problem]:
    """See-also slugs and internal links must point to existing pages.

    Targets in `invalid` (files that exist but failed validation) are not reported
    again: the target's own problem already is. Without the site's routes, only
    links under a content kind's prefix are checked.
    """
    known = {e.url for e in entries.values()} | topic_urls(tax)
    content_prefixes = tuple(k.prefix for k in BY_ID.values() if k.prefix != "/")

    def is_known(path: str) -> bool:
        if path in known:
            return True
        if site is None:  # only addresses of content items can be told broken
            return not any(path.startswith(p) and len(path) > len(p) for p in content_prefixes)
        return site.knows(path)

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
                if not is_known(path) and path.rstrip("/").rsplit("/", 1)[-1] not in invalid:
                    kind = ("glossary reference" if path.startswith(BY_ID["glossaire"].prefix)
                            else "internal link")
                    problems.append(Problem(entry.path, f"line {entry.body_line + offset}",
                                            f"broken {kind} {target!r}"))
    return problems


def _check_one_page_each(entries) -> list[Problem]:
    """At most one page per mission, principle and theme."""
    problems = []
    seen: dict[tuple, str] = {}
    for e in entries:
        if e.type not in TOPICS:
            continue
        key_field = BY_ID[e.type].key
        key = (e.type, e.meta[key_field])
        if key in seen:
            problems.append(Problem(e.path, key_field, f"{e.meta[key_field]!r} already has a page "
                                    f"({seen[key]})"))
        seen.setdefault(key, e.path)
    return problems


def _check_justification(entry) -> list[Problem]:
    evidence = entry.meta.get("evidence")
    if evidence and not SENTENCE_END_RE.search(evidence["justification"]):
        return [Problem(entry.path, "evidence", "justification must be at least one full "
                        "sentence, ending with a full stop")]
    return []


def _check_sources(entry, refs: dict[str, Reference]) -> list[Problem]:
    if not refs:
        return []  # the references file itself is reported as missing or broken
    return [Problem(entry.path, "sources", f"unknown document {s['document']!r} (not an id or "
                    "file of content/references.yaml)")
            for s in entry.meta.get("sources", []) if resolve(refs, s["document"]) is None]


def _check_glossary_forms(entries) -> list[Problem]:
    """A glossary title or alias (case and accents folded) belongs to one entry only."""
    owner: dict[str, str] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.type != "glossaire":
            continue
        for form in {fold(f) for f in [entry.title, *entry.meta["aliases"],
                                       *entry.meta["english"]]}:
            if form in owner and owner[form] != entry.slug:
                problems.append(Problem(entry.path, "aliases", f"{form!r} already names the "
                                        f"glossary entry {owner[form]!r}"))
            owner.setdefault(form, entry.slug)
    return problems
