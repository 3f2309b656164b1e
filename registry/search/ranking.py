"""Per-term document sets and scores of one opened index, and the scores of a parsed
query for every document it matches, equal to what Whoosh's BM25F matchers compute.

Walking Whoosh's matcher tree costs a few microseconds per document and term, in
Python, for every query. Here each (field, term) is read once per opened index into
a bit set of its documents and a table document → BM25F score (a bounded cache); a
query's scores are then sums of table entries, with Whoosh's coordination bonus for
`Or(…, scale=…)`.

Only the query shapes the registry's parser produces for plain words are scored:
terms, `Or`, `And` and `AndNot`. Anything else (phrases, prefixes…) raises
`Unsupported`, and the caller ranks with Whoosh itself.
"""
from __future__ import annotations

import heapq
from collections import OrderedDict

from whoosh import query as q
from whoosh.scoring import BM25F

from .docsets import from_ids, postings, to_ids


class Unsupported(Exception):
    """The query holds a node this module does not score."""


class Terms:
    """Bit sets and BM25F score tables of one opened index's terms (bounded cache)."""

    def __init__(self, searcher, live: int, fields, cache_postings: int = 400_000):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.live = live
        self.has_deletions = self.reader.has_deletions()
        self.scorable = type(searcher.weighting) is BM25F
        dfl = self.reader.doc_field_length
        self.lengths = {f: [dfl(n, f, 1) for n in range(self.size)] for f in fields}
        self._norms: dict[str, list[float]] = {}
        self._cache: OrderedDict = OrderedDict()
        # Bounded by postings held (about 100 bytes each), not by terms: a common term
        # of a large index holds thousands.
        self._budget, self._held = cache_postings, 0

    def _entry(self, field: str, text) -> tuple[int, dict[int, float] | None]:
        key = (field, text)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        entry = (0, None)
        try:
            btext = self.searcher.schema[field].to_bytes(text)
        except (KeyError, ValueError):
            btext = None
        if btext is not None and (field, btext) in self.reader:
            ids, weights = postings(self.reader, field, btext)
            entry = (from_ids(ids, self.size) & self.live, self._table(field, btext, ids, weights))
        self._cache[key] = entry
        self._held += self._cost(entry)
        while self._held > self._budget and len(self._cache) > 1:
            self._held -= self._cost(self._cache.popitem(last=False)[1])
        return entry

    def _cost(self, entry) -> int:
        """Postings-equivalents an entry holds: its table, and its bit set (size / 8 bytes)."""
        return len(entry[1] or ()) + 1 + self.size // 800

    def _table(self, field, btext, ids, weights) -> dict[int, float] | None:
        lengths = self.lengths.get(field)
        if not self.scorable or lengths is None:
            return None
        scorer = self.searcher.weighting.scorer(self.searcher, field, btext)
        idf, k1 = scorer.idf, scorer.K1
        # whoosh.scoring.bm25(idf, tf, fl, avgfl, B, K1), with its length part per document
        # computed once per field.
        norms = self._norms.get(field)
        if norms is None:
            b, avgfl = scorer.B, scorer.avgfl
            norms = self._norms[field] = [k1 * ((1 - b) + b * (fl or 0) / avgfl)
                                          for fl in lengths]  # None: the field is empty
        top = idf * (k1 + 1)
        return {doc: top * w / (w + norms[doc]) for doc, w in zip(ids, weights, strict=True)}

    def bits(self, field: str, text) -> int:
        """The live documents holding `text` in `field`."""
        return self._entry(field, text)[0]

    def scores(self, query: q.Query, within: set[int] | None = None) -> dict[int, float]:
        """Document → score, for every document `query` matches, or only those `within`
        a set (else deleted documents are included: the caller intersects with its
        live, filtered set)."""
        return _scores(self, query, within)[0]


