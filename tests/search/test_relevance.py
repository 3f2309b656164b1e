"""Relevance on the shipped corpus: each query of tests/search/relevance/queries.yaml finds
its expected documents in the first 3 results (or gets the expected suggestion)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUERIES = yaml.safe_load((Path(__file__).parent / "relevance" / "queries.yaml").read_text())


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The search service on an index of the real content, built once for the module."""
    from registry import create_app
    from registry.search import rebuild
    from registry.services import catalog

    instance = tmp_path_factory.mktemp("relevance")
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "INSTANCE_PATH": str(instance),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'db.sqlite'}",
                      "REGISTRY_INDEX_DIR": str(instance / "index")})
    with app.app_context():
        rebuild(catalog, instance / "index")
        yield app.extensions["search"]


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
