"""Write tests/fixtures/project_v2.mpw: a project in schema version 2, from the frozen DDL.

The rows are those of tests/fixtures/project_v4.mpw (written by the version-4
application: cases, actors, sources, excerpts, links, overlaps and votes), limited to
the tables and columns version 2 has, so the upgrade tests compare like with like.
Run only to recreate the fixture:

    python tools/make_fixtures.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.storage.schemas.v2 import DDL as SCHEMA_V2  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
APPLICATION_ID = 0x4D505742


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def write_v2(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target), isolation_level=None)
    dest.execute("PRAGMA foreign_keys = ON")
    dest.execute("BEGIN")
    for statement in SCHEMA_V2.split(";\n"):
        if statement.strip():
            dest.execute(statement)
    dest.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    dest.execute("PRAGMA user_version = 2")
    # parents before children, so the foreign keys hold on every insert
    tables = [
        r[0]
        for r in dest.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
    ]
    for table in tables:
        columns = [c for c in _columns(dest, table) if c in _columns(src, table)]
        names = ", ".join(columns)
        rows = src.execute(f"SELECT {names} FROM {table}").fetchall()
        marks = ", ".join("?" for _ in columns)
        dest.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    dest.execute("UPDATE meta SET value = '0.2.0' WHERE key = 'app_version'")
    dest.execute("COMMIT")
    dest.close()
    src.close()


def main() -> None:
    write_v2(FIXTURES / "project_v4.mpw", FIXTURES / "project_v2.mpw")
    print("wrote", FIXTURES / "project_v2.mpw")


if __name__ == "__main__":
    main()
