"""Shared fixtures: apps built by the factory on temporary instance folders."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from registry import create_app
from registry.config import PROJECT_ROOT
from registry.extensions import db

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
REAL_CONTENT = PROJECT_ROOT / "content"


def database_url(tmp_path: Path) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file in tmp_path."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1)
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


def reset_database() -> None:
    """Drop every table (and Alembic's bookkeeping) so each app starts empty."""
    db.session.remove()
    engine = db.engine
    db.drop_all()
    with engine.begin() as conn:
        if "alembic_version" in inspect(conn).get_table_names():
            conn.execute(text("DROP TABLE alembic_version"))


@pytest.fixture
def make_app(tmp_path):
    """Factory: an app on `content_dir` with its own instance folder, DB and index."""
    apps = []

    def build(content_dir: Path = REAL_CONTENT, migrate: bool = True, **config):
        instance = tmp_path / f"instance{len(apps)}"
        app = create_app({
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": str(instance),
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
            "REGISTRY_CONTENT_DIR": str(content_dir),
            "REGISTRY_INDEX_DIR": str(instance / "index"),
            "WTF_CSRF_ENABLED": False,
            **config,
        })
        with app.app_context():
            reset_database()
            if migrate:
                from flask_migrate import upgrade

                upgrade(directory=str(PROJECT_ROOT / "migrations"))
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            reset_database()
            db.engine.dispose()


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the fixture content, for tests that break files."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def fixture_app(make_app):
    return make_app(FIXTURE_CONTENT)


@pytest.fixture
def app(make_app):
    """The app on the real, shipped content."""
    return make_app(REAL_CONTENT)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="module")
def make_app_module(tmp_path_factory):
    """One app on the real content for a whole module of read-only page tests."""
    tmp_path = tmp_path_factory.mktemp("module-app")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
        "REGISTRY_CONTENT_DIR": str(REAL_CONTENT),
        "REGISTRY_INDEX_DIR": str(tmp_path / "instance" / "index"),
        "WTF_CSRF_ENABLED": False,
    })
    with app.app_context():
        reset_database()
        from flask_migrate import upgrade

        upgrade(directory=str(PROJECT_ROOT / "migrations"))
    yield app
    with app.app_context():
        reset_database()
        db.engine.dispose()
