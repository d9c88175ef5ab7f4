"""Each schema version's DDL is frozen in a module of its own, and each upgrade step holds
its own DDL: old files written by earlier versions match their version's text exactly, and
every version upgraded step by step ends with the tables and indexes of a new file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from workbench.storage import schemas
from workbench.storage.schema import SCHEMA, SCHEMA_VERSION
from workbench.storage.schema_check import normalise, read_objects
from workbench.storage.store import Store
from workbench.storage.upgrades import STEPS


def _objects_from(ddl: str) -> set:
    conn = sqlite3.connect(":memory:")
    conn.executescript(ddl)
    try:
        return read_objects(conn)
    finally:
        conn.close()


def _shape(conn: sqlite3.Connection) -> dict[str, list[str] | str]:
    """Tables with their columns (names and declared types, any order), and indexes."""
    shape: dict[str, list[str] | str] = {}
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master"):
        if kind == "table" and not name.startswith("search_index_"):
            shape[name] = sorted(
                f"{r[1]} {r[2]}" for r in conn.execute(f"PRAGMA table_info({name})")
            )
        elif kind == "index" and not name.startswith("sqlite_autoindex"):
            shape[name] = kind
    return shape


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_a_file_an_earlier_version_wrote_matches_its_frozen_ddl(version):
    conn = sqlite3.connect(f"{(FIXTURES / f'project_v{version}.mpw').as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        written = {o for o in read_objects(conn) if not o[1].startswith("sqlite_")}
        frozen = _objects_from(schemas.CREATION_SCHEMAS[version])
        assert written == {o for o in frozen if not o[1].startswith("sqlite_")}
    finally:
        conn.close()


@pytest.mark.parametrize("created_at", sorted(schemas.CREATION_SCHEMAS))
def test_every_version_upgraded_step_by_step_has_the_shape_of_a_new_file(created_at):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    store = Store(conn, Path(":memory:"))
    store.execute_script(schemas.CREATION_SCHEMAS[created_at])
    store.refresh_schema()
    for version in range(created_at, SCHEMA_VERSION):
        STEPS[version](store)
        store.refresh_schema()
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(SCHEMA)
    upgraded, new = _shape(conn), _shape(fresh)
    # same columns and indexes; the SQL text differs (ALTER TABLE appends columns)
    assert upgraded == new
    conn.close()
    fresh.close()


def test_the_versions_are_consecutive_and_each_has_an_upgrade_step():
    versions = sorted(schemas.CREATION_SCHEMAS)
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert sorted(STEPS) == versions[:-1]
    assert schemas.CREATION_SCHEMAS[SCHEMA_VERSION] == SCHEMA


def test_no_version_is_derived_from_another():
    """Slices or sums of the live text would change an old version with the next table."""
    texts = [normalise(ddl) for ddl in schemas.CREATION_SCHEMAS.values()]
    assert len(set(texts)) == len(texts)
    folder = Path(schemas.__file__).parent
    for version in schemas.CREATION_SCHEMAS:
        source = (folder / f"v{version}.py").read_text(encoding="utf-8")
        assert "import" not in source and source.count('DDL = """') == 1
