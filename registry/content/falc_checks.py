"""The easy-to-read (FALC) checks on one text: sentences, syllables, readability, rules.

Which rules exist, their level and explanation live in `content/falc_rules.yaml` (read
by `falc.py`); each rule id has one check here, listed in `CHECKED_RULES`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .documents import FalcText
from .text import fold

# Abbreviations after which a full stop does not end a sentence, and list numbers (« 2. »).
NO_BREAK_AFTER = re.compile(r"(?:\b(?:M|Mme|Mlle|Dr|Pr|St|p|ex|cf|n°|env|etc)\.|^\s*\d+[.)])$")
SENTENCE_END = re.compile(r"([.!?…]+(?:\s*»)?)\s+(?=[«\"A-ZÀ-ÖØ-Þ0-9])")
ENDS_SENTENCE = re.compile(r"[.!?…:»]\s*$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"[\w’'-]+")
VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿœæ]+", re.I)
NUMBER_WORDS = re.compile(r"\b(?:deux|trois|quatre|cinq|six|sept|huit|dix|onze|douze|treize|"
                          r"quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|"
                          r"cents?|milles?)\b|\bneuf(?=\s+[\w-]*[sx]\b)", re.I)
DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|(?<![\w.,])\d+(?![\d])")
# Numbers that are names, not quantities: phone numbers (01 23 45 67 89, or a short
# number after « appelez », « numéro »…) and postcodes before a town.
NOT_QUANTITIES = re.compile(
    r"(?<!\d)(?:\+33[ \u00a0]?|0)\d(?:[ .\u00a0]?\d\d){4}(?!\d)"
    r"|\b(?i:appelez|composez|numéro|téléphone)[ \u00a0](?:le[ \u00a0])?\d{2,4}\b"
    r"|\b(?i:le)[ \u00a0]\d{2,4}(?=[ \u00a0](?:est|répond|vous))"
    r"|(?<!\d)\d{5}(?=[ \u00a0]+[A-ZÀ-Þ])")
ROMAN = re.compile(r"^(?=[MDCLXVI]{2,}$)M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
CAPS = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{2,}\b")
CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,}\b")
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
    "date-en-chiffres": (re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
                                    r"|\b\d{1,2}[/.-](?:19|20)\d\d\b"),
                         "date en chiffres : écrivez le mois en lettres"),
    "nombre-decimal": (re.compile(r"(?<![\d/.,])\d+[,.]\d+(?![\d/.,])"),
                       "nombre à virgule : arrondissez (« environ 2 »)"),
    "fraction": (re.compile(r"\b(?:un|une|deux|trois|quatre|\d+)\s+(?:tiers|quarts?|"
                            r"cinquièmes?|dixièmes?|centièmes?)\b|(?<![\d/])\d{1,2}/\d{1,2}"
                            r"(?![\d/])", re.I),
                 "fraction : dites « 1 personne sur 3 »"),
    "ponctuation-difficile": (re.compile(r"[()\[\];&…]|\.\.\."),
                              "parenthèse, crochet, point-virgule, esperluette ou points "
                              "de suspension"),
    "note": (re.compile(r"\[\^|[¹²³⁴⁵⁶⁷⁸⁹]|<sup>"), "note de bas de page"),
    "abreviation": (re.compile(r"\b(?:etc|ex|cf|env|vs|p|M|Mme|Mlle|Dr|Pr|tél|min|max)\.(?=\s|$)|"
                               r"\bn°|\bc\.-à-d\.|\bDr\b|\bMme\b|\b(?:infos?|rdv|svp|qqn|qqch|"
                               r"appart|ordi|psy)\b", re.I),
                    "abréviation : écrivez le mot en entier"),
    "italique": (re.compile(r"(?<![*\w])\*(?!\*)[^*]+(?<!\*)\*(?![*\w])|(?<!\w)_[^_]+_(?!\w)"),
                 "italique : utilisez le gras pour souligner"),
}
HEADING_WORDS = 8
# Every rule id `lint` can report: falc_rules.yaml must describe exactly these.
CHECKED_RULES = frozenset({
    *PATTERNS, "phrase-longue", "phrase-assez-longue", "une-phrase-par-ligne", "double-negation",
    "voix-passive", "grand-nombre", "nombre-en-lettres", "sigle-non-explique", "chiffre-romain",
    "majuscules", "vouvoiement", "niveaux-de-titre", "titre-long", "plan-pratique",
    "liste-sans-ligne-vide", "lisibilite", "mot-a-eviter",
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


def _quantity_words(content: str) -> str | None:
    """The first number written in words that counts something; a capitalised number
    inside a name (« hôpital des Quinze-Vingts ») is a name."""
    for match in NUMBER_WORDS.finditer(content):
        before, word = content[:match.start()].rstrip(), match.group()
        in_name = word[0].isupper() and (before and not ENDS_SENTENCE.search(before)
                                         or content[match.end():match.end() + 1] == "-")
        if not in_name:
            return word
    return None


def _large_numbers(content: str) -> list[str]:
    names = [m.span() for m in NOT_QUANTITIES.finditer(content)]
    found = []
    for match in DIGITS.finditer(content):
        if any(a <= match.start() < b for a, b in names):
            continue
        value = int(re.sub(r"\D", "", match.group()))
        if value > 1000 and re.fullmatch(r"(19|20)\d\d", match.group()) is None:
            found.append(match.group())
    return found


def _acronyms(content: str, acronyms: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(acronym, as written) for every acronym of a line, in capitals or written as a
    word (« Cmp », « Ehpad »): both need their long form the first time."""
    found = [(m.start(), m.group(), m.group()) for m in CAPS.finditer(content)]
    found += [(m.start(), m.group().upper(), m.group()) for m in CAPITALISED.finditer(content)
              if m.group().upper() in acronyms]
    return [(key, written) for _, key, written in sorted(found)]


