"""The easy-to-read (FALC) linter: sentences, syllables, readability and rules.

Rule metadata (level, French explanation, reference) lives in
`content/falc_rules.yaml`; each rule id has one check here (`CHECKED_RULES`), and
`load_rules` refuses a file that does not describe exactly those rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .documents import FalcText
from .problems import Problem
from .text import fold
from .yamlfile import read_yaml

# Abbreviations after which a full stop does not end a sentence, and list numbers (« 2. »).
NO_BREAK_AFTER = re.compile(r"(?:\b(?:M|Mme|Mlle|Dr|Pr|St|p|ex|cf|n°|env|etc)\.|^\s*\d+[.)])$")
SENTENCE_END = re.compile(r"([.!?…]+(?:\s*»)?)\s+(?=[«\"A-ZÀ-ÖØ-Þ0-9])")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"[\w’'-]+")
VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿœæ]+", re.I)
NUMBER_WORDS = re.compile(r"\b(?:deux|trois|quatre|cinq|six|sept|huit|dix|onze|douze|treize|"
                          r"quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|"
                          r"cents?|milles?)\b", re.I)
DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|(?<![\w.,])\d+(?![\d])")
ROMAN = re.compile(r"^(?=[MDCLXVI]{2,}$)M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
CAPS = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{2,}\b")
NEGATION = re.compile(r"\bne\b|\bn['’]|\bsans\b|\bnon\b", re.I)
# Passive voice with an agent: « être » + past participle + « par ». It misses passives
# without an agent (« le dossier est envoyé »), and rarely fires wrongly.
PASSIVE = re.compile(r"\b(?:suis|es|est|sommes|êtes|sont|était|étaient|sera|seront|été|être|"
                     r"soit|soient)\s+"
                     r"\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte)\s+"
                     r"par\b", re.I)
PATTERNS = {
    "pourcentage": (re.compile(r"%|\bpour ?cent\b|\bpourcentages?\b", re.I),
                    "pourcentage : dites « 1 personne sur 10 » ou « beaucoup »"),
    "date-en-chiffres": (re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"),
                         "date en chiffres : écrivez le mois en lettres"),
    "ponctuation-difficile": (re.compile(r"[()\[\];&…]|\.\.\."),
                              "parenthèse, crochet, point-virgule, esperluette ou points "
                              "de suspension"),
    "note": (re.compile(r"\[\^|[¹²³⁴⁵⁶⁷⁸⁹]|<sup>"), "note de bas de page"),
    "abreviation": (re.compile(r"\b(?:etc|ex|cf|env|vs|p|M|Mme|Mlle|Dr|Pr)\.(?=\s|$)|\bn°|"
                               r"\bc\.-à-d\.|\bDr\b|\bMme\b"),
                    "abréviation : écrivez le mot en entier"),
    "italique": (re.compile(r"(?<![*\w])\*(?!\*)[^*]+(?<!\*)\*(?![*\w])|(?<!\w)_[^_]+_(?!\w)"),
                 "italique : utilisez le gras pour souligner"),
    "nombre-en-lettres": (NUMBER_WORDS, "nombre écrit en lettres : écrivez-le en chiffres"),
}
# Every rule id `lint` can report: falc_rules.yaml must describe exactly these.
CHECKED_RULES = frozenset({
    *PATTERNS, "phrase-longue", "phrase-assez-longue", "une-phrase-par-ligne", "double-negation",
    "voix-passive", "grand-nombre", "sigle-non-explique", "chiffre-romain", "majuscules",
    "vouvoiement", "niveaux-de-titre", "plan-pratique",
})


@dataclass(frozen=True)
class Rule:
    id: str
    level: str  # "erreur" | "avertissement"
    explanation: str
    source: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: Rule
    message: str

    def __str__(self) -> str:
        prefix = "avertissement : " if self.rule.level == "avertissement" else ""
        return f"{self.path}:{self.line}: {self.rule.id}: {prefix}{self.message}"


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.rule.level == "erreur"]

    @property
    def lengths(self) -> list[int]:
        return [len(WORD.findall(s)) for s in self.sentences]

    @property
    def mean_length(self) -> float:
        return sum(self.lengths) / len(self.lengths) if self.lengths else 0.0

    @property
    def max_length(self) -> int:
        return max(self.lengths, default=0)

    @property
    def readability(self) -> float:
        return kandel_moles(self.sentences)

    def summary(self) -> str:
        return (f"{self.path}: lisibilité Kandel-Moles {self.readability:.1f} ; "
                f"{len(self.sentences)} phrases, {self.mean_length:.1f} mots en moyenne, "
                f"{self.max_length} au plus")


LEVELS = ("erreur", "avertissement")
RULES_FILE = "falc_rules.yaml"


@dataclass(frozen=True)
class FalcRules:
    rules: dict[str, Rule]
    practice_plan: list[str]  # the `##` headings of a practice's easy-to-read text


def load_rules(path: Path, shown: str | None = None) -> tuple[FalcRules | None, list[Problem]]:
    """Rule metadata from falc_rules.yaml, checked against the rules the linter applies."""
    shown = shown or str(path)
    data, problems = read_yaml(path, shown)
    if data is None:
        return None, problems
    refs = data.get("references")
    if not isinstance(refs, dict) or not all(isinstance(v, str) and v for v in refs.values()):
        return None, [Problem(shown, "references", "must map each reference id to its title")]
    rules: dict[str, Rule] = {}
    items = data.get("rules")
    for i, item in enumerate(items if isinstance(items, list) else []):
        where = f"rules[{i}]"
        if not isinstance(item, dict) or set(item) != {"id", "level", "explanation", "source"}:
            problems.append(Problem(shown, where, "must have exactly id, level, explanation, "
                                    "source"))
        elif item["id"] not in CHECKED_RULES:
            problems.append(Problem(shown, f"{where}.id", f"unknown rule {item['id']!r} (the "
                                    f"linter checks: {', '.join(sorted(CHECKED_RULES))})"))
        elif item["id"] in rules:
            problems.append(Problem(shown, f"{where}.id", f"duplicate rule {item['id']!r}"))
        elif item["level"] not in LEVELS:
            problems.append(Problem(shown, f"{where}.level", f"must be one of {', '.join(LEVELS)}"))
        elif item["source"] not in refs:
            problems.append(Problem(shown, f"{where}.source", f"unknown reference "
                                    f"{item['source']!r} (allowed: {', '.join(refs)})"))
        elif not isinstance(item["explanation"], str) or not item["explanation"].strip():
            problems.append(Problem(shown, f"{where}.explanation", "must be a non-empty text"))
        else:
            rules[item["id"]] = Rule(item["id"], item["level"], item["explanation"].strip(),
                                     refs[item["source"]])
    if not isinstance(items, list):
        problems.append(Problem(shown, "rules", "must be a list of rules"))
    elif not problems:
        problems += [Problem(shown, "rules", f"rule {rid!r} is checked but not described")
                     for rid in sorted(CHECKED_RULES - set(rules))]
    plan = data.get("practice_plan")
    if not isinstance(plan, list) or not plan or not all(isinstance(h, str) and h.strip()
                                                         for h in plan):
        problems.append(Problem(shown, "practice_plan", "must list the headings of a practice"))
    if problems:
        return None, problems
    return FalcRules(rules, [h.strip() for h in plan]), []


def split_sentences(line: str) -> list[str]:
    """Sentences of one line; list markers, abbreviations and decimals do not split."""
    text = LIST_MARKER.sub("", line).strip()
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(text):
        candidate = text[start:match.end(1)]
        if NO_BREAK_AFTER.search(candidate):
            continue
        pieces.append(candidate.strip())
        start = match.end()
    if text[start:].strip():
        pieces.append(text[start:].strip())
    return pieces


def count_syllables(word: str) -> int:
    """Spoken syllables of a French word: vowel groups, a final mute « e(s) » dropped."""
    groups = VOWELS.findall(word.lower())
    count = len(groups)
    if count > 1 and re.search(r"[^aeiouyàâäéèêëîïôöùûü]es?$", word.lower()):
        count -= 1
    return max(count, 1) if re.search(r"\w", word) else 0


def kandel_moles(sentences: list[str]) -> float:
    """Kandel & Moles: 207 − 1.015 × words per sentence − 73.6 × syllables per word."""
    words = [w for s in sentences for w in WORD.findall(s)]
    if not sentences or not words:
        return 0.0
    syllables = sum(count_syllables(w) for w in words)
    return 207 - 1.015 * len(words) / len(sentences) - 73.6 * syllables / len(words)


def acronym_forms(glossary_entries) -> dict[str, list[str]]:
    """Acronym → the folded forms that explain it (expansion and aliases of its entry)."""
    forms: dict[str, list[str]] = {}
    for entry in glossary_entries:
        names = [entry.title, *entry.meta.get("aliases", [])]
        expansion = entry.meta.get("expansion")
        explain = [fold(n) for n in [expansion, *names] if n and not CAPS.fullmatch(n)]
        for name in names:
            if CAPS.fullmatch(name):
                forms[name] = explain
    return forms


def lint(text: FalcText, rules: dict[str, Rule], acronyms: dict[str, list[str]],
         practice_plan: list[str] | None = None) -> Report:
    """Check one FALC text; the report carries findings and sentence statistics."""
    report = Report(text.path)

    def add(rule_id: str, line: int, message: str) -> None:
        report.findings.append(Finding(text.path, line, rules[rule_id], message))

    explained: set[str] = set()
    previous = ""
    headings: list[str] = []
    addressed = False
    for offset, raw in enumerate(text.body.splitlines()):
        number = text.body_line + offset
        line = LINK.sub(r"\1", raw).replace("**", "").strip()
        if not line:
            continue
        heading = re.match(r"^(#+)\s*(.*)$", line)
        if heading:
            level = len(heading.group(1))
            if level == 1 or level > 3:
                add("niveaux-de-titre", number, "utilisez seulement ## et ### dans le texte")
            if level == 2:
                headings.append(heading.group(2).strip())
            content = heading.group(2)
        else:
            content = line
            sentences = split_sentences(line)
            report.sentences += sentences
            if len(sentences) > 1:
                add("une-phrase-par-ligne", number, f"{len(sentences)} phrases sur cette ligne")
            for sentence in sentences:
                words = len(WORD.findall(sentence))
                if words > 15:
                    add("phrase-longue", number, f"phrase de {words} mots (15 au plus)")
                elif words > 12:
                    add("phrase-assez-longue", number, f"phrase de {words} mots (12 conseillés)")
                if len(NEGATION.findall(sentence)) >= 2:
                    add("double-negation", number, "2 négations dans la même phrase")
                if PASSIVE.search(sentence):
                    passive = PASSIVE.search(sentence).group()
                    add("voix-passive", number, f"voix passive : « {passive} »")
        for rule_id, (pattern, message) in PATTERNS.items():
            found = pattern.search(raw if rule_id in ("italique", "note") else content)
            if found:
                add(rule_id, number, f"{message} (« {found.group()} »)")
        for match in DIGITS.finditer(content):
            value = int(re.sub(r"\D", "", match.group()))
            is_year = re.fullmatch(r"(19|20)\d\d", match.group()) is not None
            if value > 1000 and not is_year:
                add("grand-nombre", number, f"nombre {match.group()} au-dessus de 1 000")
        for token in CAPS.findall(content):
            if token in acronyms:
                if token not in explained:
                    context = fold(previous + " " + content)
                    if not any(form in context for form in acronyms[token]):
                        add("sigle-non-explique", number, f"{token} : donnez sa forme complète "
                            "la première fois")
                    explained.add(token)
            elif ROMAN.match(token):
                add("chiffre-romain", number, f"chiffre romain {token}")
            else:
                add("majuscules", number,
                    f"{token} : mot en majuscules ou sigle absent du glossaire")
        if re.search(r"\b(?:vous|votre|vos)\b", content, re.I):
            addressed = True
        if re.search(r"\b(?:tu|toi)\b", content, re.I):
            add("vouvoiement", number, "dites « vous » à la personne")
        previous = content
    if not addressed:
        add("vouvoiement", text.body_line, "le texte ne s'adresse pas à la personne avec « vous »")
    same = lambda items: [fold(re.sub(r"\s+", " ", i)) for i in items]  # noqa: E731
    if practice_plan is not None and same(headings) != same(practice_plan):
        add("plan-pratique", text.body_line, "titres attendus, dans cet ordre : "
            + " · ".join(practice_plan))
    return report


def lint_catalog(catalog, only: list[Path] | None = None):
    """Lint the FALC texts of the catalog (those under `only`, if given).

    Returns the reports and the content problems of FALC files and of the rules file;
    no report when the rules file is unusable.
    """
    content = catalog.content
    base = catalog.root.parent

    def wanted(path: str) -> bool:
        full = (base / path).resolve()
        return not only or any(full == p or p in full.parents for p in only)

    problems = [p for p in content.problems
                if (".falc.md" in p.path and wanted(p.path)) or p.path.endswith(RULES_FILE)]
    if content.falc_rules is None:
        return [], problems
    rules, plan = content.falc_rules.rules, content.falc_rules.practice_plan
    acronyms = acronym_forms(catalog.of_type("glossaire"))
    reports = [lint(e.falc, rules, acronyms, plan if e.type == "monographie" else None)
               for e in sorted((e for e in catalog.entries.values() if e.falc),
                               key=lambda e: e.falc.path)
               if wanted(e.falc.path)]
    return reports, problems
