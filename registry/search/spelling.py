"""Spelling: which words of a query the registry does not know, and their corrections.

Corrections come from the index's own vocabulary (accent-folded words), the nearest by
Damerau-Levenshtein distance (a swap of two letters counts one), the most frequent
among equally near ones. A word of the corpus, as written or by its stem, is never
corrected; a last word that begins words of the corpus is being typed: it is
completed (as a prefix), not corrected.
"""
from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from ..content.text import fold
from .analysis import folded_analyzer, french_analyzer

# How far a correction may be, by the length of the word: short words are often names
# or acronyms the registry does not hold, and far corrections of them are noise.
MIN_LENGTH = 5
LONG_WORD = 10  # from this length on, two edits; below, one
_FOLDED = folded_analyzer()
_STEMMED = french_analyzer()


class Speller:
    def __init__(self, reader, fields: tuple[str, ...], surfaces: dict[str, str]):
        self.reader = reader
        self.fields = fields
        self.frequency = {(t.decode() if isinstance(t, bytes) else t): reader.doc_frequency(
            "words", t) for t in reader.field_terms("words")}
        self.vocabulary = list(self.frequency)
        self.surfaces = surfaces  # folded word → the word as the registry writes it

    def known(self, word: str) -> bool:
        """A word of the corpus: folded as it is, or by the stem the index keeps."""
        if word in self.frequency:
            return True
        stems = [t.text for t in _STEMMED(word, mode="query")]
        return any(self.reader.frequency(field, stem) for stem in stems for field in self.fields)

    def begins_words(self, word: str) -> bool:
        return len(word) >= 3 and next(iter(self.reader.expand_prefix("words", word)),
                                       None) is not None

    def correct(self, word: str) -> str | None:
        """The nearest word of the vocabulary, or None when none is near enough."""
        limit = 2 if len(word) >= LONG_WORD else 1
        found = process.extract(word, self.vocabulary, scorer=DamerauLevenshtein.distance,
                                score_cutoff=limit, limit=None)
        if not found:
            return None
        best = min(found, key=lambda item: (item[1], -self.frequency[item[0]], item[0]))
        return best[0]

    def correct_query(self, text: str, kept: list[tuple[int, int]] = ()) -> str | None:
        """`text` with each unknown word corrected (the last one only if it begins no
        word), written as the registry writes the words; None when nothing changes.
        Words within the `kept` spans (glossary forms, English ones included) stay."""
        tokens = [t.copy() for t in _FOLDED(text, mode="query", chars=True)]
        changed, out, last = False, text, len(tokens) - 1
        for i, token in reversed(list(enumerate(tokens))):
            word, written = token.text, text[token.startchar:token.endchar]
            if any(start < token.endchar and token.startchar < end for start, end in kept):
                continue
            if (len(word) < MIN_LENGTH or not re.search(r"[a-z]", word) or self.known(word)
                    or not fold(written).endswith(word)):  # parts of compounds: left alone
                continue
            if i == last and self.begins_words(word):
                continue
            correction = self.correct(word)
            if correction and correction != word:
                shown = self.surfaces.get(correction, correction)
                start = token.endchar - len(word)  # after an elided article (« l’ »)
                out = out[:start] + shown + out[token.endchar:]
                changed = True
        return out if changed else None
