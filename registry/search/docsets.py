"""Sets of document numbers as Python integers (bit i set = document i), a term's
postings read a block at a time, and the set of documents a parsed Whoosh query
matches, computed from per-term sets.

Counting facets and filtering with `&` and `int.bit_count()` costs microseconds, where
walking Whoosh's matchers in Python costs milliseconds per query.
"""
from __future__ import annotations

from whoosh import query as q


def from_ids(ids, size: int) -> int:
    """The bit set of an iterable of document numbers below `size`."""
    buf = bytearray((size + 7) // 8)
    for i in ids:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


_BITS = [tuple(k for k in range(8) if byte >> k & 1) for byte in range(256)]


def to_ids(bits: int) -> list[int]:
    """The document numbers of a bit set (not negative), in increasing order."""
    out = []
    for i, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
        if byte:
            base = i << 3
            out.extend(base + k for k in _BITS[byte])
    return out


def postings(reader, field: str, btext: bytes) -> tuple[list[int], list[float]]:
    """Document numbers and weights of one term's postings (deleted documents included).

    Whoosh's public API reads a posting at a time; its on-disk matcher (pinned
    Whoosh 2.7.4) holds whole decoded blocks, read here a block at a time.
    """
    matcher = reader.postings(field, btext)
    ids: list[int] = []
    weights: list[float] = []
    if all(hasattr(matcher, a) for a in ("_read_ids", "_read_weights", "_next_block")):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
    else:  # another codec, or a wrapper hiding deleted documents
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return ids, weights


class DocSets:
    """The documents a query matches, from per-term sets given by `term_bits`."""

    def __init__(self, searcher, live: int, size: int, term_bits):
        self.searcher = searcher
        self.live = live  # documents not deleted
        self.size = size
        self.term = term_bits  # (field, text) → bit set of live documents holding it

    def matching(self, query: q.Query) -> int:
        """The documents `query` matches (what Whoosh would return, without scores)."""
        if isinstance(query, q.Term):
            return self.term(query.fieldname, query.text)
        if isinstance(query, q.Every):
            return self.live
        if isinstance(query, type(q.NullQuery)):
            return 0
        if isinstance(query, q.Or):
            bits = 0
            for sub in query.subqueries:
                bits |= self.matching(sub)
            return bits
        if isinstance(query, q.And) and not isinstance(query, q.Ordered):
            bits = self.live
            for sub in query.subqueries:
                bits &= self.matching(sub)
                if not bits:
                    break
            return bits
        if isinstance(query, q.AndNot):
            return self.matching(query.a) & ~self.matching(query.b)
        if isinstance(query, q.Require):
            return self.matching(query.a) & self.matching(query.b)
        if isinstance(query, q.AndMaybe):
            return self.matching(query.a)
        if isinstance(query, q.Not):
            return self.live & ~self.matching(query.query)
        # Phrases, prefixes, ranges…: ask Whoosh, segment by segment.
        return from_ids(self.searcher.docs_for_query(query), self.size) & self.live



def at_least(sets: list[int], m: int) -> int:
    """The documents in at least `m` of `sets`, counted bit-parallel: a binary counter
    per document, its digits held as bit sets (a ripple-carry adder over Python ints)."""
    if m <= 1:
        union = 0
        for bits in sets:
            union |= bits
        return union
    digits: list[int] = [0] * max(1, len(sets).bit_length())
    for bits in sets:
        carry = bits
        for j, digit in enumerate(digits):
            digits[j], carry = digit ^ carry, digit & carry
            if not carry:
                break
    greater, equal = 0, -1  # -1: every bit set (Python ints are two's complement)
    for j in reversed(range(len(digits))):
        if m >> j & 1:
            equal &= digits[j]
        else:
            greater |= equal & digits[j]
            equal &= ~digits[j]
    return greater | equal if m < 1 << len(digits) else 0
