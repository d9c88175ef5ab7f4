"""Options for the co-author workbook: which cases, and whether memos and notes go along."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class ExportOptionsDialog(QDialog):
    def __init__(self, current_case: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export workbook for co-authors")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Send the same file to every co-author. Their returned copies can be "
            "imported one after another: only the cells each of them changed are proposed."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.all_cases = QRadioButton("All cases")
        self.all_cases.setChecked(True)
        self.current = QRadioButton(
            f"Only the current case ({current_case})" if current_case else "Only the current case"
        )
        self.current.setEnabled(current_case is not None)
        self.memos = QCheckBox("Include memos and notes")
        self.memos.setChecked(True)
        self.memos.setToolTip("Leave them out to share scores without private notes")
        for w in (self.all_cases, self.current, self.memos):
            layout.addWidget(w)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
