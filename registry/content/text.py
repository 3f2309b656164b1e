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
