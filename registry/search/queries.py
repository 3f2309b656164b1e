"""Building a query the way Whoosh's parser would, without running the parser each time
(it costs about a millisecond a query): plain words directly, and a rewritten query of
several parts as the union of its parts, each parsed once and kept."""
from __future__ import annotations

import re
from functools import lru_cache

from whoosh.query import NullQuery, Or, Term

from .analysis import french_analyzer
from .document import SEARCH_FIELDS

PLAIN = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")  # words of letters and digits only
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
# A part that the parser reads the same alone as among others: a word (hyphens and
# apostrophes inside), a quoted phrase, or a group in parentheses (what the rewriting of
# glossary forms and of a word being typed produces), whatever it holds. Fields,
# wildcards, boosts and ranges outside a group are left to the parser. (Possessive
# quantifiers: a part that does not match fails at once, without backtracking.)
SIMPLE_PART = re.compile(r"""[^\W_][\w’'-]*+|"[^"]*+"|\((?:[^()"]|"[^"]*+")++\)""")
COORDINATION = 0.9  # the parser's OrGroup factory: the bonus for matching more words

_ANALYZER = french_analyzer()


@lru_cache(maxsize=20_000)
def _stems(word: str) -> tuple[str, ...]:
    return tuple(t.text for t in _ANALYZER(word, mode="query"))


def plain_words_query(text: str):
    """What the parser makes of words of letters and digits only (no operator, quote,
    hyphen or apostrophe): each word's stem in every field, in one Or with the
    coordination bonus; None for anything else (the parser then reads it)."""
    if not PLAIN.fullmatch(text) or re.search(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE|TO)\b", text):
        return None
    terms = []
    for word in text.split():
        stems = _stems(word)
        if len(stems) > 1:  # split by the analyzer: leave it to the parser
            return None
        terms += [Term(field, stem) for stem in stems for field in SEARCH_FIELDS]
    return Or(terms, scale=COORDINATION) if terms else NullQuery


def units(rewritten: str) -> list[str]:
    """The parts of a rewritten query that stand for one word, quoted phrase or group of
    alternatives (a glossary form, a word being typed): split at spaces outside
    parentheses and quotes."""
    parts, depth, quoted, current = [], 0, False, []
    for char in rewritten:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "()":
            depth += 1 if char == "(" else -1
        if char.isspace() and depth <= 0 and not quoted:
            if current:
                parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if current:
        parts.append("".join(current))
    if any(part in OPERATORS for part in parts):
        return []  # the person wrote the logic: no "most of the words" on top of it
    return parts


def composed_query(text: str, parse):
    """The parser's query for `text` made of its parts, each read by `parse` (which keeps
    them): the union of the parts with the coordination bonus, normalized as the parser
    does; None when a part is not simple (see SIMPLE_PART) or there is only one."""
    parts = units(text)
    if len(parts) < 2 or not all(SIMPLE_PART.fullmatch(p) and p not in OPERATORS
                                 for p in parts):
        return None
    return Or([parse(part) for part in parts], scale=COORDINATION).normalize()
