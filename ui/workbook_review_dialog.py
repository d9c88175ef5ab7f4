"""WorkbookReviewDialog: a co-author's edits, cell by cell, to accept or reject."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.excel.diff import CellChange, WorkbookDiff


def _short(value: object) -> str:
    text = "(empty)" if value in (None, "") else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


class WorkbookReviewDialog(QDialog):
    def __init__(self, diff: WorkbookDiff, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff = diff
        self.setWindowTitle(f"Review edits from {file_name}")
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"{len(diff.changes)} changed cell(s). Nothing changes in the project "
            "until you apply; the applied changes are one step to undo."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.list = QListWidget()
        self.list.setAccessibleName("Changes")
        for change in diff.changes:
            item = QListWidgetItem(
                f"{change.sheet}!{change.cell}  {change.what}: "
                f"{_short(change.old)} → {_short(change.new)}"
            )
            item.setToolTip(f"Before:\n{change.old}\n\nAfter:\n{change.new}")
            item.setData(Qt.ItemDataRole.UserRole, change)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 2)
        row = QHBoxLayout()
        for text, state in (
            ("Accept all", Qt.CheckState.Checked),
            ("Reject all", Qt.CheckState.Unchecked),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=state: self._set_all(s))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.problems = QPlainTextEdit(
            "\n".join([f"Problem: {p}" for p in diff.problems] + [f"Note: {n}" for n in diff.notes])
        )
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setVisible(bool(diff.problems or diff.notes))
        layout.addWidget(self.problems, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _i: self._update_button())
        self._update_button()
        self.resize(860, 520)

    def _set_all(self, state: Qt.CheckState) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def accepted_changes(self) -> list[CellChange]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update_button(self) -> None:
        n = len(self.accepted_changes())
        self.apply_button.setText(f"Apply {n} change{'s' if n != 1 else ''}")
        self.apply_button.setEnabled(n > 0)
