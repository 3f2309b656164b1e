"""The app's own services: the content catalogue, the search service and the map of
regions, one of each per app in `app.extensions`.

A module-level name (`catalog`, `search`, `region_map`, `geography`) reaches the current app's
object, so one name serves every app (tests build several apps in one process).
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from flask import Flask, current_app

from .checklist.criteria import load_part as load_checklist_part
from .content.catalog import Catalog
from .insights.geography import GeographyError, load_geography
from .insights.regions import RegionMapError, load_region_map
from .proposals.questionnaire import load_part as load_proposal_part
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
                   parts={"checklist": load_checklist_part, "proposal": load_proposal_part})


class DataFile:
    """A data file shipped with the site (the map of regions, the official geography),
    read on first use; None (and logged) when it is broken, so that the pages that use
    it say so and every other page works. A repaired file is read again within
    `retry_seconds`."""

    def __init__(self, path: Path, loader, errors: type[Exception], name: str,
                 retry_seconds: float = 30.0):
        self.path, self.loader, self.errors, self.name = Path(path), loader, errors, name
        self.retry_seconds = retry_seconds
        self._data = None
        self.error: str | None = None
        self._failed_at = 0.0

    def get(self):
        if self._data is None and (self.error is None
                                   or time.monotonic() - self._failed_at > self.retry_seconds):
            try:
                self._data, self.error = self.loader(self.path), None
            except self.errors as exc:
                log.error("%s: %s", self.name, exc)
                self.error, self._failed_at = str(exc), time.monotonic()
        return self._data


def init_app(app: Flask) -> None:
    app.extensions["catalog"] = make_catalog(app)
    app.extensions["search"] = SearchService(app.config["REGISTRY_INDEX_DIR"],
                                             app.config["REGISTRY_SEARCH_RETRY_SECONDS"])
    app.extensions["region_map"] = DataFile(app.config["REGISTRY_REGION_MAP"], load_region_map,
                                            RegionMapError, "region map")
    app.extensions["geography"] = DataFile(app.config["REGISTRY_GEOGRAPHY"], load_geography,
                                           GeographyError, "geography")
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
region_map: DataFile = AppBound("region_map")  # type: ignore[assignment]
geography: DataFile = AppBound("geography")  # type: ignore[assignment]
