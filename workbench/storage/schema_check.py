"""Comparing a file's schema with the exact objects its schema version may hold.

SQLite runs whatever a file's schema says: a trigger fires on our own UPDATE, a
view named like one of our tables runs its query when we read it, and
`trusted_schema=OFF` does not stop either. So before any query touches a
project's tables, its `sqlite_master` is read (a plain table read, which runs
nothing) and every table, index, trigger and view is compared, by normalised
SQL, with the objects the application creates for that version.

The expected objects are derived rather than listed: each version's creation
DDL (schema.py) is run in an in-memory database and walked forward with the
real upgrade steps, so a file created at version 1 and upgraded has exactly
the SQL that SQLite's ALTER TABLE left in it, and no list can go stale.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.storage.schema import CREATION_SCHEMAS, SCHEMA_VERSION

Object = tuple[str, str, str, str]  # (type, name, table, normalised sql)

# Written by SQLite itself (ANALYZE from `PRAGMA optimize`); their text is fixed.
_SQLITE_OWN = {
    ("table", "sqlite_stat1", "sqlite_stat1", "create table sqlite_stat1 ( tbl , idx , stat )"),
    (
        "table",
        "sqlite_stat4",
        "sqlite_stat4",
        "create table sqlite_stat4 ( tbl , idx , neq , nlt , ndlt , sample )",
    ),
}


@dataclass(frozen=True)
class SchemaProblem:
    """One object that differs from the expected schema."""

    kind: str  # "foreign" (extra object), "changed" or "missing"
    type: str
    name: str

    @property
    def repairable(self) -> bool:
        return self.kind == "foreign"

    def __str__(self) -> str:
        if self.kind == "foreign":
            return f"{self.type} '{self.name}' is not part of a project's schema"
        if self.kind == "changed":
            return f"{self.type} '{self.name}' differs from a project's definition"
        return f"{self.type} '{self.name}' is missing"


def normalise(sql: str | None) -> str:
    """SQL as a sequence of tokens: comments dropped, whitespace collapsed, words
    lower-cased; quoted strings and identifiers kept exactly."""
    if sql is None:
        return ""
    tokens: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch.isspace():
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch in "'\"`[":
            close = "]" if ch == "[" else ch
            j = i + 1
            while j < n:
                if sql[j] == close:
                    if close != "]" and j + 1 < n and sql[j + 1] == close:
                        j += 2  # a doubled quote inside the literal
                        continue
                    break
                j += 1
            tokens.append(sql[i : j + 1])
            i = j + 1
        elif ch.isalnum() or ch == "_":
            j = i
            while j < n and (sql[j].isalnum() or sql[j] in "_$"):
                j += 1
            tokens.append(sql[i:j].lower())
            i = j
        else:
            two = sql[i : i + 2]
            if two in ("<>", "<=", ">=", "==", "!=", "||", "<<", ">>"):
                tokens.append(two)
                i += 2
            else:
                tokens.append(ch)
                i += 1
    return " ".join(tokens)


def read_objects(conn: sqlite3.Connection) -> set[Object]:
    """Every schema object of a connection's main database, normalised."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall()
    return {(r[0], r[1], r[2], normalise(r[3])) for r in rows}


def _build(version: int, created_at: int) -> set[Object]:
    # Imported here: the upgrade steps need the store, which needs this package.
    from workbench.storage.store import Store
    from workbench.storage.upgrades import STEPS

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        store = Store(conn, Path(":memory:"))
        store.execute_script(CREATION_SCHEMAS[created_at])
        store.refresh_schema()
        for step_from in range(created_at, version):
            STEPS[step_from](store)
            store.refresh_schema()
        return read_objects(conn)
    finally:
        conn.close()


_cache: dict[tuple, list[set[Object]]] = {}


def expected_schemas(version: int) -> list[set[Object]]:
    """The object sets a file of `version` may have: one per version it may have been
    created at (created then upgraded leaves different SQL than created directly)."""
    from workbench.storage.upgrades import STEPS

    key = (version, tuple(id(step) for step in STEPS.values()))
    if key not in _cache:
        variants: list[set[Object]] = []
        for created_at in sorted(CREATION_SCHEMAS):
            if created_at <= version:
                built = _build(version, created_at)
                if built not in variants:
                    variants.append(built)
        _cache[key] = variants
    return _cache[key]


def schema_problems(conn: sqlite3.Connection, version: int) -> list[SchemaProblem]:
    """Differences between the file's schema and the closest expected one (empty: sound)."""
    if not 1 <= version <= SCHEMA_VERSION:
        return [SchemaProblem("changed", "schema", f"version {version}")]
    found = read_objects(conn) - _SQLITE_OWN
    best: list[SchemaProblem] | None = None
    for expected in expected_schemas(version):
        problems = _compare(found, expected)
        if best is None or len(problems) < len(best):
            best = problems
        if not problems:
            return []
    return best or []


def _compare(found: set[Object], expected: set[Object]) -> list[SchemaProblem]:
    by_name = {(o[0], o[1]): o for o in expected}
    found_names = {(o[0], o[1]) for o in found}
    problems = []
    for obj in sorted(found - expected, key=lambda o: o[1]):
        kind = "changed" if (obj[0], obj[1]) in by_name else "foreign"
        problems.append(SchemaProblem(kind, obj[0], obj[1]))
    for type_, name in sorted(set(by_name) - found_names, key=lambda o: o[1]):
        problems.append(SchemaProblem("missing", type_, name))
    return problems


def drop_foreign(conn: sqlite3.Connection, problems: list[SchemaProblem]) -> list[str]:
    """Drop the foreign objects (in the caller's transaction); return what was dropped.

    Triggers and views go first, so dropping a table never fires or breaks anything.
    Names come from the file, so they are quoted as identifiers, never spliced raw.
    """
    order = {"trigger": 0, "view": 1, "index": 2, "table": 3}
    dropped = []
    for problem in sorted(problems, key=lambda p: order.get(p.type, 9)):
        if not problem.repairable or problem.type not in order:
            continue
        quoted = '"' + problem.name.replace('"', '""') + '"'
        conn.execute(f"DROP {problem.type.upper()} IF EXISTS main.{quoted}")
        dropped.append(f"{problem.type} '{problem.name}'")
    return dropped
