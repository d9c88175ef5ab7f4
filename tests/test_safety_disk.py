"""A full disk, failing writes and I/O errors: each named for what it is, nothing lost,
nothing left behind. Simulated without root (SQLite's max_page_count, failing
os.replace/os.write); test_safety_tmpfs.py repeats the main path on a real full disk."""

import errno
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import FullOnUpdate, file_digest
from workbench.cli import main
from workbench.commands import AddCase, UpdateCase
from workbench.errors import DiskFullError, StorageIOError
from workbench.lock import lock_path_for
from workbench.project import Project
from workbench.restore import available_backups, restore_backup
from workbench.settings import backups_root
from workbench.storage import backup as backups

FULL = sqlite3.OperationalError("database or disk is full")


def _fill_up(project: Project) -> None:
    """From now on the project file cannot grow by a single page."""
    pages = project.store.pragma("page_count")
    project.store.conn.execute(f"PRAGMA max_page_count = {pages}")


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_edit_on_a_full_disk_says_so_and_changes_nothing(sample_project):
    before = sample_project.store.counts()
    _fill_up(sample_project)
    big = AddCase("A case with a long summary", summary="x" * 200_000)
    with pytest.raises(DiskFullError) as err:
        sample_project.execute(big)
    assert str(sample_project.path) in str(err.value)
    assert "the disk is full" in str(err.value) and "not saved" in str(err.value)
    assert "damaged" not in str(err.value)
    assert sample_project.store.counts() == before
    assert not sample_project.store.in_transaction
    sample_project.store.conn.execute("PRAGMA max_page_count = 1000000")
    sample_project.execute(big)  # space again: the same command goes through
    assert sample_project.store.counts()["cases"] == before["cases"] + 1


def test_undo_on_a_full_disk_keeps_the_history_in_step(sample_project):
    case = sample_project.store.select("study_case")[0]
    sample_project.execute(UpdateCase(case["id"], summary="y" * 1000))
    real = sample_project.store.conn

    sample_project.store.conn = FullOnUpdate(real)
    with pytest.raises(DiskFullError, match="not undone"):
        sample_project.history.undo()
    sample_project.store.conn = real
    assert sample_project.store.get("study_case", {"id": case["id"]})["summary"] == "y" * 1000
    sample_project.history.undo()  # still on the history: it can be retried
    row = sample_project.store.get("study_case", {"id": case["id"]})
    assert row["summary"] == case["summary"]


def test_close_never_raises_and_leaves_no_lock(sample_path):
    project = Project.open(sample_path, backup=False)
    real = project.store.conn

    class FailingDisk:
        def __getattr__(self, name):
            return getattr(real, name)

        def execute(self, sql, *params):
            if "checkpoint" in sql or "optimize" in sql:
                raise sqlite3.OperationalError("disk I/O error")
            return real.execute(sql, *params)

    project.store.conn = FailingDisk()
    project.close()
    assert not lock_path_for(sample_path).exists()
    with Project.open(sample_path, backup=False) as again:
        assert not again.recovered_from_crash


def test_the_lock_is_given_back_when_writing_it_fails(sample_path, monkeypatch):
    monkeypatch.setattr("workbench.lock.os.write", _no_space)
    with pytest.raises(DiskFullError, match="the disk is full"):
        Project.open(sample_path, backup=False)
    monkeypatch.undo()
    with Project.open(sample_path, backup=False) as project:  # not "already open"
        assert project.store.counts()["cases"] == 12


def test_a_backup_on_a_full_disk_is_named_and_leaves_nothing(sample_path, monkeypatch):
    def copy_until_full(source, target):
        target.write_bytes(b"half a backup")
        target.with_name(target.name + "-journal").write_bytes(b"journal")
        raise FULL

    monkeypatch.setattr(backups, "copy_database", copy_until_full)
    with Project.open(sample_path, wait_for_backup=True) as project:
        assert "the disk is full" in project.backup_error
        assert project.damaged is None and not project.read_only  # full is not damaged
    folder = backups.backup_folder(backups_root(), sample_path)
    assert list(folder.iterdir()) == []


def test_leftovers_of_interrupted_backups_go_at_the_next_backup(sample_path):
    folder = backups.backup_folder(backups_root(), sample_path)
    folder.mkdir(parents=True)
    for name in (
        "2026-01-01 10-00-00-000000.partial",
        "2026-01-01 10-00-00-000000.partial-journal",
    ):
        (folder / name).write_bytes(b"\0" * 1000)
    Project.open(sample_path, wait_for_backup=True).close()
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 1 and names[0].endswith(".mpw")


def test_restore_on_a_full_disk_leaves_the_project_in_place(sample_path, monkeypatch):
    Project.open(sample_path, wait_for_backup=True).close()
    (chosen,) = available_backups(sample_path)
    before = file_digest(sample_path)
    folder = sample_path.parent
    listing = sorted(p.name for p in folder.iterdir())

    def full(source, target):
        raise FULL

    monkeypatch.setattr(backups, "copy_database", full)
    with pytest.raises(DiskFullError):
        restore_backup(sample_path, chosen.path)
    assert file_digest(sample_path) == before
    assert sorted(p.name for p in folder.iterdir()) == listing  # no .restoring, no .damaged-


