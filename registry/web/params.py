"""Read search parameters from a query string, shared by the page and the API."""
from __future__ import annotations

from dataclasses import dataclass

from ..extensions import catalog
from ..search.service import FACETS

FILTERS = FACETS
SORTS = ("relevance", "title")


class ParamError(ValueError):
    """A query-string parameter is invalid."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(message)


@dataclass
class SearchParams:
    query: str
    filters: dict[str, list[str]]
    page: int
    per_page: int
    sort: str = "relevance"


def allowed_values(name: str) -> set[str]:
    """Values a filter may take, from the taxonomy (never hard-coded)."""
    tax = catalog.taxonomy
    return {
        "type": {"monographie", "fiche", "glossaire", "mission", "principe", "theme", "page"},
        "mission": {str(m) for m in tax.missions},
        "evidence": set(tax.evidence),
        "parcours": set(tax.parcours),
        "theme": set(tax.themes),
        "public": set(tax.public),
    }[name]


def _int(args, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParamError(name, f"{name} must be an integer") from None
    if not low <= value <= high:
        raise ParamError(name, f"{name} must be between {low} and {high}")
    return value


def parse_search_args(args, default_per_page: int, max_per_page: int) -> SearchParams:
    """Validate q, filters, page and per_page; raise ParamError naming the bad parameter."""
    filters = {}
    for name in FILTERS:
        values = [v for v in args.getlist(name) if v != ""]
        bad = [v for v in values if v not in allowed_values(name)]
        if bad:
            allowed = ", ".join(sorted(allowed_values(name)))
            raise ParamError(name, f"unknown {name} value {bad[0]!r} (allowed: {allowed})")
        if values:
            filters[name] = list(dict.fromkeys(values))
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise ParamError("sort", f"sort must be one of {', '.join(SORTS)}")
    return SearchParams(
        query=args.get("q", ""),
        filters=filters,
        page=_int(args, "page", 1, 1, 10_000),
        per_page=_int(args, "per_page", default_per_page, 1, max_per_page),
        sort=sort,
    )
