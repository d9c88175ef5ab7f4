"""Restoring a project from one of its backups (the current state is kept first), or
saving what can be read of a damaged one into a new project (`salvage`).

Nothing is renamed or replaced before its replacement is completely written:
a full disk during a restore leaves the project exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.errors import DamagedProjectError, ProjectError
from workbench.failures import describe
from workbench.lock import ProjectLock
from workbench.salvage import SalvageReport, salvage
from workbench.settings import backups_root
from workbench.storage import backup as backups

__all__ = ["BackupInfo", "SalvageReport", "available_backups", "restore_backup", "salvage"]

BackupInfo = backups.BackupInfo  # what the window lists, without reaching into storage


@dataclass(frozen=True)
class RestoreResult:
    kept: Path  # where the state before the restore was kept
    damaged: bool  # True when the project could not be read and was moved aside


def available_backups(project: Path, root: Path | None = None) -> list[backups.BackupInfo]:
    return backups.list_backups(project, root or backups_root())


def restore_backup(project: Path, backup: Path, root: Path | None = None) -> RestoreResult:
    """Replace the project's content with `backup`. Refused while the project is open.

    A readable project is first backed up (so a restore can be undone by another
    restore) and then overwritten in one SQLite transaction. A project too damaged
    to read keeps its content under another name, and the backup takes its place.
    A backup that fails for any other reason (a full disk) stops the restore.
    """
    root = root or backups_root()
    problems = backups.verify(backup)
    if problems:
        raise ProjectError(backup, "this backup is damaged: " + "; ".join(problems[:3]))
    try:
        lock = ProjectLock(project).acquire()
    except OSError as exc:
        raise describe(exc, project, "nothing was restored") from exc
    try:
        if not project.exists():
            _write_then_swap(backup, project, aside=None)
            return RestoreResult(project, damaged=False)
        keep = len(backups.list_backups(project, root)) + 1  # rotate nothing out now
        try:
            safety = backups.make_backup(project, root, keep, "safety")
        except DamagedProjectError:
            aside = project.with_name(f"{project.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
            _write_then_swap(backup, project, aside)
            return RestoreResult(aside, damaged=True)
        backups.restore_into(backup, project)
        return RestoreResult(safety.path, damaged=False)
    finally:
        lock.release()


def _write_then_swap(backup: Path, project: Path, aside: Path | None) -> None:
    """Write the backup's copy beside the project; only then put it in its place
    (keeping the old file as `aside`)."""
    tmp = project.with_name(f".{project.name}.restoring")
    leftovers = [tmp.with_name(tmp.name + s) for s in ("", "-journal", "-wal", "-shm")]
    try:
        for path in leftovers:
            path.unlink(missing_ok=True)
        backups.copy_file_as_project(backup, tmp)
    except (sqlite3.Error, OSError) as exc:
        for path in leftovers:
            path.unlink(missing_ok=True)
        raise describe(exc, project, "the project was left as it was") from exc
    try:
        if aside is not None:
            _keep_aside(project, aside)
        os.replace(tmp, project)
    except OSError as exc:
        raise describe(exc, project, "the restored copy is kept as " + tmp.name) from exc


def _keep_aside(project: Path, aside: Path) -> None:
    """The damaged file stays reachable under `aside`; its WAL files go with it (a WAL
    left at the project's name would be applied to the restored file)."""
    try:
        os.link(project, aside)  # both names until the replacement lands: no gap
    except OSError:
        os.replace(project, aside)
    for suffix in ("-wal", "-shm"):
        extra = project.with_name(project.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))
