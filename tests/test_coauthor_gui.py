"""The co-author flows in the window, driven through the File menu's actions as a user
does: export, the two-co-author import with a conflict, the round trip, agreement."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.conftest import edited_workbook
from ui.agreement_dialog import AgreementDialog
from ui.export_dialog import ExportOptionsDialog
from ui.workbook_review_dialog import THEIRS, WorkbookReviewDialog
from workbench.analysis.codings import project_codings
from workbench.excel.diff import diff_workbook


def _press_ok(dialog: ExportOptionsDialog) -> int:
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return dialog.result()


@pytest.fixture
def exported(window, file_dialogs, monkeypatch, tmp_path) -> Path:
    """File ▸ Export Workbook for Co-authors, OK in the options, a file name chosen."""
    target = tmp_path / "for coauthors.xlsx"
    monkeypatch.setattr(ExportOptionsDialog, "exec", _press_ok)
    file_dialogs.choose(target)
    window.export_xlsx_action.trigger()
    return target


class Review:
    """Answers the review dialog: optionally picks conflict values, then presses Apply."""

    def __init__(self, monkeypatch, choices: dict[int, int] | None = None) -> None:
        self.seen: list[WorkbookReviewDialog] = []
        self.choices = choices or {}
        monkeypatch.setattr(WorkbookReviewDialog, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog: WorkbookReviewDialog) -> int:
        self.seen.append(dialog)
        for row, use in self.choices.items():
            dialog.choose(row, use)
        if not dialog.apply_button.isEnabled():
            dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
        else:
            dialog.apply_button.click()
        return dialog.result()


def test_the_menu_action_exports_the_workbook(window, exported):
    # the action's triggered(bool) used to land in export_workbook(target=False): no file
    assert exported.exists()
    assert openpyxl.load_workbook(exported)["About"]["B2"].value.startswith(
        "migration-power-workbench/coauthor-workbook/"
    )
    assert "Wrote for coauthors.xlsx" in window.statusBar().currentMessage()


def said(monkeypatch) -> list[str]:
    """The titles of the information messages shown."""
    titles: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _parent, title, *_a: titles.append(title))
    )
    return titles


def test_round_trip_through_the_menu_proposes_nothing(window, exported, file_dialogs, monkeypatch):
    review = Review(monkeypatch)
    messages = said(monkeypatch)
    file_dialogs.choose(exported)
    window.import_xlsx_action.trigger()
    assert review.seen == []  # no empty review to click through
    assert messages == ["No edits to import"]
    assert not window.undo_action.isEnabled() or "Import" not in window.undo_action.text()


def test_two_coauthors_through_the_menu(window, exported, file_dialogs, monkeypatch, tmp_path):
    a = edited_workbook(exported, tmp_path / "a.xlsx", {"Matrix!C2": 1, "Matrix!C3": 0})
    b = edited_workbook(exported, tmp_path / "b.xlsx", {"Matrix!C2": 2, "Matrix!D4": "low"})
    review = Review(monkeypatch)
    file_dialogs.choose(a)
    window.import_xlsx_action.trigger()
    first = review.seen[-1]
    assert first.list.count() == 2 and first.apply_button.text() == "Apply 2 changes"
    codings = project_codings(window.project)
    assert codings[("eu-turkey-2016", "score:compulsory")] == 1
    assert codings[("uk-rwanda-2022", "score:compulsory")] == 0
    assert window.undo_action.text() == "&Undo Import 2 edit(s) from a.xlsx"

    messages = said(monkeypatch)
    file_dialogs.choose(a)  # the same file again: nothing to apply
    window.import_xlsx_action.trigger()
    assert messages == ["No edits to import"] and review.seen[-1] is first

    review.choices = {0: THEIRS}
    file_dialogs.choose(b)
    window.import_xlsx_action.trigger()
    second = review.seen[-1]
    # A's edits are not reverted: only B's own edit, and the cell both changed
    assert second.list.count() == 1 and "confidence" in second.list.item(0).text()
    assert second.conflicts.rowCount() == 1
    shown = [second.conflicts.item(0, c).text() for c in (2, 3, 4)]
    assert shown == ["3", "1", "2"]  # exported, project now, co-author
    codings = project_codings(window.project)
    assert codings[("eu-turkey-2016", "score:compulsory")] == 2  # chosen: the co-author's
    assert codings[("uk-rwanda-2022", "score:compulsory")] == 0  # A's edit kept
    window.undo_action.trigger()  # one step undoes all of B's
    assert project_codings(window.project)[("eu-turkey-2016", "score:compulsory")] == 1
    assert diff_workbook(window.project, a).changes == []


def test_a_hostile_workbook_is_refused_with_a_message(window, file_dialogs, monkeypatch, tmp_path):
    from ui import coauthor_actions

    messages = []
    monkeypatch.setattr(
        coauthor_actions, "show_error", lambda parent, title, text: messages.append(text)
    )
    secret = tmp_path / "secret.xlsx"
    secret.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"))
    file_dialogs.choose(secret)
    window.import_xlsx_action.trigger()
    assert messages and "password-protected" in messages[0]


def test_agreement_through_the_menu_names_cases(
    window, exported, file_dialogs, monkeypatch, tmp_path
):
    edited = edited_workbook(exported, tmp_path / "coder.xlsx", {"Matrix!C3": 0})
    monkeypatch.setattr(AgreementDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    file_dialogs.choose(edited)
    window.agreement_action.trigger()
    dialog = window.coauthor.agreement_dialog
    assert dialog.table.item(dialog.table.rowCount() - 1, 0).text() == "Overall"
    assert dialog.disagreements.count() == 1
    item = dialog.disagreements.item(0)
    assert item.text().startswith("UK–Rwanda 2022   Compulsory score")
    dialog.disagreements.itemDoubleClicked.emit(item)
    assert window.view.case.uid == "uk-rwanda-2022"
    assert item.data(Qt.ItemDataRole.UserRole) == "uk-rwanda-2022"


def test_a_long_text_edit_shows_what_changed_and_both_texts_in_full(
    window, exported, file_dialogs, monkeypatch, tmp_path
):
    memo = openpyxl.load_workbook(exported)["Matrix"]["F2"].value
    assert len(memo) > 80
    edited = edited_workbook(
        exported, tmp_path / "memo.xlsx", {"Matrix!F2": memo + " Added at the end."}
    )
    review = Review(monkeypatch)
    monkeypatch.setattr(WorkbookReviewDialog, "exec", lambda d: review.seen.append(d) or 0)
    file_dialogs.choose(edited)
    window.import_xlsx_action.trigger()
    dialog = review.seen[-1]
    line = dialog.list.item(0).text()
    assert line.startswith("Matrix!F2") and line.endswith("Added at the end.")
    assert memo[:40] not in line  # the opening both share is left out
    shown = dialog.detail.toPlainText()
    assert "Project now" in shown and "Co-author" in shown and shown.count(memo[:40]) == 2
    assert "#c9f2c7" in dialog.detail.toHtml()  # the added words marked


def test_whitespace_and_unspaced_changes_are_visible_in_the_review():
    from ui.workbook_review_dialog import _around_change, word_changes_html

    old, new = _around_change("abc" * 40, "abc" * 41)
    assert old != new and old.startswith("…")  # no space to cut at: still near the change
    assert "␣" in word_changes_html("tail ", "tail")  # a removed space is marked
    assert "&lt;b&gt;" in word_changes_html("<b>", "<b> x")  # texts are escaped
