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


def glossary_groups(catalog: Catalog) -> list[dict]:
    """Groups of forms a query for one of which finds all, each with the slug of the page
    it names (or None): every glossary entry (term, expansion, aliases, English
    equivalents), then the vocabularies' labels with their English forms (a principle
    names its page). Groups sharing a form are merged."""
    groups: list[dict] = []
    for entry in catalog.of_type("glossaire"):
        meta = entry.meta
        groups.append({"slug": entry.slug, "forms": [entry.title, meta.get("expansion"),
                                                     *meta.get("aliases", []),
                                                     *meta.get("english", [])]})
    tax = catalog.taxonomy
    for term in tax.principles.values():
        page = catalog.get(term.id, "principe")
        groups.append({"slug": page.slug if page else None, "forms": [term.label, term.label_en]})
    for vocabulary in (tax.themes, tax.parcours, tax.public):
        groups += [{"slug": None, "forms": [t.label, t.label_en]} for t in vocabulary.values()]
    groups += [{"slug": None, "forms": [m.short, m.short_en]} for m in tax.missions.values()]
    return _merged(groups)


def _merged(groups: list[dict]) -> list[dict]:
    """Clean each form (punctuation out), then merge the groups that share one."""
    merged: list[dict] = []
    owner: dict[str, dict] = {}
    for group in groups:
        forms = [re.sub(r"[^\w\s'’-]", " ", f).strip() for f in group["forms"] if f]
        forms = [" ".join(f.split()) for f in forms if f]
        target = next((owner[fold(f)] for f in forms if fold(f) in owner), None)
        if target is None:
            target = {"slug": group["slug"], "forms": []}
            merged.append(target)
        target["slug"] = target["slug"] or group["slug"]
        for form in forms:
            if fold(form) not in owner:
                owner[fold(form)] = target
                target["forms"].append(form)
    return merged


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
        build_index(docs, index_dir, glossary_groups(catalog))
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
        summary = update_index(docs, index_dir, keys, glossary_groups(catalog))
        summary["duration_ms"] = round((time.perf_counter() - start) * 1000)
    log.info("search index updated: %(changed)d changed, %(removed)d removed", summary)
    return summary
