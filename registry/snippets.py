"""Search snippets: the passages of a text where the query's words occur, marked.

Whoosh's highlighter runs the whole analyzer over each result's text; here each
distinct word is analyzed once per process (then looked up), which makes snippets
cheap enough to compute for every page of results.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import escape

from .analysis import TOKEN, french_analyzer

WORDS = re.compile(TOKEN)
_ANALYZER = french_analyzer()
WINDOW = 220  # characters per passage
PASSAGES = 2


@lru_cache(maxsize=100_000)
def index_terms(word: str) -> frozenset[str]:
    """The index terms a word of the text produces (stems, compound parts)."""
    return frozenset(t.text for t in _ANALYZER(word, mode="index"))


def snippet(text: str, terms: set[str]) -> str:
    """Up to 2 passages of `text` around the query terms, escaped, matches in <mark>."""
    if not text or not terms:
        return ""
    matches = [m for m in WORDS.finditer(text) if index_terms(m.group().lower()) & terms]
    if not matches:
        return ""
    parts = []
    for start, end in _best_windows(text, matches):
        out, cursor = [], start
        for m in matches:
            if m.start() >= start and m.end() <= end:
                out.append(str(escape(text[cursor:m.start()])))
                out.append(f'<mark class="hl">{escape(m.group())}</mark>')
                cursor = m.end()
        out.append(str(escape(text[cursor:end])))
        parts.append("".join(out).strip())
    return " … ".join(parts)


def _best_windows(text: str, matches) -> list[tuple[int, int]]:
    """The windows holding the most distinct matched words, cut at spaces, in text order."""
    scored = []
    for first in matches:
        start, end = _trim(text, max(0, first.start() - 60), min(len(text), first.start() + WINDOW - 60))
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
