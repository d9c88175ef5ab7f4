"""The agreement window as a user drives it: after a co-author's workbook was imported,
comparing the project with that workbook is flagged and the comparison with the
export it came from is one click away; any two coders can be chosen; the table and
the disagreements are saved as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from ui.agreement_dialog import ANOTHER, AgreementDialog
from ui.export_dialog import ExportOptionsDialog
from workbench.operations.workbook import import_command, review_workbook


def _press_ok(dialog: ExportOptionsDialog) -> int:
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return dialog.result()


def _returned(exported: Path, target: Path, scores: dict[str, int]) -> Path:
    wb = openpyxl.load_workbook(exported)
    matrix = wb["Matrix"]
    rows = {row[0].value: row[0].row for row in matrix.iter_rows(min_row=2)}
    for uid, score in scores.items():
        matrix[f"C{rows[uid]}"] = score  # the Compulsory score
    wb.save(target)
    return target


@pytest.fixture
def workbooks(window, file_dialogs, monkeypatch, tmp_path):
    """File ▸ Export Workbook for Co-authors; two co-authors' returned copies."""
    sent = tmp_path / "sent.xlsx"
    monkeypatch.setattr(ExportOptionsDialog, "exec", _press_ok)
    file_dialogs.choose(sent)
    window.export_xlsx_action.trigger()
    b = _returned(sent, tmp_path / "coder-b.xlsx", {"eu-turkey-2016": 1, "uk-rwanda-2022": 0})
    a = _returned(sent, tmp_path / "coder-a.xlsx", {"australia-nauru-2012": 0})
    return a, b


def _choose(combo, text: str) -> None:
    """Pick an entry of a combo box as a click in its list does."""
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _open_agreement(window, file_dialogs, monkeypatch, workbook: Path) -> AgreementDialog:
    monkeypatch.setattr(AgreementDialog, "exec", lambda self: (self.show(), 0)[1])
    file_dialogs.choose(workbook)
    window.agreement_action.trigger()
    return window.coauthor.agreement_dialog


def test_after_importing_a_workbook_the_inflated_comparison_is_flagged(
    window, workbooks, file_dialogs, monkeypatch, qtbot
):
    _a, b = workbooks
    diff = review_workbook(window.project.path, b)
    assert window.view.run(import_command(diff.changes, b))  # B's edits accepted
    dialog = _open_agreement(window, file_dialogs, monkeypatch, b)
    qtbot.addWidget(dialog)
    assert dialog.disagreements.count() == 0  # B against B's own edits: inflated
    assert dialog.warning.isVisible() and "imported" in dialog.warning.text()
    assert dialog.use_export.isVisible()
    qtbot.mouseClick(dialog.use_export, Qt.MouseButton.LeftButton)
    assert dialog.coder_a.currentText() == "coder-b.xlsx as exported"
    assert dialog.coder_b.currentText() == "coder-b.xlsx"
    assert dialog.disagreements.count() == 2
    assert not dialog.warning.isVisible() and not dialog.use_export.isVisible()
    overall = dialog.table.item(dialog.table.rowCount() - 1, 3).text()
    assert overall != "1.000"


def test_any_two_coders_and_both_tables_saved_as_csv(
    window, workbooks, file_dialogs, monkeypatch, qtbot, tmp_path
):
    a, b = workbooks
    dialog = _open_agreement(window, file_dialogs, monkeypatch, b)
    qtbot.addWidget(dialog)
    assert not dialog.warning.isVisible()  # nothing imported: the project is its own coder
    assert dialog.disagreements.count() == 2
    file_dialogs.choose(a)
    _choose(dialog.coder_a, ANOTHER)  # a second co-author's workbook
    assert dialog.coder_a.currentText() == "coder-a.xlsx"
    assert dialog.coder_b.currentText() == "coder-b.xlsx"
    assert dialog.disagreements.count() == 3  # A's one edit and B's two
    file_dialogs.choose(tmp_path / "table")  # the .csv is added
    qtbot.mouseClick(dialog.save_table, Qt.MouseButton.LeftButton)
    rows = list(csv.DictReader((tmp_path / "table.csv").open(encoding="utf-8")))
    assert rows[-1]["variables"] == "Overall"
    assert (rows[-1]["coder_a"], rows[-1]["coder_b"]) == ("coder-a.xlsx", "coder-b.xlsx")
    file_dialogs.choose(tmp_path / "disagreements.csv")
    qtbot.mouseClick(dialog.save_disagreements, Qt.MouseButton.LeftButton)
    listed = list(csv.DictReader((tmp_path / "disagreements.csv").open(encoding="utf-8")))
    assert {(r["case"], r["label"], r["coder_a"], r["coder_b"]) for r in listed} == {
        ("Australia–Nauru 2012", "Compulsory score", "0", "4"),
        ("EU–Turkey 2016", "Compulsory score", "3", "1"),
        ("UK–Rwanda 2022", "Compulsory score", "3", "0"),
    }


def test_a_workbook_without_its_export_record_is_refused_with_a_message(
    window, workbooks, file_dialogs, monkeypatch, qtbot, tmp_path
):
    _a, b = workbooks
    wb = openpyxl.load_workbook(b)
    del wb["_exported"]
    bare = wb.save(tmp_path / "bare.xlsx") or tmp_path / "bare.xlsx"
    errors: list[str] = []
    monkeypatch.setattr(
        "ui.agreement_dialog.show_error", lambda _parent, title, text: errors.append(str(text))
    )
    dialog = _open_agreement(window, file_dialogs, monkeypatch, bare)
    qtbot.addWidget(dialog)
    _choose(dialog.coder_a, "bare.xlsx as exported")
    assert errors and "no record of the values it was exported with" in errors[0]
    assert dialog.coder_a.currentText().endswith("(project)")  # the choice is undone
