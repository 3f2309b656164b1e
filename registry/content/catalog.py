"""The in-memory catalogue of content, shared by pages, search and the API."""
from __future__ import annotations

import logging
import os
import threading
import time
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
RETRY_SECONDS = 2.0  # with nothing usable loaded, how long before reading the files again


class ContentUnavailable(Exception):
    """No usable content has been loaded yet (e.g. taxonomy.yaml is broken); the
    message names the problems. Loading is tried again when the files change."""

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
        self._signature: tuple | None = None  # of the files at the last load
        self.error: str | None = None  # why the last load was not used, if it was not
        self._failed_at: float | None = None  # when a load last found nothing usable

    def load(self, log_problems: bool = True) -> Content:
        """(Re)load content from disk and return it with its problems (logged, unless
        the caller prints them itself).

        Valid entries are kept and served. A load where nothing could be read (a broken
        taxonomy) replaces nothing: the last good content keeps being served.
        """
        signature = self.signature()
        content = load_content(self.root, site=self._site(), parts=self._parts)
        if log_problems:
            for problem in content.problems:
                log.warning("content: %s", problem)
        with self._lock:
            self._signature = signature
            if not content.usable:
                self._failed_at = time.monotonic()
                self.error = "; ".join(str(p) for p in content.problems)
                log.error("content not loaded (%s)%s", self.error,
                          ": still serving the last good content" if self._content else "")
                return content
            self.error, self._failed_at = None, None
            self._content = content
            self._rendered = {}
            self.__dict__.pop("matcher", None)
        return content

    def signature(self) -> tuple:
        """Names, sizes and modification times of every content file: changes when an
        editor, `git pull` or an operator changes any of them."""
        found = []
        for folder, _dirs, files in sorted(os.walk(self.root)):
            for name in sorted(files):
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                found.append((folder, name, stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    def refresh(self) -> bool:
        """Reload when the files changed since the last load; True when it reloaded."""
        if self._signature is not None and self.signature() == self._signature:
            return False
        self.load()
        return True

    @property
    def available(self) -> bool:
        """Whether content can be served (loading it first if needed)."""
        try:
            self.content  # noqa: B018 (loads on first use)
        except ContentUnavailable:
            return False
        return True

    @property
    def content(self) -> Content:
        if self._content is None and (self._failed_at is None or
                                      time.monotonic() - self._failed_at > RETRY_SECONDS):
            self.load()
        if self._content is None:
            raise ContentUnavailable(self.error or "content not loaded")
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
        """Rendered HTML of an entry, cached until the next load (entries of the catalogue
        only: a preview of a page not yet in it is rendered each time)."""
        if self.entries.get(entry.slug) is not entry:
            return render_markdown(entry.body, self.matcher, skip_slug=entry.slug)
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

