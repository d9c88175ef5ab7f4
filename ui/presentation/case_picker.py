"""Choosing the cases to show side by side: two or three, in the case list's order,
filtered as the user types; the last choice is offered again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

LOWEST, HIGHEST = 2, 3


class CasePicker(QDialog):
    def __init__(
        self, cases: list[tuple[int, str]], checked: list[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Present Side by Side")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter the cases")
        self.filter.setAccessibleName("Filter cases")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Cases to compare")
        for case_id, name in cases:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if case_id in checked else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.hint = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Present")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Choose {LOWEST} or {HIGHEST} cases to show next to each other:"))
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(self._update)
        self._update()

    def chosen(self) -> list[int]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _filter(self, text: str) -> None:
        """Cases whose name holds every typed word; chosen ones stay in sight."""
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            name = item.text().casefold()
            matches = all(word in name for word in words)
            item.setHidden(not matches and item.checkState() != Qt.CheckState.Checked)
        self._update()

    def _update(self) -> None:
        count = len(self.chosen())
        ok = LOWEST <= count <= HIGHEST
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        text = f"{count} chosen" if ok else f"{count} chosen: choose {LOWEST} or {HIGHEST}"
        shown = sum(not self.list.item(row).isHidden() for row in range(self.list.count()))
        if shown < self.list.count():  # nothing is left out without a word
            text += f"  ·  the filter shows {shown} of {self.list.count()} cases"
        self.hint.setText(text)


def choose_cases(
    parent: QWidget, cases: list[tuple[int, str]], checked: list[int]
) -> list[int] | None:
    """The cases chosen, or None when the user cancelled."""
    picker = CasePicker(cases, checked, parent)
    if picker.exec() != QDialog.DialogCode.Accepted:
        return None
    return picker.chosen()


CHOICE_KEY = "presentation/side_by_side"


def last_choice(project_path: str) -> list[int]:
    """The cases last shown side by side in this project (none for another project)."""
    from ui.main_window import ui_settings  # loaded already: the window opens the picker

    settings = ui_settings()
    if settings.value(f"{CHOICE_KEY}/project", "") != project_path:
        return []
    stored = settings.value(f"{CHOICE_KEY}/cases", "") or ""
    parts = stored if isinstance(stored, list) else str(stored).split(",")  # INI splits it
    return [int(part) for part in parts if str(part).strip().isdigit()]


def remember_choice(project_path: str, case_ids: list[int]) -> None:
    from ui.main_window import ui_settings

    settings = ui_settings()
    settings.setValue(f"{CHOICE_KEY}/project", project_path)
    settings.setValue(f"{CHOICE_KEY}/cases", ",".join(str(c) for c in case_ids))
    settings.sync()
