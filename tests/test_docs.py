"""The README tells the truth: its commands, settings and paths exist."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup

from registry.config import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
CODE_SPANS = re.findall(r"`([^`\n]+)`", README)
BLOCKS = re.findall(r"```[a-z]*\n(.*?)```", README, re.S)


def flask_commands() -> set[tuple[str, ...]]:
    """`flask group command` (or `flask command`) named in the README's code."""
    found = set()
    for text in CODE_SPANS + BLOCKS:
        for match in re.finditer(r"\bflask ((?:[a-z]+)(?: [a-z]+)?)", text):
            found.add(tuple(match.group(1).split()))
    return found


@pytest.mark.parametrize("words", sorted(flask_commands()), ids=" ".join)
def test_every_flask_command_in_the_readme_exists(make_app, words):
    app = make_app(migrate=False)
    cli = FlaskGroup(create_app=lambda: app)
    result = CliRunner().invoke(cli, [*words, "--help"])
    assert result.exit_code == 0, f"flask {' '.join(words)}: {result.output}"


def settings_in_the_readme() -> set[str]:
    return {span for span in CODE_SPANS if re.fullmatch(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+", span)}


def settings_the_code_reads() -> set[str]:
    sources = [PROJECT_ROOT / "registry" / "config.py", PROJECT_ROOT / "tests" / "support.py",
               PROJECT_ROOT / "Makefile"]
    names = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"os\.environ(?:\.get)?[\[(]\"([A-Z0-9_]+)\"", text))
        names |= set(re.findall(r"^export ([A-Z0-9_]+)", text, re.M))
    return names


def test_every_setting_in_the_readme_exists(make_app):
    config = make_app(migrate=False).config
    unknown = {name for name in settings_in_the_readme()
               if name not in config and name not in settings_the_code_reads()}
    assert settings_in_the_readme(), "the README documents settings"
    assert unknown == set()


def test_every_path_in_the_readme_exists():
    paths = {span.split()[0].rstrip(",.") for span in CODE_SPANS
             if re.match(r"(registry|content|tests|static|templates|benchmarks|tools|migrations)"
                         r"/[\w./-]*$", span.split()[0])}
    tree = next(block for block in BLOCKS if block.startswith("content/"))
    stack: list[tuple[int, str]] = []
    for line in tree.splitlines():
        match = re.match(r"^( *)([\w./-]+/)(?:\s|$)", line)
        if not match or line.startswith(" " * 20):
            continue
        depth = len(match.group(1))
        stack = [(d, name) for d, name in stack if d < depth]
        stack.append((depth, match.group(2)))
        paths.add("".join(name for _d, name in stack))
    missing = sorted(p for p in paths if not (PROJECT_ROOT / p).exists())
    assert len(paths) > 20 and missing == []
