"""Opening SQLite connections with the settings every project connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with foreign keys on and untrusted schema off.

    Transactions are managed explicitly (`isolation_level=None`): the store
    issues BEGIN IMMEDIATE / COMMIT so one user action is one transaction.
    """
    if readonly:
        uri = path.resolve().as_uri() + "?mode=ro"
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
