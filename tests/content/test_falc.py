"""The FALC linter: each rule fails and passes, sentence splitting, syllables, readability."""
from __future__ import annotations

import pytest

from registry.config import PROJECT_ROOT
from registry.content.documents import FalcText
from registry.content.falc import load_rules
from registry.content.falc_checks import (
    acronym_forms,
    count_syllables,
    kandel_moles,
    lint,
    split_sentences,
)

_RULES, _ = load_rules(PROJECT_ROOT / "content" / "falc_rules.yaml")
RULES, PLAN = _RULES.rules, _RULES.practice_plan
ACRONYMS = {"CMP": ["centre medico-psychologique"], "IPA": ["infirmier en pratique avancee"]}


def findings(body: str, plan=None) -> list[str]:
    text = FalcText("x.falc.md", "Titre", {"status": "brouillon", "by": None, "date": None},
                    "Vous lisez ce texte.\n" + body, 1)
    return [f.rule.id for f in lint(text, RULES, ACRONYMS, plan).findings]


@pytest.mark.parametrize("rule, bad, good", [
    ("phrase-longue",
     "Vous pouvez venir voir l'équipe tous les jours de la semaine avec votre famille et vos "
     "amis proches.",
     "Vous pouvez venir voir l'équipe tous les jours."),
    ("phrase-assez-longue",
     "Vous pouvez venir voir l'équipe tous les jours avec votre famille et vos amis.",
     "Vous pouvez venir avec votre famille."),
    ("une-phrase-par-ligne", "Vous venez. Vous parlez.", "Vous venez."),
    ("sigle-non-explique", "Vous allez au CMP.",
     "Le CMP veut dire centre médico-psychologique."),
    ("nombre-en-lettres", "Vous avez trois rendez-vous.", "Vous avez 3 rendez-vous."),
    ("pourcentage", "Vous êtes 20 % à venir.", "1 personne sur 5 vient."),
    ("grand-nombre", "Il y a 15 000 places.", "Il y a beaucoup de places en 2019."),
    ("chiffre-romain", "Le chapitre XIV parle de vous.", "Le chapitre 14 parle de vous."),
    ("date-en-chiffres", "Le rendez-vous est le 12/03/2020.",
     "Le rendez-vous est le 12 mars 2020."),
    ("ponctuation-difficile", "Vous venez (si vous voulez).", "Vous venez si vous voulez."),
    ("ponctuation-difficile", "Vous venez ; elle vient.", "Vous venez."),
    ("ponctuation-difficile", "Vous et moi & eux.", "Vous et moi."),
    ("ponctuation-difficile", "Vous attendez...", "Vous attendez."),
    ("note", "Vous venez[^1].", "Vous venez."),
    ("abreviation", "Vous voyez un médecin, un infirmier, etc.", "Vous voyez un médecin."),
    ("abreviation", "Vous voyez M. Martin.", "Vous voyez Monsieur Martin."),
    ("italique", "Vous venez *seul*.", "Vous venez **seul**."),
    ("majuscules", "Vous venez VITE.", "Vous venez vite."),
    ("niveaux-de-titre", "#### Un titre trop profond", "### Un titre"),
    ("niveaux-de-titre", "# Un titre de page", "## Un titre"),
    ("double-negation", "Vous ne venez pas sans votre carte.", "Vous venez avec votre carte."),
    ("voix-passive", "Vous êtes aidé par l'équipe.", "L'équipe vous aide."),
    ("vouvoiement", "Tu viens.", "Vous venez."),
    ("vouvoiement", "Prenez ton dossier.", "Prenez votre dossier."),
    ("nombre-decimal", "Le traitement dure 2,5 mois.", "Le traitement dure environ 2 mois."),
    ("fraction", "Un tiers des personnes revient.", "1 personne sur 3 revient."),
    ("fraction", "Vous payez 1/3 du prix.", "Vous payez une partie du prix."),
    ("date-en-chiffres", "Le service ouvre en 03/2021.", "Le service ouvre en mars 2021."),
    ("titre-long", "## Ce que vous pouvez faire quand vous sortez de l’hôpital",
     "## Quand vous sortez de l’hôpital"),
    ("liste-sans-ligne-vide", "Vous avez :\n- un lit,\n- une armoire.",
     "Vous avez :\n\n- un lit,\n- une armoire."),
    ("abreviation", "Vous avez un rdv demain.", "Vous avez un rendez-vous demain."),
    ("abreviation", "Notez le tél. du centre.", "Notez le numéro du centre."),
    ("nombre-en-lettres", "Il y a neuf personnes.", "Vous habitez un logement neuf."),
    ("nombre-en-lettres", "Quinze personnes viennent.",
     "Vous allez à l’hôpital des Quinze-Vingts."),
    ("grand-nombre", "Il y a 3114 places.", "Appelez le 3114."),
    ("grand-nombre", "Il y a 1200 lits.", "Appelez le 01 45 65 81 09."),
    ("grand-nombre", "Il y a 75014 lits.", "Le centre est au 75014 Paris."),
    ("sigle-non-explique", "Vous allez au Cmp.",
     "Le Cmp veut dire centre médico-psychologique."),
    ("phrase-longue",
     "Vous pouvez venir voir l'équipe tous les jours de la semaine\navec votre famille et vos "
     "amis proches.",
     "Vous pouvez venir voir l'équipe tous les jours.\nVous venez avec votre famille."),
])
def test_rule_fails_and_passes(rule, bad, good):
    assert rule in findings(bad), findings(bad)
    assert rule not in findings(good), findings(good)


