"""Coverage of the catalogue: practices × missions (or principles), counts per tag.

Pure over the catalogue; the filters are taxonomy values already validated.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..content.catalog import Catalog
from ..content.documents import Entry
from ..content.text import fold
from .compare import label

# Filters of the matrix: query parameter → front-matter field (a list or a single value).
MATRIX_FILTERS = {"theme": "theme", "parcours": "parcours", "public": "public",
                  "evidence": "evidence"}
VIEWS = ("missions", "principes")


def _values(entry: Entry, name: str) -> set[str]:
    if name == "evidence":
        return {entry.evidence_level} if entry.evidence_level else set()
    value = entry.meta.get(MATRIX_FILTERS[name])
    return set(value) if isinstance(value, list) else ({value} if value else set())


def filtered(catalog: Catalog, filters: dict[str, list[str]]) -> list[Entry]:
    """Practices matching every filter (OR within a filter, AND across)."""
    return [e for e in catalog.practices()
            if all(_values(e, name) & set(values) for name, values in filters.items() if values)]


@dataclass(frozen=True)
class Column:
    id: object  # mission number or principle id
    label: str  # in full (a mission's sentence)
    name: str  # the column's heading: « 3. Prévention et intervention précoce »
    count: int


@dataclass(frozen=True)
class Matrix:
    columns: list[Column]
    rows: list[tuple[Entry, set]]  # each practice with the column ids it covers

    @property
    def empty_columns(self) -> list[Column]:
        return [c for c in self.columns if c.count == 0]


def matrix(catalog: Catalog, practices: list[Entry], view: str, lang: str = "fr") -> Matrix:
    """Practices against missions (or principles), labels in `lang`."""
    tax = catalog.taxonomy
    if view == "missions":
        rows = [(e, set(e.meta.get("missions") or [])) for e in practices]
        counts = Counter(m for _e, ids in rows for m in ids)
        columns = [Column(m.id, label(m, lang, "title"), f"{m.id}. {label(m, lang, 'short')}",
                          counts[m.id]) for m in tax.missions.values()]
    else:
        rows = [(e, set(e.meta.get("principles") or [])) for e in practices]
        counts = Counter(p for _e, ids in rows for p in ids)
        columns = [Column(t.id, label(t, lang), label(t, lang), counts[t.id])
                   for t in tax.principles.values()]
    return Matrix(columns, rows)


def count_by(practices: list[Entry], key) -> Counter:
    """How many practices carry each value returned by `key(entry)` (an iterable)."""
    return Counter(v for e in practices for v in key(e))


def region_counts(practices: list[Entry], geography) -> Counter:
    """Practices per INSEE region code, located by the official geography."""
    located = (geography.locate(e.meta.get("place")) for e in practices)
    return Counter(loc.region_code for loc in located if loc.region_code)


def territories(practices: list[Entry], geography) -> list[tuple[str, str | None, str | None,
                                                                 dict]]:
    """Practices grouped for the territorial view: (kind, region name, region code,
    {department name: [(entry, location)]}), kind being "region", "unknown" (a name the
    official geography lacks) or "none"; regions in alphabetical order, then the
    unknown, then the undocumented."""
    groups: dict[tuple[str, str | None, str | None], dict[str, list]] = {}
    for entry in practices:
        loc = geography.locate(entry.meta.get("place"))
        kind = "region" if loc.region_code else loc.how
        key = (kind, loc.region, loc.region_code)
        groups.setdefault(key, {}).setdefault(loc.department or "", []).append((entry, loc))
    order = {"region": 0, "unknown": 1, "none": 2}
    return [(kind, name, code, depts) for (kind, name, code), depts
            in sorted(groups.items(), key=lambda g: (order[g[0][0]], fold(g[0][1] or "")))]
