"""The site's addresses, read from its routes: the one source content checks use.

Free content pages live at `/<slug>` (endpoint `pages.page`); every other route's
first path segment is reserved for the site. A view that serves a free page at an
address of its own (the home page, « À propos ») says so with `@serves_page(slug)`.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from ..content.crosscheck import SitePaths

FREE_PAGE_ENDPOINT = "pages.page"


def serves_page(slug: str):
    """Mark a view as the one that shows the free content page `slug`."""

    def mark(view):
        view.serves_page = slug
        return view

    return mark


def site_paths(app: Flask) -> SitePaths:
    """Fixed paths (routes without variables) and reserved first segments of `app`."""
    fixed, reserved = set(), set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == FREE_PAGE_ENDPOINT:
            continue
        if "GET" in (rule.methods or ()) and not rule.arguments:
            fixed.add(rule.rule)
        first = rule.rule.lstrip("/").split("/", 1)[0]
        if first and "<" not in first:
            reserved.add(first)
    served = {getattr(view, "serves_page", None) for view in app.view_functions.values()}
    return SitePaths(frozenset(fixed), frozenset(reserved - served),
                     Path(app.static_folder) if app.static_folder else None)
