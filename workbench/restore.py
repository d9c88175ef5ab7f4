"""Restoring a project from one of its backups (the current state is kept first)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.errors import ProjectError
from workbench.lock import ProjectLock
from workbench.settings import backups_root
from workbench.storage import backup as backups


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
    to read is renamed aside, untouched, and the backup copied into its place.
    """
    root = root or backups_root()
    problems = backups.verify(backup)
    if problems:
        raise ProjectError(backup, "this backup is damaged: " + "; ".join(problems[:3]))
    lock = ProjectLock(project).acquire()
    try:
        if not project.exists():
            _copy_into_place(backup, project)
            return RestoreResult(project, damaged=False)
        keep = len(backups.list_backups(project, root)) + 1  # rotate nothing out now
        try:
            safety = backups.make_backup(project, root, keep)
        except (ProjectError, sqlite3.DatabaseError):
            aside = _move_aside(project)
            _copy_into_place(backup, project)
            return RestoreResult(aside, damaged=True)
        backups.restore_into(backup, project)
        return RestoreResult(safety.path, damaged=False)
    finally:
        lock.release()


def _move_aside(project: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = project.with_name(f"{project.name}.damaged-{stamp}")
    os.replace(project, aside)
    for suffix in ("-wal", "-shm"):
        extra = project.with_name(project.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))
    return aside


def _copy_into_place(backup: Path, project: Path) -> None:
    tmp = project.with_name(f".{project.name}.restoring")
    tmp.unlink(missing_ok=True)
    backups.copy_file_as_project(backup, tmp)
    os.replace(tmp, project)
