"""Small text helpers shared by content checks and sorting."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Casefold, unify apostrophes and strip accents: « Équipe » → « equipe »."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).strip()
