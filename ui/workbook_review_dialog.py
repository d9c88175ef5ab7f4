"""WorkbookReviewDialog: a co-author's edits, cell by cell, to accept or reject.

Changes and proposed new rows are listed ticked; conflicts (a cell changed both in
the project since the export and by the co-author) show the three values, and
keep the project's value until another is chosen.
"""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.excel.diff import CellChange, WorkbookDiff
from workbench.operations.workbook import ImportDecision, Settle, decide

KEEP, THEIRS, EXPORTED = 0, 1, 2
SETTLE: tuple[Settle, ...] = ("keep", "theirs", "exported")  # by the choice's index


def _short(value: object) -> str:
    text = "(empty)" if value in (None, "") else str(value)
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= 80 else text[:77] + "…"


def _around_change(old: str, new: str, context: int = 24) -> tuple[str, str]:
    """The parts of two long texts that differ, with a little of what they share on
    either side: an edit at the end of a memo shows the end, not the opening."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin = max(0, start - context)
    space = old.rfind(" ", max(0, begin - context), begin + 1)
    if begin and space >= 0:
        begin = space + 1  # at a word, when there is one near
    lead = "…" if begin else ""

    def part(text: str) -> str:
        stop = min(len(text), len(text) - end + context)
        return lead + text[begin:stop] + ("…" if stop < len(text) else "")

    return part(old), part(new)


def _describe(change: CellChange) -> str:
    if change.addition:
        return f"{change.sheet}!{change.cell}  New {change.what}"
    old, new = change.old, change.new
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > 80:
        old, new = _around_change(old, new)
    return f"{change.sheet}!{change.cell}  {change.what}: {_short(old)} → {_short(new)}"


def word_changes_html(old: object, new: object) -> str:
    """Both values in full, the removed words struck through and the added ones marked."""
    before = "" if old is None else str(old)
    after = "" if new is None else str(new)
    a, b = before.split(" "), after.split(" ")
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_words, new_words = html.escape(" ".join(a[i1:i2])), html.escape(" ".join(b[j1:j2]))
        if tag == "equal":
            removed.append(old_words)
            added.append(new_words)
            continue
        if i2 > i1:  # something removed, if only a space: shown as ␣
            removed.append(f'<span style="{_REMOVED}">{_visible(old_words)}</span>')
        if j2 > j1:
            added.append(f'<span style="{_ADDED}">{_visible(new_words)}</span>')

    def block(title: str, words: list[str], empty: bool) -> str:
        body = "<i>(empty)</i>" if empty else " ".join(words).replace("\n", "<br>")
        return f"<p><b>{title}</b><br>{body}</p>"

    return block("Project now", removed, not before) + block("Co-author", added, not after)


def addition_html(change: CellChange) -> str:
    """A proposed new row as a reader names it: each value under its column's name."""
    rows = "".join(
        f"<tr><td><b>{html.escape(name)}</b></td><td>{html.escape(value)}</td></tr>".replace(
            "\n", "<br>"
        )
        for name, value in change.fields
    )
    return f"<p><b>New {html.escape(change.what)}</b></p><table cellpadding='2'>{rows}</table>"


def _visible(words: str) -> str:
    return words if words.strip() else "␣"  # a changed space, seen


_REMOVED = "background-color:#ffd7d5; color:#000000; text-decoration:line-through"
_ADDED = "background-color:#c9f2c7; color:#000000"


