"""ProjectFiles: opening, creating, copying and restoring project files for the main window.

The window keeps its menus; what happens to files (dialogs, damaged or read-only
projects, backups, recent files) lives here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.background import Failure, run_with_progress
from ui.errors import confirm, show_error
from ui.restore_dialog import RestoreBackupDialog
from ui.save_places import remember_folder, start_folder
from workbench.errors import WorkbenchError
from workbench.failures import describe
from workbench.project import Project
from workbench.restore import SalvageReport, available_backups, restore_backup, salvage
from workbench.settings import Settings, sample_project_path

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FILTER = "Migration Power projects (*.mpw)"


class ProjectFiles(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def open_path(self, path: Path) -> bool:
        """Open a project; a damaged or read-only one opens read-only under a banner."""
        try:
            project = Project.open(path, allow_read_only=True)
        except (WorkbenchError, OSError) as exc:
            show_error(self.window, "Cannot open project", describe(exc, path))
            return False
        try:
            self.window.set_project(project)
        except Exception as exc:  # a damaged page may fail any read while showing it
            logging.getLogger("workbench.gui").error("showing %s failed", path, exc_info=True)
            error = describe(exc, path)
            damaged = project.damaged
            self.window.close_project()
            if not project.closed:
                project.close()
            if damaged is None:
                show_error(self.window, "Cannot open project", error)
            elif self._offer_restore(path, damaged):
                return self.window.project is not None
            return False
        return True

    def _offer_restore(self, path: Path, damage: str) -> bool:
        """The project is too damaged to show: offer to restore it from a backup."""
        answer = QMessageBox.question(
            self.window,
            "The project is damaged",
            f"{path}\n\nThis project is damaged and cannot be shown ({damage}).\n\n"
            "Restore it from a backup? The damaged file is kept beside it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._restore_path(path)
        return True

    def open_project_dialog(self) -> None:
        start = str(start_folder("project", self.window.project))
        name, _ = QFileDialog.getOpenFileName(self.window, "Open project", start, FILTER)
        remember_folder("project", name)
        if name:
            self.open_path(Path(name))

    def open_sample(self) -> None:
        path = sample_project_path()
        try:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                from workbench.samples import build_sample_project  # first use only

                build_sample_project(path).close()
        except WorkbenchError as exc:
            show_error(self.window, "Cannot create the sample project", exc)
            return
        self.open_path(path)

    def new_project(self) -> None:
        start = str(start_folder("project", self.window.project))
        name, _ = QFileDialog.getSaveFileName(self.window, "New project", start, FILTER)
        if not name:
            return
        remember_folder("project", name)
        path = Path(name)
        if path.suffix != ".mpw":
            path = path.with_name(path.name + ".mpw")
        try:
            project = Project.create(path, backup=True)
        except WorkbenchError as exc:
            show_error(self.window, "Cannot create the project", exc)
            return
        self.window.set_project(project)

    def save_copy(self) -> None:
        if self.window.project is None:
            return
        path = self.window.project.path
        suggestion = start_folder("copy", None, path.parent) / (path.stem + " copy.mpw")
        name, _ = QFileDialog.getSaveFileName(self.window, "Save a copy", str(suggestion), FILTER)
        if not name:
            return
        remember_folder("copy", name)
        try:
            self.window.project.save_copy(Path(name))
        except (WorkbenchError, OSError) as exc:
            show_error(self.window, "The copy was not saved", describe(exc, Path(name)))
            return
        self.window.statusBar().showMessage(f"Saved a copy as {name}", 6000)

    def salvage(self) -> None:
        """Save what can be read of the open, damaged project into a new project."""
        project = self.window.project
        if project is None or not project.damaged:
            return
        suggestion = project.path.with_name(project.path.stem + " (readable part).mpw")
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Save Readable Part As", str(suggestion), FILTER
        )
        if not name:
            return
        target = Path(name)
        if target.suffix != ".mpw":
            target = target.with_name(target.name + ".mpw")

        def work(progress: Callable[[int, int], None]) -> SalvageReport:
            try:
                return salvage(project.path, target, progress)
            except WorkbenchError as exc:  # the whole sentence: it names the file
                raise WorkbenchError(str(exc)) from exc

        report = run_with_progress(self.window, "Saving the readable part…", work)
        if isinstance(report, Failure):
            show_error(self.window, "The readable part was not saved", report)
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Readable part saved")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n".join(report.lines()))
        box.setInformativeText("Open the new project now? The damaged one stays as it is.")
        opening = box.addButton("Open New Project", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is opening:
            self.open_path(report.target)

    def restore_from_backup(self) -> None:
        if self.window.project is None:
            return
        self.window.project.wait_for_backup()
        self._restore_path(self.window.project.path)

    def _restore_path(self, path: Path) -> None:
        dialog = RestoreBackupDialog(available_backups(path), self.window)
        if not dialog.exec() or dialog.chosen() is None:
            return
        chosen = dialog.chosen()
        if not confirm(
            self.window,
            "Restore from backup",
            f"Replace the project with the backup of {chosen.label}?",
            "The current state is kept as a backup first.",
            action="Restore",
        ):
            return
        self.window.close_project()
        try:
            result = restore_backup(path, chosen.path)
        except (WorkbenchError, OSError) as exc:
            show_error(self.window, "The backup was not restored", describe(exc, path))
            self.open_path(path)
            return
        if self.open_path(path) and result.damaged:
            self.window.statusBar().showMessage(
                f"Restored. The damaged file was kept as {result.kept.name}", 15000
            )

    def fill_recent_menu(self) -> None:
        self.window.recent_menu.clear()
        recent = [Path(p) for p in Settings.load().recent_projects if Path(p).exists()]
        for path in recent:
            action = self.window.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            self.window.recent_menu.addAction("(none)").setEnabled(False)
