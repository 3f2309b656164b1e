"""The checklist as data (loader, checks) and its scoring: points, gaps, verdicts, plan."""
from __future__ import annotations

import datetime as dt

import pytest

from registry.checklist.criteria import load_part
from registry.checklist.easy import falc_summary
from registry.checklist.scoring import GAP, NO, OK, PARTIAL, UNANSWERED, Answer, score
from registry.content.loader import load_content as load_content_only
from tests.support import FIXTURE_CONTENT, REAL_CONTENT


def load_content(root):
    """The content with its checklist part, as the app loads it."""
    return load_content_only(root, parts={"checklist": load_part})


@pytest.fixture(scope="module")
def checklist():
    content = load_content(FIXTURE_CONTENT)
    assert content.problems == []
    return content.parts["checklist"]


def answers(**values) -> dict[str, Answer]:
    return {cid.replace("_", "-"): Answer(v) for cid, v in values.items()}


# --- loading and checking the data ------------------------------------------------------

def test_fixture_checklist_loads_with_its_domains_and_categories(checklist):
    assert checklist.version == 1
    assert [d.id for d in checklist.domains] == ["projet", "donnees"]
    assert [c.id for c in checklist.for_category("information")] == [
        "portage-direction", "besoins-precis", "preuves", "equipe-plateforme", "hebergement"]
    assert "secours" in {c.id for c in checklist.for_category("coordination")}
    assert list(checklist.answers) == ["oui", "en partie", "non", "ne sait pas", "sans objet"]


def test_shipped_criteria_cover_every_category_and_the_points_of_vigilance():
    content = load_content(REAL_CONTENT)
    checklist = content.parts["checklist"]
    assert content.problems == []
    assert len(checklist.criteria) >= 35
    vigilance = {c.id for c in checklist.criteria.values() if c.vigilance}
    # The points of vigilance of the report (002, « Projets d’e-santé, mode d’emploi »).
    assert {"objectifs-amelioration-preuves", "nombre-utilisateurs", "validation-autorite",
            "financeur-et-duree", "programme-recherche", "risque-conflit-interets",
            "analyse-impact-donnees", "protocole-fuite-donnees", "protocole-de-secours",
            "risque-indisponibilite", "accompagnement-changement"} <= vigilance
    for category in content.taxonomy.digital_categories:
        assert len(checklist.for_category(category)) >= 20
    for c in checklist.criteria.values():
        assert c.sources and c.falc.endswith(".")
        assert (c.why and c.ask) if c.vigilance else not (c.why or c.ask)


def break_criteria(content_copy, old: str, new: str) -> list[str]:
    path = content_copy / "checklist" / "criteria.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    content = load_content(content_copy)
    assert content.parts["checklist"] is None
    return [str(p) for p in content.problems]


@pytest.mark.parametrize("old, new, expected", [
    ("domain: donnees", "domain: inconnu",
     "criteria.yaml:criteria[hebergement].domain: unknown domain 'inconnu'"),
    ("categories: [coordination]", "categories: [jeux]",
     "criteria.yaml:criteria[secours].categories: must list digital categories"),
    ("    why: \"Une panne", "    autre: \"Une panne",
     "criteria.yaml:criteria[secours].autre: unknown field"),
    ("{document: fixture, section: \"Prérequis communs\"}\n  - id: besoins",
     "{document: absent.txt, section: \"x\"}\n  - id: besoins",
     "criteria.yaml:criteria[portage-direction].sources[0].document: unknown document"),
    ("id: besoins-precis", "id: portage-direction",
     "criteria.yaml:criteria[portage-direction].id: duplicate criterion id"),
    ("weight: 1\n    vigilance: false\n    action: \"Obtenir",
     "weight: 1\n    vigilance: true\n    action: \"Obtenir",
     "criteria.yaml:criteria[portage-direction].why: missing or not a text"),
    ("version: 1", "version: zéro", "criteria.yaml:version: must be a positive integer"),
    ("  - id: projet\n", "  - id: projet\n  - [\n", "criteria.yaml:line"),
])
def test_broken_criteria_are_reported_with_file_and_field(content_copy, old, new, expected):
    problems = break_criteria(content_copy, old, new)
    assert any(expected in p for p in problems), problems


