"""Content loading and validation: every kind of error names its file and field."""
from __future__ import annotations

import re

import pytest

from registry.content.loader import load_content
from tests.support import FIXTURE_CONTENT, REAL_CONTENT

MONO = "monographies/dispositif-essai.md"


def edit(root, rel, old, new):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root):
    return [str(p) for p in load_content(root).problems]


def test_fixture_content_is_valid():
    content = load_content(FIXTURE_CONTENT)
    assert content.problems == []
    assert set(content.entries) == {"dispositif-essai", "fiche-essai", "ipa", "pair-aidance",
                                    "mission-1", "aller-vers", "a-propos"}
    mono = content.entries["dispositif-essai"]
    assert mono.type == "monographie"
    assert mono.missions == [1, 3]
    assert mono.meta["key_figures"] == [{"value": "12", "label": "logements de test",
                                         "year": 2021}]
    assert mono.meta["place"] == {"town": "Rennes", "department": None, "region": None}
    assert mono.url == "/monographies/dispositif-essai"


def test_shipped_content_is_valid():
    content = load_content(REAL_CONTENT)
    assert [str(p) for p in content.problems] == []
    assert sum(e.type == "mission" for e in content.entries.values()) == 8
    assert sum(e.type == "principe" for e in content.entries.values()) == 4
    assert sum(e.type == "monographie" for e in content.entries.values()) >= 3
    assert sum(e.type == "glossaire" for e in content.entries.values()) >= 20
    assert content.entries["pharmacie-clinique-conciliation-medicamenteuse"].meta["number"] == 1


