"""ProjectView: everything shown for one open project — case list, matrix, details."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QInputDialog, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.case_detail_panel import CaseDetailPanel
from ui.case_list_panel import CaseListPanel
from ui.errors import confirm, show_error
from ui.matrix_editor import MatrixEditor
from ui.overlap_dialog import OverlapDialog
from ui.undo import ProjectUndoStack
from workbench.case_detail import CaseDetail, load_case
from workbench.commands import AddCase, Change, Command, DeleteCase, DuplicateCase, UpdateCase
from workbench.commands.cases import evidence_of_case
from workbench.errors import WorkbenchError
from workbench.project import Project
from workbench.vocabularies import load_vocabularies


class ProjectView(QWidget):
    case_shown = Signal(object)  # CaseDetail or None

    def __init__(
        self, project: Project, undo_stack: ProjectUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = undo_stack
        self.case: CaseDetail | None = None
        framework = project.framework

        self.case_list = CaseListPanel(project)
        self.matrix = MatrixEditor(framework, self.run)
        self.details = CaseDetailPanel(load_vocabularies(), self.run)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.details)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.matrix, "Matrix")
        self.tabs.addTab(scroll, "Case details")
        self.tabs.setDocumentMode(True)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("project-splitter")
        self.splitter.addWidget(self.case_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.case_list.current_case_changed.connect(self._on_case_list_current_changed)
        self.matrix.overlaps_requested.connect(self._on_matrix_overlaps_requested)
        self._unsubscribe = project.subscribe(self._on_project_changed)

    def detach(self) -> None:
        self._unsubscribe()
        self.case_list.detach()

    # --- running commands ---------------------------------------------------------

    def run(self, command: Command) -> bool:
        """Apply a command through the undo stack; report a refusal in a dialog."""
        try:
            self.undo_stack.run(command)
        except WorkbenchError as exc:
            show_error(self, "The change was not made", exc)
            self.show_case(self.case.id if self.case else None)  # undo what the widget shows
            return False
        return True

    # --- showing ----------------------------------------------------------------------

    def show_case(self, case_id: int | None) -> None:
        case = load_case(self.project.store, self.project.framework, case_id) if case_id else None
        self.case = case
        self.matrix.show_case(case)
        self.details.show_case(case)
        self.case_shown.emit(case)

    def _on_case_list_current_changed(self, case_id: int | None) -> None:
        self.show_case(case_id)

    def _on_project_changed(self, changes: list[Change]) -> None:
        if self.case is not None:
            self.show_case(self.case.id if self._exists(self.case.id) else None)

    def _exists(self, case_id: int) -> bool:
        return self.project.store.get("study_case", {"id": case_id}) is not None

    def _on_matrix_overlaps_requested(self) -> None:
        if self.case is None:
            return
        dialog = OverlapDialog(self.project.framework, self.case, self.run, lambda: self.case, self)
        dialog.exec()

    # --- case actions (menus and shortcuts call these) ---------------------------------

    def add_case(self) -> None:
        title, ok = QInputDialog.getText(self, "New case", "Title of the new case:")
        if ok and title.strip():
            command = AddCase(title.strip())
            if self.run(command):
                self.case_list.select_case(command.case_id)
                self.tabs.setCurrentIndex(1)
                self.details.fields["short_label"].setFocus()

    def rename_case(self) -> None:
        if self.case is None:
            return
        title, ok = QInputDialog.getText(self, "Rename case", "Title:", text=self.case.title)
        if ok and title.strip() and title.strip() != self.case.title:
            self.run(UpdateCase(self.case.id, title=title.strip()))

    def duplicate_case(self) -> None:
        if self.case is None:
            return
        command = DuplicateCase(self.case.id)
        if self.run(command):
            self.case_list.select_case(command.case_id)

    def delete_case(self) -> None:
        if self.case is None:
            return
        excerpts, links = evidence_of_case(self.project.store, self.case.id)
        detail = "You can undo this with Edit ▸ Undo."
        if links:
            detail = (
                f"{links} evidence link(s) to {excerpts} excerpt(s) will be removed "
                "with it. The excerpts themselves stay in the project. " + detail
            )
        if not confirm(self, "Delete case", f"Delete the case “{self.case.title}”?", detail):
            return
        row = self.case_list.view.currentIndex().row()
        if self.run(DeleteCase(self.case.id, confirm_evidence=True)):
            proxy = self.case_list.proxy
            if proxy.rowCount():
                index = proxy.index(min(row, proxy.rowCount() - 1), 0)
                self.case_list.view.setCurrentIndex(index)
