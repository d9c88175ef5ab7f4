"""ProjectView: everything shown for one open project — case list, matrix, details."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QInputDialog, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.case_detail_panel import CaseDetailPanel
from ui.case_list_panel import CaseListPanel
from ui.errors import confirm, show_error
from ui.evidence_panel import EvidencePanel
from ui.excerpt_editor_dialog import ExcerptEditorDialog, ExcerptValues
from ui.matrix_editor import MatrixEditor
from ui.overlap_dialog import OverlapDialog
from ui.search_panel import SearchPanel
from ui.sources_panel import SourcesPanel
from ui.undo import ProjectUndoStack
from workbench.case_detail import CaseDetail, load_case
from workbench.commands import (
    AddCase,
    AddExcerpt,
    Change,
    Command,
    CompositeCommand,
    DeleteCase,
    DuplicateCase,
    LinkExcerpt,
    UnlinkExcerpt,
    UpdateCase,
    UpdateExcerpt,
)
from workbench.commands.cases import evidence_of_case
from workbench.errors import WorkbenchError
from workbench.evidence import evidence_for
from workbench.project import Project
from workbench.search import SearchHit
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
        self.evidence = EvidencePanel()
        self.selected_type: str | None = None
        self.selected_mechanism: str | None = None
        # Left column: the cases above, the evidence of what is selected below, so the
        # matrix keeps the full height of the window.
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("left-splitter")
        self.left.addWidget(self.case_list)
        self.left.addWidget(self.evidence)
        self.left.setStretchFactor(0, 1)
        self.left.setStretchFactor(1, 1)
        self.left.setCollapsible(0, False)
        self.sources = SourcesPanel(project, self.run)
        self.search = SearchPanel(project)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.matrix, "Matrix")
        self.tabs.addTab(scroll, "Case details")
        self.tabs.addTab(self.sources, "Sources")
        self.tabs.addTab(self.search, "Search")
        self.tabs.setDocumentMode(True)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("project-splitter")
        self.splitter.addWidget(self.left)
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
        for quadrant in self.matrix.quadrants.values():
            quadrant.quadrant_selected.connect(self._on_quadrant_selected)
            quadrant.mechanism_selected.connect(self._on_mechanism_selected)
            quadrant.excerpts_dropped.connect(self._on_excerpts_dropped)
        self.evidence.open_requested.connect(self.open_excerpt)
        self.evidence.new_requested.connect(self.new_excerpt)
        self.evidence.unlink_requested.connect(self._on_evidence_unlink_requested)
        self.evidence.link_requested.connect(
            lambda excerpt_id, mechanism_id: self.link_excerpts([excerpt_id], mechanism_id)
        )
        self.search.hit_activated.connect(self.open_hit)
        self._unsubscribe = project.subscribe(self._on_project_changed)

    def detach(self) -> None:
        self._unsubscribe()
        self.case_list.detach()
        self.sources.detach()

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
        self.show_evidence()
        self.case_shown.emit(case)

    def _on_case_list_current_changed(self, case_id: int | None) -> None:
        self.show_case(case_id)

    def _on_project_changed(self, changes: list[Change]) -> None:
        if self.case is not None:
            self.show_case(self.case.id if self._exists(self.case.id) else None)

    def _exists(self, case_id: int) -> bool:
        return self.project.store.get("study_case", {"id": case_id}) is not None

    # --- evidence -------------------------------------------------------------------

    def shown_mechanisms(self) -> list[str]:
        framework = self.project.framework
        if self.selected_mechanism:
            return [self.selected_mechanism]
        if self.selected_type:
            return [m.id for m in framework.power_type(self.selected_type).mechanisms]
        return [m.id for m in framework.mechanisms]

    def show_evidence(self) -> None:
        framework = self.project.framework
        self.evidence.mechanism_choices = [(m.id, m.label) for m in framework.mechanisms]
        if self.case is None:
            self.evidence.show_items("Evidence", [])
            return
        if self.selected_mechanism:
            what = framework.mechanism(self.selected_mechanism).label
        elif self.selected_type:
            what = framework.power_type(self.selected_type).name.lower()
        else:
            what = "all mechanisms"
        items = evidence_for(self.project.store, self.case.id, self.shown_mechanisms())
        self.evidence.show_items(f"Evidence for {what} in {self.case.name}", items)

    def _on_quadrant_selected(self, power_type: str) -> None:
        if self.selected_type != power_type or self.selected_mechanism:
            self.selected_type, self.selected_mechanism = power_type, None
            self.show_evidence()

    def _on_mechanism_selected(self, mechanism_id: str) -> None:
        self.selected_mechanism = mechanism_id
        self.selected_type = self.project.framework.mechanism(mechanism_id).power_type
        self.show_evidence()

    def _on_excerpts_dropped(self, mechanism_id: str, excerpt_ids: list[int]) -> None:
        self.link_excerpts(excerpt_ids, mechanism_id)

    def link_excerpts(self, excerpt_ids: list[int], mechanism_id: str) -> bool:
        if self.case is None:
            return False
        store = self.project.store
        todo = [
            LinkExcerpt(e, self.case.id, mechanism_id)
            for e in excerpt_ids
            if store.get(
                "evidence_link",
                {"excerpt_id": e, "case_id": self.case.id, "mechanism_id": mechanism_id},
            )
            is None
        ]
        if not todo:
            return False
        label = self.project.framework.mechanism(mechanism_id).label
        return self.run(
            CompositeCommand(f"Link {len(todo)} excerpt(s) to {label} in {self.case.name}", todo)
        )

    def _on_evidence_unlink_requested(self, excerpt_id: int) -> None:
        if self.case is None:
            return
        store = self.project.store
        todo = [
            UnlinkExcerpt(excerpt_id, self.case.id, m)
            for m in self.shown_mechanisms()
            if store.get(
                "evidence_link",
                {"excerpt_id": excerpt_id, "case_id": self.case.id, "mechanism_id": m},
            )
            is not None
        ]
        if todo:
            self.run(CompositeCommand(f"Unlink excerpt in {self.case.name}", todo))

    def new_excerpt(self) -> None:
        links = []
        if self.case is not None and self.selected_mechanism:
            links = [(self.case.id, self.selected_mechanism)]
        values = ExcerptValues("", 0, None, "", "secondary_literature", "", links)
        dialog = ExcerptEditorDialog(self.project.store, self.project.framework, values, self)
        if dialog.exec():
            v = dialog.values()
            self.run(
                AddExcerpt(
                    v.source_id,
                    v.text,
                    locator=v.locator,
                    evidence_type=v.evidence_type,
                    note=v.note,
                    underlying_source_id=v.underlying_source_id,
                    links=v.links,
                )
            )

    def open_excerpt(self, excerpt_id: int) -> None:
        store = self.project.store
        old = ExcerptValues.of(store, excerpt_id)
        if old is None:
            return
        dialog = ExcerptEditorDialog(store, self.project.framework, old, self)
        if not dialog.exec():
            return
        new = dialog.values()
        names = ("text", "source_id", "underlying_source_id", "locator", "evidence_type", "note")
        fields = {k: getattr(new, k) for k in names if getattr(new, k) != getattr(old, k)}
        commands: list[Command] = [UpdateExcerpt(excerpt_id, **fields)] if fields else []
        added = [pair for pair in new.links if pair not in old.links]
        removed = [pair for pair in old.links if pair not in new.links]
        commands += [LinkExcerpt(excerpt_id, c, m) for c, m in added]
        commands += [UnlinkExcerpt(excerpt_id, c, m) for c, m in removed]
        if commands:
            self.run(CompositeCommand("Edit excerpt", commands))

    def open_hit(self, hit: SearchHit) -> None:
        """Show a search result where it belongs: its case, quadrant, mechanism, excerpt."""
        store = self.project.store
        case_id, mechanism_id = hit.case_id, hit.mechanism_id
        if hit.excerpt_id is not None:
            links = store.select("evidence_link", {"excerpt_id": hit.excerpt_id})
            if not links:
                self.open_excerpt(hit.excerpt_id)
                return
            preferred = [
                link for link in links if link["case_id"] == (self.case.id if self.case else None)
            ]
            link = (preferred or links)[0]
            case_id, mechanism_id = link["case_id"], link["mechanism_id"]
        if case_id is None:
            return
        self.case_list.select_case(case_id)
        if hit.kind == "summary":
            self.tabs.setCurrentIndex(1)
            return
        self.tabs.setCurrentIndex(0)
        power_type = hit.power_type_id
        if mechanism_id:
            power_type = self.project.framework.mechanism(mechanism_id).power_type
        if power_type:
            self.matrix.quadrant(power_type).setFocus()
        if mechanism_id:
            self.matrix.quadrant(power_type).select_mechanism(mechanism_id)
        if hit.excerpt_id is not None:
            self.evidence.select_excerpt(hit.excerpt_id)

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
