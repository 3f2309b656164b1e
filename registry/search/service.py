"""Searching the index: one opened snapshot per process, reopened when the index
changes, with facets, ranking, snippets, corrections and answers."""
from __future__ import annotations

import logging
import os
import re
import struct
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from whoosh import index
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import AndNot, Every, NullQuery, Or

from ..content.text import fold
from . import docsets
from .analysis import Synonyms, balance_quotes, clean_query, french_analyzer, rewrite
from .document import FACETS, SCHEMA_VERSION, SEARCH_FIELDS
from .queries import composed_query, plain_words_query, units
from .ranking import Terms, top
from .snippets import snippet, surface_words
from .spelling import Speller
from .store import read_meta

CACHE_SIZE = 256
PARSED_KEPT = 4096
STORED_KEPT = 256  # decoded stored documents kept (the most shown come back often)
RETRY_SECONDS = 5.0  # after a failure to open an index, how long before trying it again
CORRECTION_GAIN = 5  # a correction replaces a query when it finds this many times more
# A query of several words that starts with one of these reads like the name of something
# (« un chez-soi d’abord »): when it occurs nowhere as such, the results page says so
# before the closest results.
DETERMINERS = {"un", "une", "le", "la", "les", "l", "des", "du", "mon", "ma", "mes", "notre"}

log = logging.getLogger(__name__)
_ANALYZER = french_analyzer()


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
    suggestion: str | None = None  # « Vouliez-vous dire … » (results were kept)
    notice: str | None = None  # e.g. the query was shortened
    corrected_from: str | None = None  # the words typed, when a correction was searched
    missing_phrase: str | None = None  # a phrase or name that occurs nowhere
    definition: str | None = None  # the glossary entry the query names (its slug)
    extra: dict = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class _Snapshot:
    """What one opened index offers: its searcher, parsers, document bit sets (see
    `docsets`) per facet value and per query term, vocabulary and glossary."""

    def __init__(self, path: Path):
        self.ix = index.open_dir(str(path))
        self.searcher = self.ix.searcher()
        # Any word matches; documents holding more of them get a coordination bonus.
        self.parser = MultifieldParser(list(SEARCH_FIELDS), self.ix.schema,
                                       group=OrGroup.factory(0.9))
        meta = read_meta(path)
        if meta.get("schema") != SCHEMA_VERSION:
            raise FileNotFoundError(f"the index at {path} has an older schema: rebuild it")
        self.glossary = Synonyms(meta["glossary"])
        reader = self.searcher.reader()
        size = reader.doc_count_all()
        live = docsets.from_ids(reader.all_doc_ids(), size)  # postings may list deleted docs
        self.terms = Terms(self.searcher, live, SEARCH_FIELDS)
        self.docs = docsets.DocSets(self.searcher, live, size, self.terms.bits)
        self.facets: dict[str, dict[str, int]] = {
            name: {term: docsets.from_ids(reader.postings(name, term).all_ids(), size) & live
                   for term in reader.field_terms(name) if term}
            for name in (*FACETS, "variant")}
        # Columns only: opening the index does not read (nor map into memory) every stored
        # document, whose text is read for the hits shown.
        titles = reader.column_reader("title_sort")
        self.by_title = sorted(docsets.to_ids(live), key=lambda n: titles[n])
        slugs = reader.column_reader("slug")
        self.doc_of = {slugs[n]: n for n in docsets.to_ids(self.facets["variant"].get("pro", 0))}
        self._parsed: OrderedDict = OrderedDict()  # text → parsed query (bounded)
        self._stored: OrderedDict = OrderedDict()  # document number → stored fields
        self.surfaces = surface_words(reader.field_terms("words"))
        self.speller = Speller(reader, SEARCH_FIELDS, meta.get("written", {}))

    def parse(self, text: str):
        """The parsed query of `text`, as the parser makes it (plain words are built
        directly; a query of several parts is the union of its parts, each parsed once);
        the last PARSED_KEPT parses are kept, since parts of queries come back often."""
        query = self._parsed.get(text)
        if query is not None:
            self._parsed.move_to_end(text)
            return query
        query = plain_words_query(text)
        if query is None:
            query = composed_query(text, self.parse)
        if query is None:
            try:
                query = self.parser.parse(text)
            except Exception:  # Whoosh's parser is lenient; this is a last resort
                words = re.findall(r"\w+", text)
                query = self.parser.parse(" ".join(words)) if words else Every()
        self._parsed[text] = query
        if len(self._parsed) > PARSED_KEPT:
            self._parsed.popitem(last=False)
        return query

    def stored(self, docnum: int) -> dict:
        """The stored fields of a document, decoded once while among the STORED_KEPT
        most recently shown (reading them costs a decompression)."""
        fields = self._stored.get(docnum)
        if fields is None:
            fields = self._stored[docnum] = self.searcher.stored_fields(docnum)
            if len(self._stored) > STORED_KEPT:
                self._stored.popitem(last=False)
        else:
            self._stored.move_to_end(docnum)
        return fields

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

    def search(self, text: str, filters: dict[str, list[str]] | None = None, page: int = 1,
               per_page: int = 20, sort: str = "relevance", variant: str = "pro",
               verbatim: bool = False) -> SearchResults:
        """Search `text` with facet filters (OR within a facet, AND across facets).

        Unless `verbatim`, a query that finds (almost) nothing and has a correction that
        finds much more is answered with the correction (`corrected_from` says so)."""
        text, notice = clean_query(text)
        filters = {k: sorted(set(v)) for k, v in (filters or {}).items() if v}
        with self._lock:
            snap = self._current()
            key = (text, tuple(sorted((k, tuple(v)) for k, v in filters.items())), page,
                   per_page, sort, variant, verbatim)
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            try:
                results = self._answer(snap, text, filters, page, per_page, sort, variant,
                                       verbatim)
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

    def _answer(self, snap, text, filters, page, per_page, sort, variant,
                verbatim) -> SearchResults:
        """The results, with what the query means: a correction, a missing phrase, the
        glossary entry it names."""
        missing, searched = self._missing_phrase(snap, text)
        results = self._search(snap, searched, filters, page, per_page, sort, variant)
        kept = [(start, end) for start, end, _group in snap.glossary.find(searched)]
        correction = snap.speller.correct_query(searched, kept) if searched else None
        if correction and not verbatim:
            corrected = self._search(snap, correction, filters, page, per_page, sort, variant)
            if corrected.total >= max(1, results.total) * CORRECTION_GAIN:
                results, correction = corrected, None
                results.corrected_from = text
        results.query = text if results.corrected_from is None else results.query
        results.suggestion = correction
        results.missing_phrase = missing
        found = snap.glossary.find(results.query)
        if found:
            results.definition = max(found, key=lambda f: f[1] - f[0])[2]["slug"]
        return results

    def _missing_phrase(self, snap, text: str) -> tuple[str | None, str]:
        """A quoted phrase, or a name of several words, that occurs nowhere: (it, the
        query to search instead: its words without the quotes)."""
        text = balance_quotes(text)
        quoted = re.findall(r'"([^"]+)"', text)
        for phrase in quoted:
            if not self._occurs(snap, phrase):
                return phrase, text.replace(f'"{phrase}"', phrase)
        words = re.findall(r"[\w’'-]+", text)
        folded = [fold(w) for w in words]
        looks_like_a_name = (not quoted and 2 <= len(words) <= 8
                             and not re.search(r"[()*:]|\b(?:OR|AND|NOT)\b", text)
                             and folded[0].split("'")[0] in DETERMINERS)
        if looks_like_a_name and not self._occurs(snap, text):
            return text, text
        return None, text

    @staticmethod
    def _occurs(snap, phrase: str) -> bool:
        """Whether some document holds `phrase`, its words in this order."""
        query = snap.parse(f'"{phrase.replace(chr(34), " ")}"')
        return bool(snap.docs.matching(query))

    def _parse(self, snap: _Snapshot, text: str):
        """The parsed query, and the parts of it that stand for one word each."""
        reader = snap.searcher.reader()
        wanted, excluded = rewrite(text, snap.glossary,
                                   lambda word: reader.frequency("words", word) > 0)
        query = snap.parse(wanted) if wanted else Every()
        if excluded:
            query = AndNot(query, Or([snap.parse(w) for w in excluded]))
        return query, units(wanted)

    def _search(self, snap, text, filters, page, per_page, sort, variant) -> SearchResults:
        query, parts = self._parse(snap, text)
        browse = isinstance(query, Every)
        every = snap.docs.matching(query)  # every live document the query matches
        matched = _most_words(snap, parts, every & snap.facets["variant"].get(variant, 0))

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
            ordered = [n for n in snap.by_title if n in chosen][start:end]
        else:
            ordered = _ranked(snap, query, text, selected, every, end)[start:end]
        terms = set() if browse else {t for _, t in query.iter_all_terms()}
        hits = [_hit(snap.stored(n), terms, snap.surfaces) for n in ordered]
        return SearchResults(text, selected.bit_count(), page, per_page, hits, facets)


