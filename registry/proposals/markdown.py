"""The Markdown page a proposal would become: the same front matter and 7-heading body as
every monograph, so that the preview, the content checks and publishing all read it
through the catalogue's own parser, schema and templates.

Nothing typed can leave its place in the file: front-matter values are written by the
YAML dumper (quoted as needed), and headings inside a section's text are demoted under
the section's own heading.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from ..content.documents import Entry, parse_entry

PENDING_LEVEL = "experience-decrite"  # until reviewers score it; editors set the level
PENDING_JUSTIFICATION = ("Pratique décrite par l’équipe qui la porte, dans sa proposition au "
                         "registre ; le niveau de preuve sera fixé après la revue.")
HEADING = re.compile(r"^(\s{0,3})(#{1,2})(?=\s|$)", re.M)


def reference_id(number: int) -> str:
    """The references.yaml id a proposal's page cites as its source."""
    return f"contribution-{number}"


def slug_for(title: str, taken) -> str:
    """A page address from a title: ASCII words joined by hyphens, unique among `taken`."""
    text = unicodedata.normalize("NFKD", title.replace("’", " ").replace("'", " "))
    words = re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode().lower())
    base = "-".join(words)[:60].strip("-") or "pratique"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _section_text(text: str) -> str:
    """A contributor's Markdown under a section heading: # and ## become ###."""
    return HEADING.sub(lambda m: f"{m.group(1)}###", text.strip().replace("\r\n", "\n"))


def _reproduce(data: dict, tax) -> dict:
    out = {}
    for spec in tax.reproduce:
        value = (data.get(f"reproduce_{spec.id}") or "").strip()
        if not value:
            out[spec.id] = None
        elif spec.shape == "list":
            out[spec.id] = [line.strip(" -*•\t") for line in value.splitlines()
                            if line.strip(" -*•\t")]
        elif spec.shape == "dated":
            year = data.get("financement_year")
            out[spec.id] = {"text": value, "year": int(year) if year else None}
        else:
            out[spec.id] = value
    return out


def page_markdown(data: dict, tax, number: int, slug: str, today: dt.date,
                  level: str = PENDING_LEVEL, justification: str = PENDING_JUSTIFICATION) -> str:
    meta = {
        "title": data.get("title") or "",
        "slug": slug,
        "dispositif": data.get("dispositif") or "",
        "summary": data.get("summary") or "",
        "theme": data.get("theme") or "",
        "porteur": data.get("porteur") or None,
        "place": {"town": data.get("town") or None, "department": None, "region": None},
        "year": int(data["year"]) if data.get("year") else None,
        "public": list(data.get("public") or []),
        "missions": [int(m) for m in data.get("missions") or []],
        "evidence": {"level": level, "justification": justification},
        "reviewed": today,
        "reproduce": _reproduce(data, tax),
        "sources": [{"document": reference_id(number), "section": "Proposition de l’équipe"}],
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    body = []
    for section in tax.sections:
        text = _section_text(data.get(f"section_{section.id}") or "")
        body.append(f"## {section.title}\n\n{text or 'Non documenté par l’équipe.'}\n")
    return f"---\n{front}---\n\n" + "\n".join(body)


def parse_page(markdown: str, folder: Path, slug: str, tax) -> tuple[Entry | None, list]:
    """Read a generated page back through the catalogue's parser and schema (the file is
    written under `folder`/monographies/, as the content folder would hold it)."""
    target = folder / "monographies" / f"{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return parse_entry(target, f"monographies/{slug}.md", tax)
