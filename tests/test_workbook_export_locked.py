"""Columns a co-author cannot edit in the workbook are locked: the sheet is protected
without a password, those cells are grey and their header's note says to edit in the
application; what the import reads stays open, also in new rows."""

from __future__ import annotations

import openpyxl
import pytest

from workbench.excel.diff import diff_workbook
from workbench.excel.export import export_workbook
from workbench.excel.layout import CASE_COLUMNS


@pytest.fixture
def exported(sample_project, tmp_path):
    target = tmp_path / "locked.xlsx"
    export_workbook(sample_project, target)
    return target


def _columns(ws) -> dict[str, str]:
    return {c.value: c.column_letter for c in ws[1] if c.value}


def _greyed(ws, ref: str) -> bool:
    """A grey fill over the cell: a conditional format that always applies (one per
    column, cheaper than a style on each cell)."""
    for cf in ws.conditional_formatting:
        if ref in cf.sqref:
            for rule in cf.rules:
                fill = rule.dxf.fill
                if rule.formula == ["TRUE"] and fill.bgColor.rgb.endswith("EDEDED"):
                    return True
    return False


def test_sheets_are_protected_without_a_password(exported):
    wb = openpyxl.load_workbook(exported)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password, ws.title  # the co-author may unprotect, knowingly
        if ws.auto_filter.ref:
            assert not ws.protection.autoFilter, ws.title  # filtering still works
        assert not ws.protection.formatColumns  # and widening a column


def test_locked_columns_are_grey_and_say_edit_in_the_application(exported):
    wb = openpyxl.load_workbook(exported)
    cases = wb["Cases"]
    at = _columns(cases)
    for header in ("Case ID", "Wielders", "Recipients"):
        letter = at[header]
        assert cases[f"{letter}2"].protection.locked, header
        assert _greyed(cases, f"{letter}2"), header
        note = cases[f"{letter}1"].comment
        assert note is not None and "Edit in the application" in note.text, header
    matrix = wb["Matrix"]
    at = _columns(matrix)
    assert matrix[f"{at['Case']}2"].protection.locked
    evidence = wb["Evidence"]
    at = _columns(evidence)
    for header in ("Link ID", "Case ID", "Mechanism", "Citation key"):
        assert evidence[f"{at[header]}2"].protection.locked, header


def test_editable_columns_stay_open_even_when_empty(exported):
    wb = openpyxl.load_workbook(exported)
    cases = wb["Cases"]
    at = _columns(cases)
    editable = [c.header for c in CASE_COLUMNS if c.editable]
    assert {"Title", "Summary", "Tags", "GCM objectives"} <= set(editable)
    for header in editable:
        letter = at[header]
        assert not cases[f"{letter}2"].protection.locked, header
        assert not _greyed(cases, f"{letter}2"), header
        assert cases[f"{letter}1"].comment is None, header
        # a new case proposed below the last row can be typed in
        assert not cases.column_dimensions[letter].protection.locked, header
    assert cases.column_dimensions[at["Wielders"]].protection.locked
    matrix = wb["Matrix"]
    at = _columns(matrix)
    for header in ("Compulsory score", "Compulsory confidence", "Compulsory memo"):
        for row in range(2, matrix.max_row + 1):
            cell = matrix[f"{at[header]}{row}"]
            assert not cell.protection.locked, (header, row, cell.value)
    evidence = wb["Evidence"]
    at = _columns(evidence)
    assert not evidence[f"{at['Locator']}2"].protection.locked
    # a proposed excerpt's row names its case and source: open below the last row only
    for header in ("Case ID", "Mechanism", "Quotation", "Citation key"):
        assert not evidence.column_dimensions[at[header]].protection.locked, header
    assert evidence.column_dimensions[at["Link ID"]].protection.locked


def test_sheets_to_read_say_so(exported):
    wb = openpyxl.load_workbook(exported)
    for title in ("About", "Sources"):
        note = wb[title]["A1"].comment
        assert note is not None and "for reading" in note.text, title


def test_the_import_reads_a_protected_workbook(sample_project, exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    matrix = wb["Matrix"]
    at = _columns(matrix)
    row = next(r for r in range(2, matrix.max_row + 1) if matrix[f"A{r}"].value == "uk-rwanda-2022")
    old = matrix[f"{at['Compulsory score']}{row}"].value
    matrix[f"{at['Compulsory score']}{row}"] = 1 if old != 1 else 2
    returned = tmp_path / "returned.xlsx"
    wb.save(returned)
    assert openpyxl.load_workbook(returned)["Matrix"].protection.sheet  # still protected
    diff = diff_workbook(sample_project, returned)
    assert [(c.cell, c.new) for c in diff.changes] == [
        (f"{at['Compulsory score']}{row}", 1 if old != 1 else 2)
    ]
