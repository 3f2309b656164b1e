"""The fast paths of search give Whoosh's own answers: matched sets, scores, postings."""
from __future__ import annotations

import random

import pytest
from whoosh import index as whoosh_index
from whoosh.qparser import MultifieldParser, OrGroup

from registry.search import IndexDocument, SearchService, build_index, docsets, update_index
from registry.search.document import SEARCH_FIELDS
from registry.search.ranking import Terms, Unsupported

WORDS = ["logement", "soins", "psychiatrie", "équipe", "rétablissement", "pair", "aidance",
         "hôpital", "sortie", "patients", "médecin", "infirmier", "accompagnement", "social",
         "parcours", "jeunes", "famille", "traitement", "crise", "urgence", "domicile"]


def corpus(n: int, seed: int = 3) -> list[IndexDocument]:
    rng = random.Random(seed)

    def text(k):
        return " ".join(rng.choices(WORDS, k=k))

    return [IndexDocument(f"d{i}", rng.choice(["monographie", "fiche", "glossaire"]), text(4),
                     text(15), text(rng.randint(20, 120)), aliases=[text(2)] if i % 7 == 0 else [],
                     missions=[1 + i % 8], digest=str(i)) for i in range(n)]


QUERIES = ["logement", "soins psychiatrie", "équipe hôpital sortie", "rétablissement -crise",
           '"pair aidance" domicile', "jeun*", "logement AND famille", "urgence NOT patients",
           "introuvable", "médecin OR infirmier"]


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    path = tmp_path_factory.mktemp("ranking") / "index"
    build_index(corpus(400), path)
    ix = whoosh_index.open_dir(str(path))
    searcher = ix.searcher()
    yield searcher, MultifieldParser(list(SEARCH_FIELDS), ix.schema, group=OrGroup.factory(0.9))
    searcher.close()
    ix.close()


def whoosh_scores(searcher, query) -> dict[int, float]:
    """Score of every matching document, one fresh matcher step at a time."""
    matcher = query.matcher(searcher, searcher.context())
    out = {}
    while matcher.is_active():
        out[matcher.id()] = matcher.score()
        matcher.next()
    return out


def test_bit_sets_round_trip():
    ids = [0, 1, 7, 8, 63, 64, 399]
    assert docsets.to_ids(docsets.from_ids(ids, 400)) == ids
    assert docsets.to_ids(0) == []


@pytest.mark.parametrize("text", QUERIES)
def test_matching_sets_equal_whoosh(opened, text):
    searcher, parser = opened
    reader = searcher.reader()
    live = docsets.from_ids(reader.all_doc_ids(), reader.doc_count_all())
    terms = Terms(searcher, live, SEARCH_FIELDS)
    docs = docsets.DocSets(searcher, live, reader.doc_count_all(), terms.bits)
    query = parser.parse(text)
    assert docsets.to_ids(docs.matching(query)) == sorted(query.docs(searcher))


@pytest.mark.parametrize("text", ["logement", "soins psychiatrie", "équipe hôpital sortie",
                                  "rétablissement -crise", "médecin OR infirmier",
                                  "logement AND famille", "logement^2 famille",
                                  "(soins OR crise)^3 domicile"])
def test_scores_equal_whoosh_matchers(opened, text):
    searcher, parser = opened
    reader = searcher.reader()
    terms = Terms(searcher, docsets.from_ids(reader.all_doc_ids(), reader.doc_count_all()),
                  SEARCH_FIELDS)
    query = parser.parse(text)
    expected = whoosh_scores(searcher, query)
    mine = terms.scores(query)
    assert expected and set(expected) <= set(mine)
    for doc, score in expected.items():
        assert mine[doc] == pytest.approx(score, rel=1e-9), doc
    within = set(list(expected)[::3])
    assert set(terms.scores(query, within)) == within


def test_phrases_and_prefixes_are_left_to_whoosh(opened):
    searcher, parser = opened
    reader = searcher.reader()
    terms = Terms(searcher, docsets.from_ids(reader.all_doc_ids(), reader.doc_count_all()),
                  SEARCH_FIELDS)
    for text in ('"pair aidance"', "jeun*"):
        with pytest.raises(Unsupported):
            terms.scores(parser.parse(text))


def test_block_reads_equal_posting_by_posting(opened):
    searcher, _ = opened
    reader = searcher.reader()
    for field in ("body", "title", "aliases"):
        (_, btext), = reader.most_frequent_terms(field, 1)
        matcher = reader.postings(field, btext)
        one_by_one = []
        while matcher.is_active():
            one_by_one.append((matcher.id(), matcher.weight()))
            matcher.next()
        ids, weights = docsets.postings(reader, field, btext)
        assert list(zip(ids, weights, strict=True)) == one_by_one and one_by_one


