"""The one way content reads YAML: a parse error becomes a `path:line N: reason` problem."""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem
from .text import SLUG_RE


def yaml_problem(shown: str, exc: yaml.YAMLError) -> Problem:
    """A YAML syntax error as a problem naming the line where the parser stopped."""
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}" if mark else "file"
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return Problem(shown, where, f"malformed YAML: {reason}")


def read_yaml(path: Path, shown: str, required: bool = True) -> tuple[dict | None, list[Problem]]:
    """The mapping a YAML file holds, or None with the problems that make it unusable.

    A missing file is a problem when `required`, else it reads as None with no problem.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown, "file", "not found")] if required else []
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, "file", f"not valid UTF-8 (byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(shown, "file", f"cannot be read ({exc.strerror})")]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return None, [yaml_problem(shown, exc)]
    if not isinstance(data, dict):
        return None, [Problem(shown, "file", "expected a mapping of fields")]
    return data, []


class FieldReader:
    """Typed access to a mapping that records a Problem for each bad field."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []

    def fail(self, where: str, reason: str) -> None:
        self.problems.append(Problem(self.shown, where, reason))

    def text(self, item: dict, key: str, where: str, required: bool = True) -> str | None:
        value = item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}.{key}", "missing or not a text")
            return None
        return value.strip()

    def ident(self, item: dict, key: str, where: str) -> str | None:
        value = item.get(key)
        if not isinstance(value, str) or not SLUG_RE.match(value):
            self.fail(f"{where}.{key}", f"must be a lowercase kebab-case id, got {value!r}")
            return None
        return value

    def number(self, item: dict, key: str, where: str, low: float, high: float,
               nullable: bool = False) -> float | None:
        value = item.get(key)
        if value is None and nullable:
            return None
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not low <= value <= high):
            self.fail(f"{where}.{key}", f"must be a number from {low} to {high}")
            return None
        return float(value)
