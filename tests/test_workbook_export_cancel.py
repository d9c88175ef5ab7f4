"""Exporting the workbook reports progress that moves, and Cancel leaves no file: not
the workbook, not its temporary file beside it, not the sheets' streamed parts."""

from __future__ import annotations

import tempfile
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from ui.export_dialog import ExportOptionsDialog
from workbench.excel import export as export_module
from workbench.excel.export import export_workbook
from workbench.progress import Cancelled


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """openpyxl streams each sheet into a file in the temporary folder: a folder of the
    test's own, to see what is left there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_progress_moves_from_zero_to_the_total(sample_project, tmp_path):
    seen: list[tuple[int, int]] = []
    export_workbook(sample_project, tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t)))
    totals = {t for _, t in seen}
    assert len(totals) == 1
    done = [d for d, _ in seen]
    assert done[0] == 0 and done[-1] == totals.pop()
    assert done == sorted(done) and len(set(done)) >= 20  # it moves, in small steps


@pytest.mark.parametrize("reports", [1, 30, 100, 10_000])
def test_cancel_leaves_no_file(sample_project, tmp_path, private_tmp, reports):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "cancelled.xlsx"
    calls = 0

    def progress(done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls > reports or (done == total and reports == 10_000):
            raise Cancelled  # 10,000: at the very last report, before the file is complete

    with pytest.raises(Cancelled):
        export_workbook(sample_project, target, progress=progress)
    assert list(folder.iterdir()) == []
    assert list(private_tmp.iterdir()) == []


def test_cancel_keeps_the_earlier_file(sample_project, tmp_path, private_tmp):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "kept.xlsx"
    export_workbook(sample_project, target)
    before = target.read_bytes()

    def progress(done: int, total: int) -> None:
        if done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_workbook(sample_project, target, progress=progress)
    assert target.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["kept.xlsx"]
    assert list(private_tmp.iterdir()) == []


def _press_ok(dialog: ExportOptionsDialog) -> int:
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return dialog.result()


def test_the_export_action_shows_progress_and_cancel_writes_nothing(
    window, file_dialogs, monkeypatch, tmp_path, private_tmp, qtbot
):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "for coauthors.xlsx"
    monkeypatch.setattr(ExportOptionsDialog, "exec", _press_ok)
    file_dialogs.choose(target)
    real_append = export_module._Sheet.append

    def slow_append(self, *args, **kwargs):  # a slow network folder: rows take a while
        time.sleep(0.02)
        return real_append(self, *args, **kwargs)

    monkeypatch.setattr(export_module._Sheet, "append", slow_append)
    values: list[int] = []
    clicked: list[bool] = []

    def watch() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        if not dialogs or clicked:
            return
        dialog = dialogs[0]
        if not values or dialog.value() != values[-1]:
            values.append(dialog.value())
        if len(values) >= 4:
            clicked.append(True)
            qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(25)
    window.export_xlsx_action.trigger()
    timer.stop()
    assert clicked, f"no Cancel to press; progress seen: {values}"
    assert values == sorted(values) and values[-1] > max(values[0], 0)
    assert list(folder.iterdir()) == []
    assert list(private_tmp.iterdir()) == []
    assert "Export cancelled" in window.statusBar().currentMessage()
    assert window.isEnabled()
