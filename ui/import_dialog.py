"""Importing reference files: parse in a background thread with progress, show the
report (imported / updated / skipped with line and reason), apply only on accept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.background import Failure, run_with_progress
from workbench.bibliography.merge import ImportPlan
from workbench.operations.references import FileReport, prepare
from workbench.project import Project

ENCODINGS = (
    ("Detect", None),
    ("UTF-8", "utf-8"),
    ("Windows-1252", "cp1252"),
    ("Latin-1 (ISO 8859-1)", "latin-1"),
    ("UTF-16", "utf-16"),
    ("UTF-16 little-endian", "utf-16-le"),
    ("Mac Roman", "mac_roman"),
)


def prepare_with_progress(
    parent: QWidget | None, project: Project, path: Path, encoding: str | None
) -> FileReport | Failure:
    """Read the file and plan the import against the project in a worker thread (the same
    operation as `workbench import-refs`), with a progress dialog."""
    return run_with_progress(
        parent,
        f"Reading {path.name}…",
        lambda progress: prepare(project, path, encoding=encoding, progress=progress),
    )


class ImportReportDialog(QDialog):
    """What an import would do; `plan` is applied by the caller when accepted."""

    def __init__(self, project: Project, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.path = path
        self.plan: ImportPlan | None = None
        self.setWindowTitle(f"Import references from {path.name}")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(QLabel("Encoding"))
        self.encoding = QComboBox()
        for label, value in ENCODINGS:
            self.encoding.addItem(label, value)
        self.encoding.setAccessibleName("Encoding")
        self.encoding.activated.connect(lambda _i: self.read())
        row.addWidget(self.encoding)
        row.addStretch(1)
        layout.addLayout(row)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Import report")
        layout.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 480)

    def read(self) -> bool:
        report = prepare_with_progress(self, self.project, self.path, self.encoding.currentData())
        problem = report if isinstance(report, Failure) else report.error
        if problem or report.plan is None or report.result is None:
            self.plan = None
            self.summary.setText(f"{self.path} could not be read:\n{problem}")
            self.details.setPlainText("Nothing was imported and the project is unchanged.")
            self.import_button.setEnabled(False)
            return False
        self.plan = plan = report.plan
        outcome = report.result
        partial = " Some entries cannot be imported; the others can." if plan.skipped else ""
        self.summary.setText(
            f"{outcome.format}, read as {outcome.encoding}, {outcome.record_starts} records: "
            f"{plan.summary()}.{partial}"
        )
        lines = [
            f"new        {key}: {ref.csl.get('title') or '(no title)'}" for key, ref in plan.new
        ]
        lines += [f"update     {u.citation_key}: {', '.join(u.changed)}" for u in plan.updates]
        lines += [f"skipped    {s}" for s in plan.skipped]
        lines += [f"warning    {w}" for w in plan.warnings]
        self.details.setPlainText(
            "\n".join(lines) or "Everything in the file is already in the project."
        )
        self.import_button.setText(f"Import {plan.changes}")
        self.import_button.setEnabled(plan.changes > 0)
        return True
