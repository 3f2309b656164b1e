"""What the index holds: its schema, and the document made of each content entry."""
from __future__ import annotations

from dataclasses import dataclass, field

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from ..content.kinds import PRACTICE_TYPES
from .analysis import folded_analyzer, french_analyzer

FACETS = ("type", "mission", "evidence", "parcours", "theme", "public")
# Facet → the vocabulary of the taxonomy its values come from (« type »: the content kinds).
FACET_VOCABULARY = {"mission": "missions", "evidence": "evidence", "parcours": "parcours",
                    "theme": "themes", "public": "public"}
SEARCH_FIELDS = ("title", "aliases", "summary", "body")
FIELD_BOOSTS = {"title": 6.0, "aliases": 4.0, "summary": 2.0, "body": 1.0}
# Practices are what professionals search for: they outrank pages that merely mention them.
TYPE_BOOSTS = dict.fromkeys(PRACTICE_TYPES, 1.5)
SCHEMA_VERSION = 5  # bump when make_schema() or the analyzers change: forces a rebuild


def make_schema() -> Schema:
    fr = french_analyzer()
    return Schema(
        key=ID(stored=True, unique=True),  # "<variant>:<slug>"
        # Columns (sortable) are read on their own when an index opens, without loading
        # every stored document.
        slug=ID(stored=True, sortable=True),
        variant=ID(stored=True),  # "pro" or "falc" (easy-to-read text)
        type=ID(stored=True),
        title=TEXT(analyzer=fr, stored=True, field_boost=FIELD_BOOSTS["title"]),
        aliases=TEXT(analyzer=fr, field_boost=FIELD_BOOSTS["aliases"]),
        summary=TEXT(analyzer=fr, stored=True, field_boost=FIELD_BOOSTS["summary"]),
        body=TEXT(analyzer=fr, stored=True),
        words=TEXT(analyzer=folded_analyzer(), phrase=False),  # no positions: never in phrases
        title_sort=ID(stored=True, sortable=True),
        mission=KEYWORD(stored=True, commas=True),
        evidence=ID(stored=True),
        parcours=KEYWORD(stored=True, commas=True),
        public=KEYWORD(stored=True, commas=True),
        theme=ID(stored=True),
        digest=ID(stored=True),
    )


@dataclass(frozen=True)
class IndexDocument:
    """What the index needs of one content entry (or of its easy-to-read variant)."""

    slug: str
    type: str
    title: str
    summary: str
    body: str
    aliases: list[str] = field(default_factory=list)
    missions: list[int] = field(default_factory=list)
    evidence: str | None = None
    parcours: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)
    theme: str | None = None
    digest: str = ""
    variant: str = "pro"
    title_sort: str = ""

    @property
    def key(self) -> str:
        return f"{self.variant}:{self.slug}"

    def fields(self) -> dict:
        return {
            "key": self.key, "slug": self.slug, "variant": self.variant, "type": self.type,
            "title": self.title, "aliases": " ".join(self.aliases), "summary": self.summary,
            "body": self.body, "title_sort": self.title_sort or self.title.lower(),
            "words": " ".join([self.title, *self.aliases, self.summary, self.body]),
            "mission": ",".join(str(m) for m in self.missions),
            "evidence": self.evidence or "", "parcours": ",".join(self.parcours),
            "public": ",".join(self.public), "theme": self.theme or "", "digest": self.digest,
            "_boost": TYPE_BOOSTS.get(self.type, 1.0),
        }


