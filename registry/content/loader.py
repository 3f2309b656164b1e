"""Load a content folder into validated entries, vocabularies and data files.

`load_content(root)` never raises for bad content: it returns the valid entries
and one `Problem` per issue found, naming the file and the field or line.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .crosscheck import SitePaths, check_entries
from .documents import FALC_SUFFIX, Entry, parse_entry, parse_falc
from .easy_index import FILE as EASY_INDEX_FILE
from .easy_index import Situation, load_situations
from .easy_words import FILE as EASY_WORDS_FILE
from .easy_words import EasyWord, load_easy_words
from .falc import RULES_FILE, FalcRules, load_rules
from .help import Help, load_help
from .kinds import KINDS
from .pictograms import FILE as PICTOGRAMS_FILE
from .pictograms import PictogramSet, check_pictures, load_pictograms
from .problems import Problem
from .references import Reference, load_references
from .rereading_questions import FILE as REREADING_FILE
from .rereading_questions import RereadingQuestions, load_questions
from .taxonomy import Taxonomy, load_taxonomy

HELP_FILE = "aide.yaml"


@dataclass
class Content:
    """Everything loaded from a content folder."""

    taxonomy: Taxonomy
    entries: dict[str, Entry]
    problems: list[Problem]
    digest: str  # hash of every loaded file, to tell index builds apart
    references: dict[str, Reference] = field(default_factory=dict)
    situations: list[Situation] = field(default_factory=list)  # of the easy-to-read index
    falc_rules: FalcRules | None = None
    help: Help | None = None  # the help numbers (content/aide.yaml)
    easy_words: list[EasyWord] = field(default_factory=list)  # content/mots-faciles.yaml
    pictograms: PictogramSet | None = None  # content/pictogrammes.yaml
    rereading: RereadingQuestions | None = None  # content/relecture.yaml
    parts: dict[str, object] = field(default_factory=dict)  # see `Part`
    usable: bool = True  # False when nothing could be loaded (the taxonomy is unusable)


# A part of the content read by another package (e.g. the checklist's criteria):
# part(root, shown, content) → (the part or None, problems). Content itself does not
# know what its parts are; the app passes them in.
Part = Callable[[Path, Callable[[Path], str], Content], tuple[object, list[Problem]]]


def load_content(root: Path, base: Path | None = None, site: SitePaths | None = None,
                 parts: dict[str, Part] | None = None) -> Content:
    """Load and validate every content file under `root`.

    Paths in problems are relative to `base` (the folder above `root` by default).
    `site` gives the site's own addresses, to check links and free pages' slugs.
    """
    root = Path(root)
    base = base or root.parent

    def shown(path: Path) -> str:
        return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)

    tax, problems = load_taxonomy(root / "taxonomy.yaml", shown(root / "taxonomy.yaml"))
    if problems:  # without a valid taxonomy no tag can be checked
        return Content(tax, {}, problems, "", usable=False)
    refs, found = load_references(root / "references.yaml", shown(root / "references.yaml"))
    problems += found
    entries, invalid, digest, found = _read_entries(root, shown, tax)
    problems += found
    problems += check_entries(entries, tax, refs, invalid, site)
    pictos, found = load_pictograms(root / PICTOGRAMS_FILE, shown(root / PICTOGRAMS_FILE))
    problems += found + check_pictures(entries, pictos)
    situations, found = load_situations(root / EASY_INDEX_FILE, shown(root / EASY_INDEX_FILE),
                                        entries, invalid, pictos)
    problems += found
    falc_rules, found = load_rules(root / RULES_FILE, shown(root / RULES_FILE))
    problems += found
    help_, found = load_help(root / HELP_FILE, shown(root / HELP_FILE))
    problems += found
    easy_words, found = load_easy_words(root / EASY_WORDS_FILE, shown(root / EASY_WORDS_FILE),
                                        entries)
    problems += found
    rereading, found = load_questions(root / REREADING_FILE, shown(root / REREADING_FILE),
                                      pictos)
    problems += found
    content = Content(tax, entries, problems, digest, refs, situations, falc_rules, help_,
                      easy_words, pictos, rereading)
    for name, part in (parts or {}).items():
        content.parts[name], found = part(root, shown, content)
        problems += found
    content.problems = sorted(set(problems))
    return content


def _read_entries(root: Path, shown, tax: Taxonomy):
    """Every valid entry, the slugs of files that failed, the content digest, problems."""
    entries: dict[str, Entry] = {}
    invalid: set[str] = set()  # file names (= intended slugs) that failed validation
    digest = hashlib.sha256()
    problems: list[Problem] = []
    falc_files = []
    for kind in KINDS:
        for path in sorted((root / kind.folder).glob("*.md")):
            if path.name.endswith(FALC_SUFFIX):
                falc_files.append(path)
                continue
            entry, found = parse_entry(path, shown(path), tax)
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
    return entries, invalid, digest.hexdigest(), problems
