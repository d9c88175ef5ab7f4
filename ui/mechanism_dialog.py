"""AddMechanismDialog: a project's own mechanism under one of the four power types.

The framework's mechanisms come from the article; a study may need one more (say,
remittances under structural power). It is added to this project only, as one
undoable step, and shows in the matrix at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.commands import AddMechanism, Command
from workbench.framework import Framework


def mechanism_id_for(label: str, taken: set[str]) -> str:
    """A stable identifier from the label ("Remittances" -> "custom_remittances"),
    numbered when the project has it already."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_label.lower()).strip("_") or "mechanism"
    base = f"custom_{slug[:40]}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


class AddMechanismDialog(QDialog):
    def __init__(
        self,
        framework: Framework,
        run: Callable[[Command], bool],
        power_type: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.run = run
        self.command: AddMechanism | None = None
        self.setWindowTitle("Add Mechanism")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A mechanism of this project's own, beside the framework's. "
            "It can be coded, linked to evidence and compared like the others."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.power_type = QComboBox()
        for pt in framework.power_types:
            self.power_type.addItem(pt.name, pt.id)
        if power_type is not None:
            self.power_type.setCurrentIndex(max(0, self.power_type.findData(power_type)))
        form.addRow("&Power type:", self.power_type)
        self.label = QLineEdit()
        self.label.setPlaceholderText("e.g. Remittances")
        self.label.textChanged.connect(self._on_label_changed)
        form.addRow("&Name:", self.label)
        self.definition = QPlainTextEdit()
        self.definition.setPlaceholderText("What the mechanism does, in a sentence or two")
        self.definition.setTabChangesFocus(True)
        self.definition.setMaximumHeight(90)
        form.addRow("&Definition:", self.definition)
        self.effect = QComboBox()
        for effect in framework.effects:
            self.effect.addItem(effect.get("label", effect["id"]), effect["id"])
        self.effect.setToolTip("What the mechanism acts on when it is coded, by default")
        form.addRow("Default &effect on:", self.effect)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._on_label_changed("")

    def _ok(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _on_label_changed(self, text: str) -> None:
        label = text.strip()
        clash = any(m.label.casefold() == label.casefold() for m in self.framework.mechanisms)
        self.error.setText(f"A mechanism named “{label}” exists already." if clash else "")
        self._ok().setEnabled(bool(label) and not clash)

    def _on_accepted(self) -> None:
        label = self.label.text().strip()
        if not label:
            return
        taken = {m.id for m in self.framework.mechanisms}
        command = AddMechanism(
            self.power_type.currentData(),
            mechanism_id_for(label, taken),
            label,
            self.definition.toPlainText().strip(),
            self.effect.currentData(),
        )
        if self.run(command):
            self.command = command
            self.accept()