def _most_words(snap, parts: list[str], found: int) -> int:
    """Of the documents `found`, for three words or more: those holding most of them
    (all but a third), or all when none holds that many."""
    if len(parts) < 3:
        return found
    sets = [snap.docs.matching(query) for query in (snap.parse(part) for part in parts)
            if not isinstance(query, type(NullQuery))]
    if len(sets) < 3:
        return found
    return docsets.at_least(sets, len(sets) - len(sets) // 3) & found or found


def _ranked(snap, query, text: str, selected: int, every: int, limit: int) -> list[int]:
    """Best first (`every`: all the documents the query matches, for `top`); glossary
    entries after the other pages, unless the query is the term of that entry (then it
    comes first)."""
    glossary = snap.facets["type"].get("glossaire", 0)
    named = snap.doc_of.get(snap.glossary.entry_of(text) or "")
    promoted = (1 << named) & selected if named is not None else 0
    first = top(snap.terms, query, promoted, every, limit) if promoted else []
    rest = selected & ~glossary & ~promoted
    ordered = first + top(snap.terms, query, rest, every, limit - len(first))
    if len(ordered) < limit:
        ordered += top(snap.terms, query, selected & glossary & ~promoted, every,
                       limit - len(ordered))
    return ordered


def _hit(fields: dict, terms: set, surfaces: dict) -> Hit:
    """A result with its summary, matched words marked, when they occur there (the page's
    own short description, and quick to mark); else its best passages of the text; else
    its summary, escaped."""
    words = {t.decode() if isinstance(t, bytes) else t for t in terms}
    text = snippet(fields.get("summary", ""), words, surfaces) or \
        snippet(fields.get("body", ""), words, surfaces)
    return Hit(fields["slug"], fields["type"], text or str(escape(fields.get("summary", ""))))
