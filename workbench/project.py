"""A project: one .mpw file, opened with a lock, changed only through commands.

    project = Project.open(path)
    project.execute(SetCell(case_id, "compulsory", score=3))   # one transaction
    project.history.undo()
    project.close()

Listeners registered with `subscribe` receive the list of `Change`s of every
command applied or reverted, so views can update only what changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from workbench import __version__
from workbench.commands.base import Change, Command
from workbench.errors import (
    DamagedProjectError,
    NewerVersionError,
    NotAProjectError,
    ProjectError,
)
from workbench.framework import Framework, Mechanism, load_framework, parse_framework
from workbench.history import History
from workbench.lock import ProjectLock
from workbench.settings import Settings, backups_root
from workbench.storage import backup as backups
from workbench.storage.header import read_header
from workbench.storage.schema import APPLICATION_ID, FILE_SUFFIX, SCHEMA, SCHEMA_VERSION
from workbench.storage.store import Store, now_iso
from workbench.storage.upgrades import upgrade

Listener = Callable[[list[Change]], None]


class Project:
    def __init__(self, path: Path, store: Store, lock: ProjectLock | None) -> None:
        self.path = path
        self.store = store
        self.lock = lock
        self.history = History(self)
        self.recovered_from_crash = False
        self.upgraded_from: int | None = None
        self.backup_error: str | None = None
        self.last_backup: backups.BackupInfo | None = None
        self._backup_thread: threading.Thread | None = None
        self._listeners: list[Listener] = []
        self._framework: Framework | None = None
        self.closed = False

    # --- creating and opening --------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path | str, name: str | None = None, framework: Framework | None = None
    ) -> Project:
        """Create a new, empty project file (refuses to overwrite) and open it."""
        path = Path(path)
        if path.suffix != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        if path.exists():
            raise ProjectError(path, "a file with this name exists already")
        if not path.parent.is_dir():
            raise ProjectError(path, "the folder does not exist")
        framework = framework or load_framework()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            _write_new_project(tmp, name or path.stem, framework)
            if path.exists():
                raise ProjectError(path, "a file with this name exists already")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return cls.open(path, backup=False)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        backup: bool = True,
        wait_for_backup: bool = False,
        backup_root: Path | None = None,
        keep_backups: int | None = None,
    ) -> Project:
        """Open for editing. Raises a ProjectError subclass naming the file and problem."""
        path = Path(path)
        _check_header(path)
        lock = ProjectLock(path).acquire()
        store = None
        clean_failure = True
        sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        had_sidecars = [p.exists() for p in sidecars]
        try:
            store = _open_store(path, readonly=False)
            project = cls(path, store, lock)
            if lock.stale:
                project.recovered_from_crash = True
                clean_failure = False
                problems = store.integrity_problems()
                if problems:
                    raise DamagedProjectError(
                        path,
                        "the last session ended unexpectedly and the integrity check found "
                        f"problems ({'; '.join(problems[:2])}). Restore it from a backup.",
                    )
                clean_failure = True
            root = backup_root or backups_root()
            keep = keep_backups or Settings.load().backup_count
            version = store.pragma("user_version")
            if version < SCHEMA_VERSION:
                backups.make_backup(path, root, keep)  # verified copy before any change
                upgrade(store)
                store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                project.upgraded_from = version
            project.framework  # noqa: B018 - validates the stored framework now
            if backup:
                project.start_backup(root, keep, wait=wait_for_backup)
            return project
        except BaseException:
            if store is not None:
                store.close()
            # Leave no trace of a failed open: remove the empty WAL files SQLite made.
            wal = sidecars[0]
            if not any(had_sidecars) and (not wal.exists() or wal.stat().st_size == 0):
                for extra in sidecars:
                    extra.unlink(missing_ok=True)
            lock.release(clean=clean_failure)
            raise

    @classmethod
    def open_readonly(cls, path: Path | str) -> Project:
        """Open without a lock and without any write (for `info`, `check`, exports)."""
        path = Path(path)
        _check_header(path)
        return cls(path, _open_store(path, readonly=True), None)

    def close(self) -> None:
        """Finish any backup, checkpoint the WAL, release the lock. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        if self._backup_thread is not None:
            self._backup_thread.join()
        if not self.store.readonly:
            self.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.store.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- backups -------------------------------------------------------------------

    def start_backup(self, root: Path, keep: int, wait: bool = False) -> None:
        """Back up in a background thread (its own read-only connection)."""

        def run() -> None:
            try:
                self.last_backup = backups.make_backup(self.path, root, keep)
            except (ProjectError, OSError, sqlite3.Error) as exc:
                self.backup_error = str(exc)

        self._backup_thread = threading.Thread(target=run, name="project-backup", daemon=True)
        self._backup_thread.start()
        if wait:
            self._backup_thread.join()

    def wait_for_backup(self) -> None:
        if self._backup_thread is not None:
            self._backup_thread.join()

    def save_copy(self, target: Path) -> None:
        """A consistent copy of the project at `target` (SQLite backup API, atomic rename)."""
        from workbench.atomic import atomic_path

        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise ProjectError(target, "choose a different file than the open project")
        with atomic_path(target) as tmp:
            tmp.unlink()
            backups.copy_database(self.store.conn, tmp)

    # --- metadata ------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.store.meta("name") or self.path.stem

    @property
    def framework(self) -> Framework:
        if self._framework is None:
            raw = self.store.meta("framework")
            if raw is None:
                raise DamagedProjectError(self.path, "the project has no framework definition")
            try:
                data = json.loads(raw)
            except ValueError as exc:
                raise DamagedProjectError(self.path, f"its framework is not JSON: {exc}") from exc
            base = parse_framework(data, f"{self.path} (stored framework)")
            custom = [
                Mechanism(
                    r["id"],
                    r["power_type_id"],
                    r["label"],
                    r["definition"],
                    r["effect"],
                    custom=True,
                )
                for r in self.store.select("mechanism", {"custom": 1}, order_by=["position"])
            ]
            self._framework = base.with_mechanisms(custom)
        return self._framework

    # --- changing --------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def apply(self, command: Command) -> list[Change]:
        """Apply a command in one transaction and notify listeners."""
        with self.store.transaction():
            command.apply(self.store)
        return self._after(command)

    def revert(self, command: Command) -> list[Change]:
        with self.store.transaction():
            command.revert(self.store)
        return self._after(command)

    def execute(self, command: Command) -> list[Change]:
        """Apply a command and put it on the core's undo history."""
        return self.history.push(command)

    def _after(self, command: Command) -> list[Change]:
        changes = command.changes()
        if any(c.entity == "mechanism" for c in changes):
            self._framework = None
        for listener in list(self._listeners):
            listener(changes)
        return changes

    # --- reading ---------------------------------------------------------------------

    def info(self) -> dict:
        fw = self.framework
        return {
            "path": str(self.path),
            "name": self.name,
            "schema_version": self.store.pragma("user_version"),
            "application_version": self.store.meta("app_version"),
            "created": self.store.meta("created"),
            "framework": {
                "id": fw.id,
                "version": fw.version,
                "title": fw.title,
                "mechanisms": len(fw.mechanisms),
            },
            "counts": self.store.counts(),
        }