def test_acronym_explained_once_is_enough():
    body = "Le CMP veut dire centre médico-psychologique.\nVous allez au CMP."
    assert "sigle-non-explique" not in findings(body)


def test_acronym_explained_on_the_previous_line():
    body = "Vous allez au centre médico-psychologique.\nOn dit aussi le CMP."
    assert "sigle-non-explique" not in findings(body)


def test_page_without_vous_is_an_error():
    text = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None},
                    "Le centre est ouvert.", 1)
    assert [f.rule.id for f in lint(text, RULES, {}).findings] == ["vouvoiement"]


def test_practice_plan_order():
    good = ("## C'est quoi ?\nA.\n## C'est pour qui ?\nB.\n## Comment ça se passe ?\nC.\n"
            "## À qui demander ?\nD.")
    bad = "## C'est pour qui ?\nB.\n## C'est quoi ?\nA."
    assert "plan-pratique" not in findings(good, PLAN)
    assert "plan-pratique" in findings(bad, PLAN)
    assert "plan-pratique" not in findings(bad)  # only practices have a fixed plan


@pytest.mark.parametrize("line, expected", [
    ("Vous venez. Vous parlez !", ["Vous venez.", "Vous parlez !"]),
    ("Vous voyez M. Martin à 10 h.", ["Vous voyez M. Martin à 10 h."]),
    ("Le Dr. Martin vous reçoit. Il écoute.", ["Le Dr. Martin vous reçoit.", "Il écoute."]),
    ("Le traitement dure 2.5 mois. Vous venez.", ["Le traitement dure 2.5 mois.", "Vous venez."]),
    ("Il faut 1,5 heure.", ["Il faut 1,5 heure."]),
    ("- Vous venez avec votre carte.", ["Vous venez avec votre carte."]),
    ("1. Vous appelez. 2. Vous venez.", ["Vous appelez.", "2. Vous venez."]),
    ("Vous dites « oui. » Puis vous partez.", ["Vous dites « oui. »", "Puis vous partez."]),
])
def test_sentence_splitting(line, expected):
    assert split_sentences(line) == expected


@pytest.mark.parametrize("word, syllables", [
    ("vous", 1), ("maison", 2), ("équipe", 2), ("hôpital", 3), ("rétablissement", 5),
    ("logement", 3), ("aide", 1), ("personnes", 2), ("psychiatre", 2), ("a", 1), ("3", 1), ("—", 0),
])
def test_count_syllables(word, syllables):
    assert count_syllables(word) == syllables


def test_kandel_moles_rewards_short_sentences_and_words():
    easy = kandel_moles(["Vous venez.", "Le chat dort."])
    hard = kandel_moles(["L'établissement pluridisciplinaire coordonne l'accompagnement "
                         "psychosocial individualisé des personnes hospitalisées."])
    assert easy > 90 > hard
    assert kandel_moles([]) == 0.0


def test_acronym_forms_come_from_the_glossary(app):
    from registry.services import catalog

    with app.app_context():
        forms = acronym_forms(catalog.of_type("glossaire"))
    assert "centre medico-psychologique" in forms["CMP"]
    assert "RPS" in forms  # an acronym given as an alias counts too


