"""Shared fixtures: apps built by the factory on temporary instance folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry import create_app
from tests.support import (
    FIXTURE_CONTENT,
    REAL_CONTENT,
    app_config,
    build_real_index,
    dispose_database,
    fresh_database,
    reset_database,
)


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Path:
    """One read-only index of the shipped content for the whole session: apps on the real
    content read it instead of each building their own."""
    return build_real_index(tmp_path_factory.mktemp("real-index"))


@pytest.fixture
def make_app(tmp_path, real_index):
    """Factory: an app on `content_dir` with its own instance folder and database.

    Apps on the shipped content share the session's index unless `own_index` is set
    (for tests that build, update or break an index)."""
    apps = []

    def build(content_dir: Path = REAL_CONTENT, migrate: bool = True, own_index: bool = False,
              **config):
        instance = tmp_path / f"instance{len(apps)}"
        shared = content_dir == REAL_CONTENT and not own_index
        app = create_app(app_config(instance, content_dir, real_index if shared else None,
                                    **config))
        if migrate:
            fresh_database(app)
        else:
            with app.app_context():
                reset_database()
        apps.append(app)
        return app

    yield build
    for app in apps:
        dispose_database(app)


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
def make_app_module(tmp_path_factory, real_index):
    """One app on the real content for a whole module of read-only page tests."""
    instance = tmp_path_factory.mktemp("module-app") / "instance"
    app = create_app(app_config(instance, REAL_CONTENT, real_index))
    fresh_database(app)
    yield app
    dispose_database(app)


def pytest_terminal_summary(terminalreporter):
    """The relevance set's figures, when its test ran (see tests/search/test_relevance.py)."""
    import sys

    modules = [m for name, m in list(sys.modules.items()) if name.endswith("test_relevance")]
    metrics = next((m.METRICS for m in modules if getattr(m, "METRICS", None)), None)
    if metrics:
        terminalreporter.write_sep("-", "search relevance")
        terminalreporter.write_line(
            f"{metrics['queries']} queries, {metrics['judged']} judged: "
            f"precision@3 {metrics['precision@3']:.3f}, nDCG@10 {metrics['nDCG@10']:.3f}")
