"""Registre des pratiques du nouvel ambulatoire en santé mentale.

The package's folders, each one concern, import one way:
`content` → `search`, `checklist`, `insights` → `web`; the app shell (this factory,
`config`, `extensions`, `services`, `models`, `cli`) ties them together.
"""
from __future__ import annotations

from pathlib import Path

from .config import PROJECT_ROOT, defaults


def create_app(test_config: dict | None = None):
    """Build the application; `test_config` overrides any setting (and INSTANCE_PATH)."""
    # Imported here so that `content` and `search` can be used without loading Flask.
    from flask import Flask

    test_config = dict(test_config or {})
    instance = test_config.pop("INSTANCE_PATH", None)
    app = Flask(__name__, instance_path=instance, instance_relative_config=True,
                template_folder=str(PROJECT_ROOT / "templates"),
                static_folder=str(PROJECT_ROOT / "static"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(defaults(app.instance_path,
                                     need_secret="SECRET_KEY" not in test_config))
    app.config.from_mapping(test_config)

    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    build_index_if_missing(app)
    return app


def register_extensions(app) -> None:
    from . import models, services  # noqa: F401 (models: tables for migrations)
    from .extensions import babel, csrf, db, migrate
    from .web import comparison, errors, i18n, security, templating

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    services.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    comparison.init_app(app)


def register_blueprints(app) -> None:
    from .web.api import bp as api
    from .web.views import (
        checklist,
        compare,
        coverage,
        evaluations,
        facile,
        opendata,
        pages,
        search,
    )

    for blueprint in (checklist.bp, compare.bp, coverage.bp, opendata.bp, evaluations.bp,
                      facile.bp, pages.bp, search.bp, api):
        app.register_blueprint(blueprint)
    pages.init_app(app)


def register_commands(app) -> None:
    from .cli import content_cli, falc_cli, index_cli, translate_cli

    for group in (content_cli, falc_cli, index_cli, translate_cli):
        app.cli.add_command(group)


def build_index_if_missing(app) -> None:
    """Web processes only read; the first request builds the index when there is none.

    Done on the first request rather than in the factory so that CLI commands
    (`flask db upgrade`, `flask index build`) do not build an index they do not need.
    """
    if not app.config["REGISTRY_BUILD_INDEX_ON_START"]:
        return
    state = {"checked": False}

    @app.before_request
    def ensure_index():
        if state["checked"]:
            return
        from .models import IndexBuild
        from .search import rebuild
        from .services import catalog

        summary = rebuild(catalog, Path(app.config["REGISTRY_INDEX_DIR"]), only_if_missing=True)
        if summary:
            IndexBuild.record(summary, "startup")
        state["checked"] = True
