"""Evidence ▸ New Excerpt offers the mechanism clicked last, also when the command is
chosen from the menu bar (the menu takes the focus and gives it back to the matrix)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from ui.excerpt_editor_dialog import ExcerptEditorDialog


def _offered_links(qtbot, window, monkeypatch, choose) -> list:
    offered: list = []

    def record(dialog) -> int:
        offered.append(dialog.values().links)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExcerptEditorDialog, "exec", record)
    choose()
    qtbot.waitUntil(lambda: bool(offered), timeout=3000)
    return offered[0]


def _choose_from_menu_bar(qtbot, window) -> None:
    """Open Evidence in the menu bar with the mouse and click New Excerpt…"""
    bar = window.menuBar()
    evidence = next(a for a in bar.actions() if a.text() == "Evi&dence")

    def click_new_excerpt() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        rect = menu.actionGeometry(window.new_excerpt_action)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=rect.center())

    QTimer.singleShot(150, click_new_excerpt)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(evidence).center())


def test_the_menu_bar_keeps_the_mechanism_clicked_last(qtbot, window, monkeypatch):
    quadrant = window.view.matrix.quadrant("compulsory")
    label = quadrant.name_labels["deterrence"]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert window.view.selected_mechanism == "deterrence"
    case_id = window.view.case.id
    links = _offered_links(qtbot, window, monkeypatch, lambda: _choose_from_menu_bar(qtbot, window))
    assert list(links) == [(case_id, "deterrence")]


def test_the_shortcut_keeps_the_mechanism_clicked_last(qtbot, window, monkeypatch):
    quadrant = window.view.matrix.quadrant("structural")
    label = quadrant.name_labels["funding"]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    case_id = window.view.case.id
    links = _offered_links(
        qtbot,
        window,
        monkeypatch,
        lambda: qtbot.keyClick(quadrant, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
    )
    assert list(links) == [(case_id, "funding")]