def _logical_lines(body: str, first_line: int):
    """(line number, text) of each sentence-bearing line: a line that does not end a
    sentence is continued by the next plain line, so a long sentence cut over several
    lines is measured whole."""
    pending: tuple[int, str] | None = None
    for offset, raw in enumerate(body.splitlines()):
        line = LINK.sub(r"\1", raw).replace("**", "").strip()
        starts_block = not line or line.startswith("#") or LIST_MARKER.match(line)
        if pending and (starts_block or ENDS_SENTENCE.search(pending[1])):
            yield pending
            pending = None
        if not line or line.startswith("#"):
            continue
        pending = (pending[0], f"{pending[1]} {line}") if pending else (first_line + offset, line)
    if pending:
        yield pending


def avoided_words(easy_words) -> dict[str, tuple[re.Pattern, str]]:
    """Word to avoid → (its pattern, the easy glossary's word to use instead)."""
    return {avoid: (re.compile(rf"(?<![\w’'-]){re.escape(avoid)}(?![\w-])", re.I), w.word)
            for w in easy_words for avoid in w.instead_of}


QUOTED = re.compile(r"«[^»]*»")


def glossed_acronyms(easy_words, acronyms: dict[str, list[str]]) -> set[str]:
    """Acronyms the easy glossary explains on the page itself: a word of mots-faciles.yaml
    has the acronym among its forms and spells it out in its definition."""
    return {token for w in easy_words for token in w.forms if token in acronyms
            and any(form in fold(w.definition) for form in acronyms[token])}


