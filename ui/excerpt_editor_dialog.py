"""ExcerptEditorDialog: verbatim text, source (type-ahead), locator, evidence type, note,
and the case × mechanism pairs it is evidence for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from workbench import queries
from workbench.project import Project
from workbench.queries import ExcerptRecord
from workbench.vocabularies import load_vocabularies

NO_SOURCE = "Choose the source (type to search)…"


def _source_combo(choices: list[queries.SourceChoice], name: str, optional: bool) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(40)
    box.setAccessibleName(name)
    if optional:
        box.addItem("(none)", None)
    for choice in choices:
        box.addItem(choice.label, choice.id)
    if not optional:
        box.setCurrentIndex(-1)
        box.lineEdit().setPlaceholderText(NO_SOURCE)
    completer = box.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return box


class ExcerptEditorDialog(QDialog):
    def __init__(
        self,
        project: Project,
        values: ExcerptRecord | None = None,
        parent: QWidget | None = None,
        current_case: int | None = None,
        power_type: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.framework = framework = project.framework
        self.case_names = queries.case_names(project)
        self.editing = values is not None and bool(values.text)
        self.setWindowTitle("Edit excerpt" if self.editing else "New excerpt")
        form = QFormLayout(self)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Paste or type the passage, verbatim")
        self.text.setAccessibleName("Verbatim text")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        form.addRow("Text", self.text)
        choices = queries.source_choices(project)
        self.source = _source_combo(choices, "Source", optional=False)
        form.addRow("Source", self.source)
        self.underlying = _source_combo(choices, "Underlying work", optional=True)
        self.underlying.setToolTip("The work the quoted passage relies on, if it cites one")
        form.addRow("Relies on", self.underlying)
        self.locator = QLineEdit()
        self.locator.setPlaceholderText("p. 12, pp. 12–14, para. 3, section …, 00:12:30")
        self.locator.setAccessibleName("Locator")
        form.addRow("Locator", self.locator)
        self.evidence_type = QComboBox()
        self.evidence_type.setAccessibleName("Evidence type")
        for term in load_vocabularies().evidence_types:
            self.evidence_type.addItem(term.label, term.id)
        form.addRow("Evidence type", self.evidence_type)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        form.addRow("Note", self.note)
        self.links = QListWidget()
        self.links.setAccessibleName("Evidence for")
        self.links.setFixedHeight(90)
        form.addRow("Evidence for", self.links)
        row = QHBoxLayout()
        self.link_case = QComboBox()
        self.link_case.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link_case.setAccessibleName("Case to link")
        for case_id, name in self.case_names.items():
            self.link_case.addItem(name, case_id)
        if current_case is not None:
            self.link_case.setCurrentIndex(max(0, self.link_case.findData(current_case)))
        self.link_hint = QLabel("")
        self.link_hint.setWordWrap(True)
        if power_type is not None and current_case is not None:
            quadrant = framework.power_type(power_type)
            self.link_hint.setText(
                f"Evidence for the {quadrant.name.lower()} of "
                f"{self.case_names.get(current_case, '')}: choose which of its mechanisms, "
                "then Add link."
            )
        self.link_mechanism = QComboBox()
        self.link_mechanism.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link_mechanism.setAccessibleName("Mechanism to link")
        for pt in framework.power_types:
            for m in pt.mechanisms:
                self.link_mechanism.addItem(f"{m.label} ({pt.label.lower()})", m.id)
        if power_type is not None:
            first = framework.power_type(power_type).mechanisms
            if first:
                self.link_mechanism.setCurrentIndex(self.link_mechanism.findData(first[0].id))
        add = self.add_link_button = QPushButton("Add link")
        add.clicked.connect(self._on_add_link_clicked)
        remove = QPushButton("Remove link")
        remove.clicked.connect(lambda: self.links.takeItem(self.links.currentRow()))
        for w in (self.link_case, self.link_mechanism, add, remove):
            row.addWidget(w)
        row.setStretch(0, 1)
        row.setStretch(1, 1)
        form.addRow("", row)
        form.addRow("", self.link_hint)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setAccessibleName("Problem")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(760, 0)
        if values is not None:
            self._show(values)

    def _show(self, values: ExcerptRecord) -> None:
        self.text.setPlainText(values.text)
        if values.source_id:
            self.source.setCurrentIndex(self.source.findData(values.source_id))
        self.underlying.setCurrentIndex(
            max(0, self.underlying.findData(values.underlying_source_id))
        )
        self.locator.setText(values.locator)
        self.evidence_type.setCurrentIndex(
            max(0, self.evidence_type.findData(values.evidence_type))
        )
        self.note.setPlainText(values.note)
        for case_id, mechanism_id in values.links:
            self._add_link(case_id, mechanism_id)
        if values.links:
            case_id, mechanism_id = values.links[0]
            self.link_case.setCurrentIndex(max(0, self.link_case.findData(case_id)))
            index = self.link_mechanism.findData(mechanism_id)
            self.link_mechanism.setCurrentIndex(max(0, index))

    def _add_link(self, case_id: int, mechanism_id: str) -> None:
        pair = (case_id, mechanism_id)
        for i in range(self.links.count()):
            if self.links.item(i).data(Qt.ItemDataRole.UserRole) == pair:
                return
        name = self.case_names.get(case_id, str(case_id))
        item = QListWidgetItem(f"{name} — {self.framework.mechanism(mechanism_id).label}")
        item.setData(Qt.ItemDataRole.UserRole, pair)
        self.links.addItem(item)

    def _on_add_link_clicked(self) -> None:
        if self.link_case.currentData() is not None:
            self._add_link(self.link_case.currentData(), self.link_mechanism.currentData())

    def values(self) -> ExcerptRecord:
        return ExcerptRecord(
            text=self.text.toPlainText().strip(),
            source_id=self.source.currentData(),
            underlying_source_id=self.underlying.currentData(),
            locator=self.locator.text().strip(),
            evidence_type=self.evidence_type.currentData(),
            note=self.note.toPlainText().strip(),
            links=[
                self.links.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.links.count())
            ],
        )

    def reject(self) -> None:
        """Esc or Cancel: typed text is not thrown away without asking."""
        if not self.editing and self.text.toPlainText().strip():
            answer = QMessageBox.question(
                self,
                "Discard the excerpt?",
                "The text typed for this excerpt will be lost.",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def problem(self) -> str:
        """What keeps the form from being saved, or '' (shown in the dialog, never raised)."""
        values = self.values()
        if not values.text:
            return "The verbatim text is required."
        if self.source.count() == 0:
            return "The project has no sources yet: add or import the source first."
        if values.source_id is None or self.source.findText(self.source.currentText()) < 0:
            return "Choose the source from the list (type to search)."
        return ""

    def _on_accept(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        if problem:
            return
        if not self.values().links and not self.editing:
            answer = QMessageBox.question(
                self,
                "Excerpt linked to nothing",
                "This excerpt is not linked to any case and mechanism, so it will only be "
                "found by search. Save it anyway?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.accept()
