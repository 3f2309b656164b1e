"""What every test app shares: where content lives, which database, which settings.

One helper builds the configuration of every test app (pytest fixtures, the module
and session apps, the browser tests' live server), so a new setting is added once.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import inspect, text

from registry.config import PROJECT_ROOT

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
REAL_CONTENT = PROJECT_ROOT / "content"
MIGRATIONS = PROJECT_ROOT / "migrations"


def database_url(folder: Path) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file in `folder`."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1)
    return f"sqlite:///{folder / 'test.sqlite'}"


def app_config(instance: Path, content: Path = REAL_CONTENT, index: Path | None = None,
               database: str | None = None, **overrides) -> dict:
    """The settings of a test app: its own instance folder, database and (unless a shared
    one is given) index; CSRF off and TESTING on unless overridden."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "INSTANCE_PATH": str(instance),
        "SQLALCHEMY_DATABASE_URI": database or database_url(instance.parent),
        "REGISTRY_CONTENT_DIR": str(content),
        "REGISTRY_INDEX_DIR": str(index or instance / "index"),
        "WTF_CSRF_ENABLED": False,
        **overrides,
    }


def reset_database() -> None:
    """Drop every table (and Alembic's bookkeeping) so the app starts empty."""
    from registry.extensions import db

    db.session.remove()
    db.drop_all()
    with db.engine.begin() as conn:
        if "alembic_version" in inspect(conn).get_table_names():
            conn.execute(text("DROP TABLE alembic_version"))


def fresh_database(app) -> None:
    """An empty database at the latest migration, for `app`."""
    from flask_migrate import upgrade

    with app.app_context():
        reset_database()
        upgrade(directory=str(MIGRATIONS))


def dispose_database(app) -> None:
    from registry.extensions import db

    with app.app_context():
        reset_database()
        db.engine.dispose()


def build_real_index(folder: Path) -> Path:
    """The search index of the shipped content, built once (tests only read it)."""
    from registry import create_app
    from registry.search import rebuild
    from registry.services import catalog

    app = create_app(app_config(folder / "instance",
                                database=f"sqlite:///{folder / 'unused.sqlite'}"))
    index = folder / "index"
    with app.app_context():
        rebuild(catalog, index)
    return index
