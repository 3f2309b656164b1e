"""Database: migrations match the models; index builds are recorded."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from registry.extensions import db
from registry.models import IndexBuild
from tests.support import FIXTURE_CONTENT


def test_migrations_from_empty_match_the_models(make_app):
    app = make_app(FIXTURE_CONTENT)  # make_app applies every migration to an empty database
    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert {"index_build", "alembic_version"} <= tables


def test_index_build_is_recorded(make_app):
    app = make_app(FIXTURE_CONTENT)
    result = app.test_cli_runner().invoke(args=["index", "build"])
    assert result.exit_code == 0, result.output
    assert "index built: 8 documents" in result.output  # 7 pages and 1 easy-to-read text
    with app.app_context():
        build = db.session.scalars(select(IndexBuild)).one()
    assert build.document_count == 8 and build.trigger == "cli"
    assert len(build.content_hash) == 64


def test_first_request_builds_a_missing_index_and_records_it(make_app):
    app = make_app(FIXTURE_CONTENT)
    assert app.test_client().get("/recherche?q=logement").status_code == 200
    with app.app_context():
        triggers = db.session.scalars(select(IndexBuild.trigger)).all()
    assert triggers == ["startup"]


def test_index_build_refuses_broken_content(make_app, content_copy):
    (content_copy / "glossaire" / "ipa.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    app = make_app(content_copy)
    result = app.test_cli_runner().invoke(args=["index", "build"])
    assert result.exit_code == 1
    assert "content/glossaire/ipa.md:line" in result.output
    assert "index not built" in result.output


def test_the_configured_database_is_the_one_used(make_app):
    """TEST_DATABASE_URL really switches the suite to PostgreSQL."""
    import os

    app = make_app(FIXTURE_CONTENT)
    expected = "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
    with app.app_context():
        assert db.engine.dialect.name == expected


def test_concurrent_writers_do_not_see_database_is_locked(make_app):
    """8 threads creating evaluations at once, as `gunicorn --threads 8` would: on SQLite
    the writers wait for the lock (busy_timeout, WAL) instead of failing."""
    import threading

    app = make_app(FIXTURE_CONTENT)
    failures, statuses = [], []

    def create(worker: int) -> None:
        client = app.test_client()
        for i in range(10):
            try:
                response = client.post("/numerique/evaluer", data={
                    "tool_name": f"Outil {worker}-{i}", "category": "information"})
                statuses.append(response.status_code)
            except Exception as exc:  # TESTING lets a 500's exception reach the test
                failures.append(repr(exc))

    threads = [threading.Thread(target=create, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == [] and statuses == [302] * 80
    with app.app_context():
        from registry.models import Evaluation

        assert db.session.query(Evaluation).count() == 80
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
