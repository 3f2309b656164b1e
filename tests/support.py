"""What every test app shares: where content lives, which database, which settings.

One helper builds the configuration of every test app (pytest fixtures, the module
and session apps, the browser tests' live server), so a new setting is added once.
"""
from __future__ import annotations

import contextlib
import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

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
    one is given) index; CSRF and rate limits off, TESTING on, unless overridden."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "INSTANCE_PATH": str(instance),
        "SQLALCHEMY_DATABASE_URI": database or database_url(instance.parent),
        "REGISTRY_CONTENT_DIR": str(content),
        "REGISTRY_INDEX_DIR": str(index or instance / "index"),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,  # tests that are about limits turn them on
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


class Outage:
    """Takes a test app's database down and brings it back, as an operator's outage would:
    PostgreSQL behind a loopback TCP relay that stops (connections cut, new ones refused);
    SQLite by moving away the folder that holds the file."""

    def __init__(self, folder: Path):
        self.folder = folder
        url = os.environ.get("TEST_DATABASE_URL")
        self.relay = _Relay(url) if url else None

    @property
    def database(self) -> str:
        if self.relay:
            return self.relay.url
        (self.folder / "db").mkdir(exist_ok=True)
        return f"sqlite:///{self.folder / 'db' / 'registry.sqlite'}"

    def down(self, app) -> None:
        if self.relay:
            self.relay.stop()
        else:
            (self.folder / "db").rename(self.folder / "db-away")
            with app.app_context():  # pooled SQLite connections keep the old file open
                from registry.extensions import db

                db.engine.dispose()

    def up(self) -> None:
        if self.relay:
            self.relay.start()
        else:
            (self.folder / "db-away").rename(self.folder / "db")


class _Relay:
    """A TCP relay on 127.0.0.1 to the PostgreSQL server of TEST_DATABASE_URL."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        credentials = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
        self.url = url.replace(parts.netloc, f"{credentials}127.0.0.1:{self.port}")
        self.url = self.url.replace("postgresql://", "postgresql+psycopg://", 1)
        self._server: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self.start()

    def start(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(16)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _addr = server.accept()
            except OSError:
                return  # stopped
            upstream = socket.create_connection(self.target, timeout=5)
            self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # wakes the thread blocked in accept()
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self._sockets = []
