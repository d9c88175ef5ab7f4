"""Opening bad files: a clear error naming the file, and the file left untouched."""

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import file_digest
from workbench.commands import AddCase, SetCell
from workbench.errors import (
    DamagedProjectError,
    NewerVersionError,
    NotAProjectError,
    ProjectError,
    ProjectLockedError,
)
from workbench.lock import lock_path_for
from workbench.project import Project

ROOT = Path(__file__).resolve().parent.parent


def _closed_project(tmp_path: Path) -> Path:
    p = Project.create(tmp_path / "good.mpw")
    add = AddCase("A case")
    p.execute(add)
    p.execute(SetCell(add.case_id, "compulsory", score=2))
    p.close()
    return p.path


def _assert_refused(path: Path, error: type, fragment: str):
    before = file_digest(path) if path.is_file() else None
    with pytest.raises(error) as err:
        Project.open(path)
    assert str(path) in str(err.value)
    assert fragment in str(err.value)
    if before is not None:
        assert file_digest(path) == before
    assert not lock_path_for(path).exists()
    assert not path.with_name(path.name + "-wal").exists() or error is ProjectLockedError


def test_text_file(tmp_path):
    path = tmp_path / "notes.mpw"
    path.write_text("These are my notes, not a project.\n")
    _assert_refused(path, NotAProjectError, "not a Migration Power Workbench project")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.mpw"
    path.write_bytes(b"")
    _assert_refused(path, NotAProjectError, "empty")


def test_folder(tmp_path):
    folder = tmp_path / "folder.mpw"
    folder.mkdir()
    with pytest.raises(NotAProjectError, match="folder"):
        Project.open(folder)


def test_missing_file(tmp_path):
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nowhere.mpw")


def test_foreign_sqlite_database(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _assert_refused(path, NotAProjectError, "SQLite database, but not")


def test_truncated_file(tmp_path):
    path = _closed_project(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _assert_refused(path, DamagedProjectError, "truncated")


def test_header_only(tmp_path):
    path = _closed_project(tmp_path)
    path.write_bytes(path.read_bytes()[:60])
    _assert_refused(path, DamagedProjectError, "truncated")


def test_damaged_schema_page(tmp_path):
    path = _closed_project(tmp_path)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the rest of page 1: the schema table
    path.write_bytes(bytes(data))
    _assert_refused(path, DamagedProjectError, "damaged")


def test_damaged_data_pages_are_caught_by_the_verified_backup(tmp_path):
    path = _closed_project(tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(2, len(data) // page):
        data[n * page + 8 : n * page + 400] = os.urandom(392)
    path.write_bytes(bytes(data))
    try:
        project = Project.open(path, wait_for_backup=True)
    except DamagedProjectError:
        return  # refused at once: just as good
    try:
        assert project.backup_error is not None
        assert "verification" in project.backup_error
    finally:
        project.close()


def test_newer_version(tmp_path):
    path = _closed_project(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    _assert_refused(path, NewerVersionError, "newer version")


def test_locked_by_another_process(tmp_path):
    path = _closed_project(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys
            from workbench.project import Project
            p = Project.open({str(path)!r}, backup=False)
            print("open", flush=True)
            sys.stdin.readline()
            p.close()
        """),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        before = file_digest(path)
        with pytest.raises(ProjectLockedError) as err:
            Project.open(path)
        assert str(path) in str(err.value)
        assert f"process {holder.pid}" in str(err.value)
        assert file_digest(path) == before
    finally:
        holder.communicate("\n", timeout=30)
    with Project.open(path, backup=False) as again:  # free again once the holder closed
        assert not again.recovered_from_crash


def test_stale_lock_after_a_crash_is_recovered_with_an_integrity_check(tmp_path, monkeypatch):
    path = _closed_project(tmp_path)
    lock_path_for(path).write_text('{"pid": 4242, "host": "crashed-laptop"}')
    checked = []
    from workbench.storage.store import Store

    original = Store.integrity_problems

    def spy(self, quick=False):
        checked.append(quick)
        return original(self, quick)

    monkeypatch.setattr(Store, "integrity_problems", spy)
    with Project.open(path, backup=False) as project:
        assert project.recovered_from_crash
        assert checked == [False]  # a full integrity check ran
        assert project.lock.previous_holder["host"] == "crashed-laptop"
    assert not lock_path_for(path).exists()  # a clean close removes the lock file


def test_the_lock_record_is_never_empty_while_it_is_rewritten(tmp_path, monkeypatch):
    """A crash between emptying and writing the record would hide an unclean session."""

    path = _closed_project(tmp_path)
    old = '{"pid": 4242, "host": "a-very-long-host-name-of-a-crashed-laptop.example.org"}'
    lock_path_for(path).write_text(old)
    seen = []
    real_write = os.write

    def watch(fd, data):
        seen.append(Path(f"/proc/self/fd/{fd}").read_bytes())  # the file before the write
        done = real_write(fd, data)
        seen.append(Path(f"/proc/self/fd/{fd}").read_bytes())
        return done

    monkeypatch.setattr(os, "write", watch)
    with Project.open(path, backup=False) as project:
        monkeypatch.setattr(os, "write", real_write)
        assert project.recovered_from_crash
        assert all(content.strip() for content in seen)
        record = json.loads(lock_path_for(path).read_text())
        assert record["pid"] == os.getpid()


def test_create_refuses_to_overwrite(tmp_path):
    path = _closed_project(tmp_path)
    before = file_digest(path)
    with pytest.raises(ProjectError, match="exists already"):
        Project.create(path)
    assert file_digest(path) == before


def test_read_only_open_works_while_locked(tmp_path):
    path = _closed_project(tmp_path)
    with Project.open(path, backup=False):
        ro = Project.open_readonly(path)
        assert ro.store.counts()["cases"] == 1
        ro.close()


def test_a_header_ahead_of_the_file_is_fine_while_the_wal_holds_the_pages(tmp_path):
    """A kill during a checkpoint: page 1 already says the new size, the WAL has the rest."""
    from workbench.storage.header import read_header

    path = _closed_project(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 4096])
    with pytest.raises(DamagedProjectError, match="truncated"):
        read_header(path)
    path.with_name(path.name + "-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 28)
    assert read_header(path).page_count * 4096 > path.stat().st_size
