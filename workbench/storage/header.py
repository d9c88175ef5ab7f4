"""Read the 100-byte SQLite header without opening the database.

This lets us reject a foreign or truncated file before SQLite touches it, so
opening a wrong file can never modify it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import DamagedHeaderError, NotAProjectError, ProjectError

MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    page_count_valid: bool
    user_version: int
    application_id: int
    file_size: int


def read_header(path: Path) -> Header:
    """Read and sanity-check the header; raise ProjectError subclasses naming the file."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            raw = fh.read(100)
    except FileNotFoundError:
        raise ProjectError(path, "the file does not exist") from None
    except IsADirectoryError:
        raise NotAProjectError(path, "this is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectError(path, f"cannot be read: {exc.strerror or exc}") from exc
    if size == 0:
        raise NotAProjectError(path, "the file is empty; it is not a project")
    if raw[:16] != MAGIC:
        raise NotAProjectError(
            path, "the file is not a Migration Power Workbench project (not an SQLite database)"
        )
    if len(raw) < 100:
        raise DamagedHeaderError(path, "the file is truncated (its header is incomplete)")
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", raw[24:32])
    user_version = struct.unpack(">I", raw[60:64])[0]
    application_id = struct.unpack(">I", raw[68:72])[0]
    valid_for = struct.unpack(">I", raw[92:96])[0]
    valid = page_count > 0 and change_counter == valid_for
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedHeaderError(path, "the file header is damaged (impossible page size)")
    wal = path.with_name(path.name + "-wal")
    # A process killed during a checkpoint may leave the header ahead of the file's
    # length; the WAL still holds those pages and SQLite completes it on open.
    wal_pending = existing_size(wal) > 0
    if valid and not wal_pending and size < page_count * page_size:
        raise DamagedHeaderError(
            path,
            f"the file is truncated: {size:,} bytes where its header promises "
            f"{page_count * page_size:,}",
        )
    return Header(page_size, page_count, valid, user_version, application_id, size)


def existing_size(path: Path) -> int:
    """The size of a file, 0 when there is none: another process may remove a -wal file
    between any two looks at it (SQLite does when it closes the last connection)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
