"""CaseDetailPanel: title, label, period, region, summary, tags, GCM objectives and actors.

Every field is saved as it is edited: typed text about a second after typing stops, a
choice at once. The selected actor is edited in place the same way.
"""

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
from workbench.queries.case_detail import ActorRole
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
        self.tags = CommitLineEdit(same=lambda a, b: _tag_set(a) == _tag_set(b))
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

        # One editor for the selected actor (saved as it is edited) or a new one (added
        # with the button or Enter): select a row to edit it.
        self.actor_name = CommitLineEdit(same=lambda a, b: a.strip() == b.strip())
        self.actor_name.setPlaceholderText("Actor name")
        self.actor_name.setAccessibleName("Actor name")
        self.actor_name.setToolTip(
            "A selected actor is changed as you type or choose; "
            "a new one is added with Add actor or Enter"
        )
        self.actor_name.textEdited.connect(self._on_actor_name_edited)
        self.actor_name.committed.connect(self._on_actor_name_committed)
        self.actor_role = self._combo(vocab.actor_roles, "Actor role", "Role…")
        self.actor_category = self._combo(vocab.actor_categories, "Actor category", "Category…")
        self.actor_ns = self._combo(vocab.north_south, "Actor North or South", "North/South…")
        for box in (self.actor_role, self.actor_category, self.actor_ns):
            box.activated.connect(self._on_actor_choice_activated)
        self.add_actor = QPushButton("Add actor")
        self.add_actor.clicked.connect(self._on_add_actor_clicked)
        self.actor_name.returnPressed.connect(self._on_actor_name_return_pressed)
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
        buttons.addWidget(self.remove_actor)
        buttons.addWidget(self.actor_problem, 1)  # beside the buttons: seen where one clicks
        form.addRow("Actor", first)
        form.addRow("", second)
        form.addRow("", buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self._keep_actor: tuple[int, str] | None = None  # to select again after a save
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
        same_case = case is not None and self.case is not None and case.id == self.case.id
        editing = self._keep_actor or (self._selected_actor() if same_case else None)
        self._keep_actor = None
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
        # Quietly: the rows come and go with the case, not by the user's choice.
        self.actors.blockSignals(True)
        self.actors.clear()
        kept = None
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
            if editing == (actor.actor_id, actor.role):
                kept = item
        self.actors.setCurrentItem(kept)
        self.actors.blockSignals(False)
        self.known_actors = {a.name.casefold(): a for a in queries.actors(self.project)}
        completer = QCompleter([a.name for a in self.known_actors.values()], self.actor_name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(lambda text: self._on_actor_name_edited(text))
        self.actor_name.setCompleter(completer)
        if kept is not None or editing is not None or not same_case:
            self._on_actors_current_changed(kept)
        # else: the same case again, with a new actor being typed: it stays in the editor

    def _on_field_committed(self, name: str, text: str) -> None:
        if self.case is None or getattr(self.case, name) == text:
            return
        if name == "title" and not text.strip():
            title = self.fields["title"]
            if title.pausing:  # erased to be retyped: wait for the new title
                title.refuse()
            else:  # a case keeps a title
                title.show_value(self.case.title)
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

    def _actor(self, selected: tuple[int, str] | None) -> ActorRole | None:
        """The case's actor in that row, if the case shown has it."""
        if self.case is None or selected is None:
            return None
        return next((a for a in self.case.actors if (a.actor_id, a.role) == selected), None)

    def _on_actors_current_changed(self, current: QTreeWidgetItem | None, *_: object) -> None:
        """A selected actor fills the editor, to be changed in place; none clears it."""
        actor = self._actor(current.data(0, Qt.ItemDataRole.UserRole) if current else None)
        self.remove_actor.setEnabled(actor is not None)
        self.actor_problem.setText("")
        if actor is None:
            self.actor_name.show_value("")
            for box in (self.actor_role, self.actor_category, self.actor_ns):
                box.setCurrentIndex(-1)
            return
        self.actor_name.show_value(actor.name)
        self.actor_role.setCurrentIndex(self.actor_role.findData(actor.role))
        self.actor_category.setCurrentIndex(self.actor_category.findData(actor.category))
        self.actor_ns.setCurrentIndex(self.actor_ns.findData(actor.north_south))

    def _on_actor_name_edited(self, text: str) -> None:
        """A known actor brings its category and North/South along to a new actor."""
        if self._selected_actor() is not None:  # renaming: the actor keeps its own
            return
        known = self.known_actors.get(text.strip().casefold())
        if known is not None:
            self.actor_category.setCurrentIndex(self.actor_category.findData(known.category))
            self.actor_ns.setCurrentIndex(self.actor_ns.findData(known.north_south))

    def _actor_problem(self, renaming: int | None = None) -> str:
        """What keeps the editor's actor from being saved ("" when nothing does).
        `renaming`: the id of the actor edited, which may keep its own name."""
        name = self.actor_name.text().strip()
        if not name:
            return "Type the actor's name."
        other = self.known_actors.get(name.casefold()) if renaming is not None else None
        if other is not None and other.id != renaming and other.name == name:
            return f"Another actor is called {name}: choose another name."
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
            self.actor_name.commit()
        else:
            self._on_add_actor_clicked()

    def _on_actor_name_committed(self, _text: str) -> None:
        if self._selected_actor() is not None and not self._save_actor():
            self.actor_name.refuse()  # offered again when the problem is mended

    def _on_actor_choice_activated(self, _index: int) -> None:
        if self._selected_actor() is not None:
            self.actor_name.commit()  # a name still being typed is its own step
            self._save_actor()

    def _on_add_actor_clicked(self) -> None:
        if self.case is None:
            return
        if self._selected_actor() is not None:  # the editor holds that actor: start afresh
            self.actors.setCurrentItem(None)
            self.actor_name.setFocus()
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

    def _save_actor(self) -> bool:
        """Save the editor into the selected actor; False when a problem (shown) keeps it."""
        selected = self._selected_actor()
        actor = self._actor(selected)
        if self.case is None or selected is None or actor is None:
            return False
        actor_id, role = selected
        problem = self._actor_problem(renaming=actor_id)
        self.actor_problem.setText(problem)
        if problem:
            return False
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
        if not commands:
            return True
        self._keep_actor = (actor_id, new_role)  # the same row, selected again
        if len(commands) == 1:
            return self.run(commands[0])
        label = f"Edit actor {values['name']} in {self.case.name}"
        return self.run(CompositeCommand(label, commands))

    def _on_remove_actor_clicked(self) -> None:
        selected = self._selected_actor()
        if self.case is None or selected is None:
            return
        actor_id, role = selected
        self.run(RemoveCaseActor(self.case.id, actor_id, role))


def _tag_set(text: str) -> set[str]:
    return {t.strip() for t in text.split(",") if t.strip()}
