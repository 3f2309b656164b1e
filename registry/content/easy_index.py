"""The choices of the easy-to-read index (/facile/), chosen by hand (`content/facile.yaml`).

Each situation a reader may be in (« Je cherche un logement »…) lists the easy pages that
help in it, by slug; a page is listed under one situation at most, so that the index
does not repeat itself. A situation may also lead to the help numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .documents import Entry
from .problems import Problem
from .yamlfile import read_yaml

FILE = "facile.yaml"
FIELDS = {"id", "label", "pictogram", "pages", "help"}


@dataclass(frozen=True)
class Situation:
    id: str  # the anchor on /facile/
    label: str
    pictogram: str
    slugs: tuple[str, ...]  # easy pages that help, in the order readers should see them
    help: bool = False  # also leads to « Besoin d’aide maintenant ? »


def load_situations(path: Path, shown: str, entries: dict[str, Entry],
                    invalid: set[str], pictos) -> tuple[list[Situation], list[Problem]]:
    """The situations of facile.yaml; each page must exist and have an easy version
    (pages that failed their own checks are already reported and left out here)."""
    data, problems = read_yaml(path, shown)
    if data is None:
        return [], problems
    items = data.get("situations")
    if not isinstance(items, list) or not items:
        return [], [Problem(shown, "situations", "must be a list of situations")]
    situations, seen_ids, listed = [], set(), {}
    for i, item in enumerate(items):
        where = f"situations[{i}]"
        if not isinstance(item, dict) or not {"id", "label", "pictogram", "pages"} <= set(item) \
                or set(item) - FIELDS:
            problems.append(Problem(shown, where, "must have id, label, pictogram, pages "
                                    "(and, optionally, help)"))
            continue
        sid, label = item["id"], item["label"]
        if not isinstance(sid, str) or not re.fullmatch(r"[a-z0-9-]+", sid) or sid in seen_ids:
            problems.append(Problem(shown, f"{where}.id", "must be a unique lower-case id"))
            continue
        seen_ids.add(sid)
        if not isinstance(label, str) or not label.strip():
            problems.append(Problem(shown, f"{where}.label", "must be a non-empty text"))
            continue
        if item["pictogram"] not in pictos.pictograms:
            problems.append(Problem(shown, f"{where}.pictogram", f"unknown pictogram "
                                    f"{item['pictogram']!r} (see pictogrammes.yaml)"))
            continue
        pages = item["pages"] if isinstance(item["pages"], list) else None
        if pages is None or not (pages or item.get("help")):
            problems.append(Problem(shown, f"{where}.pages", "must list the pages that help "
                                    "(or set help: true)"))
            continue
        slugs = []
        for slug in pages:
            entry = entries.get(slug) if isinstance(slug, str) else None
            if slug in invalid:
                continue
            if entry is None or entry.falc is None:
                problems.append(Problem(shown, f"{where}.pages", f"{slug!r} is not a page with "
                                        "an easy-to-read version"))
            elif slug in listed:
                problems.append(Problem(shown, f"{where}.pages", f"{slug!r} is already listed "
                                        f"under {listed[slug]!r}: one situation per page"))
            else:
                listed[slug] = sid
                slugs.append(slug)
        situations.append(Situation(sid, label.strip(), item["pictogram"], tuple(slugs),
                                    bool(item.get("help"))))
    return situations, problems
