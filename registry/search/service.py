"""Searching the index: one opened snapshot per process, reopened when the index
changes, with facets, ranking, snippets and spelling suggestions."""
from __future__ import annotations

import logging
import os
import re
import struct
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from markupsafe import escape
from whoosh import index
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import AndNot, Every, Or

from . import docsets
from .analysis import clean_query, folded_analyzer, rewrite
from .document import FACETS, SCHEMA_VERSION, SEARCH_FIELDS
from .ranking import Terms, top
from .snippets import snippet, surface_words
from .store import read_meta

CACHE_SIZE = 256
RETRY_SECONDS = 5.0  # after a failure to open an index, how long before trying it again

log = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """There is no usable index (missing, corrupt or unreadable); the message says why.

    The service recovers by itself: it reopens the index on a later search once a
    good one is in place (after `flask index build`, for instance)."""


@dataclass
class Hit:
    slug: str
    type: str
    highlight: str  # safe HTML: escaped text with <mark> around matched words


@dataclass
class SearchResults:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    notice: str | None = None  # e.g. the query was shortened

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class _Snapshot:
    """What one opened index offers: its searcher, parsers, and document bit sets
    (see `docsets`) per facet value and per query term."""

    def __init__(self, path: Path):
        self.ix = index.open_dir(str(path))
        self.searcher = self.ix.searcher()
        # Any word matches; documents holding more of them get a coordination bonus.
        self.parser = MultifieldParser(list(SEARCH_FIELDS), self.ix.schema,
                                       group=OrGroup.factory(0.9))
        meta = read_meta(path)
        if meta.get("schema") != SCHEMA_VERSION:
            raise FileNotFoundError(f"the index at {path} has an older schema: rebuild it")
        self.synonyms = meta["synonyms"]
        reader = self.searcher.reader()
        size = reader.doc_count_all()
        live = docsets.from_ids(reader.all_doc_ids(), size)  # postings may list deleted docs
        self.terms = Terms(self.searcher, live, SEARCH_FIELDS)
        self.docs = docsets.DocSets(self.searcher, live, size, self.terms.bits)
        self.facets: dict[str, dict[str, int]] = {
            name: {term: docsets.from_ids(reader.postings(name, term).all_ids(), size) & live
                   for term in reader.field_terms(name) if term}
            for name in (*FACETS, "variant")}
        titles = {n: fields.get("title_sort", "") for n, fields in reader.iter_docs()}
        self.by_title = sorted(titles, key=titles.__getitem__)  # document numbers
        self.surfaces = surface_words(reader.field_terms("words"))

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


