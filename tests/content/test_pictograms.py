"""Pictograms of the easy-to-read pages: the OpenMoji catalogue, its vendored pictures
and licence, the pictures beside headings and « L’essentiel »."""
from __future__ import annotations

import re

from registry.config import PROJECT_ROOT
from registry.content.documents import FalcText
from registry.content.easy_render import render_falc
from registry.content.falc import load_rules
from registry.content.falc_checks import lint
from registry.content.pictograms import load_pictograms

STATIC = PROJECT_ROOT / "static" / "pictos" / "openmoji"


def test_every_pictogram_of_the_catalogue_is_vendored_with_the_licence():
    pictos, problems = load_pictograms(PROJECT_ROOT / "content" / "pictogrammes.yaml", "p")
    assert problems == [] and len(pictos.pictograms) >= 40
    assert pictos.credit["licence"] == "CC BY-SA 4.0"
    for picto in pictos.pictograms.values():
        svg = (PROJECT_ROOT / "static" / picto.file).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg") and "<script" not in svg, picto.name
    assert "Attribution-ShareAlike 4.0" in (STATIC / "LICENSE.txt").read_text()
    # nothing vendored that the catalogue does not name
    codes = {p.code for p in pictos.pictograms.values()}
    assert {f.stem for f in STATIC.glob("*.svg")} == codes


def test_catalogue_errors_name_the_entry(tmp_path):
    path = tmp_path / "pictogrammes.yaml"
    path.write_text("source: {name: O, version: '1', licence: L, url: u}\npictogrammes:\n"
                    "  Maison: {openmoji: 1F3E0, montre: une maison}\n"
                    "  lit: {openmoji: lit, montre: un lit}\n"
                    "  cle: {openmoji: 1F511}\n", encoding="utf-8")
    pictos, problems = load_pictograms(path, "p.yaml")
    assert pictos.pictograms == {}
    assert [str(p) for p in problems] == [
        "p.yaml:pictogrammes.Maison: name: lower-case words joined by -",
        "p.yaml:pictogrammes.lit.openmoji: an OpenMoji code such as 1F3E5 or "
        "1F9D1-200D-2695-FE0F",
        "p.yaml:pictogrammes.cle: must have exactly openmoji, montre"]


def test_a_picture_goes_in_front_of_its_heading_with_its_alternative_text():
    html = render_falc("## C’est quoi ?\n\nVous lisez.\n\n## Où ?\n\nIci.",
                       pictures={"C’est quoi ?": ("/static/a.svg", 'un "lit"'),
                                 "Ailleurs": ("/static/b.svg", "")})
    assert re.search(r'<h2><img class="picto" src="/static/a.svg" alt="un &#34;lit&#34;" '
                     r'width="48" height="48"> C’est quoi \?</h2>', html), html
    assert "<h2>Où ?</h2>" in html and "b.svg" not in html


def test_the_essentiel_is_linted_like_the_text_and_named_in_messages():
    rules = load_rules(PROJECT_ROOT / "content" / "falc_rules.yaml")[0]
    text = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None},
                    "Vous lisez.", 6, essentiel=("Le CMP vous aide.", "Vous avez trois choix."),
                    essentiel_line=2)
    found = [(f.line, f.rule.id, f.message[:14]) for f in lint(text, rules.rules,
                                                               {"CMP": ["centre"]}).findings]
    assert (3, "sigle-non-explique", "L’essentiel : ") in found
    assert (4, "nombre-en-lettres", "L’essentiel : ") in found
    good = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None},
                    "Vous lisez.", 6, essentiel=("Le centre, le CMP, vous aide.",))
    assert lint(good, rules.rules, {"CMP": ["centre"]}).findings == []


def test_headings_match_whatever_their_no_break_spaces():
    html = render_falc("## C’est quoi\u00a0?\n\nVous lisez.",
                       pictures={"C’est quoi ?": ("/static/a.svg", "")})
    assert '<img class="picto" src="/static/a.svg" alt=""' in html


def test_line_numbers_count_the_blank_lines_after_the_front_matter(tmp_path):
    from registry.content.documents import parse_falc

    path = tmp_path / "x.falc.md"
    path.write_text("---\ntitle: T\nessentiel: [Vous lisez.]\n"
                    "pictures: [{heading: \"Où\u00a0?\", picto: maison}]\n"
                    "review: {status: brouillon, by: null, date: null}\n---\n\n\n## Où ?\n",
                    encoding="utf-8")
    falc, problems = parse_falc(path, "x")
    assert problems == [] and falc.body_line == 9 and falc.pictures[0].heading == "Où ?"
