"""RestoreBackupDialog: choose one of the project's backups; ProjectStateBanner: the
bar that says a project is open read-only (damaged, or a read-only place) and offers Restore."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workbench.project import Project
from workbench.restore import BackupInfo


class RestoreBackupDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        layout = QVBoxLayout(self)
        text = QLabel(
            "Backups, newest first: taken when the project is created and each time "
            "it is opened, before a co-author import and every 30 minutes of editing. "
            "Restoring replaces the project; its current state is kept as a "
            "backup, so a restore can itself be undone."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        for b in backups:
            item = QListWidgetItem(b.label)
            item.setData(Qt.ItemDataRole.UserRole, b)
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(bool(backups))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(480, 360)

    def chosen(self) -> BackupInfo | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class ProjectStateBanner(QToolBar):
    """A bar above the project saying it is open read-only, and why, with Restore.

    The opening backup is verified in a background thread; the banner looks at the
    project a few times a second until that is done, so damage the verification
    finds is shown as soon as it is known.
    """

    restore_requested = Signal()
    salvage_requested = Signal()  # save the readable part into a new project
    read_only_shown = Signal(bool)  # the project turned out read-only (or not)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Project state", parent)
        self.setObjectName("project-state-banner")
        self.setMovable(False)
        self.label = QLabel()
        self.label.setWordWrap(True)
        # a toolbar gives a wrapping label only its narrow size hint: let it take the width
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setMinimumWidth(520)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Project state")
        self.addWidget(self.label)
        self.restore_button = QPushButton("Restore from Backup…")
        self.restore_button.clicked.connect(self.restore_requested)
        # A toolbar shows and hides its widgets through their actions.
        self._restore_item = self.addWidget(self.restore_button)
        self.salvage_button = QPushButton("Save Readable Part As…")
        self.salvage_button.setToolTip("Write every row that can be read into a new project")
        self.salvage_button.clicked.connect(self.salvage_requested)
        self._salvage_item = self.addWidget(self.salvage_button)
        self._project: Project | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.hide()

    def watch(self, project: Project | None) -> None:
        self._project = project
        self.refresh()
        if project is not None and (project.backup_running or project.read_only):
            self._timer.start()  # also notices when the project is closed

    def refresh(self) -> None:
        project = self._project
        if project is None or project.closed:
            self._timer.stop()
            self.hide()
            return
        if not project.read_only and not project.backup_running:
            self._timer.stop()  # nothing more can change while the project stays open
        if not project.read_only:
            self.hide()
            self.read_only_shown.emit(False)
            return
        if project.damaged:
            # Plain words here; what SQLite found is for whoever asks (the tooltip).
            self.label.setText(
                "Part of this project file is damaged. It is open read-only and shows what "
                "can be read. Restore it from a backup (the damaged file is kept), or save "
                "what can be read into a new project."
            )
            self.label.setToolTip(f"What the check found: {project.damaged}")
            self._restore_item.setVisible(True)
            self._salvage_item.setVisible(True)
        else:
            self.label.setText(
                f"This project is open read-only ({project.read_only_reason}): nothing can be "
                "changed. Save a copy elsewhere to edit it."
            )
            self.label.setToolTip("")
            self._restore_item.setVisible(False)
            self._salvage_item.setVisible(False)
        self.show()
        self.read_only_shown.emit(True)
