"""Reading a project on a full disk: `info`, `check` and the exports say the disk is
full, not that it may be failing (SQLite reports the shared-memory file it cannot
make as an I/O error)."""

import os
import sqlite3
import subprocess
import warnings
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.commands import AddCase
from workbench.errors import DiskFullError, StorageIOError
from workbench.failures import describe
from workbench.project import Project


class _Stats:
    def __init__(self, free_blocks: int) -> None:
        self.f_bavail = free_blocks
        self.f_frsize = 4096


def _io_error() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4618  # SQLITE_IOERR_SHMOPEN
    return error


def test_an_io_error_with_no_room_left_is_the_full_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "statvfs", lambda folder: _Stats(0))
    error = describe(_io_error(), tmp_path / "study.mpw", "the project was not opened")
    assert isinstance(error, DiskFullError)
    assert "the disk is full" in str(error) and "study.mpw" in str(error)


def test_an_io_error_with_room_left_stays_an_io_error(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "statvfs", lambda folder: _Stats(10_000))
    error = describe(_io_error(), tmp_path / "study.mpw", "the project was not opened")
    assert isinstance(error, StorageIOError)
    assert "input/output error" in str(error)


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    done = None
    if os.geteuid() == 0:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
        )
    if done is None or done.returncode:
        warnings.warn(
            "cannot mount a small tmpfs: the real full-disk reading test did not run; "
            "the simulated ones above cover the same path",
            stacklevel=1,
        )
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    n = 0
    while True:
        try:
            (folder / f"filler-{n}").write_bytes(b"\0" * 4096)
        except OSError:
            (folder / f"filler-{n}").unlink(missing_ok=True)
            return
        n += 1


def test_info_check_and_exports_on_a_real_full_disk(small_disk, tmp_path, capsys):
    if small_disk is None:
        return
    path = small_disk / "study.mpw"
    with Project.create(path) as project:
        project.execute(AddCase("Kept safe"))
    _fill(small_disk)
    for argv in (
        ["info", str(path)],
        ["check", str(path)],
        ["export-csv", str(path), str(tmp_path / "csv")],
        ["export-refs", str(path), str(tmp_path / "refs.bib")],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "the disk is full" in err, (argv, err)
        assert "input/output" not in err and str(path) in err
