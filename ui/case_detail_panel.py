"""CaseDetailPanel: title, label, period, region, summary, tags, GCM objectives and actors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
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
from workbench import queries
from workbench.commands import (
    AddCaseActor,
    Command,
    CompositeCommand,
    RemoveCaseActor,
    SetCaseObjectives,
    SetCaseTags,
    UpdateActor,
    UpdateCase,
)
from workbench.errors import CommandError
from workbench.project import Project
from workbench.queries import ActorRecord, CaseDetail
from workbench.vocabularies import Vocabularies


class CaseDetailPanel(QWidget):
    def __init__(
        self,
        project: Project,
        vocab: Vocabularies,
        run: Callable[[Command], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.vocab = vocab
        self.known_actors: dict[str, ActorRecord] = {}
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
        self.actors.currentItemChanged.connect(self._on_actors_current_changed)
        form.addRow("Actors", self.actors)

        # One editor for the selected actor or a new one: select a row to edit it.
        self.actor_name = QLineEdit()
        self.actor_name.setPlaceholderText("Actor name")
        self.actor_name.setAccessibleName("Actor name")
        self.actor_name.textEdited.connect(self._on_actor_name_edited)
        self.actor_role = self._combo(vocab.actor_roles, "Actor role", "Role…")
        self.actor_category = self._combo(vocab.actor_categories, "Actor category", "Category…")
        self.actor_ns = self._combo(vocab.north_south, "Actor North or South", "North/South…")
        self.add_actor = QPushButton("Add actor")
        self.add_actor.clicked.connect(self._on_add_actor_clicked)
        self.actor_name.returnPressed.connect(self._on_actor_name_return_pressed)
        self.save_actor = QPushButton("Save actor")
        self.save_actor.setToolTip("Save the changes to the selected actor")
        self.save_actor.clicked.connect(self._on_save_actor_clicked)
        self.remove_actor = QPushButton("Remove")
        self.remove_actor.setAccessibleName("Remove selected actor")
        self.remove_actor.clicked.connect(self._on_remove_actor_clicked)
        self.actor_problem = QLabel("")
        self.actor_problem.setWordWrap(True)
        self.actor_problem.setAccessibleName("Actor problem")
        self.actor_problem.setStyleSheet("color: #b00020;")
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.actor_name, 1)
        first.addWidget(self.actor_role)
        second.addWidget(self.actor_category, 1)
        second.addWidget(self.actor_ns)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_actor)
        buttons.addWidget(self.save_actor)
        buttons.addWidget(self.remove_actor)
        buttons.addWidget(self.actor_problem, 1)  # beside the buttons: seen where one clicks
        form.addRow("Actor", first)
        form.addRow("", second)
        form.addRow("", buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.show_case(None)

    @staticmethod
    def _combo(terms, name: str, placeholder: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        box.setPlaceholderText(placeholder)
        for term in terms:
            box.addItem(term.label, term.id)
        box.setCurrentIndex(-1)  # chosen each time: never silently the previous actor's
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
        self.objectives.setCurrentItem(None)  # no highlight carried over from the last case
        self.objectives.clearSelection()
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
        self.known_actors = {a.name.casefold(): a for a in queries.actors(self.project)}
        completer = QCompleter([a.name for a in self.known_actors.values()], self.actor_name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(lambda text: self._on_actor_name_edited(text))
        self.actor_name.setCompleter(completer)
        self._on_actors_current_changed(None)

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

    # --- actors ---------------------------------------------------------------------

    def _selected_actor(self) -> tuple[int, str] | None:
        item = self.actors.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_actors_current_changed(self, current: QTreeWidgetItem | None, *_: object) -> None:
        """A selected actor fills the editor, to be changed and saved; none clears it."""
        selected = current is not None and self.case is not None
        self.save_actor.setEnabled(selected)
        self.remove_actor.setEnabled(selected)
        self.actor_problem.setText("")
        if not selected:
            self.actor_name.clear()
            for box in (self.actor_role, self.actor_category, self.actor_ns):
                box.setCurrentIndex(-1)
            return
        actor_id, role = current.data(0, Qt.ItemDataRole.UserRole)
        actor = next(a for a in self.case.actors if (a.actor_id, a.role) == (actor_id, role))
        self.actor_name.setText(actor.name)
        self.actor_role.setCurrentIndex(self.actor_role.findData(actor.role))
        self.actor_category.setCurrentIndex(self.actor_category.findData(actor.category))
        self.actor_ns.setCurrentIndex(self.actor_ns.findData(actor.north_south))

    def _on_actor_name_edited(self, text: str) -> None:
        """A known actor brings its category and North/South along."""
        known = self.known_actors.get(text.strip().casefold())
        if known is not None:
            self.actor_category.setCurrentIndex(self.actor_category.findData(known.category))
            self.actor_ns.setCurrentIndex(self.actor_ns.findData(known.north_south))

    def _actor_problem(self) -> str:
        if not self.actor_name.text().strip():
            return "Type the actor's name."
        missing = [
            label
            for label, box in (
                ("role", self.actor_role),
                ("category", self.actor_category),
                ("North/South", self.actor_ns),
            )
            if box.currentIndex() < 0
        ]
        return f"Choose the actor's {', '.join(missing)}." if missing else ""

    def _on_actor_name_return_pressed(self) -> None:
        if self._selected_actor() is not None:
            self._on_save_actor_clicked()
        else:
            self._on_add_actor_clicked()

    def _on_add_actor_clicked(self) -> None:
        if self.case is None:
            return
        problem = self._actor_problem()
        self.actor_problem.setText(problem)
        if problem:
            return
        try:
            command = AddCaseActor(
                self.case.id,
                self.actor_name.text(),
                self.actor_role.currentData(),
                self.actor_category.currentData(),
                self.actor_ns.currentData(),
            )
        except CommandError as exc:
            self.actor_problem.setText(str(exc))
            return
        if self.run(command):
            self.actors.setCurrentItem(None)
            self._on_actors_current_changed(None)

    def _on_save_actor_clicked(self) -> None:
        selected = self._selected_actor()
        if self.case is None or selected is None:
            return
        problem = self._actor_problem()
        self.actor_problem.setText(problem)
        if problem:
            return
        actor_id, role = selected
        actor = next(a for a in self.case.actors if (a.actor_id, a.role) == selected)
        values = {
            "name": self.actor_name.text().strip(),
            "category": self.actor_category.currentData(),
            "north_south": self.actor_ns.currentData(),
        }
        changed = {k: v for k, v in values.items() if v != getattr(actor, k)}
        commands: list[Command] = [UpdateActor(actor_id, **changed)] if changed else []
        new_role = self.actor_role.currentData()
        if new_role != role:
            commands += [
                AddCaseActor(self.case.id, values["name"], new_role),
                RemoveCaseActor(self.case.id, actor_id, role),
            ]
        if commands:
            self.run(CompositeCommand(f"Edit actor {values['name']} in {self.case.name}", commands))

    def _on_remove_actor_clicked(self) -> None:
        selected = self._selected_actor()
        if self.case is None or selected is None:
            return
        actor_id, role = selected
        self.run(RemoveCaseActor(self.case.id, actor_id, role))
