"""The kinds of content: one table for the folder, the URL, the label and the role of each.

The catalogue, the page routes, the API, the OpenAPI document and the search filters
all read this table. Labels are French and marked for translation with `N_` (the
interface translates them when it shows them).
"""
from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:  # noqa: N802 (the gettext convention for deferred translation)
    """Mark a string for extraction into the interface catalogs; translated when shown."""
    return text


HOME_SLUG = "accueil"  # the free page shown on the home page, at "/"
EASY_PREFIX = "/facile"  # easy-to-read pages: EASY_PREFIX/<folder>/<slug>, the home at EASY_PREFIX/


@dataclass(frozen=True)
class Kind:
    id: str  # the `type` of entries, in the API and the search filters
    folder: str  # content folder; also the folder part of easy-to-read URLs
    prefix: str  # the URL of an entry is prefix + its key
    key: str  # front-matter field whose value ends the URL
    label: str
    plural: str
    practice: bool = False  # a practice (what professionals search for)
    easy: bool = False  # its easy-to-read variants have a page under /facile/

    def url(self, meta: dict) -> str:
        return f"{self.prefix}{meta[self.key]}"


KINDS: tuple[Kind, ...] = (
    Kind("monographie", "monographies", "/monographies/", "slug", N_("Monographie"),
         N_("Monographies"), practice=True, easy=True),
    Kind("fiche", "fiches", "/fiches/", "slug", N_("Fiche pratique"), N_("Fiches pratiques"),
         practice=True, easy=True),
    Kind("glossaire", "glossaire", "/glossaire/", "slug", N_("Glossaire"), N_("Glossaire")),
    Kind("mission", "missions", "/missions/", "mission", N_("Mission"), N_("Missions"),
         easy=True),
    Kind("principe", "principes", "/principes/", "principle", N_("Principe"), N_("Principes"),
         easy=True),
    Kind("theme", "themes", "/themes/", "theme", N_("Thème"), N_("Thèmes")),
    Kind("page", "pages", "/", "slug", N_("Page"), N_("Pages")),
)
BY_ID: dict[str, Kind] = {k.id: k for k in KINDS}
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS}
TYPE_ORDER: tuple[str, ...] = tuple(k.id for k in KINDS)
PRACTICE_TYPES: tuple[str, ...] = tuple(k.id for k in KINDS if k.practice)
# Topic pages: written for one value of a vocabulary, and listing the practices tagged
# with it. Kind → (vocabulary of the taxonomy, field of practices holding that value).
TOPICS: dict[str, tuple[str, str]] = {
    "mission": ("missions", "missions"),
    "principe": ("principles", "principles"),
    "theme": ("themes", "theme"),
}
