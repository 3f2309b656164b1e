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


def rewrite(text: str, synonyms: Synonyms | list[list[str]], is_word=lambda word: False,
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
    if not isinstance(synonyms, Synonyms):
        synonyms = Synonyms(synonyms)
    text = synonyms.expand(text)
    last = re.search(r"(?:^|\s)(\w{3,})$", text)
    if (last and last.group(1).upper() not in ("AND", "OR", "NOT")
            and text.count('"') % 2 == 0 and not is_word(fold(last.group(1)))):
        word = last.group(1)
        text = text[: last.start(1)] + f"({word} OR {prefix_field}:{fold(word)}*)"
    if not re.search(r"\w", text):
        text = ""
    return text, excluded


class Synonyms:
    """The glossary's entries (slug and forms: term, expansion, aliases, English), matched
    in a query by one precompiled pattern; where forms overlap, the longest wins.

    `expand` lets each form of an entry also find the entry's other forms; `find` names
    the entries a query mentions; `entry_of` the entry a whole query is a form of.
    """

    def __init__(self, groups: list[dict] | list[list[str]]):
        self.groups = [g if isinstance(g, dict) else {"slug": None, "forms": g} for g in groups]
        self.group_of: dict[str, int] = {}
        self.spelled: dict[str, int] = {}  # a form without spaces, hyphens, apostrophes
        for i, group in enumerate(self.groups):
            for form in group["forms"]:
                self.group_of.setdefault(fold(form), i)
                self.spelled.setdefault(_letters(form), i)
        forms = sorted(self.group_of, key=len, reverse=True)
        self.pattern = (re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms))
                                   + r")(?![\w-])") if forms else None)

    def find(self, text: str) -> list[tuple[int, int, dict]]:
        """(start, end, group) of each form in `text`, in order."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.groups[self.group_of[m.group()]])
                for m in self.pattern.finditer(fold_in_place(text))]

    def entry_of(self, text: str) -> str | None:
        """The slug of the entry `text` (as a whole) is a form of, however it is spaced
        or hyphenated (« pair-aidance », « pair aidance », « pairaidance »)."""
        index = self.spelled.get(_letters(text))
        return None if index is None else self.groups[index]["slug"]

    def expand(self, text: str) -> str:
        """Replace each form found in `text` (outside quotes) by an OR of its group."""
        for start, end, group in reversed(self.find(text)):
            forms = group["forms"]
            if len(forms) < 2 or _inside_quotes(text, start):
                continue
            alternatives = " OR ".join(f'"{form}"' if " " in form else form for form in forms)
            text = text[:start] + f"({alternatives})" + text[end:]
        return text


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def _inside_quotes(text: str, position: int) -> bool:
    return text[:position].count('"') % 2 == 1
