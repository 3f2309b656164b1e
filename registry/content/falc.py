"""The easy-to-read (FALC) linter: its rules file, and linting the catalogue or files.

Rule metadata (level, French explanation, reference) and the readability floor live in
`content/falc_rules.yaml`; each rule id has one check in `falc_checks.py`
(`CHECKED_RULES`), and `load_rules` refuses a file that does not describe exactly those
rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .documents import parse_falc
from .falc_checks import (
    CHECKED_RULES,
    Report,
    Rule,
    acronym_forms,
    avoided_words,
    glossed_acronyms,
    lint,
)
from .problems import Problem
from .yamlfile import read_yaml

LEVELS = ("erreur", "avertissement")
RULES_FILE = "falc_rules.yaml"
PRACTICE_FOLDERS = ("monographies",)  # easy texts there follow the practice plan


@dataclass(frozen=True)
class FalcRules:
    rules: dict[str, Rule]
    practice_plan: list[str]  # the `##` headings of a practice's easy-to-read text
    readability_floor: float  # Kandel-Moles score under which a text gets a warning


def _rule(item, where: str, refs: dict, rules: dict, shown: str) -> Problem | Rule:
    if not isinstance(item, dict) or set(item) != {"id", "level", "explanation", "source"}:
        return Problem(shown, where, "must have exactly id, level, explanation, source")
    if item["id"] not in CHECKED_RULES:
        return Problem(shown, f"{where}.id", f"unknown rule {item['id']!r} (the linter "
                       f"checks: {', '.join(sorted(CHECKED_RULES))})")
    if item["id"] in rules:
        return Problem(shown, f"{where}.id", f"duplicate rule {item['id']!r}")
    if item["level"] not in LEVELS:
        return Problem(shown, f"{where}.level", f"must be one of {', '.join(LEVELS)}")
    if item["source"] not in refs:
        return Problem(shown, f"{where}.source", f"unknown reference {item['source']!r} "
                       f"(allowed: {', '.join(refs)})")
    if not isinstance(item["explanation"], str) or not item["explanation"].strip():
        return Problem(shown, f"{where}.explanation", "must be a non-empty text")
    return Rule(item["id"], item["level"], item["explanation"].strip(), refs[item["source"]])


def load_rules(path: Path, shown: str | None = None) -> tuple[FalcRules | None, list[Problem]]:
    """Rule metadata from falc_rules.yaml, checked against the rules the linter applies."""
    shown = shown or str(path)
    data, problems = read_yaml(path, shown)
    if data is None:
        return None, problems
    refs = data.get("references")
    if not isinstance(refs, dict) or not all(isinstance(v, str) and v for v in refs.values()):
        return None, [Problem(shown, "references", "must map each reference id to its title")]
    rules: dict[str, Rule] = {}
    items = data.get("rules")
    for i, item in enumerate(items if isinstance(items, list) else []):
        made = _rule(item, f"rules[{i}]", refs, rules, shown)
        if isinstance(made, Problem):
            problems.append(made)
        else:
            rules[made.id] = made
    if not isinstance(items, list):
        problems.append(Problem(shown, "rules", "must be a list of rules"))
    elif not problems:
        problems += [Problem(shown, "rules", f"rule {rid!r} is checked but not described")
                     for rid in sorted(CHECKED_RULES - set(rules))]
    plan = data.get("practice_plan")
    if not isinstance(plan, list) or not plan or not all(isinstance(h, str) and h.strip()
                                                         for h in plan):
        problems.append(Problem(shown, "practice_plan", "must list the headings of a practice"))
    floor = data.get("readability_floor")
    if isinstance(floor, bool) or not isinstance(floor, int | float) or not 0 < floor < 120:
        problems.append(Problem(shown, "readability_floor", "must be a Kandel-Moles score "
                                "between 0 and 120"))
    if problems:
        return None, problems
    return FalcRules(rules, [h.strip() for h in plan], float(floor)), []


def lint_catalog(catalog, only: list[Path] | None = None):
    """Lint the FALC texts of the catalog (those under `only`, if given).

    Returns the reports and the content problems of FALC files and of the rules file;
    no report when the rules file is unusable.
    """
    content = catalog.content
    base = catalog.root.parent

    def wanted(path: str) -> bool:
        full = (base / path).resolve()
        return not only or any(full == p or p in full.parents for p in only)

    problems = [p for p in content.problems
                if (".falc.md" in p.path and wanted(p.path)) or p.path.endswith(RULES_FILE)]
    if content.falc_rules is None:
        return [], problems
    rules = content.falc_rules
    acronyms = acronym_forms(catalog.of_type("glossaire"))
    avoid = avoided_words(content.easy_words)
    glossed = glossed_acronyms(content.easy_words, acronyms)
    reports = [lint(e.falc, rules.rules, acronyms,
                    rules.practice_plan if e.type == "monographie" else None,
                    rules.readability_floor, avoid, glossed)
               for e in sorted((e for e in catalog.entries.values() if e.falc),
                               key=lambda e: e.falc.path)
               if wanted(e.falc.path)]
    return reports, problems


def easy_files(path: Path) -> list[Path]:
    """The easy-to-read texts a path names: itself if it is one, those under it if it is
    a folder."""
    if path.is_file():
        return [path] if path.name.endswith(".falc.md") else []
    return sorted(path.rglob("*.falc.md")) if path.is_dir() else []


def lint_files(catalog, paths: list[Path], done: set[str]) -> tuple[list[Report],
                                                                      list[Problem]]:
    """Lint easy texts outside the catalogue (drafts, files of an invalid page): front
    matter checked as for the catalogue, the practice plan for those in a practice
    folder. `done` holds the paths already linted with the catalogue."""
    rules = catalog.content.falc_rules
    if rules is None:
        return [], []
    acronyms = acronym_forms(catalog.of_type("glossaire"))
    reports, problems = [], []
    for path in paths:
        try:
            shown = str(path.relative_to(Path.cwd()))
        except ValueError:
            shown = str(path)
        if shown in done:
            continue
        text, found = parse_falc(path, shown)
        problems += found
        if text is not None:
            practice = path.parent.name in PRACTICE_FOLDERS
            reports.append(lint(text, rules.rules, acronyms,
                                rules.practice_plan if practice else None,
                                rules.readability_floor,
                                avoided_words(catalog.content.easy_words),
                                glossed_acronyms(catalog.content.easy_words, acronyms)))
    return reports, problems
