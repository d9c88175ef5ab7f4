"""Exporting the co-author workbook: options, then a background export with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_with_progress
from workbench.excel.export import ExportOptions, ExportReport, export_workbook
from workbench.project import Project


class ExportOptionsDialog(QDialog):
    def __init__(self, current_case: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export workbook for co-authors")
        layout = QVBoxLayout(self)
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def export_with_progress(
    parent: QWidget | None, project: Project, target: Path, options: ExportOptions
) -> ExportReport | str:
    """Export in a thread with a progress dialog; the report, or the problem as text."""

    def work(progress):
        # A read-only connection of its own: the window keeps using the project's.
        with Project.open_readonly(project.path) as reader:
            return export_workbook(reader, target, options, progress)

    return run_with_progress(parent, f"Writing {target.name}…", work)
