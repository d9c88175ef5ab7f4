"""Backups through SQLite's online backup API, verified before old ones are rotated out."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.errors import BackupVerificationError, DamagedProjectError, ProjectError
from workbench.failures import describe
from workbench.storage.connection import connect
from workbench.storage.schema import APPLICATION_ID

_STAMP = "%Y-%m-%d %H-%M-%S-%f"  # microseconds: several backups in one second stay ordered
_NAME = re.compile(r"^(?P<stamp>\d{4}-\d\d-\d\d \d\d-\d\d-\d\d-\d{6})\.mpw$")
# What an interrupted backup leaves: the unfinished copy and SQLite's journal of it.
_LEFTOVER = re.compile(r"\.partial(-journal|-wal|-shm)?$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    size: int

    @property
    def label(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M:%S}  ({self.size / 1024:,.0f} KiB)"


def backup_folder(root: Path, project: Path) -> Path:
    """One folder per project, named after it and a hash of its full path."""
    digest = hashlib.sha1(str(project.resolve()).encode()).hexdigest()[:10]
    return root / f"{project.stem}-{digest}"


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database page by page with the backup API (consistent snapshot)."""
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def copy_file_as_project(source: Path, target: Path) -> None:
    """Copy a (backup) file to `target` with the backup API and switch it to WAL."""
    conn = connect(source, readonly=True)
    try:
        copy_database(conn, target)
    finally:
        conn.close()
    dest = sqlite3.connect(str(target))
    try:
        dest.execute("PRAGMA journal_mode = WAL")
    finally:
        dest.close()


def verify(path: Path) -> list[str]:
    """Integrity problems of a backup file (empty list when it is sound)."""
    conn = connect(path, readonly=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            rows.append("not a project file")
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def make_backup(project: Path, root: Path, keep: int) -> BackupInfo:
    """Back up `project` into its folder under `root`; keep the newest `keep` backups.

    Reads through its own read-only connection, so it can run in a background
    thread while the user keeps editing. A backup that fails verification is
    removed and no old backup is rotated out.
    """
    folder = backup_folder(root, project)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(folder)
        taken = datetime.now()
        while (folder / f"{taken:{_STAMP}}.mpw").exists():
            taken = datetime.now()
        target = folder / f"{taken:{_STAMP}}.mpw"
        partial = target.with_suffix(".partial")
        try:
            source = connect(project, readonly=True)
            try:
                copy_database(source, partial)
            finally:
                source.close()
            problems = verify(partial)
            if not problems:
                partial.rename(target)
        except BaseException:
            _discard(partial)
            raise
    except (sqlite3.Error, OSError) as exc:
        error = describe(exc, folder, "no backup was taken")
        if isinstance(error, DamagedProjectError):  # the source could not be read
            error = describe(exc, project, "no backup was taken")
        raise error from exc
    if problems:
        _discard(partial)
        raise BackupVerificationError(
            project, "the backup failed verification: " + "; ".join(problems[:3])
        )
    for old in list_backups(project, root)[keep:]:
        old.path.unlink(missing_ok=True)
    return BackupInfo(target, taken, target.stat().st_size)


def remove_leftovers(folder: Path) -> None:
    """Delete what earlier, interrupted backups left (the caller holds the project's lock)."""
    for path in folder.iterdir():
        if _LEFTOVER.search(path.name):
            path.unlink(missing_ok=True)


def _discard(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def list_backups(project: Path, root: Path) -> list[BackupInfo]:
    """Backups of `project`, newest first."""
    folder = backup_folder(root, project)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match["stamp"], _STAMP)
            found.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def restore_into(backup: Path, project: Path) -> None:
    """Replace the content of `project` by `backup`, atomically (one SQLite transaction).

    The caller holds the project's lock and has backed up the current state.
    """
    problems = verify(backup)
    if problems:
        raise ProjectError(backup, "this backup is damaged: " + "; ".join(problems[:3]))
    source = connect(backup, readonly=True)
    try:
        dest = connect(project)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = WAL")
        finally:
            dest.close()
    except (sqlite3.Error, OSError) as exc:
        raise describe(exc, project, "the project was left as it was") from exc
    finally:
        source.close()
