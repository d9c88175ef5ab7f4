"""Showing the core's errors: a dialog with plain text (data is never read as HTML)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.errors import ProjectError, WorkbenchError


def show_error(parent: QWidget | None, title: str, error: WorkbenchError | str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(error, ProjectError):
        box.setText(f"{title}:\n{error.path}")
        box.setInformativeText(error.problem)
    else:
        box.setText(str(error))
    box.exec()


def confirm(
    parent: QWidget | None, title: str, text: str, detail: str = "", action: str = "Delete"
) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
