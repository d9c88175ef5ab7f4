"""SourceEditorDialog: enter or edit a source by hand (stored as CSL-JSON)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from workbench.bibliography.names import date_parts, split_name
from workbench.csl import year_of

TYPES = (
    "article-journal",
    "book",
    "chapter",
    "report",
    "paper-conference",
    "thesis",
    "webpage",
    "article-newspaper",
    "dataset",
    "legislation",
    "document",
    "interview",
)
FIELDS = (
    ("container-title", "Journal / book / site"),
    ("volume", "Volume"),
    ("issue", "Issue"),
    ("page", "Pages"),
    ("publisher", "Publisher"),
    ("publisher-place", "Place"),
    ("DOI", "DOI"),
    ("URL", "URL"),
)


def names_text(names: Any) -> str:
    lines = []
    for n in names if isinstance(names, list) else []:
        if isinstance(n, dict):
            if n.get("literal"):
                lines.append(n["literal"])
            else:
                lines.append(", ".join(x for x in (n.get("family"), n.get("given")) if x))
    return "\n".join(lines)


def parse_names(text: str) -> list[dict[str, str]]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        out.append(split_name(line) if "," in line else {"literal": line})
    return out


class SourceEditorDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        key: str = "",
        csl: dict[str, Any] | None = None,
        taken_keys: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        csl = dict(csl or {})
        self.taken_keys = set(taken_keys) - {key}  # keys of the project's other sources
        self.setWindowTitle("Edit source" if key else "New source")
        form = QFormLayout(self)
        self.key = QLineEdit(key)
        self.key.setAccessibleName("Citation key")
        form.addRow("Citation key", self.key)
        self.type = QComboBox()
        self.type.addItems(TYPES)
        if csl.get("type") and csl["type"] not in TYPES:
            self.type.addItem(csl["type"])
        self.type.setCurrentText(csl.get("type", "article-journal"))
        form.addRow("Type", self.type)
        self.authors = QPlainTextEdit(names_text(csl.get("author")))
        self.authors.setPlaceholderText("One per line: Family, Given — or an organisation")
        self.authors.setTabChangesFocus(True)
        self.authors.setFixedHeight(70)
        self.authors.setAccessibleName("Authors")
        form.addRow("Authors", self.authors)
        self.title = QLineEdit(str(csl.get("title", "")))
        self.title.setAccessibleName("Title")
        form.addRow("Title", self.title)
        year = year_of(csl)
        self.year = QLineEdit(str(year) if year else "")
        self.year.setAccessibleName("Year")
        form.addRow("Year", self.year)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in FIELDS:
            edit = QLineEdit(str(csl.get(name, "")))
            edit.setAccessibleName(label)
            form.addRow(label, edit)
            self.fields[name] = edit
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        form.addRow(self.error)
        self._original = csl
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, 0)

    def result_values(self) -> tuple[str, dict[str, Any]]:
        csl = {
            k: v
            for k, v in self._original.items()
            if k not in {"type", "author", "title", "issued", *dict(FIELDS)}
        }
        csl["type"] = self.type.currentText()
        csl["title"] = self.title.text().strip()
        authors = parse_names(self.authors.toPlainText())
        if authors:
            csl["author"] = authors
        issued = date_parts(self.year.text())
        if issued:
            csl["issued"] = issued
        for name, edit in self.fields.items():
            if edit.text().strip():
                csl[name] = edit.text().strip()
        return self.key.text().strip(), csl

    def _on_accept(self) -> None:
        key, csl = self.result_values()
        if not key or any(c.isspace() for c in key):
            self.error.setText("The citation key is required and has no spaces.")
            return
        if key in self.taken_keys:
            self.error.setText(f"Another source has the key {key!r}: choose another one.")
            self.key.setFocus()
            self.key.selectAll()
            return
        if not csl["title"]:
            self.error.setText("The title is required.")
            return
        if self.year.text().strip() and "issued" not in csl:
            self.error.setText("The year must be a four-digit year.")
            return
        self.accept()