def lint(text: FalcText, rules: dict[str, Rule], acronyms: dict[str, list[str]],
         practice_plan: list[str] | None = None,
         readability_floor: float | None = None, avoid: dict | None = None,
         glossed: set[str] = frozenset()) -> Report:
    """Check one FALC text; the report carries findings and sentence statistics.
    `avoid` (see `avoided_words`) names words the site replaces by one word; `glossed`
    acronyms are explained beside their first use by the page (`glossed_acronyms`)."""
    report = Report(text.path)

    def add(rule_id: str, line: int, message: str) -> None:
        report.findings.append(Finding(text.path, line, rules[rule_id], message))

    for number, line in _logical_lines(text.body, text.body_line):
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
            passive = PASSIVE.search(sentence)
            if passive:
                add("voix-passive", number, f"voix passive : « {passive.group()} »")
    explained: set[str] = set()
    previous, headings, addressed = "", [], False
    paragraph = in_list = False  # what the line before belongs to
    for offset, raw in enumerate(text.body.splitlines()):
        number = text.body_line + offset
        line = LINK.sub(r"\1", raw).replace("**", "").strip()
        is_item, is_heading = bool(LIST_MARKER.match(raw)), line.startswith("#")
        if is_item and paragraph:  # Markdown would read it as the paragraph's text
            add("liste-sans-ligne-vide", number, "laissez une ligne vide avant une liste")
        in_list = bool(line) and not is_heading and (is_item or in_list)
        paragraph = bool(line) and not is_heading and not in_list
        if not line:
            continue
        heading = re.match(r"^(#+)\s*(.*)$", line)
        content = heading.group(2) if heading else line
        if heading:
            level = len(heading.group(1))
            if level == 1 or level > 3:
                add("niveaux-de-titre", number, "utilisez seulement ## et ### dans le texte")
            if level == 2:
                headings.append(content.strip())
            if len(WORD.findall(content)) > HEADING_WORDS:
                add("titre-long", number, f"titre de {len(WORD.findall(content))} mots "
                    f"({HEADING_WORDS} au plus)")
        for rule_id, (pattern, message) in PATTERNS.items():
            found = pattern.search(raw if rule_id in ("italique", "note") else content)
            if found:
                add(rule_id, number, f"{message} (« {found.group()} »)")
        word = _quantity_words(content)
        if word:
            add("nombre-en-lettres", number, f"nombre écrit en lettres : écrivez-le en "
                f"chiffres (« {word} »)")
        for value in _large_numbers(content):
            add("grand-nombre", number, f"nombre {value} au-dessus de 1 000")
        for token, written in _acronyms(content, acronyms):
            if token in acronyms:
                if token not in explained and token not in glossed:
                    context = fold(previous + " " + content)
                    if not any(form in context for form in acronyms[token]):
                        add("sigle-non-explique", number, f"{written} : donnez sa forme "
                            "complète la première fois")
                    explained.add(token)
            elif ROMAN.match(token):
                add("chiffre-romain", number, f"chiffre romain {token}")
            else:
                add("majuscules", number,
                    f"{token} : mot en majuscules ou sigle absent du glossaire")
        unquoted = QUOTED.sub("", content)  # a name quoted « as it is » may use any word
        for avoided, (pattern, word) in (avoid or {}).items():
            if pattern.search(unquoted):
                add("mot-a-eviter", number, f"« {avoided} » : le site dit « {word} » "
                    "(mots-faciles.yaml)")
        if re.search(r"\b(?:vous|votre|vos)\b", content, re.I):
            addressed = True
        if re.search(r"\b(?:tu|toi|ton|ta|tes)\b", content, re.I):
            add("vouvoiement", number, "dites « vous » à la personne")
        previous = content
    if not addressed:
        add("vouvoiement", text.body_line, "le texte ne s'adresse pas à la personne avec « vous »")
    same = lambda items: [fold(re.sub(r"\s+", " ", i)) for i in items]  # noqa: E731
    if practice_plan is not None and same(headings) != same(practice_plan):
        add("plan-pratique", text.body_line, "titres attendus, dans cet ordre : "
            + " · ".join(practice_plan))
    if readability_floor is not None and report.sentences \
            and report.readability < readability_floor:
        add("lisibilite", text.body_line, f"lisibilité Kandel-Moles {report.readability:.1f}, "
            f"sous le seuil de {readability_floor:g} : des phrases ou des mots plus courts")
    if text.essentiel:  # « L’essentiel » is read first: the same rules, on its own
        summary = replace(text, body="\n".join(text.essentiel), essentiel=(),
                          body_line=text.essentiel_line + 1)
        report.findings += [replace(f, message=f"L’essentiel : {f.message}")
                            for f in lint(summary, rules, acronyms, avoid=avoid,
                                          glossed=glossed).findings
                            if not (f.rule.id == "vouvoiement" and "ne s'adresse" in f.message)]
    return report
