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

from workbench.bibliography.names import date_parts
from workbench.csl import ET_AL, has_et_al, year_of
from workbench.source_form import key_problem, names_text, parse_names

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
        self.authors = QPlainTextEdit(names_text(csl.get("author"), has_et_al(csl)))
        self.authors.setPlaceholderText(
            "One per line: Family, Given (van der Berg, Jan; King, Martin, Jr.) — or an "
            "organisation; et al. on the last line"
        )
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
        self._key = key
        # what each field showed when the form opened: left so, the stored value is kept
        self._shown = {
            "type": self.type.currentText(),
            "title": self.title.text().strip(),
            "year": self.year.text().strip(),
            "author": self.authors.toPlainText().strip(),
            **{name: edit.text().strip() for name, edit in self.fields.items()},
        }
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, 0)

    def result_values(self) -> tuple[str, dict[str, Any]]:
        """The key and the item as the form stands; a field left as it was shown keeps
        its stored value exactly (a full date, a particle, spacing), so that OK on an
        unchanged form changes nothing."""
        original = self._original
        csl = {
            k: v
            for k, v in original.items()
            if k not in {"type", "author", "title", "issued", *dict(FIELDS)}
        }
        if self.type.currentText() != self._shown["type"] or "type" in original:
            csl["type"] = self.type.currentText()
        title = self.title.text().strip()
        if title == self._shown["title"] and "title" in original:
            csl["title"] = original["title"]
        elif title:
            csl["title"] = title
        self._authors_into(csl)
        if self.year.text().strip() == self._shown["year"] and "issued" in original:
            csl["issued"] = original["issued"]
        else:
            issued = date_parts(self.year.text())
            if issued:
                csl["issued"] = issued
        for name, edit in self.fields.items():
            text = edit.text().strip()
            if text == self._shown[name] and name in original:
                csl[name] = original[name]
            elif text:
                csl[name] = text
        return self.key.text().strip(), csl

    def _authors_into(self, csl: dict[str, Any]) -> None:
        text = self.authors.toPlainText()
        original = self._original
        if text.strip() == self._shown["author"]:
            if "author" in original:
                csl["author"] = original["author"]
            return
        known = original.get("author")
        authors, et_al = parse_names(text, known if isinstance(known, list) else [])
        if authors:
            csl["author"] = authors
        custom = dict(csl["custom"]) if isinstance(csl.get("custom"), dict) else {}
        roles = [r for r in custom.get(ET_AL, []) if r != "author"]
        if et_al and authors:
            roles.insert(0, "author")
        if roles:
            custom[ET_AL] = roles
        else:
            custom.pop(ET_AL, None)
        if custom:
            csl["custom"] = custom
        else:
            csl.pop("custom", None)

    def changed(self) -> bool:
        """Whether OK would change the source (an edit left as it was records nothing)."""
        key, csl = self.result_values()
        return key != self._key or csl != self._original

    def _on_accept(self) -> None:
        key, csl = self.result_values()
        # a key stored before keys were checked stays usable, but never an empty one
        problem = key_problem(key) if key != self._key or not key else ""
        if problem:
            self.error.setText(problem)
            self.key.setFocus()
            return
        if key in self.taken_keys:
            self.error.setText(f"Another source has the key {key!r}: choose another one.")
            self.key.setFocus()
            self.key.selectAll()
            return
        if not csl.get("title") and (self._shown["title"] or not self._key):
            self.error.setText("The title is required.")
            self.title.setFocus()
            return
        if self.year.text().strip() and "issued" not in csl:
            self.error.setText("The year must be a four-digit year.")
            self.year.setFocus()
            return
        self.accept()