class WorkbookReviewDialog(QDialog):
    def __init__(self, diff: WorkbookDiff, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff = diff
        self.setWindowTitle(f"Review edits from {file_name}")
        layout = QVBoxLayout(self)
        plain = [c for c in diff.changes if not c.conflict]
        conflicts = diff.conflicts
        how = (
            "Compared with the values this workbook was exported with: only cells the "
            "co-author changed are listed."
            if diff.three_way
            else "This workbook has no record of its exported values: it is compared with "
            "the project as it is now (see the notes below)."
        )
        ignored = (
            f" {len(diff.not_imported)} changed cell(s) are not imported (listed below)."
            if diff.not_imported
            else ""
        )
        self.summary = summary = QLabel(
            f"{len(plain)} change(s), {len(conflicts)} conflict(s).{ignored} {how} Nothing "
            "changes in the project until you apply; the applied changes are one step to undo."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.list = QListWidget()
        self.list.setAccessibleName("Changes")
        for change in plain:
            item = QListWidgetItem(_describe(change))
            if change.addition:
                item.setToolTip("\n".join(f"{k}: {_short(v)}" for k, v in change.fields))
            else:
                item.setToolTip(f"Project now:\n{change.old}\n\nCo-author:\n{change.new}")
            item.setData(Qt.ItemDataRole.UserRole, change)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 2)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The selected change in full")
        self.detail.setPlaceholderText("Select a change to read both values in full.")
        self.detail.setMaximumHeight(150)
        self.list.currentItemChanged.connect(self._show_detail)
        layout.addWidget(self.detail, 1)
        if self.list.count():
            self.list.setCurrentRow(0)
        row = QHBoxLayout()
        for text, state in (
            ("Accept all", Qt.CheckState.Checked),
            ("Reject all", Qt.CheckState.Unchecked),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=state: self._set_all(s))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        self.conflict_label = QLabel(
            "Conflicts: changed in the project since the export and by the co-author. "
            "Choose the value to keep."
        )
        self.conflict_label.setWordWrap(True)
        self.conflicts = QTableWidget(len(conflicts), 6)
        self.conflicts.setAccessibleName("Conflicts")
        self.conflicts.setHorizontalHeaderLabels(
            ["Cell", "What", "Exported", "Project now", "Co-author", "Use"]
        )
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.verticalHeader().setVisible(False)
        self.choices: list[QComboBox] = []
        for r, change in enumerate(conflicts):
            for c, text in enumerate(
                (
                    f"{change.sheet}!{change.cell}",
                    change.what,
                    _short(change.exported) if change.exported_known else "(not kept)",
                    _short(change.old),
                    _short(change.new),
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, change)
                self.conflicts.setItem(r, c, item)
            choice = QComboBox()
            choice.addItems(["Project now (keep)", "Co-author"])
            if change.exported_known:
                choice.addItem("Exported")
            else:  # the workbook keeps only a fingerprint of the exported quotation
                choice.setToolTip("The workbook does not keep the exported text")
            choice.setAccessibleName(f"Use for {change.sheet}!{change.cell}")
            choice.currentIndexChanged.connect(lambda _i: self._update_button())
            self.conflicts.setCellWidget(r, 5, choice)
            self.choices.append(choice)
        self.conflicts.resizeColumnsToContents()
        self.conflicts.horizontalHeader().setStretchLastSection(True)
        for w in (self.conflict_label, self.conflicts):
            w.setVisible(bool(conflicts))
            layout.addWidget(w, 1 if w is self.conflicts else 0)

        self.problems = QPlainTextEdit(
            "\n".join(
                [f"Problem: {p}" for p in diff.problems]
                + [f"Not imported: {cell}" for cell in diff.not_imported]
                + [f"Note: {n}" for n in diff.notes]
            )
        )
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setVisible(bool(diff.problems or diff.notes or diff.not_imported))
        layout.addWidget(self.problems, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _i: self._update_button())
        self._update_button()
        self.resize(960, 620)

    def _show_detail(self, item: QListWidgetItem | None, _previous=None) -> None:
        change: CellChange | None = item.data(Qt.ItemDataRole.UserRole) if item else None
        if change is None:
            self.detail.clear()
        elif change.addition:
            self.detail.setHtml(addition_html(change))
        else:
            self.detail.setHtml(word_changes_html(change.old, change.new))

    def _set_all(self, state: Qt.CheckState) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def choose(self, row: int, use: int) -> None:
        """For the conflict in `row`: KEEP, THEIRS or EXPORTED."""
        self.choices[row].setCurrentIndex(use)

    def decision(self) -> ImportDecision:
        """The review's choices, for the core's import operation to apply."""
        place = {id(change): i for i, change in enumerate(self.diff.changes)}
        skipped = frozenset(
            place[id(self.list.item(i).data(Qt.ItemDataRole.UserRole))]
            for i in range(self.list.count())
            if self.list.item(i).checkState() != Qt.CheckState.Checked
        )
        settled: dict[int, Settle] = {}
        for r, choice in enumerate(self.choices):
            change: CellChange = self.conflicts.item(r, 0).data(Qt.ItemDataRole.UserRole)
            settled[place[id(change)]] = SETTLE[choice.currentIndex()]
        return ImportDecision(settled=settled, skipped=skipped)

    def _update_button(self) -> None:
        n = len(decide(self.diff, self.decision()).applied)
        self.apply_button.setText(f"Apply {n} change{'s' if n != 1 else ''}")
        self.apply_button.setEnabled(n > 0)
