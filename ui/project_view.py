"""ProjectView: everything shown for one open project — case list, matrix, details."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.case_detail_panel import CaseDetailPanel
from ui.case_list_panel import CaseListPanel
from ui.change_hub import ChangeHub
from ui.errors import confirm, show_error
from ui.evidence_panel import EvidencePanel
from ui.excerpt_editor_dialog import ExcerptEditorDialog
from ui.matrix_editor import MatrixEditor
from ui.mechanism_dialog import AddMechanismDialog
from ui.overlap_dialog import OverlapDialog
from ui.undo import ProjectUndoStack
from ui.widgets import CommitLineEdit, CommitTextEdit
from workbench import queries
from workbench.commands import (
    AddCase,
    AddExcerpt,
    Command,
    CompositeCommand,
    DeleteCase,
    DuplicateCase,
    LinkExcerpt,
    UnlinkExcerpt,
    UpdateCase,
    UpdateExcerpt,
)
from workbench.errors import WorkbenchError
from workbench.failures import STORAGE_ERRORS
from workbench.project import Project
from workbench.queries import CaseDetail, ExcerptRecord
from workbench.search import SearchHit
from workbench.vocabularies import load_vocabularies

# Edits that paused this long are written into the project file itself (ms).
IDLE_CHECKPOINT_MS = 2000
IDLE_RETRIES = 5  # a checkpoint a reader held back is tried again this often
# Said where a damaged project's part cannot be read (the rest is still shown).
UNREADABLE = "cannot be read: this part of the project file is damaged"

if TYPE_CHECKING:  # built with their tabs, on first view
    from ui.search_panel import SearchPanel
    from ui.sources_panel import SourcesPanel


class ProjectView(QWidget):
    """The open project. Each part listens to the change hub for what concerns it: a score
    repaints one quadrant, an evidence link the evidence list and counts, a title the
    details; nothing re-reads the whole case unless the change says too little."""

    case_shown = Signal(object)  # CaseDetail or None

    def __init__(
        self, project: Project, undo_stack: ProjectUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = undo_stack
        self.hub = ChangeHub(project, self)
        self.case: CaseDetail | None = None
        framework = project.framework

        self.case_list = CaseListPanel(project, self.hub)
        self.matrix = MatrixEditor(framework, self.run)
        self.matrix_scroll = _scrolling(self.matrix, horizontal=True)
        self.details = CaseDetailPanel(project, load_vocabularies(), self.run)
        self.details_scroll = _scrolling(self.details)
        self.evidence = EvidencePanel()
        self.selected_type: str | None = None
        self.selected_mechanism: str | None = None
        self.last_source_id: int | None = None  # preselected for the next new excerpt
        # Left column: the cases above, the evidence of what is selected below, so the
        # matrix keeps the full height of the window.
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("left-splitter")
        self.left.addWidget(self.case_list)
        self.left.addWidget(self.evidence)
        self.left.setStretchFactor(0, 1)
        self.left.setStretchFactor(1, 1)
        self.left.setCollapsible(0, False)
        # Sources and Search are built when first shown: on a large project the
        # bibliography alone would add half a second to opening.
        self.sources_tab = LazyTab(self._make_sources_panel)
        self.search_tab = LazyTab(self._make_search_panel)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.matrix_scroll, "Matrix")
        self.tabs.addTab(self.details_scroll, "Case details")
        self.tabs.addTab(self.sources_tab, "Sources")
        self.tabs.addTab(self.search_tab, "Search")
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
        self.hub.cell_changed.connect(self._on_hub_cell_changed)
        self.hub.coding_changed.connect(self._on_hub_coding_changed)
        self.hub.case_changed.connect(self._on_hub_case_changed)
        self.hub.overlaps_changed.connect(self._on_hub_case_changed)
        self.hub.case_removed.connect(self._on_hub_case_removed)
        self.hub.evidence_changed.connect(self._on_hub_evidence_changed)
        self.hub.excerpts_edited.connect(self._on_hub_excerpts_edited)
        self.hub.actors_changed.connect(self._reload_case)
        self.hub.framework_changed.connect(self._on_hub_framework_changed)
        # Once edits pause, the .mpw file alone holds every change (a copy taken to a
        # stick or a cloud folder is complete), and a long session gets its backups.
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_CHECKPOINT_MS)
        self.idle_timer.timeout.connect(self._on_idle)
        self._idle_retries = 0
        self.hub.changed.connect(self._on_hub_changed)

    @property
    def sources(self) -> SourcesPanel:
        return self.sources_tab.panel()  # type: ignore[return-value]

    @property
    def search(self) -> SearchPanel:
        return self.search_tab.panel()  # type: ignore[return-value]

    def _make_sources_panel(self) -> SourcesPanel:
        from ui.sources_panel import SourcesPanel

        return SourcesPanel(self.project, self.hub, self.run)

    def _make_search_panel(self) -> SearchPanel:
        from ui.search_panel import SearchPanel

        panel = SearchPanel(self.project, self.hub)
        panel.hit_activated.connect(self.open_hit)
        return panel

    def detach(self) -> None:
        self.idle_timer.stop()
        self.hub.detach()

    def _on_hub_changed(self, changes: object) -> None:
        self._idle_retries = 0
        self.idle_timer.start()

    def _on_idle(self) -> None:
        if self.project.closed or self.project.read_only:
            return
        done = self.project.checkpoint()
        self.project.backup_if_due()
        if not done and self._idle_retries < IDLE_RETRIES:
            self._idle_retries += 1
            self.idle_timer.start()

    # --- running commands ---------------------------------------------------------

    def run(self, command: Command) -> bool:
        """Apply a command through the undo stack; a refusal is shown in a dialog and the
        widgets are put back to what the file holds."""
        problem = self.undo_stack.run(command)
        if problem is None:
            return True
        show_error(self, "The change was not made", problem)
        self._reload_case()
        return False

    # --- showing ----------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """A read-only (or damaged) project is shown, not edited: the forms are
        disabled, so nothing invites a change the file would refuse."""
        self.details.setEnabled(not read_only)
        self.evidence.new_button.setEnabled(not read_only)

    def show_case(self, case_id: int | None) -> None:
        try:
            case = queries.case_detail(self.project, case_id) if case_id else None
        except (*STORAGE_ERRORS, WorkbenchError):  # a damaged page of a read-only project
            self._show(None)
            self._say_unreadable("This case")
            return
        self._show(case)

    def _show(self, case: CaseDetail | None) -> None:
        if (
            self.case is not None
            and (case is None or case.id != self.case.id)
            and not self.undo_stack.busy  # an undo moved away: nothing may be pushed now
            and queries.case_exists(self.project, self.case.id)
        ):
            self.commit_pending_edits()  # to the case they were typed for
        self.case = case
        self.matrix.show_case(case)
        self.details.show_case(case)
        self.show_evidence()
        self.case_shown.emit(case)

    def commit_pending_edits(self) -> None:
        """Save text typed into a memo or field that still has the focus: moving to
        another case by a shortcut (or a filter) leaves the focus where it was."""
        for kind in (CommitTextEdit, CommitLineEdit):
            for editor in self.findChildren(kind):
                editor.commit()

    def _reload_case(self) -> None:
        self.show_case(self.case.id if self.case else None)

    def _on_hub_framework_changed(self) -> None:
        framework = self.project.framework
        if self.selected_mechanism not in {m.id for m in framework.mechanisms}:
            self.selected_mechanism = None  # an undone mechanism of the project's own
        self.matrix.set_framework(framework)
        self._reload_case()

    def _on_case_list_current_changed(self, case_id: int | None) -> None:
        self.show_case(case_id)

    def _on_hub_cell_changed(self, case_id: int, power_type: str, values: object) -> None:
        if self.case is None or case_id != self.case.id:
            return
        if not isinstance(values, dict):
            self._reload_case()
            return
        self.case = self.case.with_cell(power_type, values)
        self.matrix.show_quadrant(self.case, power_type)

    def _on_hub_coding_changed(self, case_id: int, mechanism_id: str, values: object) -> None:
        if self.case is None or case_id != self.case.id:
            return
        if not isinstance(values, dict):
            self._reload_case()
            return
        framework = self.project.framework
        self.case = self.case.with_coding(framework, mechanism_id, values)
        self.matrix.show_quadrant(self.case, framework.mechanism(mechanism_id).power_type)

    def _on_hub_case_changed(self, case_id: int) -> None:
        if self.case is not None and case_id == self.case.id:
            self._reload_case()

    def _on_hub_case_removed(self, case_id: int) -> None:
        if self.case is not None and case_id == self.case.id:
            self._show(None)

    def _on_hub_evidence_changed(self, case_ids: object) -> None:
        if self.case is None:
            return
        if case_ids is None or self.case.id in case_ids:  # type: ignore[operator]
            self._reload_case()

    def _on_hub_excerpts_edited(self, excerpt_ids: frozenset[int]) -> None:
        """An excerpt's text, locator or source changed: the evidence list shows it again
        if it lists it (the matrix's counts only follow links)."""
        shown = {item.excerpt_id for item in self.evidence.model.items}
        if shown & excerpt_ids:
            self.show_evidence()

    # --- evidence -------------------------------------------------------------------

    def shown_mechanisms(self) -> list[str]:
        framework = self.project.framework
        if self.selected_mechanism:
            return [self.selected_mechanism]
        if self.selected_type:
            return [m.id for m in framework.power_type(self.selected_type).mechanisms]
        return [m.id for m in framework.mechanisms]

    def show_evidence(self) -> None:
        try:
            self._show_evidence()
        except (*STORAGE_ERRORS, WorkbenchError):  # a damaged page: said, not left empty
            self._say_unreadable("The evidence")

    def _say_unreadable(self, what: str) -> None:
        """Instead of an empty list: what could not be read, in the evidence list's title."""
        self.evidence.show_items(what, [])
        self.evidence.title.setText(f"{what} cannot be read (the file is damaged)")
        self.evidence.title.setToolTip(f"{what} {UNREADABLE}.")

    def _show_evidence(self) -> None:
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
        items = queries.evidence_items(self.project, self.case.id, self.shown_mechanisms())
        self.evidence.show_items(f"Evidence for {what} in {self.case.name}", items)

    def _on_quadrant_selected(self, power_type: str) -> None:
        if self.selected_type != power_type or self.selected_mechanism:
            self.selected_type, self.selected_mechanism = power_type, None
            self.matrix.mark_mechanism(None)
            self.show_evidence()

    def _on_mechanism_selected(self, mechanism_id: str) -> None:
        self.matrix.mark_mechanism(mechanism_id)
        self.selected_mechanism = mechanism_id
        self.selected_type = self.project.framework.mechanism(mechanism_id).power_type
        self.show_evidence()

    def _on_excerpts_dropped(self, mechanism_id: str, excerpt_ids: list[int]) -> None:
        self.link_excerpts(excerpt_ids, mechanism_id)

    def link_excerpts(self, excerpt_ids: list[int], mechanism_id: str) -> bool:
        if self.case is None:
            return False
        new = queries.missing_links(self.project, excerpt_ids, self.case.id, mechanism_id)
        if not new:
            return False
        label = self.project.framework.mechanism(mechanism_id).label
        todo = [LinkExcerpt(e, self.case.id, mechanism_id) for e in new]
        return self.run(
            CompositeCommand(f"Link {len(todo)} excerpt(s) to {label} in {self.case.name}", todo)
        )

    def _on_evidence_unlink_requested(self, excerpt_id: int) -> None:
        if self.case is None:
            return
        linked = queries.present_links(
            self.project, excerpt_id, self.case.id, self.shown_mechanisms()
        )
        todo = [UnlinkExcerpt(excerpt_id, self.case.id, m) for m in linked]
        if todo:
            self.run(CompositeCommand(f"Unlink excerpt in {self.case.name}", todo))

    def new_excerpt(self) -> None:
        """A new excerpt is evidence for what is selected: a selected mechanism is linked
        at once; for a selected quadrant the dialog offers the case and that quadrant's
        mechanisms to choose from (evidence is linked to mechanisms, never guessed)."""
        links = []
        if self.case is not None and self.selected_mechanism:
            links = [(self.case.id, self.selected_mechanism)]
        values = ExcerptRecord("", self.last_source_id, None, "", "secondary_literature", "", links)
        dialog = ExcerptEditorDialog(
            self.project,
            values,
            self,
            current_case=self.case.id if self.case else None,
            power_type=self.selected_type if not links else None,
        )
        if not dialog.exec():
            return
        v = dialog.values()
        if v.source_id is None:
            return
        command = AddExcerpt(
            v.source_id,
            v.text,
            locator=v.locator,
            evidence_type=v.evidence_type,
            note=v.note,
            underlying_source_id=v.underlying_source_id,
            links=v.links,
        )
        if self.run(command):
            self.last_source_id = v.source_id
            if v.links:
                self.evidence.select_excerpt(command.excerpt_id)

    def open_excerpt(self, excerpt_id: int) -> None:
        old = queries.excerpt_record(self.project, excerpt_id)
        if old is None:
            return
        dialog = ExcerptEditorDialog(self.project, old, self)
        if not dialog.exec():
            return
        new = dialog.values()
        names = ("text", "source_id", "underlying_source_id", "locator", "evidence_type", "note")
        fields = {k: getattr(new, k) for k in names if _edited(getattr(old, k), getattr(new, k))}
        commands: list[Command] = [UpdateExcerpt(excerpt_id, **fields)] if fields else []
        added = [pair for pair in new.links if pair not in old.links]
        removed = [pair for pair in old.links if pair not in new.links]
        commands += [LinkExcerpt(excerpt_id, c, m) for c, m in added]
        commands += [UnlinkExcerpt(excerpt_id, c, m) for c, m in removed]
        if commands:
            self.run(CompositeCommand("Edit excerpt", commands))

    def open_hit(self, hit: SearchHit) -> None:
        """Show a search result where it belongs: its case, quadrant, mechanism, excerpt."""
        case_id, mechanism_id = hit.case_id, hit.mechanism_id
        if hit.excerpt_id is not None:
            links = queries.excerpt_links(self.project, hit.excerpt_id)
            if not links:
                self.open_excerpt(hit.excerpt_id)
                return
            current = self.case.id if self.case else None
            case_id, mechanism_id = next((p for p in links if p[0] == current), links[0])
        if case_id is None:
            return
        if hit.kind == "summary":
            self.open_case(case_id, details=True)
            return
        power_type = hit.power_type_id
        if mechanism_id:
            power_type = self.project.framework.mechanism(mechanism_id).power_type
        self.open_case(case_id, power_type, mechanism_id)
        if hit.excerpt_id is not None:
            self.evidence.select_excerpt(hit.excerpt_id)

    def open_case(
        self,
        case_id: int,
        power_type: str | None = None,
        mechanism_id: str | None = None,
        details: bool = False,
    ) -> None:
        """Select a case and show it at a quadrant or mechanism (search, charts, dialogs)."""
        self.case_list.select_case(case_id)
        if details:
            self.tabs.setCurrentWidget(self.details_scroll)
            return
        self.tabs.setCurrentWidget(self.matrix_scroll)
        if power_type:
            self.matrix.quadrant(power_type).setFocus()
            if not mechanism_id:  # focus given while another window is active selects nothing
                self._on_quadrant_selected(power_type)
        if mechanism_id and power_type:
            self.matrix.quadrant(power_type).select_mechanism(mechanism_id)

    def show_matrix(self) -> None:
        self.tabs.setCurrentWidget(self.matrix_scroll)
        self.matrix.focus_quadrant()

    def show_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_tab)
        if self._readable(self.search_tab):
            self.search.box.setFocus()
            self.search.box.selectAll()

    def _readable(self, tab: LazyTab) -> bool:
        """False, after saying so, when a page could not be read (a damaged project)."""
        if tab.panel().objectName() != "unreadable":
            return True
        show_error(self, "This page cannot be shown", f"This page {UNREADABLE}.")
        return False

    def show_sources(self) -> None:
        self.tabs.setCurrentWidget(self.sources_tab)

    def import_references(self) -> None:
        self.show_sources()
        if self._readable(self.sources_tab):
            self.sources.import_file()

    def new_source(self) -> None:
        self.show_sources()
        if self._readable(self.sources_tab):
            self.sources.new_source()

    def export_bibliography(self) -> None:
        if self._readable(self.sources_tab):
            self.sources.export_bibliography()

    def export_case_bibliography(self) -> None:
        if self.case is not None and self._readable(self.sources_tab):
            self.sources.export_bibliography(case_ids=[self.case.id], name=self.case.name)

    def add_mechanism(self) -> None:
        """A project's own mechanism, under the quadrant chosen last."""
        dialog = AddMechanismDialog(self.project.framework, self.run, self.selected_type, self)
        if dialog.exec() and dialog.command is not None and self.case is not None:
            self._on_mechanism_selected(dialog.command.row["id"])

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
                self.tabs.setCurrentWidget(self.details_scroll)
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
        excerpts, links = queries.case_evidence(self.project, self.case.id)
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


