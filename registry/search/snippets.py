"""Search snippets: the passages of a text where the query's words occur, marked.

Whoosh's highlighter runs the whole analyzer over each result's text. Here the
index's own vocabulary maps each index term (a stem) to the words that produce it,
once per opened index; a snippet is then one regular-expression pass over the
lowercased text, whose pattern accepts the accented forms of each letter.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from markupsafe import escape

from ..content.text import FOLD_TABLE, fold_in_place
from .analysis import french_analyzer

_ANALYZER = french_analyzer()
WINDOW = 220  # characters per passage
PASSAGES = 2
# Like Lucene's maxAnalyzedChars: matches are looked for in this many characters,
# further only when there are none there (a long body costs no more than a short one).
SCAN_CHARS = 10_000


@lru_cache(maxsize=100_000)
def index_terms(word: str) -> frozenset[str]:
    """The index terms a (folded) word of the vocabulary produces."""
    return frozenset(t.text for t in _ANALYZER(word, mode="index"))


def surface_words(vocabulary) -> dict[str, frozenset[str]]:
    """Index term → the folded words of the vocabulary that produce it."""
    surfaces: dict[str, set[str]] = defaultdict(set)
    for word in vocabulary:
        for term in index_terms(word):
            surfaces[term].add(word)
    return {term: frozenset(words) for term, words in surfaces.items()}


def _variants() -> dict[str, str]:
    """Folded letter → a regex class of the lowercase Latin-1 letters that fold to it
    (« e » → « [eèéêë] »). Wider classes (all of Latin Extended) make compiling a
    query's pattern cost more than the search itself."""
    groups: dict[str, set[str]] = defaultdict(set)
    for code, base in FOLD_TABLE.items():
        if 0xDF <= code <= 0xFF:
            groups[base].update((base, chr(code)))
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in groups.items()
            if len(chars) > 1}


_VARIANTS = _variants()


@lru_cache(maxsize=4096)
def _pattern(words: frozenset[str]) -> re.Pattern:
    """Matches the folded `words` (those of one index term) in a lowercased text, with or
    without accents. One pattern per term, kept: queries are new combinations of terms
    that come back, and compiling costs more than matching."""
    alternatives = "|".join("".join(_VARIANTS.get(c) or re.escape(c) for c in w)
                            for w in sorted(words, key=len, reverse=True))
    # No look-behind at the start (« (?<!\w) »): it stops the regex engine from skipping
    # ahead to the possible first letters, and costs 15 times more. Matches that start
    # inside a word are dropped in `_matches`.
    return re.compile(r"(?:" + alternatives + r")(?!\w)")


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _matches(patterns: list[re.Pattern], lowered: str) -> list[re.Match]:
    """The matches of all `patterns` in text order; where two overlap (« pair » inside
    « pair-aidance »), the one that starts first, then the longest, is kept."""
    found = sorted((m for p in patterns for m in p.finditer(lowered)
                    if _starts_word(lowered, m.start())),
                   key=lambda m: (m.start(), -m.end()))
    kept, end = [], -1
    for m in found:
        if m.start() >= end:
            kept.append(m)
            end = m.end()
    return kept


def _lowered(text: str) -> str:
    """`text` in lower case, each character at its place."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character changed length: fold it all
        lowered = fold_in_place(text)
    return lowered


def snippet(text: str, terms: set[str], surfaces: dict[str, frozenset[str]]) -> str:
    """Up to 2 passages of `text` around the query terms, escaped, matches in <mark>."""
    patterns = [_pattern(surfaces[t]) for t in sorted(terms) if t in surfaces]
    if not text or not patterns:
        return ""
    # Passages come from the text's opening when it has matches there; the rest of a
    # long text is read only when it has none.
    matches = _matches(patterns, _lowered(text[:SCAN_CHARS]))
    if not matches and len(text) > SCAN_CHARS:
        matches = _matches(patterns, _lowered(text))
    if not matches:
        return ""
    parts = []
    for start, end in _best_windows(text, matches):
        out, cursor = [], start
        for m in matches:
            if m.start() >= start and m.end() <= end:
                out.append(str(escape(text[cursor:m.start()])))
                out.append(f'<mark class="hl">{escape(text[m.start():m.end()])}</mark>')
                cursor = m.end()
        out.append(str(escape(text[cursor:end])))
        parts.append("".join(out).strip())
    return " … ".join(parts)


def _best_windows(text: str, matches) -> list[tuple[int, int]]:
    """The windows holding the most distinct matched words, cut at spaces, in text order."""
    scored = []
    for first in matches:
        start, end = _trim(text, max(0, first.start() - 60),
                           min(len(text), first.start() + WINDOW - 60))
        words = {m.group().lower() for m in matches if m.start() >= start and m.end() <= end}
        scored.append((len(words), -start, start, end))
    chosen: list[tuple[int, int]] = []
    for _, _, start, end in sorted(scored, reverse=True):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
        if len(chosen) == PASSAGES:
            break
    return sorted(chosen)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move the bounds inward to spaces so that no word is cut in two."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < end else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end
