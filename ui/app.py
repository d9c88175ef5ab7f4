"""Starting the desktop application: pick the project, open it, show the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.errors import show_error
from workbench.errors import WorkbenchError
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


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Migration Power Workbench")
    app.setOrganizationName("migration-power-workbench")
    app.setStyle("Fusion")
    return app


def run(path: Path | None = None) -> int:
    """Show the main window on the chosen project; a project that cannot be opened
    is reported in a dialog and the window starts empty."""
    from ui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.show()
    try:
        target = project_to_open(path, Settings.load())
    except WorkbenchError as exc:
        show_error(window, "Cannot create the sample project", exc)
    else:
        window.open_path(target)
    code = app.exec()
    window.close_project()
    return code
