"""Markdown rendering, glossary linking and sanitizing."""
from __future__ import annotations

import pytest

from registry.content.easy_render import render_falc
from registry.content.render import (
    GlossaryMatcher,
    GlossaryTerm,
    plain_text,
    render_markdown,
    sanitize,
)

TERMS = [
    GlossaryTerm("IPA", "ipa", "Infirmier au rôle élargi", "Infirmier en pratique avancée"),
    GlossaryTerm("infirmier en pratique avancée", "ipa", "Infirmier au rôle élargi"),
    GlossaryTerm("Pair-aidance", "pair-aidance", "Soutien par les pairs"),
    GlossaryTerm("pair-aidant", "pair-aidance", "Soutien par les pairs"),
]
MATCHER = GlossaryMatcher(TERMS)


def test_markdown_features():
    out = render_markdown("## Genèse et conditions\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n"
                          "Paragraphe\n{: .note }\n\n### Sous-partie\n")
    assert '<h2 id="genese-et-conditions">Genèse et conditions</h2>' in out.html
    assert "<table>" in out.html and "<td>1</td>" in out.html
    assert '<p class="note">Paragraphe</p>' in out.html
    assert [t["id"] for t in out.toc] == ["genese-et-conditions", "sous-partie"]
    assert out.sections[0]["title"] == "Genèse et conditions"
    assert "<h3" in out.sections[0]["html"]


def test_glossary_links_first_use_only():
    out = render_markdown("Une IPA travaille avec une autre IPA.", MATCHER)
    assert out.html.count('href="/glossaire/ipa"') == 1
    assert '<abbr title="Infirmier en pratique avancée">IPA</abbr>' in out.html
    assert out.glossary == ["ipa"]


def test_alias_links_to_its_entry_and_counts_as_first_use():
    out = render_markdown("Un infirmier en pratique avancée, puis une IPA.", MATCHER)
    assert out.html.count('href="/glossaire/ipa"') == 1
    assert '>infirmier en pratique avancée</a>' in out.html


def test_acronyms_match_case_exactly_and_words_fold_case():
    out = render_markdown("Le mot ipa en minuscules ; la pair-aidance aussi.", MATCHER)
    assert "/glossaire/ipa" not in out.html
    assert '<a class="gloss" href="/glossaire/pair-aidance"' in out.html


def test_whole_words_only():
    out = render_markdown("TIPA, IPAS et pair-aidants ne sont pas des occurrences.", MATCHER)
    assert "/glossaire/" not in out.html


def test_no_links_inside_links_headings_or_code():
    text = "## IPA\n\n[une IPA](https://example.org) et `IPA` puis\n\n    IPA\n"
    out = render_markdown(text, MATCHER)
    assert "/glossaire/ipa" not in out.html


def test_entry_does_not_link_to_itself():
    out = render_markdown("Une IPA.", MATCHER, skip_slug="ipa")
    assert "/glossaire/ipa" not in out.html


def test_link_in_tail_text_keeps_order():
    out = render_markdown("Avec **force** une IPA puis *la* pair-aidance fin.", MATCHER)
    html = out.html
    assert html.index("<strong>") < html.index("/glossaire/ipa") < html.index("<em>") \
        < html.index("/glossaire/pair-aidance") < html.index("fin.")


XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[clic](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
    "<svg onload=alert(1)><circle/></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<p onclick=\"alert(1)\">x</p>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<style>body{display:none}</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "Texte\n{: onclick=\"alert(1)\" }",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "<object data=\"x.swf\"></object><embed src=x>",
    "<form action=\"https://evil.example\"><input name=a></form>",
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_is_removed(payload):
    html = render_markdown(payload, MATCHER).html.lower()
    for bad in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg",
                "<style", "style=", "data:text", "<object", "<embed", "<form", "<input", "<math"):
        assert bad not in html, (payload, html)


def test_sanitize_keeps_safe_links():
    assert sanitize('<a href="https://anap.fr" title="t">x</a>') == \
        '<a href="https://anap.fr" title="t">x</a>'
    assert sanitize('<a href="/fiches/x">x</a>') == '<a href="/fiches/x">x</a>'


def test_plain_text_strips_markup():
    assert plain_text("## Titre\n\nUn **mot** & <b>gras</b>.") == "Titre — Un mot & gras."


def test_an_easy_list_right_under_a_sentence_is_still_a_list():
    html = render_falc("Vous trouvez :\n- un lit,\n- une armoire.\nVous êtes chez vous.")
    assert html.count("<li>") == 2 and "<ul>" in html
    assert "- un lit" not in html
    assert '</ul>\n<p><span class="phrase" id="phrase-4">Vous êtes chez vous.</span></p>' in html
