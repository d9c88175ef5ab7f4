"""Shift+F10 opens the context menu of the focused list, as the Menu key does, at the
current item; the case list has a context menu of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu


def _menu_after(qtbot, press) -> list[str]:
    """The texts of the menu a key press opens (closed again once read)."""
    seen: list[str] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
            menu.close()

    QTimer.singleShot(100, read_and_close)
    press()
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    return seen


def test_shift_f10_opens_the_evidence_menu_at_the_current_excerpt(qtbot, window):
    evidence = window.view.evidence.view
    assert evidence.model().rowCount() > 1
    evidence.setFocus()
    evidence.setCurrentIndex(evidence.model().index(1, 0))
    asked_at = []
    evidence.customContextMenuRequested.connect(asked_at.append)
    seen = _menu_after(
        qtbot,
        lambda: qtbot.keyClick(evidence, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    )
    assert "Copy citation (pandoc)" in seen and "Open excerpt…" in seen
    # at the current excerpt, in the list's own coordinates as for a right click
    assert asked_at == [evidence.visualRect(evidence.currentIndex()).center()]


def test_the_case_list_has_a_context_menu_shift_f10_opens(qtbot, window):
    cases = window.view.case_list.view
    cases.setFocus()
    seen = _menu_after(
        qtbot, lambda: qtbot.keyClick(cases, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    )
    assert seen[:3] == ["&Rename Case…", "D&uplicate Case", "&Delete Case…"]


def test_the_case_list_menu_duplicates_the_case(qtbot, window):
    cases = window.view.case_list.view
    cases.setFocus()
    before = window.project.store.count("study_case")

    def choose_duplicate() -> None:
        menu = QApplication.activePopupWidget()
        action = next(a for a in menu.actions() if a.text() == "D&uplicate Case")
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(100, choose_duplicate)
    qtbot.keyClick(cases, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.project.store.count("study_case") == before + 1)
    assert window.view.case.title.endswith("(copy)")
