"""Schema upgrades, one function per step, walked forward from `PRAGMA user_version`.

Each step runs inside its own transaction and sets the new version as its last
statement, so a failure rolls the file back to the version before the step. The
caller takes a verified backup before the first step. Never edit a published
step: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from workbench.errors import UpgradeError
from workbench.storage.schema import SCHEMA_VERSION, SEARCH_SCHEMA, VOTE_SCHEMA
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
    store.execute_script(SEARCH_SCHEMA)
    store.refresh_schema()
    store.rebuild_search_index()


def _v3_to_v4(store: Store) -> None:
    """Version 4: workshop votes (an empty table)."""
    store.execute_script(VOTE_SCHEMA)
    store.refresh_schema()


STEPS: dict[int, Callable[[Store], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


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