def test_cli_reports_and_exits(make_app, content_copy):
    (content_copy / "monographies" / "dispositif-essai.falc.md").write_text(
        "---\ntitle: Essai\nessentiel: [Vous venez.]\n"
        "review: {status: brouillon, by: null, date: null}\n---\n"
        "## C'est quoi ?\nVous avez trois rendez-vous.\n## C'est pour qui ?\nPour vous.\n"
        "## Comment ça se passe ?\nVous venez.\n## À qui demander ?\nÀ l'équipe.\n")
    runner = make_app(content_copy).test_cli_runner()
    result = runner.invoke(args=["falc", "check"])
    assert result.exit_code == 1
    assert "content/monographies/dispositif-essai.falc.md:7: nombre-en-lettres: " in result.output
    assert "lisibilité Kandel-Moles" in result.output
    (content_copy / "monographies" / "dispositif-essai.falc.md").write_text(
        "---\ntitle: Essai\nessentiel: [Vous venez.]\n"
        "review: {status: brouillon, by: null, date: null}\n---\n"
        "## C'est quoi ?\nVous avez 3 rendez-vous.\n## C'est pour qui ?\nPour vous.\n"
        "## Comment ça se passe ?\nVous venez.\n## À qui demander ?\nÀ l'équipe.\n")
    result = runner.invoke(args=["falc", "check"])
    assert result.exit_code == 0, result.output
    assert "1 FALC texts: 0 error(s)" in result.output


def test_list_items_that_end_without_a_full_stop_are_not_joined():
    body = "Vous trouvez :\n\n- un lit\n- une armoire\n- une table"
    text = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None},
                    "Vous lisez.\n" + body, 1)
    assert lint(text, RULES, ACRONYMS).sentences == ["Vous lisez.", "Vous trouvez :", "un lit",
                                                    "une armoire", "une table"]


def test_readability_floor_is_a_warning():
    hard = ("Vous bénéficiez d’un accompagnement pluridisciplinaire individualisé.\n"
            "L’établissement coordonne les interventions psychosociales.")
    text = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None}, hard, 1)
    found = [f for f in lint(text, RULES, ACRONYMS, readability_floor=65).findings
             if f.rule.id == "lisibilite"]
    assert found and found[0].rule.level == "avertissement" and "sous le seuil de 65" in \
        found[0].message
    easy = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None},
                    "Vous venez.\nLe chat dort.", 1)
    assert "lisibilite" not in [f.rule.id for f in lint(easy, RULES, ACRONYMS,
                                                        readability_floor=65).findings]


def test_cli_lints_a_draft_outside_the_content_and_refuses_an_empty_path(make_app,
                                                                         content_copy, tmp_path):
    drafts = tmp_path / "brouillons"
    drafts.mkdir()
    draft = drafts / "nouvelle.falc.md"
    draft.write_text("---\ntitle: Brouillon\nessentiel: [Vous venez.]\n"
                     "review: {status: brouillon, by: null, date: null}\n"
                     "---\nVous avez neuf rendez-vous.\n")
    runner = make_app(content_copy).test_cli_runner()
    result = runner.invoke(args=["falc", "check", str(drafts)])
    assert result.exit_code == 1, result.output
    assert f"{draft}:6: nombre-en-lettres: " in result.output
    assert "1 FALC texts: 1 error(s)" in result.output
    (drafts / "notes.md").write_text("# Notes\n")
    empty = runner.invoke(args=["falc", "check", str(drafts / "notes.md")])
    assert empty.exit_code == 2 and "no easy-to-read text" in empty.output


def test_words_the_site_replaces_are_flagged():
    from registry.content.easy_words import EasyWord
    from registry.content.falc_checks import avoided_words

    avoid = avoided_words([EasyWord("trouble psychique", ("trouble psychique",), "…", None,
                                    ("maladie mentale",))])
    text = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None},
                    "Vous vivez avec une maladie mentale.\nVous avez un trouble psychique.\n"
                    "Le «\u00a0Centre de la maladie mentale\u00a0» est un nom.", 1)
    found = [f for f in lint(text, RULES, ACRONYMS, avoid=avoid).findings
             if f.rule.id == "mot-a-eviter"]  # a quoted name is left as it is
    assert [(f.line, f.rule.level) for f in found] == [(1, "avertissement")]
    assert "le site dit « trouble psychique »" in found[0].message


def test_an_acronym_the_easy_glossary_spells_out_needs_no_long_form_in_the_text():
    from registry.content.easy_words import EasyWord
    from registry.content.falc_checks import glossed_acronyms

    words = [EasyWord("CMP", ("CMP",), "Un centre médico-psychologique soigne près de chez vous.",
                      None, ()),
             EasyWord("IPA", ("IPA",), "Un infirmier qui fait plus de choses.", None, ())]
    glossed = glossed_acronyms(words, {"CMP": ["centre medico-psychologique"],
                                       "IPA": ["infirmier en pratique avancee"]})
    assert glossed == {"CMP"}  # the IPA definition does not spell the acronym out
    text = FalcText("x.falc.md", "T", {"status": "brouillon", "by": None, "date": None},
                    "Vous allez au CMP.\nVous voyez une IPA.", 1)
    found = [f.message for f in lint(text, RULES, ACRONYMS, glossed=glossed).findings]
    assert found == ["IPA : donnez sa forme complète la première fois"]
