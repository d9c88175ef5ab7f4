"""CaseDetailPanel: title, label, period, region, summary, tags, GCM objectives and actors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import CommitLineEdit, CommitTextEdit
from workbench.case_detail import CaseDetail
from workbench.commands import (
    AddCaseActor,
    Command,
    RemoveCaseActor,
    SetCaseObjectives,
    SetCaseTags,
    UpdateCase,
)
from workbench.errors import CommandError
from workbench.vocabularies import Vocabularies


class CaseDetailPanel(QWidget):
    def __init__(
        self, vocab: Vocabularies, run: Callable[[Command], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vocab = vocab
        self.run = run
        self.case: CaseDetail | None = None
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, CommitLineEdit] = {}
        for name, label in (
            ("title", "Title"),
            ("short_label", "Short label"),
            ("period", "Period"),
            ("region", "Region"),
        ):
            edit = CommitLineEdit()
            edit.setAccessibleName(label)
            edit.committed.connect(lambda text, n=name: self._on_field_committed(n, text))
            form.addRow(label, edit)
            self.fields[name] = edit
        self.summary = CommitTextEdit()
        self.summary.setAccessibleName("Summary")
        self.summary.setMinimumHeight(80)
        self.summary.committed.connect(lambda text: self._on_field_committed("summary", text))
        form.addRow("Summary", self.summary)
        self.tags = CommitLineEdit()
        self.tags.setPlaceholderText("comma-separated, e.g. readmission, externalization")
        self.tags.setAccessibleName("Tags")
        self.tags.committed.connect(self._on_tags_committed)
        form.addRow("Tags", self.tags)

        self.objectives = QListWidget()
        self.objectives.setAccessibleName("Global Compact for Migration objectives")
        for term in vocab.gcm_objectives:
            item = QListWidgetItem(f"{term.id}. {term.label}")
            item.setData(Qt.ItemDataRole.UserRole, int(term.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.objectives.addItem(item)
        self.objectives.setMinimumHeight(120)
        self.objectives.itemChanged.connect(self._on_objective_changed)
        form.addRow("GCM objectives", self.objectives)

        self.actors = QTreeWidget()
        self.actors.setAccessibleName("Actors")
        self.actors.setHeaderLabels(["Actor", "Role", "Category", "North/South"])
        self.actors.setRootIsDecorated(False)
        self.actors.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.actors.setMinimumHeight(110)
        self.actors.setColumnWidth(0, 220)
        self.actors.setColumnWidth(1, 80)
        self.actors.setColumnWidth(2, 230)
        form.addRow("Actors", self.actors)

        self.actor_name = QLineEdit()
        self.actor_name.setPlaceholderText("Actor name")
        self.actor_name.setAccessibleName("New actor name")
        self.actor_role = self._combo(vocab.actor_roles, "New actor role")
        self.actor_category = self._combo(vocab.actor_categories, "New actor category")
        self.actor_ns = self._combo(vocab.north_south, "New actor North or South")
        self.add_actor = QPushButton("Add actor")
        self.add_actor.clicked.connect(self._on_add_actor_clicked)
        self.actor_name.returnPressed.connect(self._on_add_actor_clicked)
        self.remove_actor = QPushButton("Remove")
        self.remove_actor.setAccessibleName("Remove selected actor")
        self.remove_actor.clicked.connect(self._on_remove_actor_clicked)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.actor_name, 1)
        first.addWidget(self.actor_role)
        first.addWidget(self.add_actor)
        second.addWidget(self.actor_category, 1)
        second.addWidget(self.actor_ns)
        second.addWidget(self.remove_actor)
        form.addRow("New actor", first)
        form.addRow("", second)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.show_case(None)

    @staticmethod
    def _combo(terms, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        for term in terms:
            box.addItem(term.label, term.id)
        return box

    def show_case(self, case: CaseDetail | None) -> None:
        self.case = case
        self.setEnabled(case is not None)
        for name, edit in self.fields.items():
            edit.show_value(getattr(case, name) if case else "")
        self.summary.show_value(case.summary if case else "")
        self.tags.show_value(", ".join(case.tags) if case else "")
        self.objectives.blockSignals(True)
        chosen = set(case.gcm_objectives) if case else set()
        for i in range(self.objectives.count()):
            item = self.objectives.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in chosen
                else Qt.CheckState.Unchecked
            )
        self.objectives.blockSignals(False)
        self.actors.clear()
        for actor in case.actors if case else ():
            item = QTreeWidgetItem(
                [
                    actor.name,
                    actor.role,
                    self.vocab.label("actor_categories", actor.category),
                    self.vocab.label("north_south", actor.north_south),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, (actor.actor_id, actor.role))
            self.actors.addTopLevelItem(item)

    def _on_field_committed(self, name: str, text: str) -> None:
        if self.case is None or getattr(self.case, name) == text:
            return
        if name == "title" and not text.strip():
            self.fields["title"].show_value(self.case.title)
            return
        self.run(UpdateCase(self.case.id, **{name: text}))

    def _on_tags_committed(self, text: str) -> None:
        if self.case is not None:
            tags = sorted({t.strip() for t in text.split(",") if t.strip()})
            if tuple(tags) != self.case.tags:
                self.run(SetCaseTags(self.case.id, tags))

    def _on_objective_changed(self, _item: QListWidgetItem) -> None:
        if self.case is None:
            return
        chosen = [
            self.objectives.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.objectives.count())
            if self.objectives.item(i).checkState() == Qt.CheckState.Checked
        ]
        if tuple(chosen) != self.case.gcm_objectives:
            self.run(SetCaseObjectives(self.case.id, chosen))

    def _on_add_actor_clicked(self) -> None:
        if self.case is None or not self.actor_name.text().strip():
            return
        try:
            self.run(
                AddCaseActor(
                    self.case.id,
                    self.actor_name.text(),
                    self.actor_role.currentData(),
                    self.actor_category.currentData(),
                    self.actor_ns.currentData(),
                )
            )
        except CommandError as exc:
            from ui.errors import show_error

            show_error(self, "Cannot add the actor", exc)
            return
        self.actor_name.clear()

    def _on_remove_actor_clicked(self) -> None:
        item = self.actors.currentItem()
        if self.case is None or item is None:
            return
        actor_id, role = item.data(0, Qt.ItemDataRole.UserRole)
        self.run(RemoveCaseActor(self.case.id, actor_id, role))
