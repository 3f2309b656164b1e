"""The easy glossary (`content/mots-faciles.yaml`): the words easy-to-read pages explain.

Each word has the forms it takes in the texts, a definition in easy French, the full
glossary entry it rests on (if any), and the words the site should not use for the same
thing (`plutot_que`: one word for one thing). Easy pages show a word in bold, with its
explanation next to it, the first time it occurs; the FALC linter warns about the words
to avoid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .documents import Entry
from .problems import Problem
from .yamlfile import read_yaml

FILE = "mots-faciles.yaml"
FIELDS = {"mot", "formes", "definition", "glossaire", "plutot_que"}


@dataclass(frozen=True)
class EasyWord:
    word: str
    forms: tuple[str, ...]
    definition: str
    glossary: str | None  # slug of the full-language glossary entry
    instead_of: tuple[str, ...]  # words to replace by `word`

    @cached_property
    def pattern(self) -> re.Pattern:
        """Any of the forms, as a whole word, whatever the case (built once per word)."""
        forms = sorted(self.forms, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])",
                          re.I)


def _texts(value) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return [v.strip() for v in value]


def load_easy_words(path: Path, shown: str,
                    entries: dict[str, Entry]) -> tuple[list[EasyWord], list[Problem]]:
    """The easy glossary; a missing file is no glossary, not an error."""
    if not path.exists():
        return [], []
    data, problems = read_yaml(path, shown)
    if data is None:
        return [], problems
    items = data.get("mots")
    if not isinstance(items, list):
        return [], [Problem(shown, "mots", "must be a list of words")]
    words, owner = [], {}
    for i, item in enumerate(items):
        where = f"mots[{i}]"
        if not isinstance(item, dict) or set(item) != FIELDS:
            problems.append(Problem(shown, where, f"must have exactly {', '.join(sorted(FIELDS))}"))
            continue
        forms, avoid = _texts(item["formes"]), _texts(item["plutot_que"] or [])
        word, definition, slug = item["mot"], item["definition"], item["glossaire"]
        if not isinstance(word, str) or not word.strip():
            problems.append(Problem(shown, f"{where}.mot", "must be a non-empty text"))
        elif not forms:
            problems.append(Problem(shown, f"{where}.formes", "must list the word's forms"))
        elif avoid is None:
            problems.append(Problem(shown, f"{where}.plutot_que", "must be a list of words"))
        elif not isinstance(definition, str) or not definition.strip():
            problems.append(Problem(shown, f"{where}.definition", "must be a non-empty text"))
        elif slug is not None and (slug not in entries or entries[slug].type != "glossaire"):
            problems.append(Problem(shown, f"{where}.glossaire", f"{slug!r} is not a glossary "
                                    "entry"))
        else:
            clash = [f for f in (*forms, *avoid) if f.casefold() in owner]
            if clash:
                problems.append(Problem(shown, f"{where}.formes", f"{clash[0]!r} already "
                                        f"belongs to {owner[clash[0].casefold()]!r}"))
                continue
            owner.update({f.casefold(): word for f in (*forms, *avoid)})
            words.append(EasyWord(word.strip(), tuple(forms), definition.strip(), slug,
                                  tuple(avoid)))
    return words, problems
