"""Opening SQLite connections with the settings every project connection needs."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Queries run while opening (schema, metadata, framework) must finish within this;
# no file, however crafted, can hang an open for longer.
OPEN_TIME_LIMIT = 5.0


def connect(path: Path, *, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection with foreign keys on and untrusted schema off.

    Transactions are managed explicitly (`isolation_level=None`): the store
    issues BEGIN IMMEDIATE / COMMIT so one user action is one transaction.
    `immutable` reads a file on a read-only disk or folder, where SQLite cannot
    create the shared-memory file a WAL database needs for ordinary reading.
    """
    if readonly:
        uri = path.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not readonly:
        # FULL: a commit is on disk before the command is acknowledged, so even a
        # power cut loses no acknowledged edit (WAL keeps the cost to one fsync).
        conn.execute("PRAGMA synchronous = FULL")
    return conn


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float | None = None) -> Iterator[None]:
    """Interrupt any query on `conn` that runs past `seconds` (default OPEN_TIME_LIMIT;
    sqlite3.OperationalError "interrupted"). SQLite calls the handler every 10,000
    virtual-machine steps."""
    deadline = time.monotonic() + (OPEN_TIME_LIMIT if seconds is None else seconds)
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)
