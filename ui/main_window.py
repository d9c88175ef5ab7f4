"""MainWindow: menus, the open project's view, the History dock, window state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from ui.context_menu_key import context_menu_action
from ui.errors import show_error
from ui.framework_reference import FrameworkReferenceDialog
from ui.palette import apply_theme
from ui.project_files import ProjectFiles
from ui.project_view import ProjectView
from ui.restore_dialog import ProjectStateBanner
from ui.session import Session
from ui.shortcut_release import ShortcutRelease
from ui.undo import ProjectUndoStack
from workbench import __version__
from workbench.project import Project
from workbench.settings import Settings, config_dir

if TYPE_CHECKING:
    from ui.coauthor_actions import CoauthorActions


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's Redo keys plus Ctrl+Shift+Z and Ctrl+Y (the habits of every
    platform), each once (a key bound twice is an 'ambiguous shortcut' and does nothing)."""
    platform = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    keys = [*platform, QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    unique: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and all(key != other for other in unique):
            unique.append(key)
    return unique


def ui_settings() -> QSettings:
    config_dir().mkdir(parents=True, exist_ok=True)
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, project: Project | None = None) -> None:
        super().__init__()
        self.project: Project | None = None
        self.undo_stack: ProjectUndoStack | None = None
        self.view: ProjectView | None = None
        # the windows opened over the project, closed with it
        self.comparison_window: QWidget | None = None
        self.presentation_window: QWidget | None = None
        self.settings = Settings.load()
        self.files = ProjectFiles(self)
        self._coauthor: CoauthorActions | None = None
        self.setWindowTitle("Migration Power Workbench")
        self.undo_view = QUndoView()
        self.undo_view.setEmptyLabel("Opened")
        self.undo_view.setAccessibleName("History")
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("history-dock")
        self.history_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self._build_actions()
        self._build_menus()
        self.shortcut_release = ShortcutRelease(self.new_excerpt_action.shortcuts(), self)
        self.shortcut_release.watch_focus_within(self)
        self.statusBar()
        self.resize(1280, 800)
        self._restore_window_state()
        if project is not None:
            self.set_project(project)
        else:
            self._show_empty_state()

    # --- actions and menus ------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        files = self.files
        self.new_action = self._action("&New Project…", files.new_project, K.New)
        self.open_action = self._action("&Open…", files.open_project_dialog, K.Open)
        self.copy_action = self._action("Save a &Copy As…", files.save_copy, "Ctrl+Shift+S")
        self.restore_action = self._action("&Restore from Backup…", files.restore_from_backup)
        self.salvage_action = self._action("Save Readable &Part As…", files.salvage)
        self.salvage_action.setEnabled(False)  # for a damaged project only
        self.export_xlsx_action = self._action(
            "Export &Workbook for Co-authors…",
            lambda: self.coauthor.export_workbook(),
            "Ctrl+Shift+E",
        )
        self.import_xlsx_action = self._action(
            "Import Co-author &Edits…", lambda: self.coauthor.import_edits(), "Ctrl+Shift+I"
        )
        self.agreement_action = self._action(
            "Inter-coder &Agreement…", lambda: self.coauthor.show_agreement()
        )
        self.close_action = self._action("&Close Project", self.close_project, K.Close)
        self.quit_action = self._action("&Quit", self.close, K.Quit)
        self.undo_action = QAction("&Undo", self)
        self.redo_action = QAction("&Redo", self)
        self.add_case_action = self._action(
            "&Add Case…", self._in_view(ProjectView.add_case), "Ctrl+Shift+N"
        )
        self.rename_action = self._action(
            "&Rename Case…", self._in_view(ProjectView.rename_case), "F2"
        )
        self.duplicate_action = self._action(
            "D&uplicate Case", self._in_view(ProjectView.duplicate_case), "Ctrl+D"
        )
        self.delete_action = self._action(
            "&Delete Case…", self._in_view(ProjectView.delete_case), K.Delete
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_mechanism_action = self._action(
            "Add &Mechanism…",
            self._in_view(ProjectView.add_mechanism),
            tip="A mechanism of this project's own under one of the four power types",
        )
        self.find_action = self._action("&Find Case", self._focus_filter, K.Find)
        self.matrix_action = self._action(
            "Go to &Matrix", self._in_view(ProjectView.show_matrix), "Ctrl+M"
        )
        # Ctrl+Page Down/Up from anywhere in the window: a page key alone pages the list
        self.next_case_action = self._action(
            "&Next Case", lambda: self._step_case(1), "Ctrl+PgDown", "The next case in the list"
        )
        self.previous_case_action = self._action(
            "&Previous Case",
            lambda: self._step_case(-1),
            "Ctrl+PgUp",
            "The previous case in the list",
        )
        self.import_refs_action = self._action(
            "&Import References…", self._in_view(ProjectView.import_references), "Ctrl+I"
        )
        self.new_source_action = self._action("New &Source…", self._in_view(ProjectView.new_source))
        self.new_excerpt_action = self._action(
            "New &Excerpt…", self._in_view(ProjectView.new_excerpt), "Ctrl+E"
        )
        self.export_refs_action = self._action(
            "E&xport Bibliography…", self._in_view(ProjectView.export_bibliography)
        )
        self.export_case_refs_action = self._action(
            "Export Bibliography of Current &Case…",
            self._in_view(ProjectView.export_case_bibliography),
        )
        self.search_action = self._action(
            "&Search Evidence", self._in_view(ProjectView.show_search), "Ctrl+Shift+F"
        )
        self.dark_action = self._action("&Dark Theme", self._toggle_dark, "Ctrl+Shift+T")
        self.dark_action.setCheckable(True)

        def open_comparison() -> None:
            # loaded on first use: the charts bring pyqtgraph, which launch does not need
            from ui.comparison_view import open_comparison as show

            show(self)

        self.compare_action = self._action("&Compare Cases…", open_comparison, "Ctrl+Shift+C")

        def present() -> None:
            # loaded on first use: workshop mode adds nothing to start-up
            from ui.presentation.window import open_presentation

            open_presentation(self)

        self.present_action = self._action(
            "&Present", present, "F5", "Show the current case full screen for a room"
        )

        def present_side_by_side() -> None:
            from ui.presentation.window import open_side_by_side

            open_side_by_side(self)

        self.side_by_side_action = self._action(
            "Present &Side by Side…", present_side_by_side, "Shift+F5"
        )
        self.reference_action = self._action(
            "&Framework Reference", self.show_reference, K.HelpContents
        )
        self.about_action = self._action("&About", self.show_about)
        self.context_menu_action = context_menu_action(self)  # Shift+F10, as the Menu key

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addAction(self.new_action)
        file.addAction(self.open_action)
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self.files.fill_recent_menu)
        file.addSeparator()
        file.addAction(self.copy_action)
        file.addAction(self.restore_action)
        file.addAction(self.salvage_action)
        file.addAction(self.export_xlsx_action)
        file.addAction(self.import_xlsx_action)
        file.addAction(self.agreement_action)
        file.addSeparator()
        file.addAction(self.close_action)
        file.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        case = bar.addMenu("&Case")
        for action in (
            self.add_case_action,
            self.rename_action,
            self.duplicate_action,
            self.delete_action,
            self.matrix_action,
            self.add_mechanism_action,
        ):
            case.addAction(action)
        case.addSeparator()
        case.addAction(self.next_case_action)
        case.addAction(self.previous_case_action)
        evidence = bar.addMenu("Evi&dence")  # Alt+V is View's
        for action in (
            self.import_refs_action,
            self.new_source_action,
            self.new_excerpt_action,
            self.search_action,
            self.export_refs_action,
            self.export_case_refs_action,
        ):
            evidence.addAction(action)
        view = bar.addMenu("&View")
        view.addAction(self.history_dock.toggleViewAction())
        self.history_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+H"))
        view.addAction(self.compare_action)
        view.addAction(self.present_action)
        view.addAction(self.side_by_side_action)
        view.addAction(self.dark_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.reference_action)
        help_menu.addAction(self.about_action)

    def _in_view(self, method: Callable[[ProjectView], object]) -> Callable[[], None]:
        """A slot that calls a ProjectView method on the open project's view, if any.
        It takes no arguments, so an action's `triggered(bool)` cannot reach the method."""

        def call() -> None:
            if self.view is not None:
                method(self.view)

        return call

    def _step_case(self, delta: int) -> None:
        if self.view is not None and not self.view.case_list.step(delta):
            end = "last" if delta > 0 else "first"
            self.statusBar().showMessage(f"This is the {end} case in the list.", 3000)

    def _focus_filter(self) -> None:
        if self.view is not None:
            self.view.case_list.filter.setFocus()
            self.view.case_list.filter.selectAll()

    def _toggle_dark(self, checked: bool) -> None:
        apply_theme(QApplication.instance(), checked)
        ui_settings().setValue("dark", checked)

    # --- project lifecycle --------------------------------------------------------

    def set_project(self, project: Project) -> None:
        self.close_project()
        self.project = project
        self.undo_stack = ProjectUndoStack(project, self)
        self.undo_stack.failed.connect(self._on_undo_stack_failed)
        self.undo_view.setStack(self.undo_stack)
        self._bind_undo_actions()
        self.view = ProjectView(project, self.undo_stack)
        self.view.case_shown.connect(self._on_view_case_shown)
        self.setCentralWidget(self.view)
        # Del deletes a case only from the case list: elsewhere (an excerpt, a source,
        # a text field) the key means something else or nothing.
        self.removeAction(self.delete_action)
        self.view.case_list.view.addAction(self.delete_action)
        # the list's context menu (right click, Menu key, Shift+F10): the Case menu's commands
        self.view.case_list.set_context_actions(
            [self.rename_action, self.duplicate_action, self.delete_action]
        )
        self.view.case_list.hint_changed.connect(self.view.matrix.set_no_case_text)
        self.view.matrix.set_no_case_text(self.view.case_list.matrix_hint())
        state = ui_settings().value("splitter")
        if state is not None:
            self.view.splitter.restoreState(state)
        self.setWindowTitle(f"{project.name} — Migration Power Workbench")
        self.setWindowFilePath(str(project.path))
        self.settings.add_recent(project.path)
        self.settings.save()
        self._set_project_actions_enabled(True)
        if project.recovered_from_crash:
            self.statusBar().showMessage(
                "The last session ended unexpectedly; the integrity check found no problem.", 10000
            )
        elif project.upgraded_from is not None:
            self.statusBar().showMessage(
                f"Upgraded from schema version {project.upgraded_from}; a backup was taken first.",
                10000,
            )
        if self.view.case_list.proxy.rowCount():
            self.view.case_list.view.setCurrentIndex(self.view.case_list.proxy.index(0, 0))
        self._state_banner().watch(project)

    def _state_banner(self) -> ProjectStateBanner:
        """The read-only / damaged banner (made on first use), offering Restore."""
        banner = getattr(self, "_banner", None)
        if banner is None:
            banner = self._banner = ProjectStateBanner(self)
            banner.restore_requested.connect(self.files.restore_from_backup)
            banner.salvage_requested.connect(self.salvage_action.trigger)
            banner.read_only_shown.connect(self._on_banner_read_only_shown)
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
            banner.hide()
        return banner

    def _on_banner_read_only_shown(self, read_only: bool) -> None:
        """A read-only or damaged project can be read, searched and exported, not edited."""
        if self.project is None:
            return
        for action in self._editing_actions():
            action.setEnabled(not read_only)
        self.salvage_action.setEnabled(read_only and self.project.damaged is not None)
        if self.view is not None:
            self.view.set_read_only(read_only)

    def _editing_actions(self) -> tuple[QAction, ...]:
        return (
            self.add_case_action,
            self.rename_action,
            self.duplicate_action,
            self.delete_action,
            self.import_refs_action,
            self.new_source_action,
            self.new_excerpt_action,
            self.import_xlsx_action,
            self.add_mechanism_action,
        )

    def _bind_undo_actions(self) -> None:
        for old in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(old)
            self.removeAction(old)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(redo_shortcuts())
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertAction(first, self.undo_action)
        self.edit_menu.insertAction(first, self.redo_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

    def close_project(self) -> None:
        if self.project is None:
            return
        if self.view is not None:
            ui_settings().setValue("splitter", self.view.splitter.saveState())
            self.view.commit_pending_edits()  # a memo still being edited
            self.view.detach()
        self.undo_view.setStack(None)
        if self.undo_stack is not None:
            self.undo_stack.clear()
        self.project.close()
        self.project = None
        self.view = None
        self.undo_stack = None
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        label = QLabel(
            "No project is open.\n\nA project holds your cases, their matrices and the "
            "evidence behind them. New to the workbench? The sample project shows twelve "
            "finished cases."
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setMaximumWidth(520)
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        keys = QKeySequence.SequenceFormat.NativeText
        open_key = self.open_action.shortcut().toString(keys)
        new_key = self.new_action.shortcut().toString(keys)
        for text, slot in (
            (f"Open a project… ({open_key})", self.files.open_project_dialog),
            (f"New project… ({new_key})", self.files.new_project),
            ("Open the sample project", self.files.open_sample),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setMaximumWidth(260)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setCentralWidget(panel)
        self.setWindowTitle("Migration Power Workbench")
        self._set_project_actions_enabled(False)

    def _set_project_actions_enabled(self, enabled: bool) -> None:
        for action in (
            self.copy_action,
            self.restore_action,
            self.close_action,
            self.add_case_action,
            self.rename_action,
            self.duplicate_action,
            self.delete_action,
            self.find_action,
            self.matrix_action,
            self.add_mechanism_action,
            self.next_case_action,
            self.previous_case_action,
            self.import_refs_action,
            self.new_source_action,
            self.new_excerpt_action,
            self.export_refs_action,
            self.export_case_refs_action,
            self.search_action,
            self.export_xlsx_action,
            self.import_xlsx_action,
            self.agreement_action,
            self.compare_action,
            self.present_action,
            self.side_by_side_action,
        ):
            action.setEnabled(enabled)
        for window in (self.presentation_window, self.comparison_window):
            if not enabled and window is not None:
                window.close()  # it shows the project being closed

    def session(self) -> Session | None:
        """What a window opened over the project works with (None: no project open)."""
        view = self.view
        if view is None:
            return None

        def open_case(case_id: int, power_type: str | None, mechanism: str | None) -> None:
            # the main window first, so that the quadrant given focus becomes the selected one
            self.raise_()
            self.activateWindow()
            view.open_case(case_id, power_type, mechanism)

        return Session(
            project=view.project,
            hub=view.hub,
            undo_stack=view.undo_stack,
            case_list=view.case_list,
            main_window=self,
            open_case=open_case,
            current_case=lambda: view.case.id if view.case is not None else None,
            dark=self.dark_action.isChecked,
            closed=self._window_closed,
        )

    def _window_closed(self, window: QWidget) -> None:
        if self.comparison_window is window:
            self.comparison_window = None
        if self.presentation_window is window:
            self.presentation_window = None

    def open_path(self, path: Path) -> bool:
        return self.files.open_path(path)

    # --- co-author workbook and agreement (the flows live in ui.coauthor_actions) --------------

    @property
    def coauthor(self) -> CoauthorActions:
        from ui.coauthor_actions import CoauthorActions  # openpyxl loads with it, on first use

        if self._coauthor is None:
            self._coauthor = CoauthorActions(self)
        return self._coauthor

    # --- help -----------------------------------------------------------------------

    def show_reference(self) -> None:
        from workbench.framework import load_framework

        framework = self.project.framework if self.project else load_framework()
        FrameworkReferenceDialog(framework, self).exec()

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("About Migration Power Workbench")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Migration Power Workbench {__version__}")
        box.setInformativeText(
            "A comparative case-study workbench for migration power: the 2×2 matrix of "
            "compulsory, institutional, structural and productive power (Fernández-Molina "
            "and Tsourapas, after Barnett and Duvall), evidence with citations, and "
            "cross-case comparison. Works offline; every edit is saved as you make it."
        )
        box.exec()

    def _on_undo_stack_failed(self, problem: str) -> None:
        show_error(self, "The step could not be undone or redone", problem)

    def _on_view_case_shown(self, case) -> None:
        if case is not None and self.project is not None:
            self.setWindowTitle(f"{case.name} — {self.project.name} — Migration Power Workbench")

    # --- window state ---------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = ui_settings()
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("state")
        if state is not None:
            self.restoreState(state)
        dark = settings.value("dark", False, type=bool)
        self.dark_action.setChecked(dark)
        if dark and QApplication.instance() is not None:
            apply_theme(QApplication.instance(), True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shortcut_release.stop_watching()
        settings = ui_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        self.close_project()
        event.accept()
