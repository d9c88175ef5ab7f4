import sqlite3

import pytest

from workbench.commands import AddCase, UpdateCase
from workbench.errors import ProjectLockedError
from workbench.project import Project
from workbench.restore import available_backups, restore_backup
from workbench.settings import Settings, backups_root
from workbench.storage import backup as backups


def _new(tmp_path):
    project = Project.create(tmp_path / "p.mpw")
    project.close()
    return project.path


def test_backup_on_open_is_verified_and_rotated(tmp_path):
    path = _new(tmp_path)
    Project.open(path).close()  # the first open after creation
    for n in range(7):
        with Project.open(path, wait_for_backup=True, keep_backups=3) as p:
            p.execute(AddCase(f"Case {n}"))
            assert p.backup_error is None
    found = available_backups(path)
    assert len(found) == 3
    assert all(backups.verify(b.path) == [] for b in found)
    # newest first, and the newest holds the cases of the second-to-last session
    conn = sqlite3.connect(found[0].path)
    assert conn.execute("SELECT count(*) FROM study_case").fetchone()[0] == 6
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_backup_count_comes_from_the_settings(tmp_path):
    settings = Settings()
    settings.backup_count = 2
    settings.save()
    path = _new(tmp_path)
    for _ in range(4):
        Project.open(path, wait_for_backup=True).close()
    assert len(available_backups(path)) == 2
    assert str(backups_root()).startswith(str(tmp_path.parent)) or backups_root().exists()


def test_a_failed_verification_rotates_nothing_out(tmp_path, monkeypatch):
    path = _new(tmp_path)
    for _ in range(2):
        Project.open(path, wait_for_backup=True, keep_backups=2).close()
    kept = [b.path for b in available_backups(path)]
    monkeypatch.setattr(backups, "verify", lambda p: ["page 3: btree damaged"])
    with Project.open(path, wait_for_backup=True, keep_backups=2) as p:
        assert "verification" in p.backup_error
    assert [b.path for b in available_backups(path)] == kept
    assert not any(f.suffix == ".partial" for f in kept[0].parent.iterdir())


def test_restore_brings_back_the_old_state_and_keeps_the_current_one(tmp_path):
    path = _new(tmp_path)
    with Project.open(path) as p:
        add = AddCase("Original title")
        p.execute(add)
    with Project.open(path, wait_for_backup=True) as p:
        p.execute(UpdateCase(add.case_id, title="Edited title"))
    chosen = available_backups(path)[0]
    result = restore_backup(path, chosen.path)
    assert not result.damaged
    with Project.open(path, backup=False) as p:
        assert p.store.get("study_case", {"id": add.case_id})["title"] == "Original title"
        assert p.store.pragma("journal_mode") == "wal"
    conn = sqlite3.connect(result.kept)
    assert conn.execute("SELECT title FROM study_case").fetchone()[0] == "Edited title"
    conn.close()


def test_restore_is_refused_while_the_project_is_open(tmp_path):
    path = _new(tmp_path)
    Project.open(path, wait_for_backup=True).close()
    chosen = available_backups(path)[0]
    with Project.open(path, backup=False), pytest.raises(ProjectLockedError):
        restore_backup(path, chosen.path)


def test_restore_over_a_damaged_project_moves_it_aside(tmp_path):
    path = _new(tmp_path)
    Project.open(path, wait_for_backup=True).close()
    chosen = available_backups(path)[0]
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    result = restore_backup(path, chosen.path)
    assert result.damaged and result.kept.exists()
    assert result.kept.read_bytes().startswith(b"SQLite format 3")
    with Project.open(path, backup=False) as p:
        assert p.store.counts()["cases"] == 0


def test_save_a_copy(sample_project, tmp_path):
    target = tmp_path / "copy.mpw"
    sample_project.save_copy(target)
    with Project.open(target, backup=False) as copy:
        assert copy.store.counts() == sample_project.store.counts()
