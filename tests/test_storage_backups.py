"""Backups beyond openings: at creation, before a co-author import, during a long
session; what is kept; and finding a project's backups by its identity (a moved or
copied file) or by its place (a file too damaged to tell its identity)."""

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from workbench.cli import main
from workbench.commands import AddCase
from workbench.excel.changes import CellChange
from workbench.operations.workbook import import_command
from workbench.project import Project
from workbench.restore import available_backups
from workbench.storage import backup as backups


def _cases(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM study_case").fetchone()[0]
    finally:
        conn.close()


def test_a_new_project_is_backed_up_at_once(tmp_path, capsys):
    with Project.create(tmp_path / "new.mpw", backup=True) as project:
        project.wait_for_backup()
        assert project.backup_error is None
    (found,) = available_backups(tmp_path / "new.mpw")
    assert found.kind == "created" and "at creation" in found.label
    assert backups.verify(found.path) == []
    assert main(["new", str(tmp_path / "cli.mpw")]) == 0
    assert [b.kind for b in available_backups(tmp_path / "cli.mpw")] == ["created"]


def test_a_coauthor_import_is_backed_up_before_it_is_applied(sample_project):
    before = sample_project.store.counts()["cases"]
    case = sample_project.store.select("study_case")[0]
    renamed = "Renamed by a co-author"
    target = ("case", case["id"], "title")
    change = CellChange("Cases", "B2", "title", case["title"], renamed, target)
    command = import_command([change], Path("returned.xlsx"))
    assert command.backup_first
    sample_project.execute(command)
    (found,) = available_backups(sample_project.path)
    assert found.kind == "import" and "before an import" in found.label
    conn = sqlite3.connect(found.path)
    title = conn.execute("SELECT title FROM study_case WHERE id = ?", (case["id"],)).fetchone()[0]
    conn.close()
    assert title == case["title"]  # the state before the import
    assert _cases(found.path) == before


def test_an_import_without_a_backup_is_not_applied(sample_project, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "copy_database", full)
    command = AddCase("From a co-author")
    command.backup_first = True
    before = sample_project.store.counts()["cases"]
    try:
        sample_project.execute(command)
    except Exception as exc:  # noqa: BLE001 - the sentence is what is checked
        assert "the disk is full" in str(exc) and "nothing was imported" in str(exc)
    else:
        raise AssertionError("the import went ahead without a backup")
    assert sample_project.store.counts()["cases"] == before


def test_a_long_session_is_backed_up_while_edited(sample_path):
    with Project.open(sample_path, wait_for_backup=True) as project:
        assert not project.backup_if_due(interval=0)  # nothing edited since opening
        project.execute(AddCase("Written in the session"))
        assert not project.backup_if_due()  # not yet 30 minutes
        assert project.backup_if_due(interval=0)
        project.wait_for_backup()
        assert not project.backup_if_due(interval=0)  # nothing new since
    kinds = [b.kind for b in available_backups(sample_path)]
    assert kinds == ["session", "opening"]
    assert _cases(available_backups(sample_path)[0].path) == _cases(sample_path)


def _info(kind: str, taken: datetime) -> backups.BackupInfo:
    return backups.BackupInfo(Path(f"{taken:%Y%m%d%H%M%S%f} {kind}.mpw"), taken, 1, kind)


def test_the_last_openings_and_one_a_day_for_two_weeks_are_kept():
    now = datetime(2026, 3, 31, 18, 0)
    found = []
    for day in range(30):  # three openings and a session backup each day for 30 days
        for hour in (9, 12, 15):
            found.append(_info("opening", now - timedelta(days=day, hours=hour)))
        found.append(_info("session", now - timedelta(days=day, hours=10)))
    found.sort(key=lambda b: b.taken, reverse=True)
    gone = set(backups.to_rotate_out(found, keep=5, now=now))
    kept = [b for b in found if b not in gone]
    openings = [b for b in found if b.kind == "opening"]
    assert openings[:5] == [b for b in kept if b.kind == "opening"][:5]
    days = {b.taken.date() for b in kept}
    assert days == {(now - timedelta(days=d)).date() for d in range(14)}
    assert all(now - b.taken <= timedelta(days=14) for b in kept)
    assert len(kept) < len(found) / 3


def test_a_moved_or_copied_project_finds_its_backups(sample_path, tmp_path):
    Project.open(sample_path, wait_for_backup=True).close()
    (taken,) = available_backups(sample_path)
    moved = tmp_path / "elsewhere" / "renamed.mpw"
    moved.parent.mkdir()
    shutil.move(sample_path, moved)
    assert [b.path for b in available_backups(moved)] == [taken.path]
    copy = tmp_path / "copy.mpw"
    shutil.copy(moved, copy)
    assert [b.path for b in available_backups(copy)] == [taken.path]


def test_a_project_too_damaged_to_name_itself_finds_its_backups(sample_path):
    Project.open(sample_path, wait_for_backup=True).close()
    (taken,) = available_backups(sample_path)
    data = bytearray(sample_path.read_bytes())
    page = data[16] << 8 | data[17]
    data[page : page * 6] = b"\xff" * (page * 5)  # the schema's pages after the header
    sample_path.write_bytes(bytes(data))
    assert backups.read_identity(sample_path) is None
    assert [b.path for b in available_backups(sample_path)] == [taken.path]


def test_import_xlsx_backs_up_before_applying(sample_path, tmp_path, capsys):
    import openpyxl

    workbook = tmp_path / "coauthors.xlsx"
    assert main(["export-xlsx", str(sample_path), str(workbook)]) == 0
    edited = openpyxl.load_workbook(workbook)
    edited["Matrix"]["C2"] = 0 if edited["Matrix"]["C2"].value != 0 else 1
    edited.save(tmp_path / "returned.xlsx")
    before = _scores(sample_path)
    assert main(["import-xlsx", str(sample_path), str(tmp_path / "returned.xlsx")]) == 0
    capsys.readouterr()
    assert _scores(sample_path) != before  # the edit was applied
    imported = [b for b in available_backups(sample_path) if b.kind == "import"]
    assert len(imported) == 1 and backups.verify(imported[0].path) == []
    assert _scores(imported[0].path) == before  # the backup holds the state before it


def _scores(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT case_id, power_type_id, score FROM matrix_cell ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()
