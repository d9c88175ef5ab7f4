"""A project: one .mpw file, opened with a lock, changed only through commands.

    project = Project.open(path)
    project.execute(SetCell(case_id, "compulsory", score=3))   # one transaction
    project.history.undo()
    project.close()

Listeners registered with `subscribe` receive the typed events (`workbench.changes`)
of every command applied or reverted, so views can update only what changed.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from workbench import __version__
from workbench.changes import ChangeEvent, events_from
from workbench.commands.base import Change, Command
from workbench.errors import (
    BackupVerificationError,
    DamagedProjectError,
    ForeignSchemaError,
    NewerVersionError,
    NotAProjectError,
    OlderSchemaError,
    ProjectError,
    ProjectReadOnlyError,
    ReadOnlyLocationError,
)
from workbench.failures import describe
from workbench.framework import Framework, load_framework, parse_framework
from workbench.history import History
from workbench.lock import ProjectLock
from workbench.settings import Settings, backups_root
from workbench.storage import backup as backups
from workbench.storage.connection import time_limit
from workbench.storage.header import existing_size, read_header
from workbench.storage.schema import APPLICATION_ID, FILE_SUFFIX, SCHEMA, SCHEMA_VERSION
from workbench.storage.schema_check import schema_problems
from workbench.storage.store import Store, now_iso
from workbench.storage.upgrades import upgrade

Listener = Callable[[list[ChangeEvent]], None]

# A long session is backed up again after this much time with edits (seconds).
SESSION_BACKUP_INTERVAL = 30 * 60


class Project:
    def __init__(self, path: Path, store: Store, lock: ProjectLock | None) -> None:
        self.path = path
        self.store = store
        self.lock = lock
        self.history = History(self)
        self.recovered_from_crash = False
        self.upgraded_from: int | None = None
        self.backup_error: str | None = None
        # Why edits are refused (read-only file or folder, damage found); None: editable.
        self.read_only_reason: str | None = None
        # What damage was found (at open, or by the opening backup's verification).
        self.damaged: str | None = None
        self.last_backup: backups.BackupInfo | None = None
        self._backup_thread: threading.Thread | None = None
        self.backup_root: Path | None = None  # None: the user data folder's
        self.keep_backups: int | None = None  # None: from the settings
        self._last_backup_started = time.monotonic()
        self._edited_since_backup = False
        self._listeners: list[Listener] = []
        self._framework: Framework | None = None
        self.closed = False

    # --- creating and opening --------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        name: str | None = None,
        framework: Framework | None = None,
        *,
        backup: bool = False,
    ) -> Project:
        """Create a new, empty project file (refuses to overwrite) and open it; with
        `backup`, its first backup is taken in the background (a user's new project)."""
        path = Path(path)
        if path.suffix != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        if path.exists():
            raise ProjectError(path, "a file with this name exists already")
        if not path.parent.is_dir():
            raise ProjectError(path, "the folder does not exist")
        framework = framework or load_framework()
        tmp: Path | None = None
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            tmp = Path(tmp_name)
            _write_new_project(tmp, name or path.stem, framework)
            if path.exists():
                raise ProjectError(path, "a file with this name exists already")
            os.replace(tmp, path)
        except (sqlite3.Error, OSError) as exc:
            raise describe(exc, path, "the project was not created") from exc
        finally:
            if tmp is not None:
                for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                    leftover.unlink(missing_ok=True)
        project = cls.open(path, backup=False)
        if backup:
            project.start_backup(kind="created")
        return project

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        backup: bool = True,
        wait_for_backup: bool = False,
        backup_root: Path | None = None,
        keep_backups: int | None = None,
        allow_read_only: bool = False,
    ) -> Project:
        """Open for editing. Raises a ProjectError subclass naming the file and problem.

        A file that cannot be written (read-only file, folder or disk) or that fails
        SQLite's quick_check is refused, or, with `allow_read_only`, opened read-only
        with `read_only_reason` (and `damaged`) saying why: edits are then refused.
        """
        path = Path(path)
        _check_header(path)
        reason = read_only_reason(path)
        if reason is not None:
            if not allow_read_only:
                raise ReadOnlyLocationError(path, f"{reason}, so it cannot be opened for editing")
            return cls._open_for_reading(path, reason)
        try:
            lock = ProjectLock(path).acquire()
        except OSError as exc:
            raise describe(exc, path, "the project was not opened") from exc
        store = None
        clean_failure = True
        sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        had_sidecars = [p.exists() for p in sidecars]
        damage: str | None = None
        try:
            store = _open_store(path, readonly=False)
            project = cls(path, store, lock)
            if lock.stale:
                project.recovered_from_crash = True
                clean_failure = False
                problems = store.integrity_problems()
                if problems:
                    damage = (
                        "the last session ended unexpectedly and the integrity check found "
                        f"problems ({'; '.join(problems[:2])})"
                    )
                else:
                    clean_failure = True
            else:
                problems = store.integrity_problems(quick=True)
                if problems:
                    damage = f"the integrity check found problems ({'; '.join(problems[:2])})"
            if damage is not None:
                if not allow_read_only:
                    raise DamagedProjectError(path, f"{damage}. Restore it from a backup.")
                raise _OpenReadOnly(damage)
            root = backup_root or backups_root()
            keep = keep_backups or Settings.load().backup_count
            project.backup_root, project.keep_backups = root, keep
            version = store.pragma("user_version")
            if version < SCHEMA_VERSION:
                backups.make_backup(path, root, keep, "upgrade")  # verified copy first
                upgrade(store)
                store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                project.upgraded_from = version
            with time_limit(store.conn):
                project.framework  # noqa: B018 - validates the stored framework now
            if backup:
                project.start_backup(root, keep, wait=wait_for_backup)
            return project
        except BaseException as exc:
            if store is not None:
                store.close()
            # Leave no trace of a failed open: remove the empty WAL files SQLite made.
            wal = sidecars[0]
            if not any(had_sidecars) and existing_size(wal) == 0:
                for extra in sidecars:
                    extra.unlink(missing_ok=True)
            lock.release(clean=clean_failure)
            if isinstance(exc, _OpenReadOnly):
                project = cls._open_for_reading(path, "it is damaged")
                project.damaged = exc.damage
                return project
            if isinstance(exc, (sqlite3.Error, OSError)):
                raise describe(exc, path, "the project was not opened") from exc
            raise

    @classmethod
    def _open_for_reading(cls, path: Path, reason: str) -> Project:
        project = cls.open_readonly(path, any_version=True)
        version = project.store.pragma("user_version")
        if version < SCHEMA_VERSION:  # the views read the current schema only
            project.close()
            raise ReadOnlyLocationError(
                path,
                f"{reason}, and it must first be upgraded from schema version {version}, "
                "which needs to write it. Copy it to a writable folder and open the copy",
            )
        project.read_only_reason = reason
        return project

    @classmethod
    def open_readonly(cls, path: Path | str, any_version: bool = False) -> Project:
        """Open without a lock and without any write (for `info`, `check`, exports).

        The read layer reads the current schema: a file of an earlier version is refused
        with the way to upgrade it, unless `any_version` (what `info` shows needs no row).
        """
        path = Path(path)
        project = cls(path, _open_store(path, readonly=True), None)
        version = project.store.pragma("user_version")
        if not any_version and version < SCHEMA_VERSION:
            project.close()
            raise OlderSchemaError(
                path,
                f"it was written by an earlier version (schema version {version}, this one "
                f"reads {SCHEMA_VERSION}) and is read only once upgraded: run "
                f"'workbench upgrade {path}' (a verified backup is taken first) or open it "
                "once in the application, then try again",
            )
        return project

    def read_transaction(self) -> AbstractContextManager[Store]:
        """Reads that must agree with each other (a chart, an export): one state, whatever
        another process commits meanwhile."""
        return self.store.read_transaction()

    def close(self) -> None:
        """Finish any backup, checkpoint the WAL, release the lock. Safe to call twice,
        and never raises: a checkpoint that fails (full disk, read-only folder) leaves
        the committed changes in the WAL, where the next open finds them."""
        if self.closed:
            return
        self.closed = True
        if self._backup_thread is not None:
            self._backup_thread.join()
        try:
            if not self.store.readonly:
                self.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        finally:
            self.store.close()
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- backups -------------------------------------------------------------------

    def _backup_place(self) -> tuple[Path, int]:
        root = self.backup_root or backups_root()
        keep = self.keep_backups or Settings.load().backup_count
        return root, keep

    def checkpoint(self) -> bool:
        """Write the committed changes from the -wal file into the project file itself,
        without waiting for anyone (a passive checkpoint), so that a copy of the .mpw
        file alone holds them. True when it does; never raises."""
        if self.closed or self.store.readonly or self.store.in_transaction:
            return False
        try:
            busy, frames, done = self.store.conn.execute(
                "PRAGMA wal_checkpoint(PASSIVE)"
            ).fetchone()
        except sqlite3.Error:
            return False  # a full or failing disk: the changes stay safe in the WAL
        return busy == 0 and frames == done

    def start_backup(
        self,
        root: Path | None = None,
        keep: int | None = None,
        wait: bool = False,
        kind: str = "opening",
    ) -> None:
        """Back up in a background thread (its own read-only connection)."""
        default_root, default_keep = self._backup_place()
        root, keep = root or default_root, keep or default_keep
        self.wait_for_backup()
        self.checkpoint()
        self._last_backup_started = time.monotonic()
        self._edited_since_backup = False

        def run() -> None:
            try:
                self.last_backup = backups.make_backup(self.path, root, keep, kind)
            except BackupVerificationError as exc:
                # The copy is page for page the project: the project itself is damaged.
                # Stop editing it (earlier backups stay, none was rotated out).
                self.backup_error = str(exc)
                self.damaged = exc.problem
                self.read_only_reason = "it is damaged"
            except (ProjectError, OSError, sqlite3.Error) as exc:
                self.backup_error = str(describe(exc, self.path, "no backup was taken"))

        self._backup_thread = threading.Thread(target=run, name="project-backup", daemon=True)
        self._backup_thread.start()
        if wait:
            self._backup_thread.join()

    def backup_if_due(self, interval: float | None = None) -> bool:
        """In a long session, a backup once `interval` seconds (SESSION_BACKUP_INTERVAL)
        have passed since the last one and something was edited meanwhile. True when one
        was started."""
        interval = SESSION_BACKUP_INTERVAL if interval is None else interval
        due = time.monotonic() - self._last_backup_started >= interval
        if self.closed or self.read_only or not self._edited_since_backup or not due:
            return False
        if self.backup_running:
            return False
        self.start_backup(kind="session")
        return True

    def _backup_before(self, command: Command) -> None:
        """A verified backup before a command that brings in others' edits (an import)."""
        self.wait_for_backup()
        root, keep = self._backup_place()
        self.checkpoint()
        try:
            self.last_backup = backups.make_backup(self.path, root, keep, "import")
        except (sqlite3.Error, OSError, ProjectError) as exc:
            error = describe(exc, self.path, "")
            if not isinstance(error, ProjectError):
                raise error from exc
            raise type(error)(
                error.path, f"{error.problem}; no backup could be taken, so nothing was imported"
            ) from exc

    @property
    def backup_running(self) -> bool:
        return self._backup_thread is not None and self._backup_thread.is_alive()

    def wait_for_backup(self) -> None:
        if self._backup_thread is not None:
            self._backup_thread.join()

    def save_copy(self, target: Path) -> None:
        """A consistent copy of the project at `target` (SQLite backup API, atomic rename)."""
        from workbench.atomic import atomic_path

        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise ProjectError(target, "choose a different file than the open project")
        try:
            with atomic_path(target) as tmp:
                tmp.unlink()
                try:
                    backups.copy_database(self.store.conn, tmp)
                finally:
                    tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
        except (sqlite3.Error, OSError) as exc:
            raise describe(exc, target, "the copy was not saved") from exc

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
            base = parse_framework(data, f"{self.path} (stored framework)", stored=True)
            self.store.remembered("score_labels", lambda: base.score_labels)
            self._framework = base.from_tables(
                self.store.select("power_type", order_by=["position"]),
                self.store.select("mechanism", order_by=["custom", "position"]),
            )
        return self._framework

    # --- changing --------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """`listener(events)` after every command applied or reverted; returns the call
        that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None or self.store.readonly

    def apply(self, command: Command) -> list[Change]:
        """Apply a command in one transaction and notify listeners.

        A write the disk refuses (full, read-only, I/O error) is rolled back and
        raised as a ProjectError subclass whose sentence names the file and problem.
        """
        self._refuse_if_read_only()
        if command.backup_first:
            self._backup_before(command)
        try:
            with self.store.transaction():
                command.apply(self.store)
        except (sqlite3.Error, OSError) as exc:
            raise describe(exc, self.path, "the change was not saved") from exc
        return self._after(command)

    def revert(self, command: Command) -> list[Change]:
        self._refuse_if_read_only()
        try:
            with self.store.transaction():
                command.revert(self.store)
        except (sqlite3.Error, OSError) as exc:
            raise describe(exc, self.path, "the change was not undone") from exc
        return self._after(command)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            reason = self.read_only_reason or "it was opened for reading only"
            raise ProjectReadOnlyError(
                self.path, f"the project is open read-only ({reason}); nothing was changed"
            )

    def execute(self, command: Command) -> list[Change]:
        """Apply a command and put it on the core's undo history."""
        return self.history.push(command)

    def _after(self, command: Command) -> list[Change]:
        self._edited_since_backup = True
        changes = command.changes()
        if any(c.entity == "mechanism" for c in changes):
            self._framework = None
        events = events_from(changes)
        for listener in list(self._listeners):
            # The change is committed: a view that fails to show it must not make the
            # caller believe otherwise (undo history and file would disagree).
            try:
                listener(events)
            except Exception:  # logged; the other listeners still run
                logging.getLogger("workbench").error("a view failed to follow", exc_info=True)
        return changes

    # --- reading ---------------------------------------------------------------------

    def damage_found(self) -> str | None:
        """What SQLite's quick_check finds wrong, in a few words (None: sound)."""
        if self.damaged:
            return self.damaged
        problems = self.store.integrity_problems(quick=True)
        if not problems:
            return None
        return f"the integrity check found problems ({'; '.join(problems[:2])})"

    def info(self) -> dict:
        with self.store.read_transaction():
            return self._info()

    def _info(self) -> dict:
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


