"""The window and failures: a dialog for every failed open, copy and edit; damaged and
read-only projects open read-only under a banner that offers Restore."""

import random
import sqlite3
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import FullOnUpdate, file_digest
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreBackupDialog
from workbench.project import Project
from workbench.restore import available_backups
from workbench.storage import backup as backups


def _window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)  # keys then take the same path as for a user
    return w


def _messages(monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(f"{box.text()}\n{box.informativeText()}")
    )
    return shown


def _damage(path):
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'study_case'").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * 4096
    data[start + 8 : start + 400] = random.Random(7).randbytes(392)
    path.write_bytes(bytes(data))


def test_a_project_too_damaged_to_show_offers_restore(
    qtbot, sample_path, file_dialogs, monkeypatch
):
    Project.open(sample_path, wait_for_backup=True).close()  # a good backup exists
    _damage(sample_path)
    damaged = file_digest(sample_path)
    window = _window(qtbot)
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)  # first backup chosen
    monkeypatch.setattr("ui.project_files.confirm", lambda *args, **kwargs: True)
    file_dialogs.choose(sample_path)
    window.open_action.trigger()
    assert len(asked) == 1 and "damaged" in asked[0] and str(sample_path) in asked[0]
    assert window.project is not None and not window.project.read_only
    assert window.project.store.counts()["cases"] == 12
    kept = [p for p in sample_path.parent.iterdir() if p.name.startswith("sample.mpw.damaged-")]
    kept = [p for p in kept if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and file_digest(kept[0]) == damaged
    window.close_project()


def test_a_damaged_project_is_shown_read_only_with_restore(
    qtbot, sample_path, file_dialogs, monkeypatch
):
    """Damage the opening backup's verification finds: banner, edits refused, Restore."""
    Project.open(sample_path, wait_for_backup=True).close()  # a good backup exists
    good = available_backups(sample_path)
    real_verify = backups.verify
    monkeypatch.setattr(backups, "verify", lambda p: ["row 7 missing from index excerpt_source"])
    window = _window(qtbot)
    shown = _messages(monkeypatch)
    file_dialogs.choose(sample_path)
    window.open_action.trigger()
    banner = window._state_banner()
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=10_000)
    assert "damaged" in banner.label.text() and "row 7 missing" in banner.label.toolTip()
    assert banner.restore_button.isVisible()
    assert available_backups(sample_path) == good  # nothing rotated out
    before = file_digest(sample_path)

    key = {"case_id": window.view.case.id, "power_type_id": "compulsory"}
    score = window.project.store.get("matrix_cell", key)["score"]
    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    qtbot.keyClick(quadrant, Qt.Key.Key_1 if score != 1 else Qt.Key.Key_2)  # refused
    assert any("read-only" in text for text in shown)
    assert file_digest(sample_path) == before

    monkeypatch.setattr(backups, "verify", real_verify)
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)
    monkeypatch.setattr("ui.project_files.confirm", lambda *args, **kwargs: True)
    qtbot.mouseClick(banner.restore_button, Qt.MouseButton.LeftButton)
    assert window.project is not None
    window.project.wait_for_backup()
    banner.refresh()
    assert not window.project.read_only and not banner.isVisible()
    window.close_project()


def test_a_read_only_file_opens_under_a_banner(qtbot, sample_path, file_dialogs, monkeypatch):
    real_access = __import__("os").access
    monkeypatch.setattr(
        "workbench.project.os.access",
        lambda path, mode: False if str(path) == str(sample_path) else real_access(path, mode),
    )
    window = _window(qtbot)
    file_dialogs.choose(sample_path)
    window.open_action.trigger()
    banner = window._state_banner()
    assert banner.isVisible() and "the file is read-only" in banner.label.text()
    assert not banner.restore_button.isVisible()
    assert not window.new_excerpt_action.isEnabled() and not window.add_case_action.isEnabled()
    assert window.export_xlsx_action.isEnabled() and window.search_action.isEnabled()
    window.close_project()
    qtbot.waitUntil(lambda: not banner.isVisible())


def test_a_refused_open_and_a_failed_copy_show_a_dialog(
    qtbot, sample_path, tmp_path, file_dialogs, monkeypatch
):
    conn = sqlite3.connect(sample_path)
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON matrix_cell BEGIN DELETE FROM case_tag; END")
    conn.close()
    window = _window(qtbot)
    shown = _messages(monkeypatch)
    file_dialogs.choose(sample_path)
    window.open_action.trigger()
    assert window.project is None
    assert len(shown) == 1 and "trigger 'wipe'" in shown[0]

    good = tmp_path / "good.mpw"
    Project.create(good).close()
    file_dialogs.choose(good)
    window.open_action.trigger()
    assert window.project is not None

    def full(conn, target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "copy_database", full)
    target = tmp_path / "copy.mpw"
    file_dialogs.choose(target)
    window.copy_action.trigger()
    assert "the disk is full" in shown[-1] and str(target) in shown[-1]
    assert not target.exists()
    window.close_project()


def test_an_edit_on_a_full_disk_shows_a_dialog(qtbot, window, monkeypatch):
    shown = _messages(monkeypatch)
    store = window.project.store
    real = store.conn
    key = {"case_id": window.view.case.id, "power_type_id": "compulsory"}
    before = store.get("matrix_cell", key)

    store.conn = FullOnUpdate(real)
    try:
        quadrant = window.view.matrix.quadrant("compulsory")
        quadrant.setFocus()
        qtbot.keyClick(quadrant, Qt.Key.Key_1 if before["score"] != 1 else Qt.Key.Key_2)
    finally:
        store.conn = real
    assert any("the disk is full" in text for text in shown)
    assert store.get("matrix_cell", key) == before


def test_uncaught_errors_go_to_the_log_file(qtbot, monkeypatch):
    from ui.app import install_error_log, log_path

    shown = _messages(monkeypatch)
    window = _window(qtbot)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_error_log(window)
    try:
        raise ValueError("something unexpected")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    text = log_path().read_text(encoding="utf-8")
    assert "Traceback" in text and "ValueError: something unexpected" in text
    assert len(shown) == 1 and str(log_path()) in shown[0]
