"""Backups through SQLite's online backup API, verified before old ones are rotated out.

A project's backups live in one folder named after the project and its identity
(the `project_id` kept in its metadata), so a moved, renamed or copied file finds
them; a listing beside the backups folder (`backups.places`) names the paths
each folder's project was seen at, so a file too damaged to tell its identity
still finds them. Projects made before
identities existed use a folder named after a hash of their path.

What is kept: the newest openings (`keep`), as many of the other backups (taken at
creation, before an import, during a long session), and the newest of each day of
the last two weeks.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from workbench.errors import BackupVerificationError, DamagedProjectError, ProjectError
from workbench.failures import describe
from workbench.storage.connection import connect, time_limit
from workbench.storage.schema import APPLICATION_ID

_STAMP = "%Y-%m-%d %H-%M-%S-%f"  # microseconds: several backups in one second stay ordered
_NAME = re.compile(r"^(?P<stamp>\d{4}-\d\d-\d\d \d\d-\d\d-\d\d-\d{6})(?: (?P<kind>[a-z]+))?\.mpw$")
IDENTITY_KEY = "project_id"  # the meta key holding a project's identity
PLACES = ".places"  # beside the root: a folder's name, TAB, a path its project was at
DAILY_DAYS = 14  # one backup per day is kept for this many days
# Why each backup was taken, as the restore list says it.
KINDS = {
    "opening": "at opening",
    "created": "at creation",
    "import": "before an import",
    "session": "during the session",
    "safety": "before a restore or repair",
    "upgrade": "before an upgrade",
}
# What an interrupted backup leaves: the unfinished copy and SQLite's journal of it.
_LEFTOVER = re.compile(r"\.partial(-journal|-wal|-shm)?$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    size: int
    kind: str = "opening"

    @property
    def label(self) -> str:
        why = KINDS.get(self.kind, self.kind)
        return f"{self.taken:%Y-%m-%d %H:%M:%S}  {why}  ({self.size / 1024:,.0f} KiB)"


def _path_folder(root: Path, project: Path) -> Path:
    digest = hashlib.sha1(str(project.resolve()).encode()).hexdigest()[:10]
    return root / f"{project.stem}-{digest}"


def _identity_tag(identity: str) -> str:
    return "id" + hashlib.sha1(identity.encode()).hexdigest()[:12]


def backup_folder(root: Path, project: Path, identity: str | None = None) -> Path:
    """The folder new backups of `project` go to: named after its identity when it has
    one (`identity`, else read from the file), else after a hash of its full path."""
    identity = identity or read_identity(project)
    if identity is None:
        return _path_folder(root, project)
    tag = _identity_tag(identity)
    for existing in sorted(root.glob(f"*-{tag}")) if root.is_dir() else []:
        if existing.is_dir():
            return existing  # the first name it was backed up under, also after a rename
    return root / f"{project.stem}-{tag}"


def read_identity(project: Path) -> str | None:
    """The identity stored in a project file, or None (an older or unreadable file)."""
    # Without a -wal file the main file alone is the project: read it as immutable, so
    # no -shm/-wal file is left beside it. The identity never changes once written.
    wal = project.with_name(project.name + "-wal")
    try:
        conn = connect(project, readonly=True, immutable=not wal.exists())
    except (sqlite3.Error, OSError):
        return None
    try:
        with time_limit(conn, 2.0):
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
        return str(row[0]) if row and row[0] else None
    except (sqlite3.Error, OSError):
        return None
    finally:
        conn.close()


def backup_folders(root: Path, project: Path) -> list[Path]:
    """Every folder holding backups of `project`: by identity, by path, and those that
    list its place (found even when the file is too damaged to tell its identity)."""
    identity = read_identity(project)
    folders = [backup_folder(root, project, identity), _path_folder(root, project)]
    if identity is None:  # unreadable: what was backed up from this place (newest last)
        place = str(project.resolve())
        folders += [root / name for name, seen in _places(root) if seen == place][-1:]
    return [f for f in dict.fromkeys(folders) if f.is_dir()]


def _places(root: Path) -> list[tuple[str, str]]:
    """(folder name, project path) pairs of the places listing."""
    try:
        lines = _places_file(root).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [tuple(line.split("\t", 1)) for line in lines if "\t" in line]  # type: ignore[misc]


def _places_file(root: Path) -> Path:
    return root.with_name(root.name + PLACES)  # outside: the root holds only folders


def _remember_place(folder: Path, project: Path) -> None:
    entry = (folder.name, str(project.resolve()))
    if entry not in _places(folder.parent):
        with _places_file(folder.parent).open("a", encoding="utf-8") as fh:
            fh.write("\t".join(entry) + "\n")


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


def make_backup(project: Path, root: Path, keep: int, kind: str = "opening") -> BackupInfo:
    """Back up `project` into its folder under `root` and rotate old backups out (see
    the module's docstring; `keep` is how many openings are kept).

    Reads through its own read-only connection, so it can run in a background
    thread while the user keeps editing. A backup that fails verification is
    removed and no old backup is rotated out.
    """
    folder = root
    try:
        folder = backup_folder(root, project)
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(folder)
        suffix = "" if kind == "opening" else f" {kind}"
        taken = datetime.now()
        while (folder / f"{taken:{_STAMP}}{suffix}.mpw").exists():
            taken = datetime.now()
        target = folder / f"{taken:{_STAMP}}{suffix}.mpw"
        partial = target.with_name(f"{taken:{_STAMP}}.partial")
        try:
            source = connect(project, readonly=True)
            try:
                copy_database(source, partial)
            finally:
                source.close()
            problems = verify(partial)
            if not problems:
                partial.rename(target)
                _remember_place(folder, project)
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
    for old in to_rotate_out(list_backups(project, root), keep, taken):
        old.path.unlink(missing_ok=True)
    return BackupInfo(target, taken, target.stat().st_size, kind)


def to_rotate_out(found: list[BackupInfo], keep: int, now: datetime) -> list[BackupInfo]:
    """Of `found` (newest first), those no longer kept: beyond the newest `keep`
    openings, the newest `keep` others and the newest of each of the last 14 days."""
    kept: set[Path] = set()
    openings = [b for b in found if b.kind == "opening"]
    others = [b for b in found if b.kind != "opening"]
    kept.update(b.path for b in openings[:keep] + others[:keep])
    days: set[object] = set()
    for backup in found:
        day = backup.taken.date()
        if now - backup.taken <= timedelta(days=DAILY_DAYS) and day not in days:
            days.add(day)
            kept.add(backup.path)
    return [b for b in found if b.path not in kept]


def remove_leftovers(folder: Path) -> None:
    """Delete what earlier, interrupted backups left (the caller holds the project's lock)."""
    for path in folder.iterdir():
        if _LEFTOVER.search(path.name):
            path.unlink(missing_ok=True)


def _discard(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def list_backups(project: Path, root: Path) -> list[BackupInfo]:
    """Backups of `project` (found by its identity, its path or a place listed), newest
    first."""
    found = []
    for folder in backup_folders(root, project):
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                taken = datetime.strptime(match["stamp"], _STAMP)
                kind = match["kind"] or "opening"
                found.append(BackupInfo(path, taken, path.stat().st_size, kind))
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
