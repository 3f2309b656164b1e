"""Registre des pratiques du nouvel ambulatoire en santé mentale.

The package's folders, each one concern, import one way:
`content` → `search`, `checklist`, `insights` → `web`; the app shell (this factory,
`config`, `extensions`, `services`, `models`, `cli`) ties them together.
"""
from __future__ import annotations

from pathlib import Path

from .config import PROJECT_ROOT, defaults
from .database import engine_options


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
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS",
                          engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    configure_proxy(app)

    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    prepare_search(app)
    return app


def configure_proxy(app) -> None:
    """Behind a TLS proxy: trust its forwarded headers (REGISTRY_PROXY_COUNT), and with an
    https base address send cookies over https only (HSTS: `web/security`)."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    count = app.config["REGISTRY_PROXY_COUNT"]
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count,
                                x_prefix=count)
    if (app.config["REGISTRY_BASE_URL"] or "").startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"


def register_extensions(app) -> None:
    from . import models, services  # noqa: F401 (models: tables for migrations)
    from .accounts import models as account_models  # noqa: F401
    from .accounts.service import load_user
    from .extensions import babel, csrf, db, limiter, login_manager, migrate
    from .mail import models as mail_models  # noqa: F401
    from .proposals import models as proposal_models  # noqa: F401
    from .rereading import models as rereading_models  # noqa: F401
    from .web import comparison, errors, forms, i18n, logs, security, templating, urls

    logs.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "account.login"
    login_manager.session_protection = "strong"
    services.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    comparison.init_app(app)
    forms.init_app(app)
    urls.init_app(app)


def register_blueprints(app) -> None:
    from .web.api import bp as api
    from .web.views import (
        account,
        checklist,
        compare,
        corrections,
        coverage,
        edition,
        editorial,
        evaluations,
        facile,
        opendata,
        ops,
        pages,
        proposals,
        rereader,
        rereadings,
        search,
    )

    for blueprint in (checklist.bp, compare.bp, coverage.bp, opendata.bp, evaluations.bp,
                      facile.bp, pages.bp, search.bp, ops.bp, api, account.bp, edition.bp,
                      rereadings.bp, rereader.bp, proposals.bp,
                      editorial.bp, corrections.bp):
        app.register_blueprint(blueprint)
    pages.init_app(app)


def register_commands(app) -> None:
    from .accounts.cli import users_cli
    from .cli import content_cli, falc_cli, index_cli, translate_cli
    from .mail.cli import mail_cli

    for group in (content_cli, falc_cli, index_cli, translate_cli, users_cli, mail_cli):
        app.cli.add_command(group)


def prepare_search(app) -> None:
    """Open the search index before the first request is answered (or when a gunicorn
    worker starts: `gunicorn.conf.py`), building it when it is missing or unusable (a new
    install, a corrupt index).

    Not in the factory itself, so that CLI commands (`flask db upgrade`, `flask index
    build`) do not open or build an index they do not need. A failure is logged and
    leaves search unavailable (503) while every other page is served; the service
    reopens the index once a good one is in place.
    """
    app.extensions["search_prepared"] = False

    @app.before_request
    def open_search_index():
        if not app.extensions["search_prepared"]:
            open_search(app)


def open_search(app) -> None:
    """Open (or build, then open) the index once per process; see `prepare_search`."""
    if app.extensions.get("search_prepared"):
        return
    app.extensions["search_prepared"] = True  # whatever happens: not retried per request
    from .models import IndexBuild
    from .search import rebuild
    from .services import catalog, search

    with app.app_context():
        if search.status() is None or not app.config["REGISTRY_BUILD_INDEX_ON_START"]:
            return
        try:
            summary = rebuild(catalog, Path(app.config["REGISTRY_INDEX_DIR"]),
                              only_if_missing=True, usable=lambda _d: search.status() is None)
        except Exception:
            app.logger.exception("search index: building it at start-up failed")
            return
        if summary:
            IndexBuild.record(summary, "startup")
        search.status()  # open the new index now, not on the first search
