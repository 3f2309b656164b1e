"""Practices side by side: the rows of a comparison, as text (exports) and HTML (page).

Pure over the catalogue: no request, no template. A row's `key` names it; labels
are the page's business (translated there).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..content.catalog import Catalog
from ..content.documents import Entry
from ..content.render import html_to_text

MAX_COMPARED = 4
FIRST_PARAGRAPH = re.compile(r"<(p|li)>(.*?)</\1>", re.S)


@dataclass(frozen=True)
class Cell:
    text: str  # plain text, for exports and for telling differences
    html: Markup | None = None  # when the page shows more than the text
    link: str | None = None  # the full text, for shortened sections
    missions: frozenset[int] = frozenset()
    lang: str | None = None  # "fr" when the cell is the content's own French text


@dataclass
class ComparisonRow:
    key: str
    cells: list[Cell] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return len({c.text for c in self.cells}) > 1


@dataclass
class Selection:
    """What was asked for: known practices (in order), unknown slugs, and the overflow."""

    entries: list[Entry]
    unknown: list[str]
    dropped: list[str]  # known slugs beyond MAX_COMPARED


def select(catalog: Catalog, slugs: list[str]) -> Selection:
    wanted = list(dict.fromkeys(s.strip() for s in slugs if s.strip()))
    entries, unknown = [], []
    for slug in wanted:
        entry = catalog.get(slug[:120])
        if entry is not None and entry.is_practice:
            entries.append(entry)
        else:
            unknown.append(slug[:120])
    return Selection(entries[:MAX_COMPARED], unknown,
                     [e.slug for e in entries[MAX_COMPARED:]])


def label(item, lang: str, field: str = "label") -> str:
    """A vocabulary label in `lang` ("fr", or "en" when the item has an English form)."""
    return (lang == "en" and getattr(item, f"{field}_en", "")) or getattr(item, field)


def _joined(values, vocabulary, lang: str) -> str:
    labels = [label(vocabulary[v], lang) if v in vocabulary else str(v) for v in values or []]
    return ", ".join(labels)


def reproduce_cell(spec, value, not_documented: str) -> Cell:
    """One field of the « Reproduire cette pratique » block (see taxonomy.yaml)."""
    if value is None:
        return Cell(not_documented)
    if spec.shape == "list":
        return Cell(" ; ".join(f"{n}. {step}" for n, step in enumerate(value, 1)),
                    html=Markup("<ol>{}</ol>").format(
                        Markup("").join(Markup("<li>{}</li>").format(s) for s in value)),
                    lang="fr")
    if spec.shape == "dated":
        return Cell(value["text"] + (f" ({value['year']})" if value["year"] else ""), lang="fr")
    return Cell(value, lang="fr")


def section_cell(catalog: Catalog, entry: Entry, title: str, not_applicable: str) -> Cell:
    """The first paragraph of a grid section, with a link to the whole section."""
    if entry.type != "monographie":
        return Cell(not_applicable)
    rendered = catalog.render(entry)
    section = next((s for s in rendered.sections if s["title"] == title), None)
    if section is None:
        return Cell(not_applicable)
    match = FIRST_PARAGRAPH.search(section["html"])
    text = html_to_text(match.group(2)) if match else html_to_text(section["html"])
    return Cell(text, link=f"{entry.url}#{section['id']}", lang="fr")


def rows(catalog: Catalog, entries: list[Entry], words: dict[str, str],
         lang: str = "fr") -> list[ComparisonRow]:
    """Every row of the comparison, vocabulary labels in `lang`. `words` gives the few
    words cells need (`not_documented`, `not_applicable`, type labels). Then the fields
    of « Reproduire cette pratique », and the grid sections `taxonomy.yaml` marks
    `compared`, cut to their first paragraph."""
    tax = catalog.taxonomy
    nd = words["not_documented"]
    sections = [s for s in tax.sections if s.compared]
    table = {key: ComparisonRow(key) for key in (
        "type", "theme", "porteur", "place", "year", "public", "missions", "principles",
        "parcours", "evidence", "key_figures", *(reproduce_key(f) for f in tax.reproduce),
        *(s.id for s in sections))}
    for entry in entries:
        m = entry.meta
        place = m.get("place") or {}
        where = ", ".join(v for v in (place.get("town"), place.get("department"),
                                      place.get("region")) if v)
        level = tax.evidence[m["evidence"]["level"]]
        figures = "; ".join(
            f"{f['value']} — {f['label']}" + (f" ({f['year']})" if f.get("year") else "")
            for f in m.get("key_figures") or [])
        missions = frozenset(m.get("missions") or [])
        mission_names = "; ".join(f"{n}. {label(tax.missions[n], lang, 'short')}"
                                  for n in sorted(missions))
        cells = {
            "type": Cell(words[entry.type]),
            "theme": Cell(label(tax.themes[m["theme"]], lang)),
            "porteur": Cell(m["porteur"], lang="fr") if m.get("porteur") else Cell(
                nd if entry.type == "monographie" else words["not_applicable"]),
            "place": Cell(where, lang="fr") if where else Cell(
                nd if entry.type == "monographie" else words["not_applicable"]),
            "year": Cell(str(m["year"]) if m.get("year") else (
                nd if entry.type == "monographie" else words["not_applicable"])),
            "public": Cell(_joined(m.get("public"), tax.public, lang) or nd),
            "missions": Cell(mission_names or nd, missions=missions),
            "principles": Cell(_joined(m.get("principles"), tax.principles, lang) or nd),
            "parcours": Cell(_joined(m.get("parcours"), tax.parcours, lang) or nd),
            "evidence": Cell(f"{label(level, lang)} — {m['evidence']['justification']}",
                             html=Markup('<span class="evidence evidence-{}">{}</span> '
                                         '<span lang="fr">{}</span>').format(
                                 level.id, label(level, lang), m["evidence"]["justification"])),
            "key_figures": Cell(figures, lang="fr") if figures else Cell(nd),
        }
        reproduce = m.get("reproduce")
        for spec in tax.reproduce:
            cells[reproduce_key(spec)] = (reproduce_cell(spec, reproduce[spec.id], nd)
                                          if reproduce else Cell(words["not_applicable"]))
        for section in sections:
            cells[section.id] = section_cell(catalog, entry, section.title,
                                             words["not_applicable"])
        for key, cell in cells.items():
            table[key].cells.append(cell)
    return list(table.values())


def reproduce_key(spec) -> str:
    """The row (and export column) of a field of « Reproduire cette pratique »."""
    return f"reproduce_{spec.id}"


def records(entries: list[Entry], table: list[ComparisonRow]) -> list[dict]:
    """One record per practice: slug, title, url and every row's text (exports)."""
    result = []
    for i, entry in enumerate(entries):
        record = {"slug": entry.slug, "title": entry.title, "url": entry.url}
        record.update({row.key: row.cells[i].text for row in table})
        result.append(record)
    return result
