"""Small text helpers shared by content checks, sorting and search."""
from __future__ import annotations

import re
import unicodedata

# Slugs and ids: lowercase ASCII words joined by hyphens (« clip-nancy »).
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _same_length_fold_table() -> dict[int, str]:
    table = {ord("’"): "'"}
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code))
                       if not unicodedata.combining(c)).lower()
        if len(base) == 1:
            table[code] = base
    return table


FOLD_TABLE = _same_length_fold_table()


def fold_in_place(text: str) -> str:
    """Lowercase and strip accents keeping every character's position (for matching
    in a copy of a text and marking the original)."""
    folded = text.lower().translate(FOLD_TABLE)
    if len(folded) != len(text):  # a rare character changed length when lowered
        folded = "".join(c.lower().translate(FOLD_TABLE)[:1] or c for c in text)
    return folded


def fold(text: str) -> str:
    """Casefold, unify apostrophes and strip accents: « Équipe » → « equipe »."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


# Control characters (tabs and line breaks kept) and the invisible format characters of
# the Basic Multilingual Plane: bidi embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069) that can make a text display in another order than it reads, zero-width
# spaces, soft hyphens, word joiners, byte-order marks. Zero-width (non-)joiners stay
# (scripts and emoji sequences need them), and so do the tag characters of flag emoji.
_KEEP = {"\t", "\n", "\r", "\u200c", "\u200d"}


def _hidden(c: str) -> bool:
    category = unicodedata.category(c)
    return c not in _KEEP and (category == "Cc" or (category == "Cf" and ord(c) < 0x10000))


def clean_input(value: str) -> str:
    """Text a person typed without control or invisible format characters, trimmed, and
    NFC-normalized unless that makes it longer (it is never longer than what was typed)."""
    normalized = unicodedata.normalize("NFC", value)
    text = normalized if len(normalized) <= len(value) else value
    return "".join(c for c in text if not _hidden(c)).strip()
