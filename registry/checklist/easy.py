"""« Ce que nous savons de cet outil »: an evaluation told in easy-to-read French.

Built from each criterion's `falc` sentence and the verdict's `falc` sentence
(content data), one sentence per line, so the FALC linter can check it.
"""
from __future__ import annotations

import re

from .scoring import GAP, NO, OK, PARTIAL, Result

# Headings and the statuses they gather, in reading order.
SECTIONS = (
    ("Ce qui est fait", (OK,)),
    ("Ce qui est fait en partie", (PARTIAL,)),
    ("Ce qui manque", (NO,)),
    ("Ce que l’équipe ne sait pas encore", (GAP,)),
)
# Characters that would turn a typed name into Markdown or trip the reader.
UNSAFE_NAME = re.compile(r"[*_\[\]()#<>`;&…]")


def falc_summary(tool_name: str, result: Result) -> str:
    """Markdown text, one sentence per line."""
    name = re.sub(r"\s+", " ", UNSAFE_NAME.sub(" ", tool_name)).strip() or "sans nom"
    lines = [
        f"Ce texte parle de l’outil numérique « {name} ».",
        "Une équipe a répondu à des questions sur cet outil.",
        "Vous lisez ici ses réponses en phrases simples.",
        f"L’équipe a répondu à {result.answered} questions sur {result.total}.",
        "",
        "## Ce que pense l’équipe",
        "",
        result.verdict.falc,
    ]
    for heading, statuses in SECTIONS:
        rows = [r for r in result.rows if r.status in statuses]
        if rows:
            lines += ["", f"## {heading}", ""]
            lines += [f"- {r.criterion.falc}" for r in rows]
    return "\n".join(lines) + "\n"
