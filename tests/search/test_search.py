"""Search: French analysis, facets, filters, snippets, index swap and hostile queries."""
from __future__ import annotations

import os

import pytest

from registry.search import IndexDocument, SearchService, build_index, index_exists, update_index
from registry.search.analysis import MAX_QUERY_CHARS

DOCS = [
    IndexDocument("silapsy", "monographie", "Silapsy : un logement d'abord",
             "Accès au logement social pour des patients.",
             "Le rétablissement passe par un logement stable et un binôme référent.",
             missions=[1, 5], evidence="prometteuse", parcours=["logement"],
             public=["adultes"], theme="nouvel-ambulatoire"),
    IndexDocument("clip", "monographie", "CLIP Nancy", "Intervention précoce dans les psychoses.",
             "Les jeunes de 16 à 25 ans sont suivis par un case manager. Psychoses débutantes.",
             missions=[3, 5], evidence="experience-decrite", parcours=["intervention-precoce"],
             public=["jeunes-adultes"], theme="nouvel-ambulatoire"),
    IndexDocument("ipa", "glossaire", "IPA", "Infirmier en pratique avancée.",
             "L'infirmier en pratique avancée assure un suivi somatique.",
             aliases=["infirmier en pratique avancée"]),
    IndexDocument("fiche-1", "fiche", "Pharmacie clinique", "Conciliation des traitements.",
             "La conciliation médicamenteuse sécurise les traitements à la sortie.",
             missions=[2, 4], evidence="experience-decrite", parcours=["medicament"],
             public=["adultes"], theme="soins-somatiques"),
]


SYNONYMS = [["IPA", "infirmier en pratique avancée"], ["Pair-aidance", "pair-aidant"]]


@pytest.fixture
def service(tmp_path):
    index_dir = tmp_path / "index"
    build_index(DOCS, index_dir, SYNONYMS)
    return SearchService(index_dir)


def slugs(results):
    return [h.slug for h in results.hits]


def test_stemming_and_accent_folding(service):
    assert slugs(service.search("logements")) == ["silapsy"]
    assert slugs(service.search("retablissement")) == ["silapsy"]  # no accent in the query
    assert slugs(service.search("RÉTABLISSEMENT")) == ["silapsy"]
    assert set(slugs(service.search("psychose"))) == {"clip"}


def test_elision_is_handled(service):
    assert "silapsy" in slugs(service.search("l'abord"))


def test_title_match_ranks_first(service):
    assert slugs(service.search("pharmacie"))[0] == "fiche-1"
    assert slugs(service.search("IPA"))[0] == "ipa"


def test_empty_query_browses_everything_with_facets(service):
    found = service.search("")
    assert found.total == 4
    assert found.facets["type"] == {"monographie": 2, "fiche": 1, "glossaire": 1}
    assert found.facets["mission"] == {"5": 2, "1": 1, "2": 1, "3": 1, "4": 1}
    assert found.facets["evidence"] == {"experience-decrite": 2, "prometteuse": 1}


def test_filters_or_within_and_across(service):
    assert set(slugs(service.search("", {"mission": ["1", "3"]}))) == {"silapsy", "clip"}
    assert slugs(service.search("", {"mission": ["1", "3"], "evidence": ["prometteuse"]})) \
        == ["silapsy"]
    assert slugs(service.search("", {"theme": ["soins-somatiques"], "mission": ["1"]})) == []


def test_facet_counts_ignore_their_own_filter(service):
    found = service.search("", {"mission": ["3"]})
    assert found.total == 1
    # The mission facet still offers the other missions, counted without the mission filter.
    assert found.facets["mission"]["1"] == 1 and found.facets["mission"]["3"] == 1
    # Other facets are counted within the filtered set.
    assert found.facets["type"] == {"monographie": 1}


def test_pagination(service):
    first = service.search("", page=1, per_page=3)
    second = service.search("", page=2, per_page=3)
    assert first.total == second.total == 4 and first.pages == 2
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert not set(slugs(first)) & set(slugs(second))


def test_highlight_marks_words(service):
    (hit,) = service.search("binôme").hits
    assert '<mark class="hl">binôme</mark> référent' in hit.highlight


def test_highlight_escapes_stored_text(tmp_path):
    doc = IndexDocument("x", "page", "Titre", "Résumé <b>",
                        "Texte <script>alert(1)</script> logement")
    build_index([doc], tmp_path / "ix")
    (hit,) = SearchService(tmp_path / "ix").search("logement").hits
    assert "<script>" not in hit.highlight and "&lt;script&gt;" in hit.highlight