def test_unknown_see_also_page_is_reported(content_copy):
    path = content_copy / "checklist" / "criteria.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("see_also: [ipa]",
                                                             "see_also: [nulle-part]"), "utf-8")
    problems = [str(p) for p in load_content(content_copy).problems]
    assert problems == ["content/checklist/criteria.yaml:criteria[besoins-precis].see_also: "
                        "unknown page 'nulle-part'"]


def test_verdict_rule_text_must_state_its_threshold(content_copy):
    path = content_copy / "checklist" / "scale.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("threshold: 0.5", "threshold: 0.6"),
                    "utf-8")
    problems = [str(p) for p in load_content(content_copy).problems]
    assert any("scale.yaml:verdicts[0].rule: the rule shown to people must state the threshold"
               in p for p in problems), problems


def test_verdict_conditions_must_be_known(content_copy):
    path = content_copy / "checklist" / "scale.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("when: [vigilance-non, score-below]",
                                                             "when: [lune]"), "utf-8")
    problems = [str(p) for p in load_content(content_copy).problems]
    assert any("scale.yaml:verdicts[0].when: must be a list of conditions" in p for p in problems)


# --- scoring ------------------------------------------------------------------------------

def test_all_yes_scores_full_and_is_ready(checklist):
    result = score(checklist, "information", answers(
        portage_direction="oui", besoins_precis="oui", preuves="oui", equipe_plateforme="oui",
        hebergement="oui"))
    assert result.score == 1.0 and result.completion == 1.0
    assert result.verdict.id == "pret" and result.reasons == []
    assert result.action_plan() == []


def test_weights_points_and_partial_answers(checklist):
    # projet: portage 1×1 + besoins 1×0.5 + preuves 2×1 + equipe 1×0 = 3.5 of 5.
    result = score(checklist, "information", answers(
        portage_direction="oui", besoins_precis="en partie", preuves="oui",
        equipe_plateforme="non", hebergement="oui"))
    projet, donnees = result.domains
    assert (projet.earned, projet.possible) == (3.5, 5.0)
    assert donnees.score == 1.0
    assert result.score == pytest.approx(5.5 / 7)
    assert result.verdict.id == "pret-sous-conditions"  # 78.6 % < 80 %
    assert result.reasons == ["score-below"]


def test_sans_objet_leaves_the_score_and_ne_sait_pas_counts_as_a_gap(checklist):
    result = score(checklist, "information", answers(
        portage_direction="oui", besoins_precis="sans objet", preuves="oui",
        equipe_plateforme="ne sait pas", hebergement="oui"))
    projet = result.domains[0]
    assert (projet.earned, projet.possible) == (3.0, 4.0)  # besoins out, equipe 0 of 1
    statuses = {r.criterion.id: r.status for r in result.rows}
    assert statuses["besoins-precis"] == "excluded" and statuses["equipe-plateforme"] == GAP
    assert [r.criterion.id for _d, rows in result.action_plan() for r in rows] == [
        "equipe-plateforme"]


def test_vigilance_no_means_not_ready_and_comes_first(checklist):
    result = score(checklist, "information", answers(
        portage_direction="oui", besoins_precis="oui", preuves="oui", equipe_plateforme="oui",
        hebergement="non"))
    assert result.score == pytest.approx(5 / 7)
    assert result.verdict.id == "pas-pret" and result.reasons == ["vigilance-non"]
    assert [r.criterion.id for r in result.vigilance_alerts] == ["hebergement"]


def test_unfindable_evidence_turns_a_vigilance_yes_into_a_gap_only_for_vigilance(checklist):
    given = answers(portage_direction="oui", besoins_precis="oui", equipe_plateforme="oui")
    given["preuves"] = Answer("oui", evidence_status="introuvable")
    given["hebergement"] = Answer("oui", evidence_status="vérifié",
                                  evidence_checked_on=dt.date(2024, 5, 2))
    given["portage-direction"] = Answer("oui", evidence_status="introuvable")
    result = score(checklist, "information", given)
    statuses = {r.criterion.id: r.status for r in result.rows}
    assert statuses["preuves"] == GAP and statuses["portage-direction"] == OK
    assert result.verdict.id == "pret-sous-conditions" and "vigilance-gap" in result.reasons
    assert [r.criterion.id for r in result.vigilance_alerts] == ["preuves"]


