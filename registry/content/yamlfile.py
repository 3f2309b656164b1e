"""The one way content reads YAML: a parse error becomes a `path:line N: reason` problem."""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem


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
