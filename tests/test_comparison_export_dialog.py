"""Export Figure from the comparison window: a journal's column or a slide, type size,
title, font and format chosen in a dialog that says at once whether every name fits;
the window remembers its place, its chart and the last figure."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from ui.comparison_view import ComparisonWindow
from ui.figure_export_dialog import FigureExportDialog
from workbench.settings import config_dir


@pytest.fixture
def comparison(qtbot, window) -> ComparisonWindow:
    window.compare_action.trigger()
    compare = window.comparison_window
    qtbot.waitExposed(compare)
    return compare


def type_into(qtbot, box, text: str) -> None:
    """Select what a spin box holds and type over it, as a user does."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def export_with(qtbot, compare, setup=None, save: bool = True) -> list[str]:
    """Trigger Export Figure; in the dialog do `setup`, then click Save (or Cancel).
    Returns what the dialog said about the fit."""
    said: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, FigureExportDialog)
            if setup is not None:
                setup(dialog)
            said.append(dialog.verdict.text())
            which = (
                QDialogButtonBox.StandardButton.Ok
                if save
                else QDialogButtonBox.StandardButton.Cancel
            )
            button = dialog.buttons.button(which)
            if button.isEnabled():
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, act)
    compare.save_action.trigger()
    return said


def test_a_size_too_small_is_named_and_save_waits(qtbot, window, comparison, tmp_path, monkeypatch):
    out = tmp_path / "m.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    comparison.kind_tabs.setCurrentIndex(1)  # the mechanisms
    verdicts = []

    def eight_by_four(dialog):
        dialog.auto_height.click()
        type_into(qtbot, dialog.height, "4")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        assert dialog.preset.currentData() == "custom"
        verdicts.append(dialog.verdict.text())
        assert dialog.fit_button.isVisible()
        qtbot.mouseClick(dialog.fit_button, Qt.MouseButton.LeftButton)  # take the size
        assert ok.isEnabled()

    said = export_with(qtbot, comparison, eight_by_four)
    assert re.search(
        r"Too small: .*needs at least ([\d.]+) cm of height \(asked: 4 cm\)", verdicts[0]
    )
    need = re.search(r"needs at least ([\d.]+) cm", verdicts[0]).group(1)
    assert said[0].startswith(f"Every name fits whole at 8.5 × {need} cm")
    assert f'height="{float(need) * 10:.2f}mm"' in out.read_text(encoding="utf-8")


def test_presets_set_the_width_and_the_figure_is_laid_out_for_it(
    qtbot, comparison, tmp_path, monkeypatch
):
    out = tmp_path / "plane.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    comparison.kind_tabs.setCurrentIndex(2)  # the plane

    def one_and_a_half(dialog):
        dialog.preset.setCurrentIndex(dialog.preset.findData("onehalf"))
        dialog.preset.activated.emit(dialog.preset.currentIndex())
        assert dialog.width.value() == 12.0
        type_into(qtbot, dialog.type_size, "9")
        dialog.title.click()  # no title: it goes in the caption

    said = export_with(qtbot, comparison, one_and_a_half)
    assert said[0].startswith("Every name fits whole at 12 × auto cm, 9 pt")
    svg = out.read_text(encoding="utf-8")
    assert 'width="120.00mm"' in svg
    assert 'font-size="12"' in svg  # 9 pt at 96 per inch
    assert not re.search(r"<text[^>]*>\s*Cases on", svg)  # the title is in the metadata only


def test_the_window_remembers_its_chart_grouping_place_and_last_figure(
    qtbot, window, comparison, tmp_path, monkeypatch
):
    out = tmp_path / "h.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    comparison.group.setCurrentIndex(comparison.group.findData("region"))
    comparison.group.activated.emit(comparison.group.currentIndex())
    comparison.kind_tabs.setCurrentIndex(3)  # profiles

    def double(dialog):
        dialog.preset.setCurrentIndex(dialog.preset.findData("double"))
        dialog.preset.activated.emit(dialog.preset.currentIndex())

    export_with(qtbot, comparison, double)
    comparison.close()
    saved = json.loads((config_dir() / "comparison.json").read_text(encoding="utf-8"))
    assert saved["group"] == "region" and saved["kind"] == "profiles"
    assert saved["figure"]["preset"] == "double"
    window.compare_action.trigger()
    again = window.comparison_window
    assert again is not comparison
    assert again.group.currentData() == "region"
    assert again.kind == "profiles"
    screen = again.screen().availableGeometry()
    assert screen.contains(again.geometry())
    said = export_with(qtbot, again, save=False)
    assert "17 × auto cm" in said[0]


def test_a_saved_place_off_every_screen_opens_inside_the_screen(qtbot, window):
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "comparison.json").write_text(
        json.dumps({"geometry": [9000, 9000, 5000, 4000], "kind": "nonsense", "large": "yes"}),
        encoding="utf-8",
    )
    window.compare_action.trigger()
    compare = window.comparison_window
    assert compare.screen().availableGeometry().contains(compare.geometry())
    assert compare.kind == "heatmap"
    assert not compare.large_box.isChecked()