def test_ranking_follows_scores_and_skips_deleted_documents(tmp_path):
    docs = corpus(120)
    build_index(docs, tmp_path / "index")
    service = SearchService(tmp_path / "index")
    ranked = [h.slug for h in service.search("logement famille", per_page=50).hits]
    with service._lock:
        snap = service._current()
        query, _parts = service._parse(snap, "logement famille")
        scores = whoosh_scores(snap.searcher, query)
        by_slug = {snap.searcher.stored_fields(n)["slug"]: s for n, s in scores.items()}
    assert [by_slug[s] for s in ranked] == sorted((by_slug[s] for s in ranked), reverse=True)
    # Delete the best document: it must vanish from results, totals and facets.
    kept = [d for d in docs if d.slug != ranked[0]]
    update_index(kept, tmp_path / "index")
    after = service.search("logement famille", per_page=200)
    assert ranked[0] not in [h.slug for h in after.hits]
    assert after.total == len(after.hits) == sum(after.facets["type"].values())


@pytest.mark.parametrize("text", QUERIES + ["logement ANDNOT famille", "soins -patients"])
def test_results_are_exactly_the_matching_documents(tmp_path, text):
    """What Whoosh matches; of three words or more, those holding all but a third of the
    words (counted here with Whoosh, word by word), when some do."""
    build_index(corpus(150), tmp_path / "index")
    service = SearchService(tmp_path / "index")
    found = service.search(text, per_page=1000)
    with service._lock:
        snap = service._current()
        query, parts = service._parse(snap, text)
        expected = set(query.docs(snap.searcher))
        words = [snap.parser.parse(part) for part in parts]
        words = [set(w.docs(snap.searcher)) for w in words if w.field() != "" or
                 type(w).__name__ != "_NullQuery"]
        if len(words) >= 3:
            need = len(words) - len(words) // 3
            most = {n for n in expected if sum(n in w for w in words) >= need}
            expected = most or expected
        expected = {snap.searcher.stored_fields(n)["slug"] for n in expected}
    assert {h.slug for h in found.hits} == expected and found.total == len(expected)


def test_the_term_cache_stays_within_its_budget_and_scores_stay_right(opened):
    searcher, parser = opened
    reader = searcher.reader()
    live = docsets.from_ids(reader.all_doc_ids(), reader.doc_count_all())
    small = Terms(searcher, live, SEARCH_FIELDS, cache_postings=300)
    roomy = Terms(searcher, live, SEARCH_FIELDS)
    for text in ["logement", "soins psychiatrie", "équipe hôpital sortie", "logement"]:
        query = parser.parse(text)
        assert small.scores(query) == roomy.scores(query)
        assert small._held <= 300 or len(small._cache) == 1
    assert len(small._cache) < len(roomy._cache)



@pytest.mark.parametrize("text", ['"pair aidance" domicile', "jeun* logement"])
def test_phrases_and_prefixes_rank_by_whoosh_matcher_scores(opened, text):
    from registry.search import ranking

    searcher, parser = opened
    query = parser.parse(text)
    ids = sorted(query.docs(searcher))
    assert len(ids) > 10
    expected = sorted(whoosh_scores(searcher, query).items(), key=lambda item: (-item[1], item[0]))
    assert ranking._matcher_top(searcher, query, ids, 10) == [n for n, _ in expected[:10]]


@pytest.mark.parametrize("text", ["logement", "logement soins psychiatrie", "de la", "SOINS",
                                  "équipe hôpital 2021", "pairs aidants domicile famille"])
def test_plain_words_are_built_as_the_parser_builds_them(opened, text):
    """The service builds the query of plain words itself (the parser costs a millisecond);
    it must be the parser's query exactly, coordination bonus included."""
    from registry.search.queries import plain_words_query

    _searcher, parser = opened
    built, parsed = plain_words_query(text), parser.parse(text)
    assert repr(built) == repr(parsed) and built == parsed
    assert getattr(built, "scale", None) == getattr(parsed, "scale", None)


@pytest.mark.parametrize("text", ["aller-vers", "l'hôpital", '"pair aidance"', "jeun*",
                                  "a OR b", "soins -patients"])
def test_anything_else_is_left_to_the_parser(text):
    from registry.search.queries import plain_words_query

    assert plain_words_query(text) is None
