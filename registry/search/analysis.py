"""French text analysis for the index, and rewriting of user queries before parsing."""
from __future__ import annotations

import re

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

from ..content.text import fold, fold_in_place

# Words, keeping apostrophes and hyphens inside them: « l'hôpital », « aller-vers ».
TOKEN = r"\w+(?:['’-]\w+)*"
ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.I)
JOINERS = re.compile(r"['’-]")
MAX_QUERY_CHARS = 200
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A word or phrase after a minus sign that starts it (« -psychose », « -"soins somatiques" »),
# not a hyphen inside a word (« aller-vers »).
EXCLUDE = re.compile(r"(?:(?<=\s)|^)-(\"[^\"]*\"|[\w'’-]+)")


class FrenchWordFilter(Filter):
    """Drop elided articles (l', d', qu'…) and split compounds.

    When indexing, « aller-vers » gives « aller », « vers » and « allervers », so that
    « aller vers », « aller-vers » and « allervers » all find it. In a query, a
    compound gives only its parts (which must all match).
    """

    def __call__(self, tokens):
        for token in tokens:
            text = ELISION.sub("", token.text)
            if not JOINERS.search(text):
                token.text = text
                yield token
                continue
            parts = [p for p in JOINERS.split(text) if p]
            if token.mode != "query" and len(parts) > 1:
                token.text = "".join(parts)
                yield token.copy()
            for part in parts:
                token.text = part
                yield token.copy()


def french_analyzer():
    """Words, elision and compounds, lowercase, French stop words, accents folded, stems."""
    return (RegexTokenizer(TOKEN) | LowercaseFilter() | FrenchWordFilter()
            | StopFilter(lang="fr") | CharsetFilter(accent_map)
            | StemFilter(lang="fr", cachesize=50000))


def folded_analyzer():
    """Unstemmed, accent-folded words: for spelling suggestions and prefixes."""
    return RegexTokenizer(TOKEN) | LowercaseFilter() | FrenchWordFilter() \
        | CharsetFilter(accent_map)


def clean_query(text: str) -> tuple[str, str | None]:
    """Strip control characters and cut very long queries; say when it was cut."""
    text = CONTROL.sub(" ", text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS], "truncated"
    return text, None


def balance_quotes(text: str) -> str:
    """An unbalanced double quote is dropped rather than swallowing the rest."""
    return text.replace('"', " ") if text.count('"') % 2 else text


def rewrite(text: str, synonyms: list[list[str]], is_word=lambda word: False,
            prefix_field: str = "words") -> tuple[str, list[str]]:
    """Turn a user query into the parser's syntax: (what to find, what to exclude).

    - « -mot » excludes a word or a quoted phrase from the results;
    - a glossary form (acronym, expansion or alias) also matches the other forms
      of its entry: « IPA » finds « infirmier en pratique avancée » and back;
    - the last word, when it has 3 letters or more and is not a word of the corpus
      (`is_word`), also matches as a prefix (« rétab » finds « rétablissement »).
    """
    text = balance_quotes(text)
    excluded = [m.group(1) for m in EXCLUDE.finditer(text)]
    text = EXCLUDE.sub(" ", text).strip()
    text = _expand_synonyms(text, synonyms)
    last = re.search(r"(?:^|\s)(\w{3,})$", text)
    if (last and last.group(1).upper() not in ("AND", "OR", "NOT")
            and text.count('"') % 2 == 0 and not is_word(fold(last.group(1)))):
        word = last.group(1)
        text = text[: last.start(1)] + f"({word} OR {prefix_field}:{fold(word)}*)"
    if not re.search(r"\w", text):
        text = ""
    return text, excluded


def _expand_synonyms(text: str, synonyms: list[list[str]]) -> str:
    """Replace each glossary form found in the query by an OR of its entry's forms."""
    folded = fold_in_place(text)
    spans = []
    for group in synonyms:
        for form in sorted(group, key=len, reverse=True):
            for match in re.finditer(r"(?<![\w-])" + re.escape(fold(form)) + r"(?![\w-])", folded):
                if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                    spans.append((match.start(), match.end(), group))
    for start, end, group in sorted(spans, reverse=True):
        if _inside_quotes(text, start):
            continue
        alternatives = " OR ".join(f'"{form}"' if " " in form else form for form in group)
        text = text[:start] + f"({alternatives})" + text[end:]
    return text


def _inside_quotes(text: str, position: int) -> bool:
    return text[:position].count('"') % 2 == 1
