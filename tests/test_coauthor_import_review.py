"""The review window, reached through File ▸ Import Co-author Edits: new rows read as
text a person recognises, and changed cells that are not imported are listed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from ui.export_dialog import ExportOptionsDialog
from ui.workbook_review_dialog import WorkbookReviewDialog


@pytest.fixture
def exported(window, file_dialogs, monkeypatch, tmp_path) -> Path:
    target = tmp_path / "for coauthors.xlsx"

    def press_ok(dialog: ExportOptionsDialog) -> int:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(ExportOptionsDialog, "exec", press_ok)
    file_dialogs.choose(target)
    window.export_xlsx_action.trigger()
    return target


@pytest.fixture
def reviews(monkeypatch) -> list[WorkbookReviewDialog]:
    """Every review window shown, left open for the test to read (then cancelled)."""
    seen: list[WorkbookReviewDialog] = []
    monkeypatch.setattr(WorkbookReviewDialog, "exec", lambda dialog: seen.append(dialog) or 0)
    return seen


def _rows(ws, ident):
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == ident)


def _col(ws, header):
    return next(c.column for c in ws[1] if c.value == header)


def test_a_new_excerpt_reads_as_text_not_data(window, exported, file_dialogs, reviews, tmp_path):
    wb = openpyxl.load_workbook(exported)
    ev = wb["Evidence"]
    first = [c.value for c in ev[2]]
    row = ev.max_row + 1
    for header, value in (
        ("Case ID", first[2]),
        ("Mechanism", first[5]),
        ("Quotation", "Border cooperation was traded for visa liberalisation talks."),
        ("Locator", "p. 7"),
        ("Citation key", first[11]),
    ):
        ev.cell(row, _col(ev, header), value)
    edited = tmp_path / "new excerpt.xlsx"
    wb.save(edited)
    file_dialogs.choose(edited)
    window.import_xlsx_action.trigger()
    dialog = reviews[-1]
    line = dialog.list.item(0).text()
    assert line == (
        f"Evidence!A{row}  New excerpt “Border cooperation was traded for visa…” "
        f"({first[10]}) for {first[5]} in {first[3]}"
    )
    dialog.list.setCurrentRow(0)
    shown = dialog.detail.toPlainText()
    for text in (
        "Quotation",
        "Border cooperation was traded for visa liberalisation talks.",
        f"{first[10]} ({first[11]})",
        "Locator",
        "p. 7",
        "Secondary literature",
        first[3],
    ):
        assert text in shown
    assert (
        "source_id" not in shown and "{" not in shown and "{" not in dialog.list.item(0).toolTip()
    )


def test_changed_actors_are_listed_as_not_imported(
    window, exported, file_dialogs, reviews, tmp_path, monkeypatch
):
    wb = openpyxl.load_workbook(exported)
    cases = wb["Cases"]
    row = _rows(cases, "eu-turkey-2016")
    cases.cell(row, _col(cases, "Wielders"), "Frontex (Agency; North)")
    letter = cases.cell(row, _col(cases, "Wielders")).column_letter
    edited = tmp_path / "actors.xlsx"
    wb.save(edited)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    file_dialogs.choose(edited)
    window.import_xlsx_action.trigger()
    assert told == []  # not "nothing to apply": the change is shown
    dialog = reviews[-1]
    assert not dialog.problems.isHidden()
    assert (
        f"Not imported: Cases!{letter}{row} (Wielders): edit in the application"
        in dialog.problems.toPlainText()
    )
    assert "1 changed cell(s) are not imported" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()  # nothing to apply, but nothing hidden


def test_a_quotation_conflict_offers_only_the_two_known_texts(
    window, exported, file_dialogs, reviews, tmp_path
):
    from workbench.commands import UpdateExcerpt

    wb = openpyxl.load_workbook(exported)
    ev = wb["Evidence"]
    excerpt_uid, text = ev["B2"].value, ev["G2"].value
    ev.cell(2, _col(ev, "Quotation"), text + " [sic]")
    edited = tmp_path / "quotation.xlsx"
    wb.save(edited)
    excerpt_id = window.project.store.get("excerpt", {"uid": excerpt_uid})["id"]
    window.project.execute(UpdateExcerpt(excerpt_id, text=text + " (checked)"))
    file_dialogs.choose(edited)
    window.import_xlsx_action.trigger()
    dialog = reviews[-1]
    assert dialog.conflicts.rowCount() == 1
    assert dialog.conflicts.item(0, 2).text() == "(not kept)"
    choice = dialog.choices[0]
    assert [choice.itemText(i) for i in range(choice.count())] == [
        "Project now (keep)",
        "Co-author",
    ]
