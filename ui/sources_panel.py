"""SourcesPanel: the bibliography — search, import, manual entry, export, formatted preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.change_hub import ChangeHub
from ui.errors import confirm, show_error
from ui.import_dialog import ImportReportDialog
from ui.save_places import remember_folder, start_folder
from ui.source_editor_dialog import SourceEditorDialog
from ui.source_list_model import SOURCE_ID_ROLE, SourceListModel
from workbench import queries
from workbench.citations import format_reference
from workbench.commands import AddSource, Command, DeleteSource, UpdateSource
from workbench.commands.evidence import import_command
from workbench.operations.bibliography import export_bibliography
from workbench.project import Project

REFERENCE_FILTER = "Reference files (*.bib *.bibtex *.ris *.json *.txt);;All files (*)"


class SourcesPanel(QWidget):
    def __init__(
        self,
        project: Project,
        hub: ChangeHub,
        run: Callable[[Command], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.run = run
        self.model = SourceListModel(project, hub, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Search sources by author, title, key")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Search sources")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Sources")
        # No sort indicator before sorting is enabled: the rows keep the project's order
        # and enabling sorting costs nothing (sorting 2,000 rows through Python would).
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 220)
        self.view.doubleClicked.connect(lambda _i: self.edit_source())
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.view, self.copy_reference)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)  # the list's own Ctrl+C
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.preview = QLabel("Select a source to see its formatted reference.")
        self.preview.setTextFormat(Qt.TextFormat.RichText)  # the style's italics
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setAccessibleName("Formatted reference")
        buttons = QHBoxLayout()
        for text, slot in (
            ("Import…", self.import_file),
            ("New…", self.new_source),
            ("Edit…", self.edit_source),
            ("Delete…", self.delete_source),
            ("Export…", self.export_bibliography),
            ("Copy reference", self.copy_reference),
        ):
            button = QPushButton(text)
            # clicked(bool) must not land in a parameter: call with none
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
            setattr(self, f"{text.rstrip('…').lower().replace(' ', '_')}_button", button)
        buttons.addStretch(1)
        self._on_current_changed(QModelIndex(), QModelIndex())
        # A reset (sources edited, imported, deleted) keeps the selected source selected.
        self._kept_source: int | None = None
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self.model.modelReset.connect(self._on_model_reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)

    def current_source_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(SOURCE_ID_ROLE) if index.isValid() else None

    def select_source(self, source_id: int) -> None:
        row = self.model.row_of(source_id)
        if row >= 0:
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _on_model_about_to_be_reset(self) -> None:
        self._kept_source = self.current_source_id()

    def _on_model_reset(self) -> None:
        if self._kept_source is not None and self.model.row_of(self._kept_source) >= 0:
            self.select_source(self._kept_source)
        else:
            self._on_current_changed(QModelIndex(), QModelIndex())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        source_id = current.data(SOURCE_ID_ROLE) if current.isValid() else None
        for button in (self.edit_button, self.delete_button, self.copy_reference_button):
            button.setEnabled(source_id is not None)  # they act on the selected source
        record = queries.source_record(self.project, source_id) if source_id else None
        if record is None:
            self.preview.setText("")
            return
        # formatted only when shown
        self.preview.setText(format_reference(record.item(), record.citation, html=True))

    def copy_reference(self) -> None:
        """The selected source's full reference on the clipboard: HTML with the style's
        italics for word processors, plain text for everything else."""
        source_id = self.current_source_id()
        record = queries.source_record(self.project, source_id) if source_id else None
        if record is None:
            return
        mime = QMimeData()
        mime.setText(format_reference(record.item(), record.citation))
        mime.setHtml(format_reference(record.item(), record.citation, html=True))
        QGuiApplication.clipboard().setMimeData(mime)

    # --- actions ----------------------------------------------------------------------

    def import_file(self) -> bool:
        start = start_folder("references", self.project, Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, "Import references", str(start), REFERENCE_FILTER
        )
        remember_folder("references", name)
        return bool(name) and self.import_path(Path(name))

    def import_path(self, path: Path) -> bool:
        dialog = ImportReportDialog(self.project, path, self)
        dialog.read()
        if not dialog.exec() or dialog.plan is None or not dialog.plan.changes:
            return False
        return self.run(import_command(dialog.plan, path.name))

    def new_source(self) -> None:
        dialog = SourceEditorDialog(self, taken_keys=self._keys())
        if dialog.exec():
            key, csl = dialog.result_values()
            command = AddSource(csl, key)
            if self.run(command):
                self.select_source(command.source_id)

    def edit_source(self) -> None:
        source_id = self.current_source_id()
        if source_id is None:
            return
        record = queries.source_record(self.project, source_id)
        if record is None:
            return
        dialog = SourceEditorDialog(self, record.citation_key, record.csl, taken_keys=self._keys())
        if dialog.exec() and dialog.changed():  # OK on an unchanged form records nothing
            key, csl = dialog.result_values()
            self.run(UpdateSource(source_id, csl, key))

    def _keys(self) -> set[str]:
        return {self.model.data(self.model.index(r, 3)) for r in range(self.model.rowCount())}

    def delete_source(self) -> None:
        source_id = self.current_source_id()
        if source_id is None:
            return
        record = queries.source_record(self.project, source_id)
        if record is None:
            return
        own = record.own_excerpts
        detail = "You can undo this with Edit ▸ Undo."
        if record.relying_excerpts:
            detail = (
                f"{record.relying_excerpts} excerpt(s) of other sources name it as the work "
                "they rely on; they stay, without that reference. " + detail
            )
        if own:
            detail = (
                f"{own} excerpt(s) quoted from it, and their evidence links, will be "
                "deleted with it. " + detail
            )
        if confirm(self, "Delete source", f"Delete the source {record.citation_key}?", detail):
            self.run(DeleteSource(source_id, confirm_evidence=True))

    def export_bibliography(self, case_ids: list[int] | None = None, name: str = "") -> bool:
        """Ask for a file (BibTeX or CSL-JSON by its extension) and write the sources of
        the project, or of some cases."""
        folder = start_folder("bibliography", self.project)
        suggestion = folder / (f"{name} bibliography.bib" if name else "bibliography.bib")
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export bibliography", str(suggestion), "BibTeX (*.bib);;CSL-JSON (*.json)"
        )
        if not chosen:
            return False
        remember_folder("bibliography", chosen)
        path = Path(chosen)
        try:
            written = export_bibliography(self.project, path, case_ids=case_ids)
        except OSError as exc:
            show_error(self, "The bibliography was not written", f"{path}: {exc.strerror}")
            return False
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"Wrote {written} source(s) to {path.name}", 8000)
        return True
