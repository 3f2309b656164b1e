"""Registre des pratiques du nouvel ambulatoire en santé mentale."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import PROJECT_ROOT, defaults


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application; `test_config` overrides any setting (and INSTANCE_PATH)."""
    test_config = dict(test_config or {})
    instance = test_config.pop("INSTANCE_PATH", None)
    app = Flask(__name__, instance_path=instance, instance_relative_config=True,
                template_folder=str(PROJECT_ROOT / "templates"),
                static_folder=str(PROJECT_ROOT / "static"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(defaults(app.instance_path, need_secret="SECRET_KEY" not in test_config))
    app.config.from_mapping(test_config)

    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    build_index_if_missing(app)
    return app


def register_extensions(app: Flask) -> None:
    from . import models  # noqa: F401 (tables for migrations)
    from .web import i18n, security
    from .extensions import babel, catalog, csrf, db, migrate, search

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    catalog.init_app(app)
    search.init_app(app)
    i18n.init_app(app)
    security.init_app(app)


def register_blueprints(app: Flask) -> None:
    from .web import errors
    from .web.api import documents as api
    from .web.views import (checklist, compare, coverage, evaluations, falc, opendata, pages,
                            search)

    app.register_blueprint(checklist.bp)
    app.register_blueprint(compare.bp)
    app.register_blueprint(coverage.bp)
    app.register_blueprint(opendata.bp)
    app.register_blueprint(evaluations.bp)
    app.register_blueprint(falc.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    pages.init_app(app)
    compare.init_app(app)


def register_commands(app: Flask) -> None:
    from .cli import content_cli, falc_cli, index_cli, translate_cli

    app.cli.add_command(content_cli)
    app.cli.add_command(falc_cli)
    app.cli.add_command(index_cli)
    app.cli.add_command(translate_cli)


def build_index_if_missing(app: Flask) -> None:
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
        from .extensions import catalog
        from .search.indexing import rebuild, record_build

        summary = rebuild(catalog, Path(app.config["REGISTRY_INDEX_DIR"]), only_if_missing=True)
        if summary:
            record_build(summary, "startup")
        state["checked"] = True
