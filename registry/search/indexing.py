"""Turn catalogue entries into index documents and (re)build the index."""
from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from ..content.catalog import Catalog
from ..content.render import plain_text
from ..content.text import fold
from .document import IndexDocument
from .store import build_index, index_exists, indexed_digests, update_index, writer_lock

log = logging.getLogger(__name__)


def documents(catalog: Catalog, only: set[str] | None = None) -> list[IndexDocument]:
    """One search document per loaded entry, and one per easy-to-read variant
    (only for the entries whose slug is in `only`, when given)."""
    docs = []
    for entry in catalog.entries.values():
        if only is not None and entry.slug not in only:
            continue
        meta = entry.meta
        tags = dict(
            missions=entry.missions, evidence=entry.evidence_level,
            parcours=meta.get("parcours", []),
            public=meta.get("public", []), theme=meta.get("theme"))
        docs.append(IndexDocument(
            slug=entry.slug, type=entry.type, title=entry.title, summary=entry.summary,
            body=plain_text(entry.body), title_sort=fold(entry.title), digest=entry.digest,
            aliases=[a for a in [meta.get("expansion"), meta.get("dispositif"),
                                 *meta.get("aliases", [])] if a],
            **tags))
        if entry.falc:
            text = plain_text(entry.falc.body)
            docs.append(IndexDocument(
                slug=entry.slug, type=entry.type, title=entry.falc.title,
                summary=text[:200], body=text, title_sort=fold(entry.falc.title),
                digest=entry.falc.digest, variant="falc", **tags))
    return docs


def changed_documents(catalog: Catalog,
                      indexed: dict[str, str]) -> tuple[list[IndexDocument], set[str]]:
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


def rebuild(catalog: Catalog, index_dir: Path, only_if_missing: bool = False,
            usable=index_exists) -> dict | None:
    """Build the index from the catalogue; return a summary, or None when skipped.

    With `only_if_missing`, the index is built only when `usable(index_dir)` is false
    (checked under the writer lock, so that workers starting together build it once)."""
    index_dir = Path(index_dir)
    with writer_lock(index_dir):
        if only_if_missing and usable(index_dir):
            return None
        start = time.perf_counter()
        docs = documents(catalog)
        build_index(docs, index_dir, synonym_groups(catalog))
        ms = round((time.perf_counter() - start) * 1000)
    log.info("search index built: %d documents in %d ms", len(docs), ms)
    return {"document_count": len(docs), "content_hash": catalog.content.digest,
            "duration_ms": ms}


def update(catalog: Catalog, index_dir: Path) -> dict:
    """Re-index the entries whose files changed, drop removed ones and rewrite the synonym
    groups, under the writer lock; return the counts and the time taken."""
    index_dir = Path(index_dir)
    with writer_lock(index_dir):
        start = time.perf_counter()
        docs, keys = changed_documents(catalog, indexed_digests(index_dir))
        summary = update_index(docs, index_dir, keys, synonym_groups(catalog))
        summary["duration_ms"] = round((time.perf_counter() - start) * 1000)
    log.info("search index updated: %(changed)d changed, %(removed)d removed", summary)
    return summary