class SearchService:
    """Read side of the index: one searcher per process, reopened when the index changes.

    Any failure to open or read the index closes the snapshot and raises
    `SearchUnavailable`; the next search opens the index again (at most every
    `RETRY_SECONDS` while the same broken index is in place)."""

    def __init__(self, index_dir: Path, retry_seconds: float = RETRY_SECONDS):
        self.index_dir = Path(index_dir)
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._target = None
        self._snapshot: _Snapshot | None = None
        self._cache: OrderedDict = OrderedDict()
        self._failed: tuple[str | None, float, str] | None = None  # target, when, why

    def _drop(self) -> None:
        """Forget the current snapshot (closing it once) and its cached results."""
        snap, self._snapshot, self._target = self._snapshot, None, None
        self._cache.clear()
        if snap is not None:
            try:
                snap.close()
            except Exception:  # already closed, or its files are gone
                log.debug("closing a search snapshot failed", exc_info=True)

    def _current(self) -> _Snapshot:
        """The snapshot of the index `index_dir` points at now (caller holds the lock)."""
        target = os.readlink(self.index_dir) if self.index_dir.is_symlink() else None
        snap = self._snapshot
        if snap is not None and target == self._target:
            try:
                if snap.searcher.up_to_date():
                    return snap
            except Exception:
                log.warning("search index %s: cannot be checked", target, exc_info=True)
        self._drop()
        if target is None:
            raise SearchUnavailable(f"no search index at {self.index_dir}")
        failed = self._failed
        if failed and failed[0] == target and time.monotonic() - failed[1] < self.retry_seconds:
            raise SearchUnavailable(failed[2])
        try:
            self._snapshot = _Snapshot(self.index_dir.parent / target)
        except Exception as exc:
            reason = f"the search index {target} cannot be opened ({exc.__class__.__name__})"
            log.error("%s", reason, exc_info=True)
            self._failed = (target, time.monotonic(), reason)
            raise SearchUnavailable(reason) from exc
        self._target, self._failed = target, None
        return self._snapshot

    def status(self) -> str | None:
        """None when the index is open and usable, else why not (opens it if needed)."""
        with self._lock:
            try:
                self._current()
            except SearchUnavailable as exc:
                return str(exc)
        return None

    def _parse(self, snap: _Snapshot, text: str):
        reader = snap.searcher.reader()
        wanted, excluded = rewrite(text, snap.synonyms,
                                   lambda word: reader.frequency("words", word) > 0)
        query = self._safe_parse(snap.parser, wanted) if wanted else Every()
        if excluded:
            query = AndNot(query, Or([self._safe_parse(snap.parser, w) for w in excluded]))
        return query

    @staticmethod
    def _safe_parse(parser, text: str):
        try:
            return parser.parse(text)
        except Exception:  # Whoosh's parser is lenient; this is a last resort
            words = re.findall(r"\w+", text)
            return parser.parse(" ".join(words)) if words else Every()

    def search(self, text: str, filters: dict[str, list[str]] | None = None, page: int = 1,
               per_page: int = 20, sort: str = "relevance", variant: str = "pro") -> SearchResults:
        """Search `text` with facet filters (OR within a facet, AND across facets)."""
        text, notice = clean_query(text)
        filters = {k: sorted(set(v)) for k, v in (filters or {}).items() if v}
        with self._lock:
            snap = self._current()
            key = (text, tuple(sorted((k, tuple(v)) for k, v in filters.items())), page,
                   per_page, sort, variant)
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            try:
                results = self._search(snap, text, filters, page, per_page, sort, variant)
            except (OSError, EOFError, struct.error) as exc:
                # Files of the open index changed or vanished under it (an operator
                # removed or overwrote them): read the index again on the next search.
                log.error("search index read failed", exc_info=True)
                self._drop()
                raise SearchUnavailable("the search index could not be read") from exc
            results.notice = notice
            self._cache[key] = results
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            return results

    def _search(self, snap, text, filters, page, per_page, sort, variant) -> SearchResults:
        query = self._parse(snap, text)
        browse = isinstance(query, Every)
        found = snap.docs.matching(query)  # every live document the query matches
        matched = found & snap.facets["variant"].get(variant, 0)

        def allowed(docs: int, skip: str | None = None) -> int:
            for name, values in filters.items():
                if name != skip:
                    union = 0
                    for value in values:
                        union |= snap.facets[name].get(value, 0)
                    docs &= union
            return docs

        selected = allowed(matched)
        facets = {}
        for name in FACETS:
            pool = allowed(matched, skip=name) if name in filters else selected
            counts = ((v, (pool & docs).bit_count()) for v, docs in snap.facets[name].items())
            facets[name] = dict(sorted(((v, c) for v, c in counts if c),
                                       key=lambda vc: (-vc[1], vc[0])))
        start, end = (page - 1) * per_page, page * per_page
        if sort == "title" or browse:
            chosen = set(docsets.to_ids(selected))
            ordered = list(islice((n for n in snap.by_title if n in chosen), start, end))
        else:
            ordered = top(snap.terms, query, selected, found, end)
            ordered = ordered[start:end]
        terms = set() if browse else {t for _, t in query.iter_all_terms()}
        hits = [_hit(snap.searcher.stored_fields(n), terms, snap.surfaces) for n in ordered]
        suggestion = self._suggest(snap, text) if text else None
        return SearchResults(text, selected.bit_count(), page, per_page, hits, facets, suggestion)

    def _suggest(self, snap: _Snapshot, text: str) -> str | None:
        """Replace words unknown to the corpus by the nearest known word (most frequent
        among equally near ones); None when every word is known."""
        corrector = snap.searcher.corrector("words")
        reader = snap.searcher.reader()
        changed, out = False, []
        for word in (t.text for t in folded_analyzer()(text, mode="query")):
            known = reader.frequency("words", word) or next(
                iter(reader.expand_prefix("words", word)), None)  # a word being typed
            if len(word) > 2 and not known:
                for distance in (1, 2):
                    found = corrector.suggest(word, limit=1, maxdist=distance)
                    if found:
                        word, changed = found[0], True
                        break
            out.append(word)
        return " ".join(out) if changed else None


def _hit(fields: dict, terms: set, surfaces: dict) -> Hit:
    """A result with its best passages, matched words marked; else its summary, escaped."""
    words = {t.decode() if isinstance(t, bytes) else t for t in terms}
    text = snippet(fields.get("body", ""), words, surfaces) or \
        snippet(fields.get("summary", ""), words, surfaces)
    return Hit(fields["slug"], fields["type"], text or str(escape(fields.get("summary", ""))))