@pytest.mark.parametrize("rel, old, new, expected", [
    # unknown tags
    (MONO, "missions: [1, 3]", "missions: [1, 9]",
     r"dispositif-essai\.md:missions: unknown missions value 9"),
    (MONO, "theme: nouvel-ambulatoire", "theme: cuisine",
     r"dispositif-essai\.md:theme: unknown themes value 'cuisine'"),
    (MONO, "parcours: [logement]", "parcours: [logements]",
     r":parcours: unknown parcours value 'logements'"),
    (MONO, "level: experience-decrite", "level: certaine",
     r":evidence: unknown evidence level 'certaine'"),
    (MONO, "public: [adultes]", "public: adultes", r":public: must be a list of public ids"),
    # missing required fields
    (MONO, "dispositif: Essai\n", "",
     r"dispositif-essai\.md:dispositif: required field is missing"),
    (MONO, "summary: \"Monographie fictive", "resume: \"Monographie fictive",
     r":summary: required field is missing"),
    ("glossaire/ipa.md", "  - {document: fixture.txt, section: \"Glossaire de test\"}\n",
     "  - {document: fixture.txt}\n",
     r"ipa\.md:sources: item 1 must have the keys document and section, and optionally page"),
    (MONO, "{document: fixture.txt, section: \"Section de test\"}",
     "{document: fixture.txt, section: \"Section de test\", page: \"dix\"}",
     r":sources: item 1: page must be a page number or a range such as 10-11"),
    # « Reproduire cette pratique »: every field, each of its shape
    (MONO, "  mesure: null\n", "", r":reproduce: must have exactly the keys equipe, "
     r"partenaires, financement, prerequis, etapes, formation, mesure"),
    (MONO, "  etapes: [\"Repérer la personne.\", \"L’accompagner vers les soins.\"]",
     "  etapes: \"Repérer.\"", r":reproduce: etapes: must be a list of steps, or null"),
    (MONO, "{text: \"Un financement de test.\", year: 2021}", "\"Un financement de test.\"",
     r":reproduce: financement: must be \{text, year\}"),
    (MONO, "{text: \"Un financement de test.\", year: 2021}",
     "{text: \"Un financement de test.\", year: vingt}",
     r":reproduce: financement: must be a four-digit year or null"),
    (MONO, "  equipe: \"Deux infirmiers de test.\"", "  equipe: \"  \"",
     r":reproduce: equipe: must be a non-empty text, or null"),
    (MONO, "reviewed: 2026-12-01\n", "", r":reviewed: required field is missing"),
    # wrong shapes
    (MONO, "year: 2020", "year: deux mille", r":year: must be a four-digit year or null"),
    (MONO, "justification: \"Les données de test décrivent un dispositif sans aucune "
           "évaluation rapportée.\"",
     "justification: \"Aucune.\"", r":evidence: justification must say"),
    (MONO, "slug: dispositif-essai", "slug: Dispositif Essai", r":slug: must be lowercase"),
    (MONO, "slug: dispositif-essai", "slug: autre-slug",
     r":slug: must equal the file name 'dispositif-essai'"),
    (MONO, "updated: 2026-11-23", "updated: hier", r":updated: must be a date"),
    ("fiches/fiche-essai.md", "number: 1", "number: 12",
     r"fiche-essai\.md:number: must be an integer from 1 to 8"),
    # unknown field (typo)
    (MONO, "porteur:", "porter:", r":porter: unknown field for a monographie"),
    # malformed YAML, reported with its line
    (MONO, "missions: [1, 3]", "missions: [1, 3", r"dispositif-essai\.md:line \d+: malformed YAML"),
    (MONO, "---\ntitle", "title", r"dispositif-essai\.md:line 1: missing front matter"),
    # grid
    (MONO, "## Conditions de financement", "## Financement",
     r"dispositif-essai\.md:body: missing grid heading '## Conditions de financement'"),
    # links and glossary references
    (MONO, "(/fiches/fiche-essai)", "(/fiches/inconnue)",
     r"dispositif-essai\.md:line 38: broken internal link '/fiches/inconnue'"),
    ("fiches/fiche-essai.md", "se fait à l'entrée", "se fait à l'[entrée](/glossaire/entree)",
     r"fiche-essai\.md:line \d+: broken glossary reference '/glossaire/entree'"),
    (MONO, "see_also: [ipa, fiche-essai]", "see_also: [ipa, glossaire-absent]",
     r":see_also: unknown slug 'glossaire-absent'"),
    # sources must name a reference of references.yaml, by id or file
    (MONO, "{document: fixture.txt, section: \"Section de test\"}",
     "{document: inconnu.txt, section: \"Section de test\"}",
     r"dispositif-essai\.md:sources: unknown document 'inconnu\.txt'"),
    # the justification is a full sentence
    (MONO, "sans aucune évaluation rapportée.\"", "sans aucune évaluation rapportée\"",
     r":evidence: justification must be at least one full sentence"),
    # a glossary form names one entry only (case and accents folded)
    ("glossaire/pair-aidance.md", "aliases: [pair-aidant, pairs-aidants]",
     "aliases: [pair-aidant, Infirmière en pratique avancée]",
     r"pair-aidance\.md:aliases: 'infirmiere en pratique avancee' already names the glossary "
     r"entry 'ipa'"),
    # references file
    ("references.yaml", "kind: autre", "kind: roman",
     r"references\.yaml:references\[0\]\.kind: unknown kind 'roman'"),
    ("references.yaml", "    note: null\n", "", r"references\.yaml:references\[0\]: missing note"),
])
def test_each_error_names_file_and_field(content_copy, rel, old, new, expected):
    edit(content_copy, rel, old, new)
    found = problems_of(content_copy)
    assert any(re.search(expected, p) for p in found), found
    assert all(p.startswith("content/") for p in found)


def test_malformed_yaml_gives_the_line(content_copy):
    edit(content_copy, MONO, "missions: [1, 3]", "missions: [1, 3")
    (problem,) = [p for p in problems_of(content_copy) if "malformed" in p]
    # The error is detected on the line after the unclosed bracket (line 11 or 12).
    assert re.match(r"content/monographies/dispositif-essai\.md:line 1[12]: malformed YAML",
                    problem)


