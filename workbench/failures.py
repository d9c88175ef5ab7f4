"""Turning SQLite and operating-system failures into a sentence about the file.

Used by the core, the command line and the window alike (one error path).

A full disk, a read-only mount or an I/O error each have their own words: a
user who is told "the file is damaged" when the disk is full may restore a
backup over a healthy project.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path

from workbench.errors import (
    DamagedProjectError,
    DiskFullError,
    ProjectError,
    ReadOnlyLocationError,
    StorageIOError,
    WorkbenchError,
)

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_READONLY = 8
_SQLITE_INTERRUPT = 9
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

# What reading or writing a project file may raise besides the core's own errors.
STORAGE_ERRORS = (sqlite3.Error, OSError)

DISK_FULL = "the disk is full (or its quota is used up)"
READ_ONLY = "the file or its folder is read-only"
IO_ERROR = "an input/output error occurred (the disk or network drive may be failing)"


def describe(exc: BaseException, path: Path | str, doing: str = "") -> WorkbenchError:
    """The ProjectError subclass (with a plain sentence) for a failure on `path`.

    `doing` names the action ("the change was not saved") and ends the sentence.
    A WorkbenchError is returned unchanged: it already speaks to the user.
    """
    if isinstance(exc, WorkbenchError):
        return exc
    tail = f"; {doing}" if doing else ""
    if isinstance(exc, OSError):
        target = exc.filename or path
        code = exc.errno
        if code in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(target, DISK_FULL + tail)
        if code == errno.EROFS:
            return ReadOnlyLocationError(target, "the disk is mounted read-only" + tail)
        if code in (errno.EACCES, errno.EPERM):
            return ReadOnlyLocationError(
                target, "permission denied (the file or its folder is read-only)" + tail
            )
        if code == errno.EIO:
            return StorageIOError(target, IO_ERROR + tail)
        if code == errno.ENOENT:
            return ProjectError(target, "the file or its folder does not exist" + tail)
        return StorageIOError(target, f"{exc.strerror or exc}{tail}")
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        text = str(exc).lower()
        if code == _SQLITE_FULL or "disk is full" in text:
            return DiskFullError(path, DISK_FULL + tail)
        if code == _SQLITE_READONLY or "readonly" in text or "read-only" in text:
            return ReadOnlyLocationError(path, READ_ONLY + tail)
        io_or_open = code in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "disk i/o error" in text
        if io_or_open and _no_room_beside(path):
            # SQLite reports a shared-memory or journal file it could not make as an
            # I/O error; with no room on the disk the cause is the full disk.
            return DiskFullError(path, DISK_FULL + tail)
        if code == _SQLITE_IOERR or "disk i/o error" in text:
            return StorageIOError(path, IO_ERROR + tail)
        if code == _SQLITE_CANTOPEN or "unable to open" in text:
            return StorageIOError(
                path, "the file cannot be opened (its folder may be missing or read-only)" + tail
            )
        if code == _SQLITE_INTERRUPT or "interrupted" in text:
            return DamagedProjectError(
                path, "reading it took too long and was stopped (it may be crafted)" + tail
            )
        schema = _MALFORMED_SCHEMA.search(str(exc))
        if schema:
            return DamagedProjectError(
                path,
                f"the schema object '{schema['name']}' cannot be read "
                f"({schema['why'] or 'it does not parse'}): the "
                f"file is damaged or crafted{tail}",
            )
        unsafe = _UNSAFE.search(str(exc))
        if unsafe:
            return DamagedProjectError(
                path,
                f"a view or trigger in it was refused: it uses {unsafe['what']}, which a "
                "project never does (it may be crafted); 'workbench check' names the objects "
                f"that do not belong{tail}",
            )
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
            return DamagedProjectError(path, f"the file is damaged ({exc}){tail}")
        return ProjectError(path, f"the database reported: {exc}{tail}")
    return ProjectError(path, f"{type(exc).__name__}: {exc}{tail}")


# SQLite's words for a schema entry it cannot parse, and for what trusted_schema=OFF
# refuses inside a view or trigger; both are turned into a sentence naming the object.
_MALFORMED_SCHEMA = re.compile(r"malformed database schema \((?P<name>[^)]*)\)(?: - (?P<why>.*))?")
_UNSAFE = re.compile(r"unsafe use of (?P<what>.+)")

# Less free space than SQLite's shared-memory file of a WAL project (32 KiB) needs.
_TOO_LITTLE_ROOM = 64 * 1024


def _no_room_beside(path: Path | str) -> bool:
    """True when the disk holding `path` has (almost) no space left for this user."""
    folder = Path(path).parent
    try:
        stats = os.statvfs(folder)
    except (AttributeError, OSError):
        return False  # no statvfs (Windows) or no folder: nothing known
    return stats.f_bavail * stats.f_frsize < _TOO_LITTLE_ROOM
