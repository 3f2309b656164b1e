"""Every number written in content/ appears in the source texts (../shared/seeds)."""
from __future__ import annotations

import re

import pytest

from registry.checklist.criteria import load_part
from registry.config import PROJECT_ROOT
from registry.content.loader import load_content
from tests.support import REAL_CONTENT

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"

UNITS = {"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
         "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
         "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
         "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000}
NUMBER_WORD_RE = re.compile(r"\b(?:(?:" + "|".join(sorted(UNITS, key=len, reverse=True))
                            + r"|et|s)[-\s]?)+", re.I)
# Digits, with French thousands separators (space, narrow or normal no-break space) and decimals.
DIGITS_RE = re.compile(r"(?<![\w.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")


def words_value(phrase: str) -> int | None:
    """Value of a French number written in words (« soixante-dix », « vingt-quatre »)."""
    total, current = 0, 0
    tokens = [t for t in re.split(r"[-\s]+", phrase.lower()) if t and t not in ("et", "s")]
    if not tokens:
        return None
    for token in tokens:
        token = token.rstrip("s") if token not in UNITS else token
        if token not in UNITS:
            return None
        value = UNITS[token]
        if value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        elif value == 20 and current in (4,):  # quatre-vingt
            current = 80
        else:
            current += value
    return total + current


def numbers_in(text: str) -> set[str]:
    found = set()
    for match in DIGITS_RE.finditer(text):
        found.add(re.sub(r"[ \u00a0\u202f]", "", match.group()).replace(",", "."))
    return found


def normalise_seed(text: str) -> str:
    text = re.sub(r"(?<=\d)[Oo]|[Oo](?=\d)", "0", text)  # OCR: letter O for zero
    # Extraction: a key figure alone on its line with a stray hyphen between its digits
    # (002 prints 75 as « 7-5 », as it prints page 7 as « 7- »).
    text = re.sub(r"(?m)^(\d)-(\d)$", r"\1\2", text)
    return text


@pytest.fixture(scope="module")
def seed_numbers() -> set[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"source texts not found at {SEEDS}: traceability cannot be checked")
    numbers: set[str] = set()
    for path in SEEDS.glob("*.txt"):
        text = normalise_seed(path.read_text(encoding="utf-8", errors="replace"))
        numbers |= numbers_in(text)
        for match in NUMBER_WORD_RE.finditer(text):
            value = words_value(match.group())
            if value is not None:
                numbers.add(str(value))
    return numbers


def content_text(entry) -> str:
    """What a reader sees of an entry: body, title, summary, justification, figures,
    the « Reproduire cette pratique » fields and the easy-to-read text."""
    meta = entry.meta
    parts = [entry.body, entry.title, entry.summary]
    if meta.get("evidence"):
        parts.append(meta["evidence"]["justification"])
    for figure in meta.get("key_figures", []):
        parts += [figure["value"], figure["label"], str(figure["year"] or "")]
    if meta.get("year"):
        parts.append(str(meta["year"]))
    for value in (meta.get("reproduce") or {}).values():  # « Reproduire cette pratique »
        if isinstance(value, dict):
            parts += [value["text"], str(value["year"] or "")]
        elif isinstance(value, list):
            parts += value
        elif value:
            parts.append(value)
    if entry.falc:
        parts += [entry.falc.title, entry.falc.body]
    text = "\n".join(parts)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are paths, not facts
    text = re.sub(r"(?i)\b(?:missions?|n°|fiches?|principes?)\s+(?:\d\s*(?:,|et|à|-)?\s*)+", " ",
                  text)  # references to the registry's own numbering
    return text


def test_parser_reads_french_numbers():
    assert words_value("soixante-dix") == 70
    assert words_value("vingt-quatre") == 24
    assert words_value("quatre-vingts") == 80
    assert numbers_in("91 % et 1 000 personnes, 2,5 ans") == {"91", "1000", "2.5"}
    assert numbers_in("les 16-25 ans") == {"16", "25"}  # both bounds of a range
    seed = normalise_seed("En 2O19\n\n7-5\n\nles 16-25 ans")
    assert numbers_in(seed) == {"2019", "75", "16", "25"}


def test_every_number_in_content_is_in_the_sources(seed_numbers):
    content = load_content(REAL_CONTENT)
    missing = []
    for entry in content.entries.values():
        for number in sorted(numbers_in(content_text(entry))):
            if number not in seed_numbers:
                missing.append(f"{entry.path}: {number}")
    assert missing == [], "numbers not found in the sources:\n" + "\n".join(missing)


def test_every_number_in_the_checklist_criteria_is_in_the_sources(seed_numbers):
    """The criteria are content too: their questions, help, reasons and FALC sentences."""
    checklist, problems = load_part(REAL_CONTENT, str, load_content(REAL_CONTENT))
    assert problems == []
    missing = []
    for c in checklist.criteria.values():
        text = " ".join([c.question, c.help, c.action, c.falc, c.why or "", *c.ask])
        missing += [f"{c.id}: {n}" for n in sorted(numbers_in(text)) if n not in seed_numbers]
    assert missing == []