def test_grid_order_is_checked(content_copy):
    path = content_copy / MONO
    text = path.read_text(encoding="utf-8")
    text = text.replace("## Conditions de financement", "## TMP").replace(
        "## Freins et facteurs de succès", "## Conditions de financement").replace(
        "## TMP", "## Freins et facteurs de succès")
    path.write_text(text, encoding="utf-8")
    assert any("out of order" in p for p in problems_of(content_copy))


def test_duplicate_slugs_are_reported(content_copy):
    source = (content_copy / "fiches" / "fiche-essai.md").read_text(encoding="utf-8")
    (content_copy / "fiches" / "ipa.md").write_text(source.replace("slug: fiche-essai",
                                                                   "slug: ipa"))
    found = problems_of(content_copy)
    assert any(re.search(r"ipa\.md:slug: duplicate slug 'ipa' \(also used by content/", p)
               for p in found), found


def test_broken_file_does_not_hide_the_others(content_copy):
    (content_copy / "glossaire" / "ipa.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    content = load_content(content_copy)
    assert "ipa" not in content.entries
    assert "pair-aidance" in content.entries and "dispositif-essai" in content.entries


def test_invalid_utf8_is_reported(content_copy):
    (content_copy / "glossaire" / "ipa.md").write_bytes(b"---\ntitle: \xff\n---\n")
    assert any("not valid UTF-8" in p for p in problems_of(content_copy))


def test_taxonomy_errors_are_reported(content_copy):
    edit(content_copy, "taxonomy.yaml", "  - id: 8\n", "  - id: 9\n")
    found = problems_of(content_copy)
    assert any(p.startswith("content/taxonomy.yaml:missions[7].id: must be an integer from 1 to 8")
               for p in found), found


FALC_OK = ("---\ntitle: Essai\nessentiel: [Vous venez.]\n"
           "review: {status: brouillon, by: null, date: null}\n---\nTexte.\n")


def test_falc_variant_is_attached_to_its_page(content_copy):
    (content_copy / "monographies" / "dispositif-essai.falc.md").write_text(FALC_OK)
    content = load_content(content_copy)
    assert content.problems == []
    falc = content.entries["dispositif-essai"].falc
    assert falc.title == "Essai" and not falc.reviewed and falc.body_line == 6
    assert falc.essentiel == ("Vous venez.",) and falc.essentiel_line == 3
    assert "dispositif-essai.falc" not in content.entries  # a variant is not a page


@pytest.mark.parametrize("name, text, expected", [
    ("ipa.falc.md", "pas de front matter", r"glossaire/ipa\.falc\.md:line 1: missing front matter"),
    ("inconnu.falc.md", FALC_OK, r"glossaire/inconnu\.falc\.md:file: no page with this slug"),
    ("ipa.falc.md", FALC_OK.replace("brouillon", "fini"), r"ipa\.falc\.md:review: status must be"),
    ("ipa.falc.md", FALC_OK.replace("brouillon", "relu"),
     r"ipa\.falc\.md:review: a reviewed text names"),
    ("ipa.falc.md", FALC_OK.replace("title: Essai\n", ""), r"ipa\.falc\.md:title: required"),
    ("ipa.falc.md", FALC_OK.replace("essentiel: [Vous venez.]\n", ""),
     r"ipa\.falc\.md:essentiel: required: a list of 1 to 3 sentences"),
    ("ipa.falc.md", FALC_OK.replace("[Vous venez.]", "[Un., Deux., Trois., Quatre.]"),
     r"ipa\.falc\.md:essentiel: required"),
    ("ipa.falc.md", FALC_OK.replace("review:",
                                    "pictures: [{heading: Où ?, picto: maison}]\nreview:"),
     r"ipa\.falc\.md:pictures\[0\]\.heading: no « ## Où \? » heading"),
    ("ipa.falc.md", FALC_OK.replace("review:", "pictures: [{picto: maison}]\nreview:"),
     r"ipa\.falc\.md:pictures\[0\]: must have heading and picto"),
    ("ipa.falc.md", FALC_OK.replace("review:", "pictures: [{heading: Où ?, picto: licorne}]\n"
                                    "review:").replace("Texte.", "## Où ?\nTexte."),
     r"ipa\.falc\.md:pictures\[0\]\.picto: unknown pictogram 'licorne'"),
])
def test_falc_front_matter_errors(content_copy, name, text, expected):
    (content_copy / "glossaire" / name).write_text(text, encoding="utf-8")
    assert any(re.search(expected, p) for p in problems_of(content_copy)), problems_of(content_copy)


def test_cli_check_prints_one_line_per_problem_and_exits_1(make_app, content_copy):
    edit(content_copy, MONO, "missions: [1, 3]", "missions: [1, 9]")
    edit(content_copy, "glossaire/pair-aidance.md", "expansion: null", "expansion: [a, b]")
    app = make_app(content_copy)
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("content/")]
    assert len(lines) == 2
    assert all(re.match(r"^content/[\w/.-]+:[\w ]+: .+", ln) for ln in lines)


