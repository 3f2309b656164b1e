"""Full-text search in French, behind a small seam: `build_index`, `update_index` and
`SearchService.search`.

The index lives in a directory named `<index_dir>-<stamp>`; `index_dir` itself is a
symbolic link swapped atomically after each full build, so readers never see a
half-built index. Only the CLI and the first-request build write.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from markupsafe import escape
from whoosh import index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import AndNot, Every, Or

from . import docsets
from .analysis import MAX_QUERY_CHARS, clean_query, folded_analyzer, french_analyzer, rewrite
from .ranking import Terms, top
from .snippets import snippet, surface_words

__all__ = ["MAX_QUERY_CHARS", "Document", "SearchService", "build_index", "update_index"]

FACETS = ("type", "mission", "evidence", "parcours", "theme", "public")
SEARCH_FIELDS = ("title", "aliases", "summary", "body")
FIELD_BOOSTS = {"title": 6.0, "aliases": 4.0, "summary": 2.0, "body": 1.0}
# Practices are what professionals search for: they outrank pages that merely mention them.
TYPE_BOOSTS = {"monographie": 1.5, "fiche": 1.5}
KEEP = 2  # index directories kept: the current one and the previous one
META_FILE = "registry.json"  # schema version and synonym groups, beside Whoosh's files
SCHEMA_VERSION = 3  # bump when make_schema() or the analyzers change: forces a rebuild
CACHE_SIZE = 256


def make_schema() -> Schema:
    fr = french_analyzer()
    return Schema(
        key=ID(stored=True, unique=True),  # "<variant>:<slug>"
        slug=ID(stored=True),
        variant=ID(stored=True),  # "pro" or "falc" (easy-to-read text)
        type=ID(stored=True),
        title=TEXT(analyzer=fr, stored=True, field_boost=FIELD_BOOSTS["title"]),
        aliases=TEXT(analyzer=fr, field_boost=FIELD_BOOSTS["aliases"]),
        summary=TEXT(analyzer=fr, stored=True, field_boost=FIELD_BOOSTS["summary"]),
        body=TEXT(analyzer=fr, stored=True),
        words=TEXT(analyzer=folded_analyzer(), phrase=False),  # no positions: never in phrases
        title_sort=ID(stored=True),
        mission=KEYWORD(stored=True, commas=True),
        evidence=ID(stored=True),
        parcours=KEYWORD(stored=True, commas=True),
        public=KEYWORD(stored=True, commas=True),
        theme=ID(stored=True),
        digest=ID(stored=True),
    )


@dataclass(frozen=True)
class Document:
    """What the index needs of one content entry (or of its easy-to-read variant)."""

    slug: str
    type: str
    title: str
    summary: str
    body: str
    aliases: list[str] = field(default_factory=list)
    missions: list[int] = field(default_factory=list)
    evidence: str | None = None
    parcours: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)
    theme: str | None = None
    digest: str = ""
    variant: str = "pro"
    title_sort: str = ""

    @property
    def key(self) -> str:
        return f"{self.variant}:{self.slug}"

    def fields(self) -> dict:
        return {
            "key": self.key, "slug": self.slug, "variant": self.variant, "type": self.type,
            "title": self.title, "aliases": " ".join(self.aliases), "summary": self.summary,
            "body": self.body, "title_sort": self.title_sort or self.title.lower(),
            "words": " ".join([self.title, *self.aliases, self.summary, self.body]),
            "mission": ",".join(str(m) for m in self.missions),
            "evidence": self.evidence or "", "parcours": ",".join(self.parcours),
            "public": ",".join(self.public), "theme": self.theme or "", "digest": self.digest,
            "_boost": TYPE_BOOSTS.get(self.type, 1.0),
        }


def _codec() -> W3Codec:
    """Whoosh's codec with uncompressed posting blocks: zlib cost a fifth of the shipped
    corpus' build and of reading a term's postings; the index grows by about a third."""
    return W3Codec(compression=0)


def build_index(documents: list[Document], index_dir: Path,
                synonyms: list[list[str]] | None = None) -> Path:
    """Write a new index next to `index_dir`, then point `index_dir` at it atomically."""
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    target = index_dir.with_name(f"{index_dir.name}-{stamp}")
    target.mkdir()
    try:
        ix = index.create_in(str(target), make_schema())
        # One writer, one commit into an empty index: the result is already a single,
        # optimized segment, so no separate optimize() pass (it would rewrite everything).
        with ix.writer(limitmb=128, codec=_codec()) as writer:
            for doc in documents:
                writer.add_document(**doc.fields())
        ix.close()
        meta = {"schema": SCHEMA_VERSION, "synonyms": synonyms or []}
        (target / META_FILE).write_text(json.dumps(meta, ensure_ascii=False))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _swap(index_dir, target)
    _prune(index_dir)
    return target


def indexed_digests(index_dir: Path) -> dict[str, str]:
    """Key → content digest of every document in the index."""
    ix = index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        digests = {f["key"]: f["digest"] for f in searcher.all_stored_fields()}
    ix.close()
    return digests


def update_index(documents: list[Document], index_dir: Path,
                 keys: set[str] | None = None) -> dict:
    """Re-index `documents` (those whose digest changed), delete documents whose key is
    no longer in `keys` (by default, the keys of `documents`)."""
    indexed = indexed_digests(index_dir)
    ix = index.open_dir(str(index_dir))
    wanted = {doc.key: doc for doc in documents}
    keys = set(wanted) if keys is None else keys
    changed = [d for k, d in wanted.items() if indexed.get(k) != d.digest]
    removed = [k for k in indexed if k not in keys]
    if changed or removed:
        with ix.writer(codec=_codec()) as writer:
            for doc in changed:
                writer.update_document(**doc.fields())
            for key in removed:
                writer.delete_by_term("key", key)
    ix.close()
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
        meta = json.loads((index_dir / META_FILE).read_text())
    except (OSError, ValueError):
        return False
    return meta.get("schema") == SCHEMA_VERSION


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
        meta = json.loads((path / META_FILE).read_text())
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
    """Read side of the index: one searcher per process, reopened when the index changes."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._target = None
        self._snapshot: _Snapshot | None = None
        self._cache: OrderedDict = OrderedDict()

    @classmethod
    def from_app(cls, app) -> "SearchService":
        return cls(app.config["REGISTRY_INDEX_DIR"])

    def _current(self) -> _Snapshot:
        """The snapshot of the index `index_dir` points at now (caller holds the lock)."""
        target = os.readlink(self.index_dir) if self.index_dir.is_symlink() else None
        if target is None:
            raise FileNotFoundError(f"no search index at {self.index_dir}")
        snap = self._snapshot
        if snap is None or target != self._target or not snap.searcher.up_to_date():
            if snap is not None:
                snap.close()
            self._snapshot = _Snapshot(self.index_dir.parent / target)
            self._target = target
            self._cache.clear()  # results of the previous index are stale
        return self._snapshot

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
            results = self._search(snap, text, filters, page, per_page, sort, variant)
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
