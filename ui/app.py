"""Starting the desktop application: pick the project, open it, show the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workbench.errors import WorkbenchError
from workbench.project import Project
from workbench.samples import build_sample_project
from workbench.settings import Settings, sample_project_path


def project_to_open(requested: Path | None, settings: Settings) -> Path:
    """The requested project, else the last one opened, else the sample project."""
    if requested is not None:
        return requested
    last = settings.last_project
    if last is not None:
        return last
    sample = sample_project_path()
    if not sample.exists():
        sample.parent.mkdir(parents=True, exist_ok=True)
        build_sample_project(sample).close()
    return sample


def open_project(path: Path, parent: QWidget | None = None) -> Project | None:
    """Open a project, or show the core's error in a dialog and return None."""
    try:
        return Project.open(path)
    except WorkbenchError as exc:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Cannot open project")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"The project could not be opened:\n{path}")
        box.setInformativeText(getattr(exc, "problem", str(exc)))
        box.exec()
        return None


def run(path: Path | None = None) -> int:
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Migration Power Workbench")
    app.setOrganizationName("migration-power-workbench")
    settings = Settings.load()
    try:
        target = project_to_open(path, settings)
    except WorkbenchError as exc:
        QMessageBox.critical(None, "Cannot create the sample project", str(exc))
        return 2
    project = open_project(target)
    if project is None:
        return 2
    settings.add_recent(project.path)
    settings.save()
    window = MainWindow(project)
    window.show()
    code = app.exec()
    window.close_project()
    return code