def test_cli_check_passes_on_valid_content(make_app):
    result = make_app(FIXTURE_CONTENT).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0
    assert "content OK: 7 documents" in result.output


def check_output(make_app, content_dir) -> tuple[int, list[str]]:
    """`flask content check` on an app serving `content_dir`: exit code and problem lines."""
    result = make_app(content_dir).test_cli_runner().invoke(args=["content", "check"])
    return result.exit_code, [line for line in result.output.splitlines()
                              if line.startswith("content/")]


@pytest.mark.parametrize("slug", ["recherche", "territoires", "donnees", "comparer", "api"])
def test_free_pages_cannot_take_an_address_of_the_site(make_app, content_copy, slug):
    """The reserved addresses come from the app's routes (`/territoires` was once missed)."""
    page = content_copy / "pages" / "a-propos.md"
    (content_copy / "pages" / f"{slug}.md").write_text(
        page.read_text(encoding="utf-8").replace("slug: a-propos", f"slug: {slug}"))
    code, lines = check_output(make_app, content_copy)
    assert code == 1
    assert lines == [f"content/pages/{slug}.md:slug: '{slug}' is a reserved address of the site"]


def test_links_to_the_site_own_pages_are_checked_against_its_routes(make_app, content_copy):
    links = ("[carte](/territoires), [matrice](/missions/matrice), [données](/donnees), "
             "[glossaire](/glossaire/), [styles](/static/css/site.css), [faux](/nulle-part), "
             "[fichier absent](/static/absent.css)")
    edit(content_copy, "pages/a-propos.md", "\n---\n", "\n---\n" + links + "\n")
    code, lines = check_output(make_app, content_copy)
    assert code == 1
    assert [line.split(": ", 1)[1] for line in lines] == [
        "broken internal link '/nulle-part'", "broken internal link '/static/absent.css'"]


def test_a_page_served_by_its_own_route_is_not_reserved(make_app):
    """« À propos » is a free page shown at /a-propos by a view of its own."""
    from registry.web.routes import site_paths

    app = make_app(FIXTURE_CONTENT)
    site = site_paths(app)
    assert "a-propos" not in site.reserved and "territoires" in site.reserved
    assert {"/territoires", "/missions/matrice", "/donnees", "/"} <= site.fixed
    assert check_output(make_app, FIXTURE_CONTENT) == (0, [])


# --- one YAML reader, every data file checked ------------------------------------------

@pytest.mark.parametrize("rel", ["taxonomy.yaml", "references.yaml", "facile.yaml",
                                 "falc_rules.yaml"])
