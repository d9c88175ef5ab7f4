"""One process at a time per project: an OS-level lock on a file beside the project.

The operating system drops the lock when the process dies, so a crash never
leaves the project locked; the lock file's leftover content tells us the last
session ended uncleanly, which triggers an integrity check.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime, timezone
from pathlib import Path

from workbench.errors import ProjectLockedError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path_for(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


class ProjectLock:
    """Exclusive lock on a project; `stale` is true when a crashed session left it."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.path = lock_path_for(project)
        self._fd: int | None = None
        self.stale = False
        self.previous_holder: dict | None = None

    def acquire(self) -> ProjectLock:
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                who = ""
                if holder:
                    who = f" (process {holder.get('pid')} on {holder.get('host')})"
                raise ProjectLockedError(
                    self.project,
                    f"the project is already open in another window or program{who}. "
                    "Close it there first.",
                )
            # The previous holder may have unlinked the file between our open and lock.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            holder = _read_holder(fd)
            self.stale = holder is not None
            self.previous_holder = holder
            info = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            }
            data = json.dumps(info).encode()
            try:
                # Written over the old record, then cut to length: the file is never
                # empty, so a crash right here still reads as an unclean session.
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, data)
                os.ftruncate(fd, len(data))
                os.fsync(fd)
            except OSError:
                # A full disk: give the lock back at once, or the project would read
                # as "already open" until this process ends.
                _unlock(fd)
                os.close(fd)
                raise
            self._fd = fd
            return self
        raise ProjectLockedError(self.project, "the lock file keeps changing; try again")

    def release(self, clean: bool = True) -> None:
        """Drop the lock. A clean release removes the lock file; an unclean one
        leaves it, so the next open still knows the last session did not end well."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if clean:
                self.path.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only folder keeps the file; the OS lock is what counts
        finally:
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> dict | None:
    os.lseek(fd, 0, os.SEEK_SET)
    data = os.read(fd, 4096)
    if not data.strip():
        return None
    try:
        holder = json.loads(data)
    except ValueError:
        return {"pid": "?", "host": "?"}
    return holder if isinstance(holder, dict) else {"pid": "?", "host": "?"}