def _check_header(path: Path) -> None:
    """Refuse a foreign or newer file from its header alone, before SQLite opens it."""
    header = read_header(path)
    if header.application_id != APPLICATION_ID:
        raise NotAProjectError(
            path, "this is an SQLite database, but not a Migration Power Workbench project"
        )
    if header.user_version > SCHEMA_VERSION:
        raise _newer(path, header.user_version)


def _newer(path: Path, version: int) -> NewerVersionError:
    return NewerVersionError(
        path,
        f"it was saved by a newer version of the application (schema {version}; this version "
        f"reads up to {SCHEMA_VERSION}). Update the application to open it.",
    )


def _open_store(path: Path, readonly: bool) -> Store:
    try:
        store = Store.open(path, readonly=readonly)
        if store.pragma("application_id") != APPLICATION_ID:
            store.close()
            raise NotAProjectError(path, "this SQLite database is not a project")
        version = store.pragma("user_version")
        if version > SCHEMA_VERSION:
            store.close()
            raise _newer(path, version)
        store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if store.meta("framework") is None:
            store.close()
            raise DamagedProjectError(path, "the project has no framework definition")
        return store
    except sqlite3.DatabaseError as exc:
        raise DamagedProjectError(path, f"the file is damaged ({exc})") from exc


def _write_new_project(path: Path, name: str, framework: Framework) -> None:
    store = Store.open(path)
    try:
        with store.transaction():
            store.execute_script(SCHEMA)
            store.set_application_id(APPLICATION_ID)
            store.set_user_version(SCHEMA_VERSION)
            store.refresh_schema()
            store.set_meta("name", name)
            store.set_meta("created", now_iso())
            store.set_meta("app_version", __version__)
            store.set_meta("framework", framework.to_json())
            for i, pt in enumerate(framework.power_types):
                store.insert(
                    "power_type",
                    {
                        "id": pt.id,
                        "label": pt.label,
                        "name": pt.name,
                        "row_dim": pt.row,
                        "column_dim": pt.column,
                        "definition": pt.definition,
                        "position": i,
                    },
                )
                for j, m in enumerate(pt.mechanisms):
                    store.insert(
                        "mechanism",
                        {
                            "id": m.id,
                            "power_type_id": pt.id,
                            "label": m.label,
                            "definition": m.definition,
                            "effect": m.effect,
                            "custom": int(m.custom),
                            "position": j,
                        },
                    )
        store.conn.execute("PRAGMA journal_mode = WAL")
    finally:
        store.close()
