"""When content files last changed: from git history, else from file times.

Used by the open-data page, the Atom feed and the sitemap. Git is asked once
per content version (the catalogue's digest) and the answer cached.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from functools import lru_cache
from pathlib import Path

GIT_TIMEOUT_S = 10


def _git_dates(root: Path) -> dict[str, dt.datetime]:
    """Last commit date of every file under `root` (paths relative to `root`)."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, text=True,
                             capture_output=True, timeout=GIT_TIMEOUT_S, check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=@%cI", "--name-only", "--", "."],
                             cwd=root, text=True, capture_output=True, timeout=GIT_TIMEOUT_S,
                             check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = root.resolve().relative_to(Path(top).resolve())
    dates: dict[str, dt.datetime] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = dt.datetime.fromisoformat(line[1:])
        elif line and current is not None:
            path = Path(line)
            if path.is_relative_to(prefix):
                dates.setdefault(str(path.relative_to(prefix)), current)
    return dates


@lru_cache(maxsize=8)
def content_dates(root: str, digest: str) -> dict[str, dt.datetime]:
    """Last change of each content file: its last commit, or its modification time when
    the file was never committed or there is no git history (an unpacked archive)."""
    base = Path(root)
    committed = _git_dates(base)
    dates = {}
    for path in base.rglob("*"):
        if not path.is_file():
            continue
        key = str(path.relative_to(base))
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        dates[key] = committed.get(key) or mtime
    return dates


def last_change(root: str, digest: str) -> dt.datetime | None:
    dates = content_dates(root, digest)
    return max(dates.values()) if dates else None


def entry_date(root: str, digest: str, entry) -> dt.datetime | None:
    """Last change of an entry: its front-matter `updated` date, else its file's date."""
    if entry.meta.get("updated"):
        day = entry.meta["updated"]
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    relative = str(Path(*Path(entry.path).parts[1:]))  # entry paths start with the folder name
    return content_dates(root, digest).get(relative)


@lru_cache(maxsize=256)
def file_versions(root: str, relative: str, digest: str, limit: int = 20) -> tuple:
    """The committed versions of one content file, newest first: (date, subject, evidence
    level at that version or None). Empty when the content is not under git. Two git
    calls whatever the number of versions: the log, then every version's text at once."""
    base = Path(root)
    try:
        log = subprocess.run(["git", "log", f"-{limit}", "--format=%H|%cI|%s", "--", relative],
                             cwd=base, text=True, capture_output=True, timeout=GIT_TIMEOUT_S,
                             check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    rows = [line.split("|", 2) for line in log.splitlines() if line.count("|") >= 2]
    levels = _levels(base, [sha for sha, _when, _subject in rows], relative)
    return tuple((dt.datetime.fromisoformat(when), subject, level)
                 for (_sha, when, subject), level in zip(rows, levels, strict=True))


def _levels(base: Path, shas: list[str], relative: str) -> list[str | None]:
    """The evidence level each version of a page gave (None when unreadable), read with
    one `git cat-file --batch`."""
    import yaml

    if not shas:
        return []
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=base, capture_output=True,
                             timeout=GIT_TIMEOUT_S, check=True,
                             input="".join(f"{sha}:./{relative}\n" for sha in shas).encode()
                             ).stdout
    except (OSError, subprocess.SubprocessError):
        return [None] * len(shas)
    levels, at = [], 0
    for _sha in shas:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if len(header) != 3:  # « <object> missing »: the file was not there
            levels.append(None)
            at = header_end + 1
            continue
        size = int(header[2])
        text = out[header_end + 1:header_end + 1 + size].decode("utf-8", "replace")
        at = header_end + 1 + size + 1
        try:
            meta = yaml.safe_load(text.split("\n---", 1)[0].lstrip("-\n")) or {}
            levels.append((meta.get("evidence") or {}).get("level"))
        except (yaml.YAMLError, AttributeError):
            levels.append(None)
    return levels
