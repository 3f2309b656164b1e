"""Full-text search in French, behind a small seam: `build_index` and `SearchService.search`.

The index lives in a directory named `<index_dir>-<stamp>`; `index_dir` itself
is a symbolic link swapped atomically after each full build, so readers never
see a half-built index. Only the CLI and the start-up build write.
"""
from __future__ import annotations

import os
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from whoosh import index, sorting
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.qparser import MultifieldParser
from whoosh.query import And, Every, Or, Term
from whoosh.support.charset import accent_map

MAX_QUERY_CHARS = 200
FACETS = ("type", "mission", "evidence", "parcours", "theme", "public")
MULTI_VALUED = {"mission", "parcours", "public"}
SEARCH_FIELDS = ("title", "aliases", "summary", "body")
FIELD_BOOSTS = {"title": 6.0, "aliases": 4.0, "summary": 2.0, "body": 1.0}
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
KEEP = 2  # index directories kept: the current one and the previous one


def french_analyzer():
    """Tokenize, lowercase, drop stop words, fold accents, then stem in French."""
    return (RegexTokenizer(r"\w+(\.?\w+)*") | LowercaseFilter() | StopFilter(lang="fr")
            | CharsetFilter(accent_map) | StemFilter(lang="fr", cachesize=50000))


def folded_analyzer():
    """Unstemmed, accent-folded words: for spelling suggestions and prefixes."""
    return RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> Schema:
    fr = french_analyzer()
    return Schema(
        slug=ID(stored=True, unique=True),
        type=ID(stored=True),
        title=TEXT(analyzer=fr, stored=True, field_boost=FIELD_BOOSTS["title"]),
        aliases=TEXT(analyzer=fr, field_boost=FIELD_BOOSTS["aliases"]),
        summary=TEXT(analyzer=fr, stored=True, field_boost=FIELD_BOOSTS["summary"]),
        body=TEXT(analyzer=fr, stored=True),
        words=TEXT(analyzer=folded_analyzer()),
        mission=KEYWORD(stored=True, commas=True),
        evidence=ID(stored=True),
        parcours=KEYWORD(stored=True, commas=True),
        public=KEYWORD(stored=True, commas=True),
        theme=ID(stored=True),
        digest=ID(stored=True),
    )


@dataclass(frozen=True)
class Document:
    """What the index needs of one content entry."""

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

    def fields(self) -> dict:
        return {
            "slug": self.slug, "type": self.type, "title": self.title,
            "aliases": " ".join(self.aliases), "summary": self.summary, "body": self.body,
            "words": " ".join([self.title, *self.aliases, self.summary, self.body]),
            "mission": ",".join(str(m) for m in self.missions),
            "evidence": self.evidence or "", "parcours": ",".join(self.parcours),
            "public": ",".join(self.public), "theme": self.theme or "", "digest": self.digest,
        }


def build_index(documents: list[Document], index_dir: Path) -> Path:
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
        with ix.writer(limitmb=128) as writer:
            for doc in documents:
                writer.add_document(**doc.fields())
        ix.close()
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _swap(index_dir, target)
    _prune(index_dir)
    return target


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
    return Path(index_dir).is_symlink() and index.exists_in(str(index_dir))


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


def clean_query(text: str) -> tuple[str, str | None]:
    """Strip control characters and cut very long queries; say when it was cut."""
    text = CONTROL_RE.sub(" ", text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS], "truncated"
    return text, None


class SearchService:
    """Read side of the index: one searcher per process, reopened when the index changes."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._target = None
        self._searcher = None

    @classmethod
    def from_app(cls, app) -> "SearchService":
        return cls(app.config["REGISTRY_INDEX_DIR"])

    def _current(self):
        """The searcher for the index `index_dir` points at now (caller holds the lock)."""
        target = os.readlink(self.index_dir) if self.index_dir.is_symlink() else None
        if target is None:
            raise FileNotFoundError(f"no search index at {self.index_dir}")
        if self._searcher is None or target != self._target or not self._searcher.up_to_date():
            if self._searcher is not None:
                self._searcher.close()
            ix = index.open_dir(str(self.index_dir.parent / target))
            self._searcher, self._target = ix.searcher(), target
            self._parser = MultifieldParser(list(SEARCH_FIELDS), ix.schema)
        return self._searcher

    def _parse(self, text: str):
        if not text:
            return Every()
        try:
            return self._parser.parse(text)
        except Exception:  # Whoosh's parser is lenient; this is a last resort
            words = re.findall(r"\w+", text)
            return self._parser.parse(" ".join(words)) if words else Every()

    def search(self, text: str, filters: dict[str, list[str]] | None = None,
               page: int = 1, per_page: int = 20) -> SearchResults:
        """Search `text` with facet filters (OR within a facet, AND across facets)."""
        text, notice = clean_query(text)
        filters = {k: v for k, v in (filters or {}).items() if v}
        with self._lock:
            searcher = self._current()
            query = self._parse(text)
            main = searcher.search_page(query, page, pagelen=per_page,
                                        filter=_filter_query(filters),
                                        groupedby=_facets([f for f in FACETS if f not in filters]))
            facets = {f: _counts(main.results, f) for f in FACETS if f not in filters}
            for name in FACETS:
                if name in filters:  # counts for a filtered facet ignore its own filter
                    others = {k: v for k, v in filters.items() if k != name}
                    res = searcher.search(query, limit=1, filter=_filter_query(others),
                                          groupedby=_facets([name]))
                    facets[name] = _counts(res, name)
            main.results.fragmenter, main.results.formatter = _FRAGMENTER, _FORMATTER
            hits = [Hit(h["slug"], h["type"], _highlight(h)) for h in main]
            total = main.total
            suggestion = self._suggest(searcher, text) if total < 3 and text else None
        return SearchResults(text, total, page, per_page, hits,
                             {f: facets[f] for f in FACETS}, suggestion, notice)

    def _suggest(self, searcher, text: str) -> str | None:
        """Replace words unknown to the corpus by the closest known word."""
        corrector = searcher.corrector("words")
        reader = searcher.reader()
        words = [t.text for t in folded_analyzer()(text)]
        changed, out = False, []
        for word in words:
            if len(word) > 2 and not reader.frequency("words", word):
                found = corrector.suggest(word, limit=1, maxdist=2)
                if found:
                    word, changed = found[0], True
            out.append(word)
        return " ".join(out) if changed else None


def _filter_query(filters: dict[str, list[str]]):
    if not filters:
        return None
    return And([Or([Term(name, str(v)) for v in values]) for name, values in filters.items()])


def _facets(names):
    if not names:
        return None
    return {n: sorting.FieldFacet(n, allow_overlap=n in MULTI_VALUED, maptype=sorting.Count)
            for n in names}


def _counts(results, name: str) -> dict[str, int]:
    groups = results.groups(name)
    return {str(k): v for k, v in sorted(groups.items(), key=lambda kv: (-kv[1], str(kv[0])))
            if k not in (None, "")}


_FORMATTER = HtmlFormatter(tagname="mark", classname="hl", termclass="t", between=" … ")
_FRAGMENTER = ContextFragmenter(maxchars=220, surround=70)


def _highlight(hit) -> str:
    """Best body passage with matches marked, else the summary (escaped)."""
    for name in ("body", "summary"):
        snippet = hit.highlights(name, top=2)
        if snippet:
            return snippet
    return str(escape(hit["summary"]))