def test_restore_over_a_damaged_project_writes_the_copy_before_moving(sample_path, monkeypatch):
    Project.open(sample_path, wait_for_backup=True).close()
    (chosen,) = available_backups(sample_path)
    sample_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = file_digest(sample_path)
    monkeypatch.setattr(backups, "copy_file_as_project", lambda source, target: _no_space())
    with pytest.raises(DiskFullError, match="left as it was"):
        restore_backup(sample_path, chosen.path)
    assert file_digest(sample_path) == before
    assert sorted(p.name for p in sample_path.parent.iterdir()) == ["sample.mpw"]
    monkeypatch.undo()
    result = restore_backup(sample_path, chosen.path)  # with space, the restore succeeds
    assert result.damaged and file_digest(result.kept) == before
    with Project.open(sample_path, backup=False) as project:
        assert project.store.counts()["cases"] == 12


def test_save_a_copy_to_a_full_disk(sample_project, tmp_path, monkeypatch):
    target = tmp_path / "copies" / "copy.mpw"
    target.parent.mkdir()
    monkeypatch.setattr(backups, "copy_database", lambda conn, path: (_ for _ in ()).throw(FULL))
    with pytest.raises(DiskFullError) as err:
        sample_project.save_copy(target)
    assert str(target) in str(err.value) and "not saved" in str(err.value)
    assert list(target.parent.iterdir()) == []


def test_cli_new_on_a_full_disk_is_one_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("workbench.project.os.replace", _no_space)
    path = tmp_path / "new.mpw"
    assert main(["new", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the disk is full" in err and str(path) in err
    assert list(tmp_path.iterdir()) == []


def test_cli_exports_to_a_full_target(sample_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("workbench.atomic.os.replace", _no_space)
    out = tmp_path / "refs.bib"
    assert main(["export-refs", str(sample_path), str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {out}: the disk is full (or its quota is used up)\n"
    folder = tmp_path / "csv"
    assert main(["export-csv", str(sample_path), str(folder)]) == 2
    err = capsys.readouterr().err
    assert "the disk is full" in err and "Traceback" not in err


FULL_ZIP = """
import errno, io, sys, zipfile

class FullFile(io.FileIO):
    written = 0

    def write(self, data):
        FullFile.written += len(data)
        if FullFile.written > 4000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)

class IoOnAFullDisk:
    def __getattr__(self, name):
        return getattr(io, name)

    @staticmethod
    def open(file, mode="r", *args, **kwargs):
        if "w" in mode:
            return FullFile(file, "w")
        return io.open(file, mode, *args, **kwargs)

zipfile.io = IoOnAFullDisk()
from workbench.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_cli_export_xlsx_to_a_full_target_prints_one_message(sample_path, tmp_path):
    """The workbook's half-written parts complain again when collected ("Exception
    ignored" about a dozen times); the user sees one message."""
    out = tmp_path / "out.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", FULL_ZIP, "export-xlsx", str(sample_path), str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "Exception ignored" not in done.stderr
    assert done.stderr.count("\n") == 1 and str(out) in done.stderr
    assert not out.exists()


def test_debug_shows_the_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("workbench.project.os.replace", _no_space)
    assert main(["--debug", "new", str(tmp_path / "x.mpw")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "the disk is full" in err


def test_an_io_error_is_not_called_damage(sample_project):
    real = sample_project.store.conn

    class FailingDisk:
        def __getattr__(self, name):
            return getattr(real, name)

        def execute(self, sql, *params):
            if sql.startswith("INSERT"):
                raise sqlite3.OperationalError("disk I/O error")
            return real.execute(sql, *params)

    sample_project.store.conn = FailingDisk()
    try:
        with pytest.raises(StorageIOError, match="input/output error"):
            sample_project.execute(AddCase("Lost to the disk"))
    finally:
        sample_project.store.conn = real


def test_cli_restore_and_import_refs_on_a_full_disk(sample_path, monkeypatch, capsys):
    Project.open(sample_path, wait_for_backup=True).close()
    before = file_digest(sample_path)
    monkeypatch.setattr(backups, "copy_database", lambda source, target: _raise(FULL))
    assert main(["restore", str(sample_path), "--pick", "1", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "the disk is full" in err and "Traceback" not in err
    assert file_digest(sample_path) == before
    monkeypatch.undo()

    refs = sample_path.with_name("refs.bib")
    refs.write_text("@book{fullkey, title={T}, author={A, B}, year={2001}}\n")
    monkeypatch.setattr(
        "workbench.storage.store.Store.insert", lambda self, table, values: _raise(FULL)
    )
    assert main(["import-refs", str(sample_path), str(refs)]) == 2
    err = capsys.readouterr().err
    assert f"error: {sample_path}: the disk is full" in err and "Traceback" not in err
    assert not lock_path_for(sample_path).exists()


def _raise(error):
    raise error