def top(terms: Terms, query: q.Query, selected: int, matched: int, limit: int) -> list[int]:
    """The `limit` best-scored documents of `selected` (a bit set of live documents
    `query` matches; `matched` holds all of them), best first."""
    whole = not terms.has_deletions and exact(query) and selected == matched
    within = None if whole else set(to_ids(selected))
    try:
        scores = terms.scores(query, within)
    except Unsupported:  # phrases, prefixes: Whoosh scores just these documents
        return _matcher_top(terms.searcher, query, to_ids(selected), limit)
    return [n for _, n in heapq.nsmallest(limit, ((-s, n) for n, s in scores.items()))]


def _matcher_top(searcher, query, ids: list[int], limit: int) -> list[int]:
    """Whoosh's matcher scores each document of `ids` (increasing). Its top-k collector
    would skip blocks, but it recounts the coordination terms as sub-matchers run out,
    so its scores, and order, depend on where a document lies in the index.

    As Whoosh's collector does, a matcher runs on each segment (leaf searcher) with the
    whole index's statistics (the top searcher's context)."""
    context = searcher.context()
    scored = []
    for leaf, offset, end in _segments(searcher):
        in_leaf = [n - offset for n in ids if offset <= n < end]
        if not in_leaf:
            continue
        matcher = query.matcher(leaf, context)
        for n in in_leaf:
            if matcher.is_active() and matcher.id() < n:
                matcher.skip_to(n)
            if not matcher.is_active():
                break
            if matcher.id() == n:
                scored.append((-matcher.score(), n + offset))
    return [n for _, n in heapq.nsmallest(limit, scored)]


def _segments(searcher):
    """(leaf searcher, first document number, end) of each segment, in order."""
    leaves = searcher.leaf_searchers()
    for i, (leaf, offset) in enumerate(leaves):
        end = leaves[i + 1][1] if i + 1 < len(leaves) else searcher.doc_count_all()
        yield leaf, offset, end


def exact(query: q.Query) -> bool:
    """Whether `scores` lists exactly the documents `query` matches (no exclusions
    whose documents it would keep)."""
    if isinstance(query, q.Term):
        return True
    return type(query) in (q.Or, q.And) and all(exact(sub) for sub in query.subqueries)


def _scores(terms: Terms, query, within) -> tuple[dict[int, float], dict[int, int], int]:
    """(scores, matched leaf count per document, leaves present in the index)."""
    if isinstance(query, q.Term):
        table = terms._entry(query.fieldname, query.text)[1]
        if table is None:
            if terms.bits(query.fieldname, query.text) or not terms.scorable:
                raise Unsupported(f"no scores for field {query.fieldname}")
            return {}, {}, 0
        if within is not None:
            table = ({d: table[d] for d in within if d in table} if len(within) < len(table)
                     else {d: s for d, s in table.items() if d in within})
        boost = query.boost
        scores = dict(table) if boost == 1.0 else {d: s * boost for d, s in table.items()}
        return scores, dict.fromkeys(table, 1), 1
    if isinstance(query, q.AndNot):
        return _scores(terms, query.a, within)  # the excluded part scores nothing
    if type(query) not in (q.Or, q.And):
        raise Unsupported(type(query).__name__)
    parts = [_scores(terms, sub, within) for sub in query.subqueries]
    if len(parts) == 1:  # Whoosh uses the only subquery's matcher as it is
        return parts[0]
    if isinstance(query, q.And):
        common = set(parts[0][0]).intersection(*(p[0] for p in parts[1:]))
        scores = {d: sum(p[0][d] for p in parts) for d in common}
        counts = {d: sum(p[1][d] for p in parts) for d in common}
    else:
        scores, counts = {}, {}
        for part_scores, part_counts, _ in parts:
            for d, s in part_scores.items():
                scores[d] = scores.get(d, 0.0) + s
            for d, c in part_counts.items():
                counts[d] = counts.get(d, 0) + c
    leaves = sum(p[2] for p in parts)
    if query.boost != 1.0:
        scores = {d: s * query.boost for d, s in scores.items()}
    if isinstance(query, q.Or) and query.scale and leaves:
        scale = query.scale  # Whoosh's CoordMatcher ("SQR" of the V-Twin engine)
        scores = {d: (s + (counts[d] - 1) / (leaves - scale) ** 2) * ((leaves - 1) / leaves)
                  for d, s in scores.items()}
    return scores, counts, leaves
