"""Writing accepted work back to the content files, and committing it to git.

Only the front-matter field being changed is rewritten; every other byte of the file
stays as it was. The written file is read back with the same parser as the catalogue
before it replaces the old one, so a write never leaves a file the site cannot read.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import subprocess
import tempfile
from pathlib import Path

from .documents import parse_falc

GIT_TIMEOUT_S = 20
log = logging.getLogger(__name__)


class WriteError(RuntimeError):
    """The file could not be written as asked; nothing was changed."""


def yaml_scalar(value) -> str:
    """A YAML scalar for a value; strings are JSON strings (valid YAML double-quoted
    scalars), so no value can break out of its field."""
    if value is None:
        return "null"
    if isinstance(value, bool | int):
        return json.dumps(value)
    if isinstance(value, dt.date):
        return value.isoformat()  # read back as a date
    return json.dumps(str(value), ensure_ascii=False)


def flow_mapping(values: dict) -> str:
    """A one-line YAML mapping of scalars (see `yaml_scalar`)."""
    return "{" + ", ".join(f"{key}: {yaml_scalar(v)}" for key, v in values.items()) + "}"


def set_falc_review(path: Path, review: dict) -> None:
    """Replace the `review` field of an easy text (a top-level key and any lines indented
    under it) by `review`, atomically; refuses when the result does not parse."""
    text = path.read_text(encoding="utf-8")
    end = text.find("\n---", 3)
    if not text.startswith("---") or end < 0:
        raise WriteError(f"{path}: no front matter")
    head, rest = text[:end + 1], text[end + 1:]
    pattern = re.compile(r"^review:.*\n(?:[ \t]+.*\n)*", re.M)
    line = f"review: {flow_mapping(review)}\n"
    head, found = pattern.subn(lambda _m: line, head, count=1)
    if not found:
        head += line
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(head + rest)
        parsed, problems = parse_falc(Path(tmp), str(path))
        if parsed is None:
            raise WriteError("; ".join(str(p) for p in problems))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, text=True, capture_output=True,
                          timeout=GIT_TIMEOUT_S)


def commit(root: Path, paths: list[Path], message: str, author: str) -> str | None:
    """Commit `paths` if `root` is in a git work tree: the commit's id, or None when the
    content is not under git. `author` is « Name <address> »."""
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
    except (OSError, subprocess.SubprocessError):
        return None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    names = [str(p.resolve()) for p in paths]
    identity = ["-c", "user.name=Registre", "-c", "user.email=registre@localhost"]
    added = _git(root, "add", "--", *names)
    done = _git(root, *identity, "commit", "--only", "-m", message, f"--author={author}",
                "--", *names) if added.returncode == 0 else added
    if done.returncode != 0:
        raise WriteError(f"git commit failed: {(done.stderr or done.stdout).strip()[:300]}")
    sha = _git(root, "rev-parse", "HEAD").stdout.strip()
    push(root)
    return sha


def has_upstream(root: Path) -> bool:
    try:
        return _git(root, "rev-parse", "--abbrev-ref", "@{u}").returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def push(root: Path) -> bool:
    """Share the commit with the other nodes when this clone says so (`git config
    registry.push true`, set on each node's content clone; a developer's checkout never
    pushes by itself) and tracks a remote branch: push, and if another node pushed first,
    rebase on it and push again. A failure keeps the commit here (logged): the next
    `flask content sync` or publication retries."""
    try:
        wanted = _git(root, "config", "--get", "registry.push").stdout.strip() == "true"
    except (OSError, subprocess.SubprocessError):
        return False
    if not wanted or not has_upstream(root):
        return False
    identity = ["-c", "user.name=Registre", "-c", "user.email=registre@localhost"]
    for _attempt in range(3):
        if _git(root, "push", "--quiet").returncode == 0:
            return True
        _git(root, *identity, "pull", "--rebase", "--quiet")
    log.warning("content: push to the remote failed; the commit stays local for now")
    return False


def pull(root: Path) -> str:
    """Bring the other nodes' commits (fast-forward, or rebase local unpushed ones), then
    push what was local. Returns what happened, for the command line."""
    if not has_upstream(root):
        raise WriteError("the content folder does not track a remote branch")
    before = _git(root, "rev-parse", "HEAD").stdout.strip()
    identity = ["-c", "user.name=Registre", "-c", "user.email=registre@localhost"]
    done = _git(root, *identity, "pull", "--rebase", "--quiet")
    if done.returncode != 0:
        _git(root, "rebase", "--abort")
        raise WriteError(f"git pull failed: {(done.stderr or done.stdout).strip()[:300]}")
    push(root)
    after = _git(root, "rev-parse", "HEAD").stdout.strip()
    return "up to date" if before == after else f"{before[:10]}..{after[:10]}"
