"""`flask index update` on the shipped content: an updated index answers every query path
(words, phrases, prefixes, acronyms, synonyms, exclusions) as a fresh build does."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from registry.search import SearchService, rebuild, update
from tests.support import REAL_CONTENT, app_config

RELEVANCE = yaml.safe_load((Path(__file__).parent / "relevance" / "queries.yaml").read_text())
EDITS = [  # three successive updates: three new segments
    ("glossaire/pair-aidance.md", "summary: ", "summary: Entraide entre pairs. "),
    ("monographies/silapsy-saint-nazaire.md", "summary: ", "summary: Logement accompagné. "),
    ("glossaire/ipa.md", "aliases: [", "aliases: [infirmière clinicienne avancée, "),
]
QUERIES = [q["q"] for q in RELEVANCE] + [
    '"pair aidance"', '"soins somatiques"', "rétab", "psych", "IPA",
    "infirmier en pratique avancée", "infirmière clinicienne avancée", "entraide",
    "logement accompagné", "logement -psychose", "pair*", "CMP", "aller-vers"]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """(index after three updates, fresh build of the same content)."""
    from registry import create_app
    from registry.services import catalog

    root = tmp_path_factory.mktemp("update")
    shutil.copytree(REAL_CONTENT, root / "content")
    app = create_app(app_config(root / "instance", root / "content", root / "updated",
                                REGISTRY_BUILD_INDEX_ON_START=False))
    with app.app_context():
        rebuild(catalog, root / "updated")
        for name, old, new in EDITS:
            path = root / "content" / name
            path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1),
                            encoding="utf-8")
            catalog.load()
            assert update(catalog, root / "updated")["changed"] == 1
        rebuild(catalog, root / "fresh")
    return SearchService(root / "updated"), SearchService(root / "fresh")


def test_updates_add_segments(indexes):
    updated, fresh = indexes
    updated.search("logement")
    assert len(updated._current().searcher.leaf_searchers()) == 4
    fresh.search("logement")
    assert len(fresh._current().searcher.leaf_searchers()) == 1


@pytest.mark.parametrize("query", QUERIES)
def test_an_updated_index_finds_what_a_fresh_build_finds(indexes, query):
    """Same documents, totals, facets and suggestion. The order of close scores may
    differ: Whoosh's term statistics still count the replaced versions of the edited
    documents until the next full build (the relevance set below still holds)."""
    updated, fresh = indexes
    a, b = updated.search(query, per_page=300), fresh.search(query, per_page=300)
    assert (a.total, a.facets, a.suggestion) == (b.total, b.facets, b.suggestion)
    assert sorted(h.slug for h in a.hits) == sorted(h.slug for h in b.hits)


def test_edited_words_and_synonyms_are_found_after_an_update(indexes):
    updated, _fresh = indexes
    assert "pair-aidance" in [h.slug for h in updated.search("entraide entre pairs").hits]
    # A new glossary alias is a synonym group member: it finds the other forms' pages.
    slugs = {h.slug for h in updated.search("infirmière clinicienne avancée").hits}
    assert {"ipa", "ipa-suivi-somatique"} <= slugs


@pytest.mark.parametrize("item", [q for q in RELEVANCE if "top3" in q], ids=lambda q: q["q"])
def test_the_relevance_set_holds_on_an_updated_index(indexes, item):
    updated, _fresh = indexes
    top = [hit.slug for hit in updated.search(item["q"], per_page=3).hits]
    assert set(item["top3"]) <= set(top), f"{item['q']!r} gave {top}"