def test_every_yaml_file_reports_its_syntax_errors_with_the_line(make_app, content_copy, rel):
    path = content_copy / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "oups: [pas fermé\n")
    path.write_text("".join(lines), encoding="utf-8")
    code, found = check_output(make_app, content_copy)
    assert code == 1
    assert any(re.match(rf"content/{re.escape(rel)}:line \d+: malformed YAML: ", p)
               for p in found), found


@pytest.mark.parametrize("old, new, expected", [
    ("  - id: phrase-longue\n", "  - id: phrase-lngue\n",
     r"falc_rules\.yaml:rules\[0\]\.id: unknown rule 'phrase-lngue'"),
    ("    level: erreur\n", "    level: bloquant\n",
     r"falc_rules\.yaml:rules\[0\]\.level: must be one of erreur, avertissement"),
    ("    source: inclusion-europe\n", "    source: inconnue\n",
     r"falc_rules\.yaml:rules\[0\]\.source: unknown reference 'inconnue'"),
    ("practice_plan:\n", "plan:\n", r"falc_rules\.yaml:practice_plan: must list the headings"),
])
def test_a_typo_in_the_falc_rules_is_a_content_problem(make_app, content_copy, old, new,
                                                       expected):
    """Once, a typo there passed `flask content check` and crashed `flask falc check`."""
    edit(content_copy, "falc_rules.yaml", old, new)
    code, found = check_output(make_app, content_copy)
    assert code == 1 and any(re.search(expected, p) for p in found), found
    result = make_app(content_copy).test_cli_runner().invoke(args=["falc", "check"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # no KeyError
    assert re.search(expected, result.output), result.output


def test_a_falc_rule_the_linter_checks_must_be_described(make_app, content_copy):
    path = content_copy / "falc_rules.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: voix-passive\n")
    end = text.index("  - id:", start + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    code, found = check_output(make_app, content_copy)
    assert found == ["content/falc_rules.yaml:rules: rule 'voix-passive' is checked but not "
                     "described"]


@pytest.mark.parametrize("old, new, expected", [
    ("{id: prerequis,", "{id: Prérequis,", r"monograph_sections\[2\]\.id: must be a lowercase"),
    ("{id: prerequis,", "{id: genese,", r"monograph_sections\[2\]\.id: duplicate id 'genese'"),
    ("compared: true}", "compared: oui}", r"monograph_sections\[2\]\.compared: must be true"),
])
def test_grid_sections_have_checked_ids(content_copy, old, new, expected):
    edit(content_copy, "taxonomy.yaml", old, new)
    assert any(re.search(expected, p) for p in problems_of(content_copy))


def test_content_check_prints_each_problem_once(make_app, content_copy, caplog):
    edit(content_copy, MONO, "missions: [1, 3]", "missions: [1, 9]")
    result = make_app(content_copy).test_cli_runner().invoke(args=["content", "check"])
    problem = "content/monographies/dispositif-essai.md:missions: unknown missions value 9"
    assert sum(problem in line for line in result.output.splitlines()) == 1
    # Not logged as well: the log goes to the terminal too, where it printed a second copy.
    assert not any(problem in r.getMessage() for r in caplog.records)


def test_file_versions_read_each_versions_evidence_level(tmp_path):
    import subprocess

    from registry.content.history import file_versions

    git = ["git", "-c", "user.name=T", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    page = tmp_path / "p.md"
    for level, message in (("prometteuse", "first"), ("recommandee", "second")):
        page.write_text(f"---\ntitle: T\nevidence: {{level: {level}}}\n---\nTexte.\n")
        subprocess.run([*git, "add", "p.md"], cwd=tmp_path, check=True)
        subprocess.run([*git, "commit", "-qm", message], cwd=tmp_path, check=True)
    versions = file_versions(str(tmp_path), "p.md", "digest-1")
    assert [(subject, level) for _when, subject, level in versions] == [
        ("second", "recommandee"), ("first", "prometteuse")]
    assert file_versions(str(tmp_path / "nowhere"), "p.md", "digest-1") == ()
