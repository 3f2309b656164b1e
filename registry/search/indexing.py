"""Turn catalogue entries into search documents and (re)build the index."""
from __future__ import annotations

import fcntl
import logging
import re
import time
from contextlib import contextmanager
from pathlib import Path

from ..content.catalog import Catalog
from ..content.render import plain_text
from ..content.text import fold
from .service import Document, build_index, index_exists

log = logging.getLogger(__name__)


def documents(catalog: Catalog, only: set[str] | None = None) -> list[Document]:
    """One search document per loaded entry, and one per easy-to-read variant
    (only for the entries whose slug is in `only`, when given)."""
    docs = []
    for entry in catalog.entries.values():
        if only is not None and entry.slug not in only:
            continue
        meta = entry.meta
        tags = dict(
            missions=meta.get("missions") or ([meta["mission"]] if "mission" in meta else []),
            evidence=entry.evidence_level, parcours=meta.get("parcours", []),
            public=meta.get("public", []), theme=meta.get("theme"))
        docs.append(Document(
            slug=entry.slug, type=entry.type, title=entry.title, summary=entry.summary,
            body=plain_text(entry.body), title_sort=fold(entry.title), digest=entry.digest,
            aliases=[a for a in [meta.get("expansion"), meta.get("dispositif"),
                                 *meta.get("aliases", [])] if a],
            **tags))
        if entry.falc:
            text = plain_text(entry.falc.body)
            docs.append(Document(
                slug=entry.slug, type=entry.type, title=entry.falc.title,
                summary=text[:200], body=text, title_sort=fold(entry.falc.title),
                digest=entry.falc.digest, variant="falc", **tags))
    return docs


def changed_documents(catalog: Catalog, indexed: dict[str, str]) -> tuple[list[Document], set[str]]:
    """The documents whose content differs from the index, and every key there should be.

    Digests are compared before anything is rendered, so an update costs only the
    changed files."""
    keys, stale = set(), set()
    for entry in catalog.entries.values():
        wanted = {f"pro:{entry.slug}": entry.digest}
        if entry.falc:
            wanted[f"falc:{entry.slug}"] = entry.falc.digest
        keys |= set(wanted)
        if any(indexed.get(k) != d for k, d in wanted.items()):
            stale.add(entry.slug)
    return documents(catalog, only=stale), keys


def synonym_groups(catalog: Catalog) -> list[list[str]]:
    """Each glossary entry's forms (term, expansion, aliases): a query for one finds all."""
    groups = []
    for entry in catalog.of_type("glossaire"):
        forms = [entry.title, entry.meta.get("expansion"), *entry.meta.get("aliases", [])]
        clean = list(dict.fromkeys(re.sub(r"[^\w\s'’-]", " ", f).strip() for f in forms if f))
        if len(clean) > 1:
            groups.append(clean)
    return groups


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


def rebuild(catalog: Catalog, index_dir: Path, only_if_missing: bool = False) -> dict | None:
    """Build the index from the catalogue; return a summary, or None when skipped."""
    index_dir = Path(index_dir)
    with writer_lock(index_dir):
        if only_if_missing and index_exists(index_dir):
            return None
        start = time.perf_counter()
        docs = documents(catalog)
        build_index(docs, index_dir, synonym_groups(catalog))
        ms = round((time.perf_counter() - start) * 1000)
    log.info("search index built: %d documents in %d ms", len(docs), ms)
    return {"document_count": len(docs), "content_hash": catalog.content.digest,
            "duration_ms": ms}


def record_build(summary: dict, trigger: str) -> None:
    """Store a build in the database; a missing table is logged, not fatal."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..extensions import db
    from ..models import IndexBuild

    try:
        db.session.add(IndexBuild(trigger=trigger, **summary))
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        log.warning("index build not recorded (run `flask db upgrade`): %s", exc.__class__.__name__)
