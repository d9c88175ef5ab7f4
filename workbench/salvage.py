"""Saving what is still readable of a damaged project into a new project file.

Each table is read row by row, from its start until a damaged page stops the
reading, then from its end back to the damage, so the rows on both sides of a
damaged page are kept. Rows that refer to a row that was lost (an evidence link
to a lost excerpt) are left out, and the report says how many. The damaged file
is only read; the new file is written beside its name and put in place when
complete and checked.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workbench.atomic import atomic_path
from workbench.errors import DamagedProjectError, ForeignSchemaError, ProjectError
from workbench.failures import STORAGE_ERRORS, describe
from workbench.progress import Progress, no_progress
from workbench.project import open_store_unchecked
from workbench.storage import search_index
from workbench.storage.backup import IDENTITY_KEY
from workbench.storage.connection import connect, time_limit
from workbench.storage.schema import APPLICATION_ID, KEYS, SCHEMA, SCHEMA_VERSION
from workbench.storage.schema_check import schema_problems

# Reading one table of a crafted file must not hang the salvage (seconds).
TABLE_TIME_LIMIT = 60.0


@dataclass
class SalvageReport:
    target: Path
    saved: dict[str, int] = field(default_factory=dict)  # rows kept, per table
    unreadable: list[str] = field(default_factory=list)  # tables whose reading hit damage
    dropped: dict[str, int] = field(default_factory=dict)  # rows referring to lost rows

    @property
    def complete(self) -> bool:
        return not self.unreadable and not self.dropped

    def lines(self) -> list[str]:
        out = [f"Saved the readable part into {self.target}:"]
        labels = {
            "study_case": "cases",
            "source": "sources",
            "excerpt": "excerpts",
            "evidence_link": "evidence links",
            "actor": "actors",
            "vote": "workshop votes",
        }
        for table, label in labels.items():
            out.append(f"  {label:<15} {self.saved.get(table, 0)}")
        for table in self.unreadable:
            out.append(f"  not all of '{table}' could be read (a damaged part was skipped)")
        for table, count in self.dropped.items():
            out.append(f"  left out {count} row(s) of '{table}' that referred to rows lost")
        if self.complete:
            out.append("  every row could be read")
        return out


def salvage(source: Path, target: Path, progress: Progress = no_progress) -> SalvageReport:
    """Write what can be read of the project `source` into the new project `target`
    (`progress` is told of each table read)."""
    source, target = Path(source), Path(target)
    if target.exists():
        raise ProjectError(target, "a file with this name exists already; choose a new name")
    if not target.parent.is_dir():
        raise ProjectError(target, "its folder does not exist; nothing was saved")
    if target.resolve() == source.resolve():
        raise ProjectError(target, "choose a different file than the damaged project")
    store = open_store_unchecked(source, readonly=True)
    try:
        conn = store.conn
        with time_limit(conn):
            version = store.pragma("user_version")
            problems = schema_problems(conn, version)
        if version != SCHEMA_VERSION:
            raise ProjectError(
                source,
                f"it has schema version {version}; only a project of version "
                f"{SCHEMA_VERSION} can be salvaged. Restore it from a backup instead",
            )
        if problems:
            raise ForeignSchemaError(
                source,
                f"its schema is not a project's ({problems[0]}); nothing was read. "
                "'workbench check --repair' can remove objects that do not belong",
            )
        report = SalvageReport(target)
        try:
            with atomic_path(target) as tmp:
                tmp.unlink()
                try:
                    _write(conn, tmp, report, source, progress)
                finally:
                    tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
        except (sqlite3.Error, OSError) as exc:
            raise describe(exc, target, "nothing was saved") from exc
        return report
    finally:
        store.close()


def _write(
    source: sqlite3.Connection,
    tmp: Path,
    report: SalvageReport,
    named: Path,
    progress: Progress,
) -> None:
    dest = connect(tmp)
    try:
        dest.execute("PRAGMA foreign_keys = OFF")  # rows come in table order; checked after
        dest.execute("BEGIN")
        for statement in _statements(SCHEMA):
            dest.execute(statement)
        dest.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        dest.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for n, table in enumerate(KEYS):
            progress(n, len(KEYS) + 1)  # the last step: the search index and the checks
            columns = [r[1] for r in dest.execute(f"PRAGMA table_info({table})")]
            rows, complete = _readable_rows(source, table)
            if not complete:
                report.unreadable.append(table)
            present = set(rows[0].keys()) if rows else set()
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            dest.executemany(
                f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})",
                ([row[c] if c in present else None for c in columns] for row in rows),
            )
        framework = dest.execute("SELECT value FROM meta WHERE key = 'framework'").fetchone()
        if framework is None:
            raise DamagedProjectError(
                named,
                "its framework definition cannot be read, so no project can be made from "
                "it. Restore it from a backup",
            )
        # A new file: a new identity (its backups are its own).
        dest.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            (IDENTITY_KEY, uuid.uuid4().hex),
        )
        _drop_dangling(dest, report, named)
        progress(len(KEYS), len(KEYS) + 1)
        search_index.rebuild(dest)
        for table in KEYS:
            report.saved[table] = dest.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        dest.execute("COMMIT")
        dest.execute("PRAGMA foreign_keys = ON")
        if dest.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise DamagedProjectError(named, "the saved rows do not agree with each other")
        checked = [r[0] for r in dest.execute("PRAGMA integrity_check")]
        if checked != ["ok"]:
            raise DamagedProjectError(named, "the saved copy failed its integrity check")
        dest.execute("PRAGMA journal_mode = WAL")
    finally:
        dest.close()


def _readable_rows(source: sqlite3.Connection, table: str) -> tuple[list[sqlite3.Row], bool]:
    """The rows of `table` that can be read, and whether that is all of them."""
    key = KEYS[table]
    order = ", ".join(f"{k} DESC" for k in key)
    seen: dict[tuple, sqlite3.Row] = {}
    complete = True
    for sql in (f"SELECT * FROM {table}", f"SELECT * FROM {table} ORDER BY {order}"):
        try:
            with time_limit(source, TABLE_TIME_LIMIT):
                for row in _rows(source.execute(sql)):
                    seen.setdefault(tuple(row[k] for k in key), row)
        except STORAGE_ERRORS:
            complete = False
            continue
        if complete:
            break  # read whole from the start: no need to read it backwards
    return list(seen.values()), complete


def _rows(cursor: sqlite3.Cursor) -> Iterator[sqlite3.Row]:
    while (row := cursor.fetchone()) is not None:
        yield row


def _drop_dangling(dest: sqlite3.Connection, report: SalvageReport, named: Path) -> None:
    """Leave out rows referring to rows that were lost, until none is left (a lost case
    takes its cells along, a lost excerpt its evidence links)."""
    while True:
        found = dest.execute("PRAGMA foreign_key_check").fetchall()
        if not found:
            return
        before = sum(report.dropped.values())
        for table, rowid, _parent, _fk in found:
            if rowid is None:  # WITHOUT ROWID tables: by their key instead
                continue
            dest.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
            report.dropped[table] = report.dropped.get(table, 0) + 1
        _drop_dangling_without_rowid(dest, report, {t for t, r, _p, _f in found if r is None})
        if sum(report.dropped.values()) == before:
            raise DamagedProjectError(named, "the readable rows could not be made to agree")


def _drop_dangling_without_rowid(
    dest: sqlite3.Connection, report: SalvageReport, tables: set[str]
) -> None:
    for table in tables:
        for fk in dest.execute(f"PRAGMA foreign_key_list({table})").fetchall():
            parent, child_col, parent_col = fk[2], fk[3], fk[4] or "id"
            gone = dest.execute(
                f"DELETE FROM {table} WHERE {child_col} IS NOT NULL AND {child_col} NOT IN "
                f"(SELECT {parent_col} FROM {parent})"
            ).rowcount
            if gone:
                report.dropped[table] = report.dropped.get(table, 0) + gone


def _statements(script: str) -> list[str]:
    from workbench.storage.store import _split_sql

    return _split_sql(script)
