"""SourceEditorDialog: enter or edit a source by hand (stored as CSL-JSON)."""

from __future__ import annotations

import unicodedata
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

from workbench.bibliography.names import date_parts, is_et_al, split_name
from workbench.csl import ET_AL, has_et_al, name_text, year_of

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


def names_text(names: Any, et_al: bool = False) -> str:
    """One name a line, whole ('van der Berg, Jan', 'King, Martin Luther, Jr.'), then
    'et al.' when the list goes on."""
    lines = [name_text(n) for n in names if isinstance(n, dict)] if isinstance(names, list) else []
    lines = [line for line in lines if line]
    if lines and et_al:
        lines.append("et al.")
    return "\n".join(lines)


def parse_names(
    text: str, known: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], bool]:
    """The names typed, one a line, and whether the list ends in 'et al.'. A line that
    reads as one of the `known` names is that name, unchanged; 'Family, Given[, Jr.]'
    is a person, a line without a comma (or one in braces) an organisation."""
    by_text = {}
    for name in known or []:
        by_text.setdefault(name_text(name), name)
    out, et_al = [], False
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if is_et_al(line):
            et_al = True
        elif line in by_text:
            out.append(by_text[line])
        elif "," in line or line.startswith("{"):
            out.append(split_name(line))
        else:
            out.append({"literal": line})
    return out, et_al


# Characters a citation key cannot hold: BibTeX and pandoc read them as syntax
_KEY_SYNTAX = set("{}(),\"#%'=\\@[];")


def key_problem(key: str) -> str:
    """Why `key` cannot be a citation key, or '' when it can."""
    if not key or any(c.isspace() for c in key):
        return "The citation key is required and has no spaces."
    hidden = [c for c in key if unicodedata.category(c) in ("Cf", "Cc", "Co", "Cn")]
    if hidden:
        return (
            f"The citation key holds an invisible character (U+{ord(hidden[0]):04X}): "
            "type it again with letters, digits and - _ : ."
        )
    syntax = next((c for c in key if c in _KEY_SYNTAX), "")
    if syntax:
        return f"The citation key cannot hold {syntax!r}: use letters, digits and - _ : ."
    return ""


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
