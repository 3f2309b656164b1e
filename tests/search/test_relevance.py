"""Relevance on the shipped corpus (tests/search/relevance/queries.yaml): each judged
query gets what it must, and the set's precision@3 and nDCG@10 are measured and printed
at the end of the run."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from registry.content.help import load_help
from registry.content.text import fold
from tests.support import REAL_CONTENT

QUERIES = yaml.safe_load((Path(__file__).parent / "relevance" / "queries.yaml").read_text())
MEASURED = [q for q in QUERIES if "relevant" in q]
METRICS: dict[str, float] = {}  # filled by test_precision_and_ndcg, printed by conftest
KINDS = {"typos": "correction", "crisis": "help", "acronyms": "definition"}


@pytest.fixture(scope="module")
def engine(real_index):
    """The search service on the session's index of the real content."""
    from registry.search import SearchService

    return SearchService(real_index)


@pytest.fixture(scope="module")
def help_numbers():
    help_, problems = load_help(REAL_CONTENT / "aide.yaml", "aide.yaml")
    assert problems == []
    return help_


def test_the_set_is_large_and_varied():
    assert len(QUERIES) >= 100 and len(MEASURED) >= 80
    assert sum("correction" in q or "suggestion" in q for q in QUERIES) >= 10
    assert sum(len(q["q"].split()) >= 3 for q in QUERIES) >= 20
    assert sum("help" in q for q in QUERIES) >= 5


@pytest.mark.parametrize("item", QUERIES, ids=[q["q"] for q in QUERIES])
def test_query(engine, help_numbers, item):
    found = engine.search(item["q"], per_page=10)
    top = [hit.slug for hit in found.hits]
    if "top3" in item:
        assert set(item["top3"]) <= set(top[:3]), f"{item['q']!r} gave {top[:3]}"
    if "first" in item:
        assert top[:1] == [item["first"]], f"{item['q']!r} gave {top[:3]}"
    if "correction" in item:
        assert found.corrected_from == item["q"], found.suggestion
        assert fold(found.query) == fold(item["correction"])
    else:
        assert found.corrected_from is None
    if "suggestion" in item:
        assert fold(found.suggestion or "") == fold(item["suggestion"])
    assert bool(found.missing_phrase) == bool(item.get("missing"))
    if "definition" in item:
        assert found.definition == item["definition"]
    assert help_numbers.called_by(item["q"]) == bool(item.get("help"))


def precision_at_3(ranked: list[str], relevant: list[str]) -> float:
    """Relevant documents among the first 3, out of what 3 results could hold at best."""
    return len(set(ranked[:3]) & set(relevant)) / min(3, len(relevant))


def ndcg_at_10(ranked: list[str], relevant: list[str]) -> float:
    """Graded: the first relevant document listed counts most (grade n … 1)."""
    grade = {slug: len(relevant) - i for i, slug in enumerate(relevant)}
    dcg = sum(grade.get(slug, 0) / math.log2(i + 2) for i, slug in enumerate(ranked[:10]))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(grade.values(),
                                                                   reverse=True)[:10]))
    return dcg / ideal


def test_precision_and_ndcg(engine):
    scores = []
    for item in MEASURED:
        ranked = [hit.slug for hit in engine.search(item["q"], per_page=10).hits]
        scores.append((precision_at_3(ranked, item["relevant"]),
                       ndcg_at_10(ranked, item["relevant"])))
    METRICS["queries"] = len(QUERIES)
    METRICS["judged"] = len(scores)
    METRICS["precision@3"] = sum(p for p, _ in scores) / len(scores)
    METRICS["nDCG@10"] = sum(n for _, n in scores) / len(scores)
    assert METRICS["precision@3"] >= 0.85 and METRICS["nDCG@10"] >= 0.85


def shape(query) -> tuple:
    """A query's tree with what Whoosh's equality leaves out (the Or's coordination scale)."""
    children = tuple(shape(q) for q in getattr(query, "subqueries", ()))
    return (repr(query), getattr(query, "scale", None), query.boost, children)


def test_queries_built_from_their_parts_are_the_parsers(engine):
    """Rewritten queries (glossary groups, phrases, hyphens) are built from their parts,
    each parsed once; on every query of the set (and a few written with operators) the
    result must be exactly the parser's query, or be left to the parser."""
    from registry.search.analysis import rewrite
    from registry.search.queries import composed_query

    snap = engine._current()
    reader = snap.searcher.reader()
    texts = [q["q"] for q in QUERIES] + ["logement AND psychose", "(crise OR urgence) soins",
                                         "soin* équipe", "title:logement pair", "de la crise",
                                         "crise adolescent", "pair addiction"]
    composed = 0
    for text in texts:
        wanted, _excluded = rewrite(text, snap.glossary,
                                    lambda word: reader.frequency("words", word) > 0)
        built = composed_query(wanted, snap.parser.parse)
        if built is not None:
            composed += 1
            assert shape(built) == shape(snap.parser.parse(wanted)), wanted
    assert composed >= 50, composed  # the path is taken, not only skipped
