"""Database set-up: connection options, SQLite pragmas, and what counts as the database
being unavailable (as opposed to a bug)."""
from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# Errors that mean "the database cannot be reached or used now": down, unreachable,
# locked for too long, out of connections. Not integrity errors or programming errors.
UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)
SQLITE_BUSY_MS = 5000


def engine_options(uri: str) -> dict:
    """Check a pooled connection before use, so that a database restarted behind a
    running worker costs no failed request."""
    return {"pool_pre_ping": True} if not uri.startswith("sqlite") else {}


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite under threads (`gunicorn --threads`): readers do not block the writer (WAL),
    and a writer waits for the lock instead of failing with « database is locked »."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()
