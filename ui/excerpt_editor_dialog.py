"""ExcerptEditorDialog: verbatim text, source (type-ahead), locator, evidence type, note,
and the case × mechanism pairs it is evidence for."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

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
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from workbench.csl import author_date
from workbench.framework import Framework
from workbench.storage.store import Store
from workbench.vocabularies import load_vocabularies


@dataclass
class ExcerptValues:
    text: str
    source_id: int
    underlying_source_id: int | None
    locator: str
    evidence_type: str
    note: str
    links: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def of(cls, store: Store, excerpt_id: int) -> ExcerptValues | None:
        """The stored values of an excerpt, with its links."""
        row = store.get("excerpt", {"id": excerpt_id})
        if row is None:
            return None
        links = [
            (r["case_id"], r["mechanism_id"])
            for r in store.select("evidence_link", {"excerpt_id": excerpt_id})
        ]
        return cls(
            row["text"],
            row["source_id"],
            row["underlying_source_id"],
            row["locator"],
            row["evidence_type"],
            row["note"],
            links,
        )


def _source_combo(store: Store, name: str, optional: bool) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(40)
    box.setAccessibleName(name)
    if optional:
        box.addItem("(none)", None)
    for row in store.source_summaries():
        label = f"{author_date(json.loads(row['csl']))} — {row['title']} [{row['citation_key']}]"
        box.addItem(label, row["id"])
    completer = box.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return box


class ExcerptEditorDialog(QDialog):
    def __init__(
        self,
        store: Store,
        framework: Framework,
        values: ExcerptValues | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.framework = framework
        self.setWindowTitle("Edit excerpt" if values and values.source_id else "New excerpt")
        form = QFormLayout(self)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Paste or type the passage, verbatim")
        self.text.setAccessibleName("Verbatim text")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        form.addRow("Text", self.text)
        self.source = _source_combo(store, "Source", optional=False)
        form.addRow("Source", self.source)
        self.underlying = _source_combo(store, "Underlying work", optional=True)
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
        for case in store.case_summaries():
            self.link_case.addItem(case["short_label"] or case["title"], case["id"])
        self.link_mechanism = QComboBox()
        self.link_mechanism.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link_mechanism.setAccessibleName("Mechanism to link")
        for pt in framework.power_types:
            for m in pt.mechanisms:
                self.link_mechanism.addItem(f"{m.label} ({pt.label.lower()})", m.id)
        add = QPushButton("Add link")
        add.clicked.connect(self._on_add_link_clicked)
        remove = QPushButton("Remove link")
        remove.clicked.connect(lambda: self.links.takeItem(self.links.currentRow()))
        for w in (self.link_case, self.link_mechanism, add, remove):
            row.addWidget(w)
        row.setStretch(0, 1)
        row.setStretch(1, 1)
        form.addRow("", row)
        self.error = QLabel("")
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

    def _show(self, values: ExcerptValues) -> None:
        self.text.setPlainText(values.text)
        if values.source_id:
            self.source.setCurrentIndex(max(0, self.source.findData(values.source_id)))
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

    def _add_link(self, case_id: int, mechanism_id: str) -> None:
        pair = (case_id, mechanism_id)
        for i in range(self.links.count()):
            if self.links.item(i).data(Qt.ItemDataRole.UserRole) == pair:
                return
        case = self.store.get("study_case", {"id": case_id})
        name = (case["short_label"] or case["title"]) if case else str(case_id)
        item = QListWidgetItem(f"{name} — {self.framework.mechanism(mechanism_id).label}")
        item.setData(Qt.ItemDataRole.UserRole, pair)
        self.links.addItem(item)

    def _on_add_link_clicked(self) -> None:
        if self.link_case.currentData() is not None:
            self._add_link(self.link_case.currentData(), self.link_mechanism.currentData())

    def values(self) -> ExcerptValues:
        return ExcerptValues(
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

    def _on_accept(self) -> None:
        values = self.values()
        if not values.text:
            self.error.setText("The verbatim text is required.")
            return
        if values.source_id is None or self.source.findText(self.source.currentText()) < 0:
            self.error.setText("Choose the source from the list (type to search).")
            return
        self.accept()
