"""Checks across content files: the grid, links, unique names, cited references."""
from __future__ import annotations

import re

from .problems import Problem
from .references import Reference, resolve
from .taxonomy import Taxonomy
from .text import fold

# Inline Markdown links: [text](target "title").
LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)")
HEADING_RE = re.compile(r"^##\s+(.+?)\s*#*\s*$")
SENTENCE_END_RE = re.compile(r"[.!?…»)]\s*$")
# Free pages live at /<slug>: these slugs belong to the site's own sections.
RESERVED_PAGE_SLUGS = {"recherche", "glossaire", "missions", "monographies", "fiches",
                       "principes", "themes", "api", "static", "numerique", "facile",
                       "comparer", "donnees"}
# Site paths that exist whatever the content.
STATIC_PATHS = {"/", "/recherche", "/glossaire/", "/a-propos", "/missions/", "/monographies/",
                "/fiches/", "/numerique/evaluer"}


def check_entries(entries: dict, tax: Taxonomy, refs: dict[str, Reference],
                  invalid: set[str]) -> list[Problem]:
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
    problems += [Problem(e.path, "slug", f"{e.slug!r} is a reserved address of the site")
                 for e in entries.values() if e.type == "page" and e.slug in RESERVED_PAGE_SLUGS]
    problems += _check_glossary_forms(entries.values())
    problems += _check_links(entries, tax, invalid)
    return problems


def _check_grid(entry, tax: Taxonomy) -> list[Problem]:
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


def _check_links(entries: dict, tax: Taxonomy, invalid: set[str]) -> list[Problem]:
    """See-also slugs and internal links must point to existing pages.

    Targets in `invalid` (files that exist but failed validation) are not reported
    again: the target's own problem already is.
    """
    known = STATIC_PATHS | {e.url for e in entries.values()}
    known |= {f"/missions/{n}" for n in tax.missions} | {f"/principes/{p}" for p in tax.principes}
    known |= {f"/themes/{t}" for t in tax.themes}
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


def _check_one_page_each(entries) -> list[Problem]:
    """At most one page per mission, principle and theme."""
    problems = []
    seen: dict[tuple, str] = {}
    for e in entries:
        key_field = {"mission": "mission", "principe": "principle", "theme": "theme"}.get(e.type)
        if key_field is None:
            continue
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
        for form in {fold(f) for f in [entry.title, *entry.meta["aliases"]]}:
            if form in owner and owner[form] != entry.slug:
                problems.append(Problem(entry.path, "aliases", f"{form!r} already names the "
                                        f"glossary entry {owner[form]!r}"))
            owner.setdefault(form, entry.slug)
    return problems
