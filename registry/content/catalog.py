"""The in-memory catalogue of content, shared by pages, search and the API."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from .crosscheck import SitePaths
from .documents import Entry
from .kinds import BY_ID, TOPICS, TYPE_ORDER
from .loader import Content, Part, load_content
from .render import GlossaryMatcher, GlossaryTerm, Rendered, render_markdown
from .text import fold

log = logging.getLogger(__name__)

class Catalog:
    """Loads `content/` once per process and renders each entry lazily.

    `site` gives the site's own addresses when content is loaded (the web app's
    routes, known only once every blueprint is registered); `parts` are the data
    files other packages read from the content folder (see `loader.Part`).
    """

    def __init__(self, root: Path, site: Callable[[], SitePaths | None] | None = None,
                 parts: dict[str, Part] | None = None):
        self.root = Path(root)
        self._site = site or (lambda: None)
        self._parts = parts or {}
        self._content: Content | None = None
        self._rendered: dict[str, Rendered] = {}
        self._lock = threading.Lock()

    def load(self, log_problems: bool = True) -> Content:
        """(Re)load content from disk; valid entries are kept, problems returned with them
        (and logged, unless the caller prints them itself)."""
        content = load_content(self.root, site=self._site(), parts=self._parts)
        if log_problems:
            for problem in content.problems:
                log.warning("content: %s", problem)
        with self._lock:
            self._content = content
            self._rendered = {}
            self.__dict__.pop("matcher", None)
        return content

    @property
    def content(self) -> Content:
        if self._content is None:
            self.load()
        return self._content

    @property
    def taxonomy(self):
        return self.content.taxonomy

    @property
    def entries(self) -> dict[str, Entry]:
        return self.content.entries

    def part(self, name: str):
        """A part of the content read by another package, or None when it is unusable."""
        return self.content.parts.get(name)

    def get(self, slug: str, type: str | None = None) -> Entry | None:
        entry = self.entries.get(slug)
        if entry is None or (type and entry.type != type):
            return None
        return entry

    def of_type(self, type: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.type == type), key=sort_key)

    def practices(self) -> list[Entry]:
        return [e for e in sorted(self.entries.values(), key=sort_key) if e.is_practice]

    def topic_page(self, kind: str, value) -> Entry | None:
        """The page written for a mission, principle or theme, if any."""
        field = BY_ID[kind].key
        return next((e for e in self.of_type(kind) if e.meta[field] == value), None)

    def tagged(self, kind: str, value) -> list[Entry]:
        """Practices tagged with a mission, principle or theme."""
        field = TOPICS[kind][1]
        return [e for e in self.practices()
                if value == e.meta.get(field) or value in (e.meta.get(field) or [])]

    @cached_property
    def matcher(self) -> GlossaryMatcher:
        terms = []
        for entry in self.of_type("glossaire"):
            for form in [entry.title, *entry.meta["aliases"]]:
                terms.append(GlossaryTerm(form, entry.slug, entry.summary, entry.meta["expansion"]))
        return GlossaryMatcher(terms)

    def render(self, entry: Entry) -> Rendered:
        """Rendered HTML of an entry, cached until the next load."""
        rendered = self._rendered.get(entry.slug)
        if rendered is None:
            rendered = render_markdown(entry.body, self.matcher, skip_slug=entry.slug)
            self._rendered[entry.slug] = rendered
        return rendered

    def see_also(self, entry: Entry) -> list[Entry]:
        return [self.entries[s] for s in entry.meta.get("see_also", []) if s in self.entries]


def sort_key(entry: Entry):
    """Type order, then fiche or mission number, then title without accents."""
    number = entry.meta.get("number") or entry.meta.get("mission") or 0
    return (TYPE_ORDER.index(entry.type), number, fold(entry.title))

