"""Relevance on the shipped corpus: each query of tests/search/relevance/queries.yaml finds
its expected documents in the first 3 results (or gets the expected suggestion)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUERIES = yaml.safe_load((Path(__file__).parent / "relevance" / "queries.yaml").read_text())


@pytest.fixture(scope="module")
def engine(real_index):
    """The search service on the session's index of the real content."""
    from registry.search import SearchService

    return SearchService(real_index)


def test_the_set_is_large_enough():
    assert sum("top3" in q for q in QUERIES) >= 30


@pytest.mark.parametrize("item", QUERIES, ids=[q["q"] for q in QUERIES])
def test_query(engine, item):
    found = engine.search(item["q"], per_page=3)
    if "top3" in item:
        top = [hit.slug for hit in found.hits]
        assert set(item["top3"]) <= set(top), f"{item['q']!r} gave {top}"
    if "suggestion" in item:
        assert found.suggestion == item["suggestion"]