def _edited(old: object, new: object) -> bool:
    """The form trims what it shows; a stored text that differs only by surrounding
    white space is unchanged (OK without an edit adds no step and alters no quotation)."""
    if isinstance(old, str) and isinstance(new, str):
        return new != old.strip()
    return new != old


class LazyTab(QWidget):
    """A tab page whose panel is made the first time the page is shown or asked for."""

    def __init__(self, make: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make = make
        self._panel: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def panel(self) -> QWidget:
        if self._panel is None:
            try:
                self._panel = self._make()
            except (*STORAGE_ERRORS, WorkbenchError):  # a damaged page of a read-only project
                self._panel = QLabel(f"This page {UNREADABLE}. The other pages show what can.")
                self._panel.setObjectName("unreadable")
                self._panel.setWordWrap(True)
                self._panel.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.layout().addWidget(self._panel)
        return self._panel

    def showEvent(self, event: QShowEvent) -> None:
        self.panel()
        super().showEvent(event)


def _scrolling(widget: QWidget, horizontal: bool = False) -> QScrollArea:
    """A panel that scrolls rather than forcing the window larger than a laptop screen
    (the matrix also sideways, when a dock narrows it)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(
        Qt.ScrollBarPolicy.ScrollBarAsNeeded
        if horizontal
        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    )
    scroll.setWidget(widget)
    return scroll
