"""The questions of a rereading of an easy-to-read page (`content/relecture.yaml`)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .pictograms import PictogramSet
from .problems import Problem
from .yamlfile import read_yaml

FILE = "relecture.yaml"


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    picto: str


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class RereadingQuestions:
    version: int
    questions: tuple[Question, ...]


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def load_questions(path: Path, shown: str, pictos: PictogramSet
                   ) -> tuple[RereadingQuestions | None, list[Problem]]:
    """The questions, checked: ids unique, 2 answers or more, known pictograms."""
    if not path.exists():
        return None, []
    data, problems = read_yaml(path, shown)
    if data is None:
        return None, problems
    version, items = data.get("version"), data.get("questions")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(Problem(shown, "version", "must be a positive integer"))
    if not isinstance(items, list) or not items:
        return None, problems + [Problem(shown, "questions", "must be a list of questions")]
    questions, seen = [], set()
    for i, item in enumerate(items):
        where = f"questions[{i}]"
        if not isinstance(item, dict) or set(item) != {"id", "label", "answers"} \
                or not _text(item["id"]) or not _text(item["label"]):
            problems.append(Problem(shown, where, "must have exactly id, label, answers"))
            continue
        if item["id"] in seen:
            problems.append(Problem(shown, f"{where}.id", f"duplicate id {item['id']!r}"))
        seen.add(item["id"])
        answers = []
        raw = item["answers"] if isinstance(item["answers"], list) else []
        for j, answer in enumerate(raw):
            here = f"{where}.answers[{j}]"
            if not isinstance(answer, dict) or set(answer) != {"id", "label", "picto"} \
                    or not all(_text(answer[k]) for k in ("id", "label", "picto")):
                problems.append(Problem(shown, here, "must have exactly id, label, picto"))
            elif answer["picto"] not in pictos.pictograms:
                problems.append(Problem(shown, f"{here}.picto", f"unknown pictogram "
                                        f"{answer['picto']!r} (see pictogrammes.yaml)"))
            else:
                answers.append(Answer(answer["id"], answer["label"].strip(), answer["picto"]))
        if len(raw) < 2 or len({a.id for a in answers}) != len(raw):
            problems.append(Problem(shown, f"{where}.answers", "2 answers or more, with "
                                    "distinct ids"))
        questions.append(Question(item["id"], item["label"].strip(), tuple(answers)))
    if problems:
        return None, problems
    return RereadingQuestions(version, tuple(questions)), []