def test_unanswered_questions_are_reported_not_scored(checklist):
    result = score(checklist, "coordination", answers(portage_direction="oui"))
    assert result.total == 5 and result.answered == 1
    assert result.score == 1.0
    assert {r.criterion.id for r in result.unanswered} == {
        "besoins-precis", "preuves", "hebergement", "secours"}
    assert result.verdict.id == "pret-sous-conditions"
    assert set(result.reasons) == {"vigilance-gap", "unanswered"}
    plan = result.action_plan()
    assert [d.id for d, _rows in plan] == ["projet", "donnees"]
    assert [r.criterion.id for r in plan[0][1]] == ["preuves", "besoins-precis"]  # vigilance first
    assert all(r.status == UNANSWERED for _d, rows in plan for r in rows)


def test_nothing_answered_has_no_score_and_is_not_ready(checklist):
    result = score(checklist, "formation", {})
    assert result.score is None and result.completion == 0
    assert result.verdict.id == "pas-pret" and result.reasons == ["score-below"]


def test_answers_to_criteria_not_asked_are_kept_as_retired(checklist):
    given = answers(portage_direction="oui", secours="oui")  # secours: coordination only
    given["ancien-critere"] = Answer("non", question="Une question d’une ancienne grille ?")
    result = score(checklist, "information", given)
    assert set(result.retired) == {"secours", "ancien-critere"}
    assert "secours" not in {r.criterion.id for r in result.rows}


def test_partial_status_and_statuses_order(checklist):
    result = score(checklist, "information", answers(preuves="en partie", hebergement="non"))
    statuses = {r.criterion.id: r.status for r in result.rows}
    assert statuses["preuves"] == PARTIAL and statuses["hebergement"] == NO
    assert result.verdict.id == "pas-pret"


# --- the easy-to-read summary -------------------------------------------------------------

def test_easy_summary_lists_answers_in_falc_and_passes_the_linter(make_app):
    from registry.content.documents import FalcText
    from registry.content.falc_checks import acronym_forms, lint
    from registry.services import catalog

    app = make_app(REAL_CONTENT)
    with app.app_context():
        checklist = catalog.part("checklist")
        ids = [c.id for c in checklist.for_category("coordination")]
        values = ["oui", "en partie", "non", "ne sait pas", "sans objet"]
        given = {cid: Answer(values[i % 5]) for i, cid in enumerate(ids[:-3])}
        result = score(checklist, "coordination", given)
        text = falc_summary("Agenda partagé (version 2) ; test…", result)
        rules = catalog.content.falc_rules.rules
        report = lint(FalcText("summary", "Ce que nous savons de cet outil", {}, text, 1), rules,
                      acronym_forms(catalog.of_type("glossaire")))
    assert [str(f) for f in report.findings] == []
    # markup and hard punctuation dropped
    assert "«\u00a0Agenda partagé version 2 test\u00a0»" in text
    yes = next(r for r in result.rows if r.status == OK).criterion.falc
    assert f"- {yes}" in text.split("## Ce qui est fait\n")[1].split("##")[0]
    assert result.verdict.falc in text


def test_every_criterion_falc_sentence_passes_the_linter(make_app):
    from registry.content.documents import FalcText
    from registry.content.falc_checks import acronym_forms, lint
    from registry.services import catalog

    app = make_app(REAL_CONTENT)
    with app.app_context():
        checklist = catalog.part("checklist")
        rules = catalog.content.falc_rules.rules
        acronyms = acronym_forms(catalog.of_type("glossaire"))
        findings = []
        for category in checklist.categories:
            given = {c.id: Answer("oui") for c in checklist.for_category(category)}
            text = falc_summary("Outil", score(checklist, category, given))
            assert text.count("\n- ") == len(given)
            report = lint(FalcText(category, "Résumé", {}, text, 1), rules, acronyms)
            findings += [str(f) for f in report.findings]
    assert findings == []
