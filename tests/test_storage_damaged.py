"""A damaged project: plain words, editing disabled, what can be read shown, Restore
offering its backups, and the readable part saved into a new project (window and
command line); `info` and the exports say it is damaged."""

import random
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import file_digest
from ui.entry import main
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreBackupDialog
from workbench.project import Project
from workbench.restore import available_backups

PAGE = 4096


def _damage(path, table):
    """Random bytes over the root page of `table`."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * PAGE
    data[start + 8 : start + 400] = random.Random(7).randbytes(392)
    path.write_bytes(bytes(data))


def _counts(path):
    with Project.open(path, backup=False) as project:
        assert project.store.integrity_problems() == []
        return project.store.counts()


# --- command line -------------------------------------------------------------------


def test_info_on_a_damaged_project_shows_what_it_can_and_exits_1(sample_path, capsys):
    _damage(sample_path, "excerpt")
    assert main(["info", str(sample_path)]) == 1
    out, err = capsys.readouterr()
    assert "Cases:     12" in out
    assert "damaged" in err and "workbench salvage" in err and str(sample_path) in err
    assert main(["info", "--json", str(sample_path)]) == 1
    assert '"damaged": "the integrity check found problems' in capsys.readouterr().out


def test_exports_from_a_damaged_project_warn(sample_path, tmp_path, capsys):
    _damage(sample_path, "excerpt")
    assert main(["export-csv", str(sample_path), str(tmp_path / "csv")]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "damaged" in err and "what could be read" in err
    assert main(["chart", str(sample_path), "heatmap", str(tmp_path / "c.csv")]) == 0
    assert "damaged" in capsys.readouterr().err


def test_salvage_saves_every_readable_row_into_a_new_project(sample_path, tmp_path, capsys):
    _damage(sample_path, "excerpt")
    before = file_digest(sample_path)
    new = tmp_path / "readable.mpw"
    assert main(["salvage", str(sample_path), str(new)]) == 0
    out = capsys.readouterr().out
    assert "not all of 'excerpt' could be read" in out
    assert "left out 65 row(s) of 'evidence_link'" in out
    counts = _counts(new)
    assert counts["cases"] == 12 and counts["sources"] == 28 and counts["actors"] == 28
    assert counts["excerpts"] == 0 and counts["evidence_links"] == 0
    assert file_digest(sample_path) == before  # the damaged file is only read
    assert main(["check", str(new)]) in (0, 1)  # opens and checks as a project
    assert main(["salvage", str(sample_path), str(new)]) == 2  # never overwrites
    assert "exists already" in capsys.readouterr().err


def test_salvage_of_a_sound_project_keeps_everything(sample_path, tmp_path, capsys):
    expected = _counts(sample_path)
    assert main(["salvage", str(sample_path), str(tmp_path / "all.mpw")]) == 0
    assert "every row could be read" in capsys.readouterr().out
    assert _counts(tmp_path / "all.mpw") == expected


def test_salvage_without_a_readable_framework_says_why(sample_path, tmp_path, capsys):
    _damage(sample_path, "meta")
    assert main(["salvage", str(sample_path), str(tmp_path / "none.mpw")]) == 2
    err = capsys.readouterr().err
    assert "framework definition cannot be read" in err and str(sample_path) in err
    assert not (tmp_path / "none.mpw").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- the window -------------------------------------------------------------------


def _open_damaged(qtbot, sample_path, file_dialogs, table):
    Project.open(sample_path, wait_for_backup=True).close()  # a good backup exists
    _damage(sample_path, table)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    file_dialogs.choose(sample_path)
    window.open_action.trigger()
    assert window.project is not None and window.project.damaged
    return window


def test_a_damaged_project_is_shown_in_plain_words_without_editing(
    qtbot, sample_path, file_dialogs
):
    window = _open_damaged(qtbot, sample_path, file_dialogs, "source")
    banner = window._state_banner()
    qtbot.waitUntil(banner.isVisible)
    text = banner.label.text()
    assert "damaged" in text and "read-only" in text
    assert "malformed" not in text and "integrity" not in text  # SQLite's words: tooltip
    assert "malformed" in banner.label.toolTip()
    assert banner.salvage_button.isVisible() and window.salvage_action.isEnabled()
    assert not window.view.details.isEnabled()
    assert not window.view.evidence.new_button.isEnabled()
    assert not window.add_case_action.isEnabled()
    # The Sources page cannot be read: it says so instead of failing.
    tabs = window.view.tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert tabs.currentIndex() == 2
    page = window.view.sources_tab.panel()
    assert page.objectName() == "unreadable" and "damaged" in page.text()
    # What can be read is shown: every case and its matrix.
    assert window.view.case_list.proxy.rowCount() == 12
    assert window.view.case is not None
    window.close_project()


def test_evidence_that_cannot_be_read_is_said_not_left_empty(qtbot, sample_path, file_dialogs):
    window = _open_damaged(qtbot, sample_path, file_dialogs, "excerpt")
    cases = window.view.case_list.view
    cases.setFocus()
    first = cases.currentIndex().row()
    qtbot.keyClick(cases, Qt.Key.Key_Down)  # another case: no traceback, a sentence
    assert cases.currentIndex().row() == first + 1
    title = window.view.evidence.title
    assert "cannot be read" in title.text() and "damaged" in title.text()
    assert "damaged" in title.toolTip()
    window.close_project()


def test_restore_offers_the_backups_of_a_damaged_project(
    qtbot, sample_path, file_dialogs, monkeypatch
):
    window = _open_damaged(qtbot, sample_path, file_dialogs, "excerpt")
    banner = window._state_banner()
    qtbot.waitUntil(banner.isVisible)
    listed = []

    def look(dialog):
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        return 0  # Cancel

    monkeypatch.setattr(RestoreBackupDialog, "exec", look)
    qtbot.mouseClick(banner.restore_button, Qt.MouseButton.LeftButton)
    assert len(available_backups(sample_path)) == 1
    assert len(listed) == 1 and "at opening" in listed[0]
    assert window.project is not None and window.project.damaged  # nothing changed
    window.close_project()


def test_save_readable_part_as_from_the_banner(
    qtbot, sample_path, file_dialogs, monkeypatch, tmp_path
):
    window = _open_damaged(qtbot, sample_path, file_dialogs, "excerpt")
    banner = window._state_banner()
    qtbot.waitUntil(banner.isVisible)
    shown = []

    def answer(box):
        shown.append(box.text())
        next(b for b in box.buttons() if b.text() == "Open New Project").click()

    monkeypatch.setattr(QMessageBox, "exec", answer)
    target = tmp_path / "saved" / "readable.mpw"
    target.parent.mkdir()
    file_dialogs.choose(target)
    qtbot.mouseClick(banner.salvage_button, Qt.MouseButton.LeftButton)
    assert "(readable part).mpw" in file_dialogs.asked[-1]  # the name suggested
    assert shown and "cases           12" in shown[0]
    assert window.project is not None and window.project.path == target
    assert not window.project.read_only and not banner.isVisible()
    assert window.project.store.counts()["sources"] == 28
    window.close_project()


def test_save_readable_part_into_a_missing_folder_says_where(
    qtbot, sample_path, file_dialogs, monkeypatch, tmp_path
):
    window = _open_damaged(qtbot, sample_path, file_dialogs, "excerpt")
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(f"{box.text()}\n{box.informativeText()}")
    )
    target = tmp_path / "no such folder" / "readable.mpw"
    file_dialogs.choose(target)
    window.salvage_action.trigger()
    assert len(shown) == 1 and "nothing was saved" in shown[0]
    assert f"{target}: its folder does not exist" in shown[0]
    assert window.project.path == sample_path and window.project.damaged  # still shown
    window.close_project()
