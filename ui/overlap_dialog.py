"""OverlapDialog: record where two mechanisms of a case shade into each other."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import show_error
from workbench.commands import AddOverlap, Command, RemoveOverlap
from workbench.errors import CommandError
from workbench.framework import Framework
from workbench.queries.case_detail import CaseDetail


class OverlapDialog(QDialog):
    def __init__(
        self,
        framework: Framework,
        case: CaseDetail,
        run: Callable[[Command], None],
        reload: Callable[[], CaseDetail | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.run = run
        self.reload = reload
        self.case = case
        self.setWindowTitle(f"Overlaps in {case.name}")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The four types of power are not mutually exclusive. Record where a "
            "mechanism shades into another in this case, and why."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Overlaps")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.first = self._mechanisms("First mechanism")
        self.second = self._mechanisms("Second mechanism")
        self.second.setCurrentIndex(1)
        self.note = QLineEdit()
        self.note.setPlaceholderText("How do they overlap here?")
        self.note.setAccessibleName("Overlap note")
        add = QPushButton("Add")
        add.clicked.connect(self._on_add_clicked)
        for w in (self.first, QLabel("and"), self.second):
            row.addWidget(w)
        row.setStretch(0, 1)
        row.setStretch(2, 1)
        layout.addLayout(row)
        note_row = QHBoxLayout()  # the note on its own line: room to write it
        note_row.addWidget(self.note, 1)
        note_row.addWidget(add)
        layout.addLayout(note_row)
        self.remove = QPushButton("Remove selected")
        self.remove.clicked.connect(self._on_remove_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(760, 360)
        self._fill()

    def _mechanisms(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for pt in self.framework.power_types:
            for m in pt.mechanisms:
                box.addItem(f"{m.label} ({pt.label.lower()})", m.id)
        return box

    def _fill(self) -> None:
        self.list.clear()
        for overlap in self.case.overlaps:
            a = self.framework.mechanism(overlap.mechanism_a).label
            b = self.framework.mechanism(overlap.mechanism_b).label
            item = QListWidgetItem(f"{a} ↔ {b}: {overlap.note}" if overlap.note else f"{a} ↔ {b}")
            item.setData(Qt.ItemDataRole.UserRole, overlap.id)
            self.list.addItem(item)
        self.remove.setEnabled(bool(self.case.overlaps))

    def _refresh(self) -> None:
        case = self.reload()
        if case is not None:
            self.case = case
            self._fill()

    def _on_add_clicked(self) -> None:
        try:
            self.run(
                AddOverlap(
                    self.case.id,
                    self.first.currentData(),
                    self.second.currentData(),
                    self.note.text().strip(),
                )
            )
        except CommandError as exc:
            show_error(self, "Cannot record the overlap", exc)
            return
        self.note.clear()
        self._refresh()

    def _on_remove_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.run(RemoveOverlap(item.data(Qt.ItemDataRole.UserRole)))
            self._refresh()
