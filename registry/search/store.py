"""The index on disk: built into a new directory and swapped in atomically, updated in
place, pruned, and written by one process at a time.

The index lives in a directory named `<index_dir>-<stamp>`; `index_dir` itself is a
symbolic link swapped atomically after each full build, so readers never see a
half-built index.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from whoosh import index
from whoosh.codec.whoosh3 import W3Codec

from ..content.text import fold
from .document import SCHEMA_VERSION, IndexDocument, make_schema

KEEP = 2  # index directories kept: the current one and the previous one
META_FILE = "registry.json"  # schema version and synonym groups, beside Whoosh's files


def _codec() -> W3Codec:
    """Whoosh's codec with uncompressed posting blocks: zlib cost a fifth of the shipped
    corpus' build and of reading a term's postings; the index grows by about a third.

    Writers are opened with `compound=False`: a compound segment file is read into
    memory whole when the index opens (Whoosh copies each part out of its mmap), where
    separate files stay mapped and are read as needed (100 MB a worker at 10 000
    documents)."""
    return W3Codec(compression=0)


def _new_directory(index_dir: Path) -> Path:
    """An empty directory beside `index_dir`, named after the time and the process."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    target = index_dir.with_name(f"{index_dir.name}-{stamp}")
    target.mkdir()
    return target


def _write_meta(target: Path, glossary: list[dict] | None, written: dict | None) -> None:
    meta = {"schema": SCHEMA_VERSION, "glossary": glossary or [], "written": written or {}}
    (target / META_FILE).write_text(json.dumps(meta, ensure_ascii=False))


def build_index(documents: list[IndexDocument], index_dir: Path,
                glossary: list[dict] | None = None) -> Path:
    """Write a new index next to `index_dir`, then point `index_dir` at it atomically.

    The caller holds the writer lock (`writer_lock`)."""
    index_dir = Path(index_dir)
    target = _new_directory(index_dir)
    try:
        ix = index.create_in(str(target), make_schema())
        # One writer, one commit into an empty index: the result is already a single,
        # optimized segment, so no separate optimize() pass (it would rewrite everything).
        with ix.writer(limitmb=128, codec=_codec(), compound=False) as writer:
            for doc in documents:
                writer.add_document(**doc.fields())
        ix.close()
        _write_meta(target, glossary, written_forms(documents))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _swap(index_dir, target)
    _prune(index_dir)
    return target


def written_forms(documents: list[IndexDocument]) -> dict[str, str]:
    """Folded word of the titles → the word as written (accents kept), to show a
    correction as the registry writes it."""
    forms: dict[str, str] = {}
    for doc in documents:
        for word in re.findall(r"\w+", doc.title):
            forms.setdefault(fold(word), word.lower())
    return forms


def indexed_digests(index_dir: Path) -> dict[str, str]:
    """Key → content digest of every document in the index."""
    ix = index.open_dir(str(index_dir))
    try:
        with ix.searcher() as searcher:
            return {f["key"]: f["digest"] for f in searcher.all_stored_fields()}
    finally:
        ix.close()


def update_index(documents: list[IndexDocument], index_dir: Path,
                 keys: set[str] | None = None,
                 glossary: list[dict] | None = None) -> dict:
    """Re-index `documents` whose digest changed and delete documents whose key is no
    longer in `keys` (by default, the keys of `documents`), in a copy of the current
    index swapped in atomically: readers never see a half-written update. The new
    synonym groups are written with it. The caller holds the writer lock.

    The copy gains a segment per update; every query path works on any number of
    segments, and `flask index build` writes a single one again.
    """
    index_dir = Path(index_dir)
    indexed = indexed_digests(index_dir)
    wanted = {doc.key: doc for doc in documents}
    keys = set(wanted) if keys is None else keys
    changed = [d for k, d in wanted.items() if indexed.get(k) != d.digest]
    removed = [k for k in indexed if k not in keys]
    old_glossary = read_meta(index_dir).get("glossary", [])
    if not changed and not removed and (glossary is None or glossary == old_glossary):
        return {"changed": 0, "removed": 0, "total": len(keys)}
    target = _new_directory(index_dir)
    try:
        for item in index_dir.resolve().iterdir():
            if item.is_file() and not item.name.endswith(".lock"):
                shutil.copy2(item, target / item.name)
        ix = index.open_dir(str(target))
        with ix.writer(codec=_codec(), compound=False) as writer:
            for doc in changed:
                writer.update_document(**doc.fields())
            for key in removed:
                writer.delete_by_term("key", key)
        ix.close()
        old = read_meta(index_dir).get("written", {})
        _write_meta(target, old_glossary if glossary is None else glossary,
                    old | written_forms(changed))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _swap(index_dir, target)
    _prune(index_dir)
    return {"changed": len(changed), "removed": len(removed), "total": len(keys)}


def _swap(link: Path, target: Path) -> None:
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a plain directory left by an older layout
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    if tmp.is_symlink():
        tmp.unlink()
    tmp.symlink_to(target.name)
    os.replace(tmp, link)


def _prune(link: Path) -> None:
    current = os.readlink(link)
    olds = sorted(p for p in link.parent.glob(f"{link.name}-*") if p.name != current)
    for old in olds[: max(0, len(olds) - (KEEP - 1))]:
        shutil.rmtree(old, ignore_errors=True)


def index_exists(index_dir: Path) -> bool:
    """An index of the current schema version is in place."""
    index_dir = Path(index_dir)
    if not (index_dir.is_symlink() and index.exists_in(str(index_dir))):
        return False
    try:
        meta = read_meta(index_dir)
    except (OSError, ValueError):
        return False
    return meta.get("schema") == SCHEMA_VERSION


@contextmanager
def writer_lock(index_dir: Path):
    """Serialize index writers across processes (e.g. several gunicorn workers)."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.with_name(f".{index_dir.name}.lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_meta(path: Path) -> dict:
    """The registry's own metadata of an index directory (schema version, glossary)."""
    return json.loads((Path(path) / META_FILE).read_text())
