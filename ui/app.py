"""Starting the desktop application: pick the project, open it, show the window."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from ui.errors import show_error
from workbench.desktop_entry import DESKTOP_ID, ICON_SIZES
from workbench.errors import WorkbenchError
from workbench.failures import describe
from workbench.resources import icon_png
from workbench.settings import Settings, data_dir, sample_project_path

log = logging.getLogger("workbench.gui")


def log_path() -> Path:
    """Where uncaught errors are written, in the user data folder."""
    return data_dir() / "logs" / "workbench.log"


def install_error_log(parent: QWidget | None) -> None:
    """Uncaught errors (in a slot, say) go to the log file with their traceback; the
    user sees one sentence and where the details are, never a silent failure."""
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        try:
            log_path().parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                log_path(), maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            handler = None  # no log file (read-only home): the dialog still shows
        if handler is not None:
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            log.addHandler(handler)
    log.setLevel(logging.ERROR)
    log.propagate = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("uncaught error\n%s", details)
        if isinstance(error, WorkbenchError):
            text = str(error)
        else:
            text = f"Something went wrong: {kind.__name__}: {error}"
        try:
            show_error(parent, "Error", f"{text}\n\nThe details are in {log_path()}.")
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            sys.__excepthook__(kind, error, tb)

    sys.excepthook = hook


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
        from workbench.samples import build_sample_project  # only on first run

        build_sample_project(sample).close()
    return sample


def application_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Migration Power Workbench")
    app.setOrganizationName("migration-power-workbench")
    # Wayland and the desktop menus match the window to the installed .desktop file by this
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(application_icon())
    app.setStyle("Fusion")
    return app


def run(path: Path | None = None, quit_when_ready: bool = False) -> int:
    """Show the main window on the chosen project; a project that cannot be opened
    is reported in a dialog and the window starts empty. `quit_when_ready`: print what
    the window shows at its first idle moment, then quit (a smoke test of an install)."""
    from ui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    install_error_log(window)
    window.show()
    try:
        target = project_to_open(path, Settings.load())
    except (WorkbenchError, OSError) as exc:
        show_error(window, "Cannot create the sample project", describe(exc, sample_project_path()))
    else:
        window.open_path(target)
    if quit_when_ready:
        QTimer.singleShot(0, lambda: _report_ready_and_quit(app, window))
    code = app.exec()
    window.close_project()
    return code


def _report_ready_and_quit(app: QApplication, window) -> None:
    """What the case list shows, not what the file holds: the window really came up."""
    lists = [
        view
        for view in window.findChildren(QAbstractItemView)
        if view.accessibleName() == "Cases" and view.model() is not None
    ]
    rows = lists[0].model().rowCount() if lists else 0
    print(f"ready: {window.windowTitle()} ({rows} cases listed)", flush=True)
    app.exit(0 if window.project is not None and rows else 1)
