"""Query-string parameters (search, filters, pages), read one way for pages and the API."""
from __future__ import annotations

from dataclasses import dataclass

from ..content.kinds import TYPE_ORDER
from ..search import FACET_VOCABULARY, FACETS
from ..services import catalog

SORTS = ("relevance", "title")
MAX_PAGE = 10_000


class ParamError(ValueError):
    """A query-string parameter is invalid."""

    def __init__(self, param: str, message: str, value: str | None = None):
        self.param = param
        self.value = value  # the refused value, cut short, when there is one
        super().__init__(message)


@dataclass
class SearchParams:
    query: str
    filters: dict[str, list[str]]
    page: int
    per_page: int
    sort: str = "relevance"
    exact: bool = False  # search the words as typed, even when a correction finds more


def allowed_values(name: str) -> set[str]:
    """Values a filter may take: content types, or a vocabulary of the taxonomy."""
    if name == "type":
        return set(TYPE_ORDER)
    return {str(key) for key in catalog.taxonomy.vocabulary(FACET_VOCABULARY[name])}


def read_filters(args, names) -> dict[str, list[str]]:
    """The filters `names` given in `args` (repeated for OR), each value checked."""
    filters = {}
    for name in names:
        values = [v for v in args.getlist(name) if v != ""]
        bad = [v for v in values if v not in allowed_values(name)]
        if bad:
            allowed = ", ".join(sorted(allowed_values(name)))
            raise ParamError(name, f"unknown {name} value {bad[0][:80]!r} (allowed: {allowed})",
                             bad[0][:80])
        if values:
            filters[name] = list(dict.fromkeys(values))
    return filters


def read_int(args, name: str, default: int, low: int, high: int, lenient: bool = False) -> int:
    """An integer parameter within [low, high]; `lenient` pages fall back instead of refusing."""
    raw = args.get(name)
    if raw is None or (raw == "" and lenient):
        return default
    try:
        value = int(raw)
    except ValueError:
        if lenient:
            return default
        raise ParamError(name, f"{name} must be an integer") from None
    if not low <= value <= high:
        if lenient:
            return min(max(value, low), high)
        raise ParamError(name, f"{name} must be between {low} and {high}")
    return value


def parse_search_args(args, default_per_page: int, max_per_page: int) -> SearchParams:
    """Validate q, filters, page and per_page; raise ParamError naming the bad parameter."""
    filters = read_filters(args, FACETS)
    sort = args.get("sort", "relevance")
    if sort not in SORTS:
        raise ParamError("sort", f"sort must be one of {', '.join(SORTS)}")
    exact = args.get("exact", "0")
    if exact not in ("0", "1"):
        raise ParamError("exact", "exact must be 0 or 1")
    return SearchParams(
        query=args.get("q", ""),
        filters=filters,
        page=read_int(args, "page", 1, 1, MAX_PAGE),
        per_page=read_int(args, "per_page", default_per_page, 1, max_per_page),
        sort=sort,
        exact=exact == "1",
    )
