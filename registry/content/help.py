"""« Besoin d’aide maintenant ? »: the help numbers and the words that call for them
(`content/aide.yaml`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .text import fold
from .yamlfile import read_yaml

NUMBER_FIELDS = {"number", "tel", "name", "easy"}


@dataclass(frozen=True)
class HelpNumber:
    number: str  # as it is written: « 0 800 235 236 »
    tel: str  # as a phone dials it: « 0800235236 »
    name: str
    easy: str  # what it is for, in easy French


@dataclass(frozen=True)
class Help:
    title: str
    emergency: str
    numbers: tuple[HelpNumber, ...]
    triggers: frozenset[str]  # folded words and phrases

    def called_by(self, query: str) -> bool:
        """Whether a search holds one of the words (or phrases) that call for help."""
        words = " ".join(re.findall(r"[\w']+", fold(query)))
        return any(re.search(rf"(?<![\w']){re.escape(t)}(?![\w'])", words)
                   for t in self.triggers)


def load_help(path: Path, shown: str) -> tuple[Help | None, list[Problem]]:
    data, problems = read_yaml(path, shown)
    if data is None:
        return None, problems
    numbers = []
    for i, item in enumerate(data.get("numbers") or []):
        where = f"numbers[{i}]"
        if not isinstance(item, dict) or set(item) != NUMBER_FIELDS:
            problems.append(Problem(shown, where, "must have exactly number, tel, name, easy"))
        elif not all(isinstance(item[k], str) and item[k].strip() for k in NUMBER_FIELDS):
            problems.append(Problem(shown, where, "every field is a non-empty text"))
        elif not re.fullmatch(r"\d+", item["tel"]) or re.sub(r"\s", "", item["number"]) != \
                item["tel"]:
            problems.append(Problem(shown, f"{where}.tel", "must be the number's digits"))
        else:
            numbers.append(HelpNumber(item["number"], item["tel"], item["name"].strip(),
                                      item["easy"].strip()))
    if not numbers:
        problems.append(Problem(shown, "numbers", "must list at least one number"))
    triggers = data.get("triggers")
    if not isinstance(triggers, list) or not all(isinstance(t, str | int) for t in triggers):
        problems.append(Problem(shown, "triggers", "must be a list of words"))
        triggers = []
    texts = [data.get(k) for k in ("title", "emergency")]
    if not all(isinstance(t, str) and t.strip() for t in texts):
        problems.append(Problem(shown, "title", "title and emergency must be texts"))
    if problems:
        return None, problems
    return Help(texts[0].strip(), texts[1].strip(), tuple(numbers),
                frozenset(fold(str(t)) for t in triggers)), []
