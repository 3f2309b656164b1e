"""Coverage of the catalogue: practices × missions (or principles), counts per tag.

Pure over the catalogue; the filters are taxonomy values already validated.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..content.catalog import Catalog
from ..content.documents import Entry
from ..content.text import fold

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
    label: str
    short: str
    count: int


@dataclass(frozen=True)
class Matrix:
    columns: list[Column]
    rows: list[tuple[Entry, set]]  # each practice with the column ids it covers

    @property
    def empty_columns(self) -> list[Column]:
        return [c for c in self.columns if c.count == 0]


def matrix(catalog: Catalog, practices: list[Entry], view: str) -> Matrix:
    tax = catalog.taxonomy
    if view == "missions":
        rows = [(e, set(e.meta.get("missions") or [])) for e in practices]
        counts = Counter(m for _e, ids in rows for m in ids)
        columns = [Column(m.id, m.title, str(m.id), counts[m.id]) for m in tax.missions.values()]
    else:
        rows = [(e, set(e.meta.get("principles") or [])) for e in practices]
        counts = Counter(p for _e, ids in rows for p in ids)
        columns = [Column(t.id, t.label, t.label, counts[t.id]) for t in tax.principles.values()]
    return Matrix(columns, rows)


def count_by(practices: list[Entry], key) -> Counter:
    """How many practices carry each value returned by `key(entry)` (an iterable)."""
    return Counter(v for e in practices for v in key(e))


def place_of(entry: Entry) -> tuple[str | None, str | None]:
    place = entry.meta.get("place") or {}
    return place.get("region"), place.get("department")


def region_counts(practices: list[Entry], rmap) -> Counter:
    """Practices per region code of the map (placed by region, else by department)."""
    return Counter(p.region.code for p in (rmap.place(e.meta.get("place")) for e in practices)
                   if p.region)


def territories(practices: list[Entry], rmap) -> list[tuple[str, str | None, dict]]:
    """Practices grouped for the territorial view: (kind, region name, {department:
    [(entry, placed)]}), kind being "region", "unknown" (a name the map lacks) or "none";
    regions in alphabetical order, then the unknown, then the undocumented."""
    groups: dict[tuple[str, str | None], dict[str, list]] = {}
    for entry in practices:
        placed = rmap.place(entry.meta.get("place"))
        kind = "region" if placed.region else placed.how
        name = placed.region.name if placed.region else None
        department = place_of(entry)[1] or ""
        groups.setdefault((kind, name), {}).setdefault(department, []).append((entry, placed))
    order = {"region": 0, "unknown": 1, "none": 2}
    return [(kind, name, depts) for (kind, name), depts
            in sorted(groups.items(), key=lambda g: (order[g[0][0]], fold(g[0][1] or "")))]
