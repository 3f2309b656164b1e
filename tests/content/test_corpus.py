"""The shipped corpus: its size, and facts of the sources it must reflect."""
from __future__ import annotations

from collections import Counter

import pytest

from registry.content.loader import load_content
from registry.content.references import resolve
from tests.support import REAL_CONTENT

# 002, « Des outils pour les missions du nouvel ambulatoire »: the missions for which the
# report names each digital tool as an example. Every one must be on the tool's page.
TOOLS_FOR_MISSIONS = {
    "apoge-e": {1, 3},
    "prometted": {1},
    "i-decide": {3, 5, 7},
    "realite-virtuelle-sainte-marie": {4, 5},
    "sesame": {2},
    "mathurin": {6, 7},
    "near": {6, 7},
    "studio-connecte-rouvray": {6},
}


@pytest.fixture(scope="module")
def content():
    return load_content(REAL_CONTENT)


def test_corpus_is_complete(content):
    counts = Counter(e.type for e in content.entries.values())
    assert counts["monographie"] >= 18
    assert counts["fiche"] == 8
    assert counts["glossaire"] >= 100
    assert counts["mission"] == 8 and counts["principe"] == 4
    numbers = sorted(e.meta["number"] for e in content.entries.values() if e.type == "fiche")
    assert numbers == list(range(1, 9))


@pytest.mark.parametrize("slug, missions", sorted(TOOLS_FOR_MISSIONS.items()))
def test_digital_tools_carry_the_missions_of_the_report_table(content, slug, missions):
    entry = content.entries[slug]
    assert entry.meta["theme"] == "numerique" and entry.meta["digital_category"]
    assert missions <= set(entry.meta["missions"])


def test_every_practice_cites_a_source_document(content):
    for entry in content.entries.values():
        if entry.is_practice:
            cited = [resolve(content.references, s["document"]) for s in entry.meta["sources"]]
            assert any(ref is not None and (ref.is_source or ref.kind == "contribution")
                       for ref in cited), entry.path


def test_french_typography():
    """No plain space before : ; ? ! or inside « », no OCR debris, in any content page."""
    import re

    bad_space = re.compile(r"(?<=\S) (?=[:;?!](?:\s|$))|« |(?<=\S) »")
    debris = re.compile(r"\ufffd|nouVel|\b\d+O\d*\b|\bO\d+\b")
    problems = []
    for path in sorted([*REAL_CONTENT.glob("*/*.md"), *REAL_CONTENT.glob("checklist/*.yaml"),
                        *REAL_CONTENT.glob("*.yaml")]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if bad_space.search(line) or debris.search(line):
                problems.append(f"{path.relative_to(REAL_CONTENT)}:{number}: {line[:80]}")
    assert problems == []


def french_strings(value, where=""):
    """(where, text) for each French string of a YAML value: keys ending in `_en` and the
    glossary's `english` hold English, and are skipped."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not (str(key).endswith("_en") or key == "english"):
                yield from french_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from french_strings(item, f"{where}[{i}]")
    elif isinstance(value, str):
        yield where, value


def test_curly_apostrophes_in_french_text():
    """French text uses the typographic apostrophe (’), in pages and in every YAML value
    shown to people (comments and English forms aside)."""
    import re

    import frontmatter
    import yaml

    straight = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
    problems = []
    for path in sorted(REAL_CONTENT.glob("*/*.md")):
        post = frontmatter.load(path)
        texts = [("body", post.content), *french_strings(post.metadata)]
        problems += [f"{path.relative_to(REAL_CONTENT)}:{where}" for where, text in texts
                     if straight.search(text)]
    for path in sorted([*REAL_CONTENT.glob("*.yaml"), *REAL_CONTENT.glob("checklist/*.yaml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        problems += [f"{path.relative_to(REAL_CONTENT)}:{where}"
                     for where, text in french_strings(data) if straight.search(text)]
    assert problems == []


def test_every_practice_mission_and_principle_has_an_easy_version(content):
    missing = [e.path for e in content.entries.values()
               if e.type in ("monographie", "fiche", "mission", "principe") and e.falc is None]
    assert missing == []
    assert content.entries["accueil"].falc is not None
    assert all(not e.falc.reviewed for e in content.entries.values() if e.falc)


def test_every_easy_text_passes_the_linter(app):
    from registry.content.falc import lint_catalog
    from registry.services import catalog

    with app.app_context():
        reports, problems = lint_catalog(catalog)
    errors = [str(f) for r in reports for f in r.errors] + [str(p) for p in problems]
    assert errors == []
    assert len(reports) >= 39
