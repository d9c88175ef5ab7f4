"""Every menu action and every panel button, triggered through its real signal on the
sample project, with every dialog answered as a user would. Actions are found by walking
the menus, so a new action joins this test by being in a menu.

An action passes when nothing raises in its slot (pytest-qt fails the test on any
exception in a Qt callback) and it visibly does something: a dialog, a file, an undo
step, a change of tab, focus, theme or title.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
)

from ui.main_window import MainWindow


class UserAnswers:
    """Stands in for the person at the keyboard: accepts what a dialog proposes, names new
    files in a scratch folder, types a title when asked for one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = folder
        self.seen: list[str] = []
        self.errors: list[str] = []  # warnings and errors shown: an action that failed
        self.count = 0
        from PySide6.QtWidgets import QFileDialog

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._open))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder))
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(self._text))
        monkeypatch.setattr(QDialog, "exec", lambda dialog: self._exec_dialog(dialog))
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec_message(box))
        for name in ("question", "warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(self._static_message))

    def _note(self, what: str) -> None:
        self.seen.append(what)

    def _save(self, parent, caption="", start="", filters="", *rest, **kw):
        self._note(f"save dialog: {caption}")
        self.count += 1
        found = re.search(r"\*(\.\w+)", filters or "")
        return str(self.folder / f"answer-{self.count}{found.group(1) if found else ''}"), ""

    def _open(self, parent, caption="", *rest, **kw):
        self._note(f"open dialog: {caption}")
        return "", ""  # the user looks, then cancels

    def _folder(self, parent, caption="", *rest, **kw):
        self._note(f"folder dialog: {caption}")
        self.count += 1
        target = self.folder / f"folder-{self.count}"
        target.mkdir()
        return str(target)

    def _text(self, parent, title, label, *rest, **kw):
        self._note(f"text asked: {title}")
        return "A case added by every action", True

    def _exec_dialog(self, dialog: QDialog) -> int:
        """Press OK on what the dialog proposes; if it refuses, it must say why, and the
        user cancels."""
        self._note(f"dialog: {type(dialog).__name__}")
        dialog.show()
        boxes = dialog.findChildren(QDialogButtonBox)
        ok = next(
            (
                b
                for box in boxes
                for b in box.buttons()
                if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole and b.isEnabled()
            ),
            None,
        )
        if ok is not None:
            ok.click()
        if dialog.result() != QDialog.DialogCode.Accepted:
            dialog.reject()
        dialog.hide()
        return dialog.result()

    def _exec_message(self, box: QMessageBox) -> int:
        self._note(f"message: {box.text()}")
        if box.icon() in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical):
            self.errors.append(f"{box.windowTitle()}: {box.text()} {box.informativeText()}")
        chosen = next(
            (
                b
                for b in box.buttons()
                if box.buttonRole(b)
                in (
                    QMessageBox.ButtonRole.AcceptRole,
                    QMessageBox.ButtonRole.YesRole,
                    QMessageBox.ButtonRole.DestructiveRole,
                )
            ),
            None,
        )
        if chosen is not None:
            chosen.click()
        return 0

    def _static_message(self, parent, title, text, *rest, **kw):
        self._note(f"message: {title}")
        if kw.get("icon") in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical):
            self.errors.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes


def menu_actions(menu: QMenu, path: str = "") -> dict[str, QAction]:
    """Every action under a menu, keyed by its menu path ("File/Open Recent/x.mpw")."""
    menu.aboutToShow.emit()  # menus filled on demand (Open Recent)
    path = f"{path}/{menu.title()}"
    found: dict[str, QAction] = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            found.update(menu_actions(action.menu(), path))
        else:
            found[f"{path}/{action.text()}"] = action
    return found


def all_actions(window: MainWindow) -> dict[str, QAction]:
    found: dict[str, QAction] = {}
    for action in window.menuBar().actions():
        if action.menu() is not None:
            found.update(menu_actions(action.menu()))
    return found


def state(window: MainWindow, folder: Path) -> tuple:
    """What a user could notice changing."""
    view = window.view
    return (
        window.undo_stack.index() if window.undo_stack else None,
        window.undo_stack.count() if window.undo_stack else None,
        view.tabs.currentIndex() if view else None,
        type(QApplication.focusWidget()).__name__,
        id(QApplication.focusWidget()),
        window.windowTitle(),
        window.history_dock.isVisible(),
        QApplication.palette().window().color().name(),
        sorted(p.name for p in folder.iterdir()),
        window.isVisible(),
        window.statusBar().currentMessage(),
        view.case.id if view and view.case else None,
        tuple(label.text() for label in window.findChildren(QLabel) if label.isVisible()),
    )


def test_every_menu_action_does_something(qtbot, window, monkeypatch, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    user = UserAnswers(monkeypatch, folder)
    names = list(all_actions(window))
    assert len(names) >= 25
    quit_name = next(n for n in names if n.endswith("/&Quit"))
    dead: list[str] = []
    failed: list[str] = []
    for name in [n for n in names if n != quit_name]:
        if window.project is None:  # Close Project ran: open the sample again
            assert window.open_path(window.settings.recent_projects[0])
        action = all_actions(window).get(name) or next(  # undo/redo texts name the step
            a for n, a in all_actions(window).items() if n.split(" ")[0] == name.split(" ")[0]
        )
        if not action.isEnabled():
            continue
        window.activateWindow()  # back from the last dialog
        qtbot.waitUntil(window.isActiveWindow)
        if window.view is not None:
            window.view.case_list.view.setFocus()  # start where a user would, not in a field
        before, seen = state(window, folder), len(user.seen)
        action.trigger()
        qtbot.wait(1)  # deliver queued signals (undo recovery, progress relays)
        if state(window, folder) == before and len(user.seen) == seen:
            dead.append(name)
        failed += [f"{name}: {error}" for error in user.errors]
        user.errors.clear()
    assert dead == [], f"these actions did nothing: {dead}"
    assert failed == [], f"these actions failed: {failed}"
    all_actions(window)[quit_name].trigger()
    assert not window.isVisible()


def test_every_panel_button_does_something(qtbot, window, monkeypatch, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    user = UserAnswers(monkeypatch, folder)
    view = window.view
    view.sources.view.selectRow(0)
    dead: list[str] = []
    failed: list[str] = []
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        page = view.tabs.currentWidget()
        for button in page.findChildren(QPushButton) + view.evidence.findChildren(QPushButton):
            if not (button.isVisible() and button.isEnabled()) or button.isCheckable():
                continue
            if window.view is None or window.view.tabs.currentWidget() is not page:
                view.tabs.setCurrentWidget(page)
            before, seen = state(window, folder), len(user.seen)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.wait(1)
            if state(window, folder) == before and len(user.seen) == seen:
                dead.append(button.text())
            failed += [f"{button.text()}: {error}" for error in user.errors]
            user.errors.clear()
    assert dead == [], f"these buttons did nothing: {dead}"
    assert failed == [], f"these buttons failed: {failed}"
