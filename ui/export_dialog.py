"""Exporting the co-author workbook: options, then a background export with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
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


class ExportWorker(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, project_path: Path, target: Path, options: ExportOptions) -> None:
        super().__init__()
        self.project_path, self.target, self.options = project_path, target, options

    def run(self) -> None:
        try:
            # A read-only connection of its own: the window keeps using the project's.
            project = Project.open_readonly(self.project_path)
            try:
                report = export_workbook(
                    project, self.target, self.options, lambda d, t: self.progress.emit(d, t)
                )
            finally:
                project.close()
        except (WorkbenchError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        self.done.emit(report)


def export_with_progress(
    parent: QWidget | None, project: Project, target: Path, options: ExportOptions
) -> ExportReport | str:
    """Run the export in a thread; returns the report or the problem as text."""
    thread = QThread(parent)
    worker = ExportWorker(project.path, target, options)
    worker.moveToThread(thread)
    outcome: list[object] = []
    dialog = QProgressDialog(f"Writing {target.name}…", "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    worker.progress.connect(on_progress)
    worker.done.connect(outcome.append)
    worker.failed.connect(outcome.append)
    worker.done.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.started.connect(worker.run)
    thread.start()
    while thread.isRunning():
        QApplication.processEvents()
        thread.wait(20)
    QApplication.processEvents()
    dialog.close()
    thread.deleteLater()
    return outcome[0] if outcome else "the export did not finish"  # type: ignore[return-value]
