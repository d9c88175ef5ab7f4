"""Schema upgrades, one function per step, walked forward from `PRAGMA user_version`.

Each step runs inside its own transaction and sets the new version as its last
statement, so a failure rolls the file back to the version before the step. The
caller takes a verified backup before the first step. Never edit a published
step: add a new one.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

from workbench.errors import UpgradeError
from workbench.storage.schema import SCHEMA_VERSION
from workbench.storage.store import Store


def _v1_to_v2(store: Store) -> None:
    """Version 2: overlaps between mechanisms, and the work a quoted passage relies on."""
    store.execute_script(
        """
        CREATE TABLE mechanism_overlap (
            id          INTEGER PRIMARY KEY,
            case_id     INTEGER NOT NULL REFERENCES study_case(id),
            mechanism_a TEXT NOT NULL REFERENCES mechanism(id),
            mechanism_b TEXT NOT NULL REFERENCES mechanism(id),
            note        TEXT NOT NULL DEFAULT '',
            CHECK (mechanism_a < mechanism_b),
            UNIQUE (case_id, mechanism_a, mechanism_b)
        );
        ALTER TABLE excerpt ADD COLUMN underlying_source_id INTEGER REFERENCES source(id);
        CREATE INDEX excerpt_underlying ON excerpt(underlying_source_id);
        """
    )


def _v2_to_v3(store: Store) -> None:
    """Version 3: the full-text search index, built from the existing rows."""
    store.execute_script(
        """-- Full-text search over excerpts, notes, memos and case summaries (version 3).
        -- Derived data, kept in sync by the store in the same transaction as each write.
        CREATE TABLE search_ref (
            id            INTEGER PRIMARY KEY,
            ref           TEXT NOT NULL UNIQUE,
            kind          TEXT NOT NULL,
            excerpt_id    INTEGER,
            case_id       INTEGER,
            power_type_id TEXT,
            mechanism_id  TEXT
        );
        CREATE INDEX search_ref_excerpt ON search_ref(excerpt_id) WHERE excerpt_id IS NOT NULL;
        CREATE INDEX search_ref_case ON search_ref(case_id) WHERE case_id IS NOT NULL;
        CREATE VIRTUAL TABLE search_index USING fts5(
            body, tokenize = 'unicode61 remove_diacritics 2'
        );
        """
    )
    store.refresh_schema()
    store.rebuild_search_index()


def _v3_to_v4(store: Store) -> None:
    """Version 4: workshop votes (an empty table)."""
    store.execute_script(
        """-- Workshop votes (version 4): one row per participant's vote on one quadrant of a
        -- case in one session (a workshop's date or name); the median may become the score.
        CREATE TABLE vote (
            id            INTEGER PRIMARY KEY,
            case_id       INTEGER NOT NULL REFERENCES study_case(id),
            power_type_id TEXT NOT NULL REFERENCES power_type(id),
            session       TEXT NOT NULL CHECK (length(trim(session)) > 0),
            score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 4),
            created       TEXT NOT NULL
        );
        CREATE INDEX vote_round ON vote(case_id, power_type_id, session);
        """
    )
    store.refresh_schema()


_V5_GUID_TABLES = ("study_case", "actor", "mechanism_overlap", "source", "excerpt", "vote")


def _v4_to_v5(store: Store) -> None:
    """Version 5: a stable GUID (RFC 4122, version 4) on every row that can leave the
    project, given to the existing rows here and to new rows by the store."""
    for table in _V5_GUID_TABLES:
        store.conn.execute(f"ALTER TABLE {table} ADD COLUMN guid TEXT NOT NULL DEFAULT ''")
        ids = [row[0] for row in store.conn.execute(f"SELECT id FROM {table}")]
        store.conn.executemany(
            f"UPDATE {table} SET guid = ? WHERE id = ?", ((str(uuid.uuid4()), i) for i in ids)
        )
        store.conn.execute(f"CREATE UNIQUE INDEX {table}_guid ON {table}(guid)")
    store.refresh_schema()


STEPS: dict[int, Callable[[Store], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}


def upgrade(store: Store, on_step: Callable[[int, int], None] | None = None) -> list[int]:
    """Bring the project to SCHEMA_VERSION; return the versions passed through."""
    version = store.pragma("user_version")
    passed = []
    while version < SCHEMA_VERSION:
        step = STEPS.get(version)
        if step is None:
            raise UpgradeError(store.path, f"no upgrade is known from schema version {version}")
        try:
            with store.transaction():
                step(store)
                store.set_user_version(version + 1)
                problems = store.foreign_key_problems()
                if problems:
                    raise UpgradeError(store.path, "; ".join(problems[:3]))
        except sqlite3.Error as exc:
            raise UpgradeError(
                store.path, f"upgrade from version {version} failed and was undone: {exc}"
            ) from exc
        store.refresh_schema()
        if on_step:
            on_step(version, version + 1)
        passed.append(version)
        version += 1
    return passed
