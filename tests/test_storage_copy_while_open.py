"""A copy of the .mpw file alone, taken while the project is open (to a stick or a
cloud folder), holds every change once editing has paused for a few seconds."""

import shutil
import sqlite3
import time

from PySide6.QtWidgets import QInputDialog

from workbench.commands import AddCase
from workbench.project import Project
from workbench.restore import available_backups


def _titles_in_a_copy_of_the_main_file(path, folder):
    folder.mkdir(exist_ok=True)
    copy = folder / path.name
    shutil.copy(path, copy)  # the main file alone, as people copy it
    conn = sqlite3.connect(copy)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM study_case")]
    finally:
        conn.close()
        copy.unlink()


def test_after_a_checkpoint_the_main_file_alone_holds_the_change(sample_path, tmp_path):
    with Project.open(sample_path, backup=False) as project:
        project.execute(AddCase("Added just now"))
        # Before: the change sits in the -wal file only.
        assert "Added just now" not in _titles_in_a_copy_of_the_main_file(
            sample_path, tmp_path / "before"
        )
        assert project.checkpoint()
        titles = _titles_in_a_copy_of_the_main_file(sample_path, tmp_path / "after")
        assert "Added just now" in titles
        assert len(titles) == project.store.counts()["cases"]


def test_a_checkpoint_of_a_read_only_project_does_nothing(sample_path):
    with Project.open_readonly(sample_path) as project:
        assert not project.checkpoint()


def test_a_backup_starts_from_a_checkpointed_file(sample_path, tmp_path):
    with Project.open(sample_path, backup=False) as project:
        project.execute(AddCase("Before the backup"))
        project.start_backup(wait=True)
        assert "Before the backup" in _titles_in_a_copy_of_the_main_file(
            sample_path, tmp_path / "copy"
        )


def test_a_copy_taken_with_the_window_open_has_every_case(qtbot, window, monkeypatch, tmp_path):
    path = window.project.path
    before = window.project.store.counts()["cases"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Thirteenth case", True))
    window.add_case_action.trigger()
    assert window.project.store.counts()["cases"] == before + 1
    started = time.monotonic()
    qtbot.waitUntil(
        lambda: "Thirteenth case" in _titles_in_a_copy_of_the_main_file(path, tmp_path / "c"),
        timeout=6000,
    )
    assert time.monotonic() - started < 5  # within a few seconds of the last change
    titles = _titles_in_a_copy_of_the_main_file(path, tmp_path / "c")
    assert len(titles) == before + 1


def test_a_long_session_in_the_window_is_backed_up_once_edits_pause(qtbot, window, monkeypatch):
    path = window.project.path
    window.project.wait_for_backup()
    assert [b.kind for b in available_backups(path)] == ["opening"]
    monkeypatch.setattr("workbench.project.SESSION_BACKUP_INTERVAL", 0)  # "30 minutes later"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Late in the session", True))
    window.add_case_action.trigger()
    qtbot.waitUntil(lambda: len(available_backups(path)) == 2, timeout=6000)
    window.project.wait_for_backup()
    newest = available_backups(path)[0]
    assert newest.kind == "session"
    conn = sqlite3.connect(newest.path)
    titles = [r[0] for r in conn.execute("SELECT title FROM study_case")]
    conn.close()
    assert "Late in the session" in titles
