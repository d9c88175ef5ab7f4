"""A real full disk and a real read-only disk: small tmpfs mounts.

Mounting needs root (CI runs as root). Where it cannot mount, each test says so in
a warning and ends; tests/test_safety_disk.py and test_safety_damage.py cover the
same paths on a simulated full disk and a simulated read-only file.
"""

import errno
import os
import subprocess
import warnings
from pathlib import Path

import pytest

from workbench.commands import AddCase
from workbench.errors import DiskFullError, ProjectReadOnlyError, ReadOnlyLocationError
from workbench.lock import lock_path_for
from workbench.project import Project
from workbench.restore import available_backups, restore_backup

CHUNK = 16 * 1024


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs, or None (with a warning saying why) where it cannot be mounted."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        reason = "not running as root"
    else:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
        )
        reason = done.stderr.strip() if done.returncode else None
    if reason:
        warnings.warn(
            f"cannot mount a small tmpfs ({reason}): the real full-disk and read-only-disk "
            "tests did not run; the simulated ones in test_safety_disk.py and "
            "test_safety_damage.py cover the same paths",
            stacklevel=1,
        )
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> list[Path]:
    """Fill the disk with small files; return them (removing one frees CHUNK bytes)."""
    fillers = []
    n = 0
    while True:
        path = folder / f"filler-{n}"
        try:
            with path.open("wb") as fh:
                fh.write(b"\0" * CHUNK)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
            path.unlink(missing_ok=True)
            return fillers
        fillers.append(path)
        n += 1


def test_a_real_full_disk(small_disk):
    if small_disk is None:
        return
    path = small_disk / "study.mpw"
    backups = small_disk / "backups"
    with Project.create(path) as project:
        project.execute(AddCase("Kept safe"))
    Project.open(path, wait_for_backup=True, backup_root=backups).close()
    (backup,) = available_backups(path, backups)

    project = Project.open(path, backup=False)
    fillers = _fill(small_disk)
    with pytest.raises(DiskFullError, match="the disk is full"):
        project.execute(AddCase("Too big for the disk", summary="z" * 300_000))
    project.close()  # never raises
    assert not lock_path_for(path).exists()

    for filler in fillers[:2]:  # room for the lock file, not for a backup
        filler.unlink()
    before = path.read_bytes()
    with pytest.raises(DiskFullError):
        restore_backup(path, backup.path, backups)
    assert path.read_bytes() == before
    left = {p.name for p in small_disk.iterdir() if not p.name.startswith("filler")}
    # SQLite's own -wal/-shm of the reading connection may stay; nothing else may.
    # backups.places: where each project's backups were taken from (found by place).
    assert left - {"study.mpw-wal", "study.mpw-shm"} == {"backups", "backups.places", "study.mpw"}
    assert [p.suffix for p in next(backups.iterdir()).iterdir()] == [".mpw"]  # no .partial

    for filler in fillers[2:]:
        filler.unlink()
    with Project.open(path, backup=False) as again:
        assert [c["title"] for c in again.store.select("study_case")] == ["Kept safe"]
        assert again.store.integrity_problems() == []


def test_a_real_read_only_disk(small_disk):
    if small_disk is None:
        return
    path = small_disk / "study.mpw"
    with Project.create(path) as project:
        project.execute(AddCase("Read only"))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(ReadOnlyLocationError, match="mounted read-only"):
        Project.open(path)
    project = Project.open(path, allow_read_only=True)
    assert project.read_only_reason == "the disk it is on is mounted read-only"
    assert [c["title"] for c in project.store.select("study_case")] == ["Read only"]
    with pytest.raises(ProjectReadOnlyError):
        project.execute(AddCase("Refused"))
    project.close()
    assert sorted(p.name for p in small_disk.iterdir()) == ["study.mpw"]