@pytest.mark.parametrize("query", [
    '"logement', "logement)", "AND", "OR OR", "NOT", "-", "*", "?", "title:", "(((", "\x00\x1b[31m",
    "a" * 5000, "logement^", "~", "[a TO", "<script>alert(1)</script>", "{}", "\\", "'",
])
def test_hostile_queries_never_raise(service, query):
    found = service.search(query)
    assert found.total >= 0
    assert len(found.query) <= MAX_QUERY_CHARS
    for hit in found.hits:
        assert "<script>" not in hit.highlight


def test_long_query_is_cut_and_said(service):
    found = service.search("logement " * 100)
    assert found.notice == "truncated" and len(found.query) == MAX_QUERY_CHARS


def test_suggestion_for_a_misspelt_word(service):
    found = service.search("logemnt")
    assert found.total == 0
    assert found.suggestion == "logement"
    assert service.search("logement").suggestion is None


def test_swap_is_atomic_and_readers_reopen(service, tmp_path):
    index_dir = tmp_path / "index"
    first_target = os.readlink(index_dir)
    assert service.search("logement").total == 1
    build_index(DOCS[:1] + [IndexDocument("new", "page", "Logement neuf", "s", "logement")],
                index_dir)
    assert os.readlink(index_dir) != first_target
    assert service.search("logement").total == 2  # the reader saw the new index
    build_index(DOCS, index_dir)
    # Only the current and the previous index directories are kept.
    assert len(list(tmp_path.glob("index-*"))) == 2