class _OpenReadOnly(Exception):
    """Inside Project.open: damage found; reopen the file for reading only."""

    def __init__(self, damage: str) -> None:
        super().__init__(damage)
        self.damage = damage


def read_only_reason(path: Path) -> str | None:
    """Why the project cannot be written here, or None when it can."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "the disk it is on is mounted read-only"
    except (AttributeError, OSError):
        pass  # no statvfs (Windows): the access checks below still apply
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return "its folder is read-only"
    return None


def _connect_store(path: Path, readonly: bool) -> Store:
    try:
        return Store.open(path, readonly=readonly)
    except sqlite3.OperationalError:
        wal = path.with_name(path.name + "-wal")
        if not readonly or read_only_reason(path) is None:
            raise
        if existing_size(wal) > 0:
            raise ReadOnlyLocationError(
                path,
                "its folder is read-only and its journal (-wal file) holds changes not yet "
                "written into it; copy both files to a writable folder to open it",
            ) from None
        # A WAL project in a read-only place: SQLite cannot make its shared-memory
        # file, but nobody can write there either, so the file can be read as is.
        return Store.open(path, readonly=True, immutable=True)


def open_store_unchecked(path: Path, readonly: bool) -> Store:
    """A store on a project file whose header, application id and version are checked,
    but not yet its schema (for `check` and its repair, which report the schema)."""
    _check_header(path)
    store = None
    try:
        store = _connect_store(path, readonly)
        with time_limit(store.conn):
            if store.pragma("application_id") != APPLICATION_ID:
                raise NotAProjectError(path, "this SQLite database is not a project")
            version = store.pragma("user_version")
            if version > SCHEMA_VERSION:
                raise _newer(path, version)
        return store
    except BaseException as exc:
        if store is not None:
            store.close()
        error = _translated(exc, path)
        if error is exc:
            raise
        raise error from exc


def _translated(exc: BaseException, path: Path) -> BaseException:
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        described = describe(exc, path)  # names a schema object SQLite could not read
        if isinstance(described, DamagedProjectError):
            return described
        return DamagedProjectError(path, f"the file is damaged ({exc})")
    if isinstance(exc, (sqlite3.Error, OSError)):
        return describe(exc, path, "the project was not opened")
    return exc


def _open_store(path: Path, readonly: bool) -> Store:
    """Connect, then check the schema before any query touches a table or view."""
    store = open_store_unchecked(path, readonly)
    try:
        with time_limit(store.conn):
            version = store.pragma("user_version")
            problems = schema_problems(store.conn, version)
            if problems:
                listed = "; ".join(str(p) for p in problems[:3])
                more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
                raise ForeignSchemaError(
                    path,
                    f"its schema is not a project's: {listed}{more}. It was refused "
                    "unopened; 'workbench check --repair' can remove objects that do "
                    "not belong",
                )
            store.refresh_schema()
            if store.meta("framework") is None:
                raise DamagedProjectError(path, "the project has no framework definition")
        return store
    except BaseException as exc:
        store.close()
        error = _translated(exc, path)
        if error is exc:
            raise
        raise error from exc


def _write_new_project(path: Path, name: str, framework: Framework) -> None:
    store = Store.open(path)
    try:
        with store.transaction():
            store.execute_script(SCHEMA)
            store.set_application_id(APPLICATION_ID)
            store.set_user_version(SCHEMA_VERSION)
            store.refresh_schema()
            store.set_meta("name", name)
            store.set_meta(backups.IDENTITY_KEY, uuid.uuid4().hex)
            store.set_meta("created", now_iso())
            store.set_meta("app_version", __version__)
            store.set_meta("framework", framework.structure_json())
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
