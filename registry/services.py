"""The app's own services: the content catalogue, the search service and the map of
regions, one of each per app in `app.extensions`.

A module-level name (`catalog`, `search`, `region_map`) reaches the current app's
object, so one name serves every app (tests build several apps in one process).
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from flask import Flask, current_app

from .checklist.criteria import load_part as load_checklist_part
from .content.catalog import Catalog
from .insights.regions import RegionMap, RegionMapError, load_region_map
from .search import SearchService
from .web.routes import site_paths

log = logging.getLogger(__name__)


class AppBound:
    """A service whose state is per app: the object lives in `app.extensions[name]`."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr):
        return getattr(current_app.extensions[self._name], attr)


def make_catalog(app: Flask) -> Catalog:
    """The catalogue of the app's content folder, checked against the app's own routes."""
    return Catalog(Path(app.config["REGISTRY_CONTENT_DIR"]), site=lambda: site_paths(app),
                   parts={"checklist": load_checklist_part})


class RegionMapService:
    """The map of regions, read once per app; None (and logged) when it is broken."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._map: RegionMap | None = None
        self.error: str | None = None

    def get(self) -> RegionMap | None:
        if self._map is None and self.error is None:
            try:
                self._map = load_region_map(self.path)
            except RegionMapError as exc:
                log.error("region map: %s", exc)
                self.error = str(exc)
        return self._map


def init_app(app: Flask) -> None:
    app.extensions["catalog"] = make_catalog(app)
    app.extensions["search"] = SearchService(app.config["REGISTRY_INDEX_DIR"],
                                             app.config["REGISTRY_SEARCH_RETRY_SECONDS"])
    app.extensions["region_map"] = RegionMapService(app.config["REGISTRY_REGION_MAP"])
    watch_content(app)


def watch_content(app: Flask) -> None:
    """Reload content when its files change (checked at most every
    REGISTRY_CONTENT_CHECK_SECONDS, before a request): an edit, a `git pull` or a repair
    is served without a restart, and a broken file never replaces good content."""
    interval = app.config["REGISTRY_CONTENT_CHECK_SECONDS"]
    if not interval:
        return
    state = {"next": 0.0}

    @app.before_request
    def reload_changed_content():
        now = time.monotonic()
        if now < state["next"]:
            return
        state["next"] = now + interval
        app.extensions["catalog"].refresh()


catalog: Catalog = AppBound("catalog")  # type: ignore[assignment]
search: SearchService = AppBound("search")  # type: ignore[assignment]
region_map: RegionMapService = AppBound("region_map")  # type: ignore[assignment]