def test_failed_build_leaves_the_previous_index(service, tmp_path):
    index_dir = tmp_path / "index"
    before = os.readlink(index_dir)

    class Broken(IndexDocument):
        def fields(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        build_index([Broken("b", "page", "t", "s", "b")], index_dir)
    assert os.readlink(index_dir) == before and index_exists(index_dir)
    assert service.search("logement").total == 1
    assert len(list(tmp_path.glob("index-*"))) == 1


def test_full_build_is_a_single_segment(tmp_path):
    from whoosh import index as whoosh_index

    build_index(DOCS, tmp_path / "index")
    ix = whoosh_index.open_dir(str(tmp_path / "index"))
    assert len(ix._segments()) == 1 and ix.doc_count() == len(DOCS)


EXTRA = [
    IndexDocument("pairs", "monographie", "Des pairs-aidants à l'hôpital", "Pair-aidance.",
             "L'aller-vers et la pair-aidance changent l'accompagnement.", missions=[8]),
    IndexDocument("silapsy", "monographie", "Silapsy (facile)", "Un logement.",
             "Vous trouvez un logement avec une équipe.", variant="falc"),
]


@pytest.fixture
def rich(tmp_path):
    build_index(DOCS + EXTRA, tmp_path / "index", SYNONYMS)
    return SearchService(tmp_path / "index")


def test_acronym_and_expansion_find_each_other(rich):
    assert "ipa" in slugs(rich.search("infirmier en pratique avancée"))
    assert set(slugs(rich.search("IPA"))) >= {"ipa"}
    assert "pairs" in slugs(rich.search("pair-aidant"))


def test_synonyms_match_queries_typed_without_accents():
    from registry.search.analysis import rewrite

    wanted, _ = rewrite("infirmier en pratique avancee", SYNONYMS)
    assert '"infirmier en pratique avancée"' in wanted and "IPA" in wanted
    # « ﬁ » grows under Unicode folding: matching must still fold the accented words.
    wanted, _ = rewrite("ﬁche infirmier en pratique avancée", SYNONYMS)
    assert wanted.startswith("ﬁche (IPA OR")


@pytest.mark.parametrize("query", ["aller-vers", "aller vers", "allervers", "pairaidance"])
def test_hyphenated_words_with_or_without_the_hyphen(rich, query):
    assert "pairs" in slugs(rich.search(query))


def test_elided_words_are_found(rich):
    assert "pairs" in slugs(rich.search("hôpital"))  # indexed as « l'hôpital »


def test_exclusion_and_phrases(rich):
    assert "clip" not in slugs(rich.search("psychoses -jeunes"))
    assert slugs(rich.search('"binôme référent"')) == ["silapsy"]
    assert rich.search('"binôme référent"').missing_phrase is None
    # A phrase that occurs nowhere is said so; the closest results (its words) follow.
    absent = rich.search('"référent binôme"')
    assert absent.missing_phrase == "référent binôme" and slugs(absent) == ["silapsy"]


def test_prefix_completion_of_the_last_word(rich):
    assert "silapsy" in slugs(rich.search("rétablis"))
    assert rich.search("rétablis").suggestion is None  # a word being typed is not misspelt


def test_easy_to_read_variant_is_searched_apart(rich):
    assert slugs(rich.search("équipe", variant="falc")) == ["silapsy"]
    assert "Vous trouvez un logement" in rich.search("équipe", variant="falc").hits[0].highlight
    assert all(h.slug != "silapsy" or "Accès au" in h.highlight
               for h in rich.search("logement").hits)  # professional text in the main search


def test_sort_by_title(rich):
    titles = slugs(rich.search("", sort="title"))
    assert titles == ["clip", "pairs", "ipa", "fiche-1", "silapsy"]


def test_results_are_cached_until_the_index_changes(service, tmp_path):
    first = service.search("logement")
    assert service.search("logement") is first  # same object: served from the cache
    build_index(DOCS + [IndexDocument("autre", "page", "Logement", "s", "logement")],
                tmp_path / "index")
    again = service.search("logement")
    assert again is not first and again.total == 2


def test_update_reindexes_only_what_changed(tmp_path):
    index_dir = tmp_path / "index"
    build_index(DOCS, index_dir)
    service = SearchService(index_dir)
    assert service.search("logement").total == 1
    changed = IndexDocument("clip", "monographie", "CLIP Nancy", "s", "logement des jeunes",
                            digest="v2")
    summary = update_index([DOCS[0], changed, DOCS[2]], index_dir)  # fiche-1 removed
    assert summary == {"changed": 1, "removed": 1, "total": 3}
    assert set(slugs(service.search("logement"))) == {"silapsy", "clip"}  # reader reopened
    assert "fiche-1" not in slugs(service.search(""))
    assert update_index([DOCS[0], changed, DOCS[2]], index_dir)["changed"] == 0


def test_snippet_windows_cut_at_words_and_escape():
    from registry.search.snippets import snippet, surface_words

    text = ("Début " + "mot " * 80 + "Le <logement> accompagné. " + "autre " * 80
            + "Un Logement de plus & fin, l’hôpital.")
    surfaces = surface_words(["logement", "logements", "hopital", "mot", "autre"])
    html = snippet(text, {"log"}, surfaces)  # « log » is the stem of « logement »
    assert html.count('<mark class="hl">logement</mark>') == 1 and " … " in html
    assert '<mark class="hl">Logement</mark>' in html  # case kept from the text
    assert "&lt;" in html and "&amp;" in html and "<logement>" not in html
    assert not html.startswith("ot ") and snippet(text, {"absent"}, surfaces) == ""
    assert '<mark class="hl">hôpital</mark>' in snippet(text, {"hopital"}, surfaces)


def test_snippet_marks_each_place_once_when_terms_overlap():
    """Each query term has its own pattern; a compound word and its parts, found at the
    same place, give one mark and the text unchanged."""
    import re

    from registry.search.snippets import snippet, surface_words

    surfaces = surface_words(["pair", "pair-aidance", "aidance", "aide"])
    text = "La pair-aidance aide ; un pair aussi."
    html = snippet(text, {"pair", "aidanc", "pairaid"}, surfaces)
    assert html == ('La <mark class="hl">pair-aidance</mark> aide ; un '
                    '<mark class="hl">pair</mark> aussi.')
    assert re.sub(r"</?mark[^>]*>", "", html) == text
    # A word found inside a longer one is not marked there (« impair », « _pair »).
    assert snippet("Un nombre impair, un_pair.", {"pair"}, surfaces) == ""


def test_snippets_of_long_texts_read_the_opening_first():
    from registry.search.snippets import SCAN_CHARS, snippet, surface_words

    surfaces = surface_words(["logement", "hopital", "mot"])
    late = "mot " * (SCAN_CHARS // 4 + 10) + "Un logement enfin."
    assert '<mark class="hl">logement</mark>' in snippet(late, {"log"}, surfaces)
    both = "L’hôpital au début. " + "mot " * (SCAN_CHARS // 4 + 10) + "Et l’hôpital à la fin."
    html = snippet(both, {"hopital"}, surfaces)
    assert html.count("<mark") == 1 and "début" in html and "fin." not in html
