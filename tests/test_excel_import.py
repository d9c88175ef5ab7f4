"""A co-author's workbook back in: diff, located problems, hostile files, one command."""

import datetime as dt
import time
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
from PySide6.QtCore import Qt

from workbench.analysis.codings import project_codings, workbook_codings
from workbench.cli import main
from workbench.excel.diff import changes_command, diff_workbook
from workbench.excel.export import export_workbook
from workbench.excel.guards import ExcelImportError


@pytest.fixture
def exported(sample_project, tmp_path) -> Path:
    path = tmp_path / "coauthor.xlsx"
    export_workbook(sample_project, path)
    return path


def _edit(path: Path, edit) -> Path:
    wb = openpyxl.load_workbook(path)
    edit(wb)
    out = path.with_name("edited.xlsx")
    wb.save(out)
    return out


def _row(ws, ident):
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == ident)


def test_round_trip_diff_and_apply(sample_project, exported):
    def edit(wb):
        m = wb["Matrix"]
        row = _row(m, "eu-turkey-2016")
        m[f"C{row}"] = 1  # compulsory score 3 -> 1
        m[f"G{row}"] = "Memo rewritten by a co-author"
        m[f"E{_row(m, 'uk-rwanda-2022')}"] = "low"  # confidence high -> low
        mech = wb["Mechanisms"]
        header = [c.value for c in mech[1]]
        mech.cell(_row(mech, "belarus-eu-2021"), header.index("funding") + 1, 2)
        ev = wb["Evidence"]
        ev_header = [c.value for c in ev[1]]
        ev.cell(2, ev_header.index("note") + 1, "Checked against the print edition.")
        wb["Cases"][f"E{_row(wb['Cases'], 'belarus-eu-2021')}"] = "Eastern Europe (Poland)"

    path = _edit(exported, edit)
    diff = diff_workbook(sample_project, path)
    described = {(c.sheet, c.what, c.old, c.new) for c in diff.changes}
    assert ("Matrix", "EU–Turkey 2016: compulsory score", 3, 1) in described
    assert ("Matrix", "UK–Rwanda 2022: compulsory confidence", "high", "low") in described
    assert ("Mechanisms", "Belarus–EU 2021: Funding strength", None, 2) in described
    assert (
        "Cases",
        "Belarus–EU 2021: region",
        "Eastern Europe",
        "Eastern Europe (Poland)",
    ) in described
    assert any(
        c.sheet == "Evidence" and c.new == "Checked against the print edition."
        for c in diff.changes
    )
    assert len(diff.changes) == 6 and diff.problems == []
    before = project_codings(sample_project.store)
    sample_project.execute(changes_command(diff.changes, "Import edits"))
    after = project_codings(sample_project.store)
    assert after[("eu-turkey-2016", "score:compulsory")] == 1
    assert after[("belarus-eu-2021", "strength:funding")] == 2
    left = [c for c in diff_workbook(sample_project, path).changes if c.sheet != "Evidence"]
    assert left == []  # nothing left to apply (Evidence repeats an excerpt per link)
    sample_project.history.undo()  # one command, one undo
    assert project_codings(sample_project.store) == before


def test_an_untouched_export_has_no_changes(sample_project, exported):
    diff = diff_workbook(sample_project, exported)
    assert diff.changes == [] and diff.problems == [] and diff.notes == []


def test_located_problems(sample_project, exported):
    def edit(wb):
        m = wb["Matrix"]
        m["C2"] = 7
        m["H2"] = "=C2+1"  # institutional score turned into a formula
        m["E3"] = "certain"
        m.cell(4, 1, "no-such-case")
        m.cell(5, 1, m.cell(6, 1).value)  # duplicated identifier
        ev = wb["Evidence"]
        header = [c.value for c in ev[1]]
        ev.cell(3, header.index("locator") + 1, dt.datetime(2024, 5, 12))
        wb["Cases"].append([None, "A case typed in by hand"])

    diff = diff_workbook(sample_project, _edit(exported, edit))
    text = "\n".join(diff.problems + diff.notes)
    assert "Matrix!C2: 7 is not on the scale 0–4" in text
    assert "Matrix!H2: holds a formula" in text
    assert "Matrix!E3: 'certain' is not low, medium or high" in text
    assert "Matrix!A4: unknown case identifier 'no-such-case'" in text
    assert "appears twice" in text
    assert "holds a date (2024-05-12)" in text and "Evidence!" in text
    assert "Cases!A14: a row without identifier" in text
    assert all(c.cell != "C2" for c in diff.changes if c.sheet == "Matrix")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda wb: setattr(wb["Matrix"]["C1"], "value", "compulsory"), "compulsory_score"),
        (lambda wb: setattr(wb["Matrix"]["D1"], "value", "compulsory_score"), "appears twice"),
        (lambda wb: wb.remove(wb["Mechanisms"]), "'Mechanisms' is missing"),
        (lambda wb: setattr(wb["About"]["B2"], "value", "something else"), "not exported"),
    ],
)
def test_broken_structure_is_refused_with_the_place(sample_project, exported, edit, message):
    with pytest.raises(ExcelImportError) as err:
        diff_workbook(sample_project, _edit(exported, edit))
    assert message in str(err.value) and "edited.xlsx" in str(err.value)


def test_foreign_files(sample_project, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(ExcelImportError, match="not an Excel workbook"):
        diff_workbook(sample_project, text)
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "budget"
    wb.save(other)
    with pytest.raises(ExcelImportError, match="not exported by Migration Power Workbench"):
        diff_workbook(sample_project, other)


def test_compression_bomb_is_refused_before_parsing(sample_project, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 2**20))
    assert bomb.stat().st_size < 2 * 2**20
    started = time.perf_counter()
    with pytest.raises(ExcelImportError, match="compression bomb"):
        diff_workbook(sample_project, bomb)
    assert time.perf_counter() - started < 2


def test_xml_entity_tricks_are_refused(sample_project, exported, tmp_path):
    assert openpyxl.xml.DEFUSEDXML  # openpyxl parses through defusedxml
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>&lol3;</t></si></sst>"
    )
    hostile = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(hostile, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<?xml version="1.0"?>', b"", 1)
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM '
                    b'"file:///etc/passwd">]>' + data.split(b"?>", 1)[-1]
                )
            dst.writestr(item, data)
        dst.writestr("xl/sharedStrings.xml", laughs)
    started = time.perf_counter()
    with pytest.raises(ExcelImportError, match="cannot be read"):
        diff_workbook(sample_project, hostile)
    assert time.perf_counter() - started < 5


def test_cli_import_xlsx(sample_path, tmp_path, capsys):
    from workbench.project import Project

    path = tmp_path / "x.xlsx"
    assert main(["export-xlsx", str(sample_path), str(path)]) == 0
    edited = _edit(path, lambda wb: setattr(wb["Matrix"]["C2"], "value", 0))
    capsys.readouterr()
    assert main(["import-xlsx", str(sample_path), str(edited), "--dry-run"]) == 0
    assert "Matrix!C2 EU–Turkey 2016: compulsory score: 3 → 0" in capsys.readouterr().out
    assert main(["import-xlsx", str(sample_path), str(edited)]) == 0
    with Project.open_readonly(sample_path) as project:
        assert project_codings(project.store)[("eu-turkey-2016", "score:compulsory")] == 0
    assert main(["import-xlsx", str(sample_path), str(tmp_path / "missing.xlsx")]) == 2


def test_agreement_between_two_returned_workbooks(sample_project, exported, capsys):
    edited = _edit(exported, lambda wb: setattr(wb["Matrix"]["C2"], "value", 1))
    theirs = {k: v for k, v in workbook_codings(edited).items() if v is not None}
    ours = {k: v for k, v in project_codings(sample_project.store).items() if v is not None}
    assert theirs == {**ours, ("eu-turkey-2016", "score:compulsory"): 1}
    assert main(["agreement", str(exported), str(edited)]) == 0
    assert "eu-turkey-2016\tscore:compulsory\t3\t1" in capsys.readouterr().out


def test_review_dialog_accepts_some_changes(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from ui.workbook_review_dialog import WorkbookReviewDialog

    path = tmp_path / "c.xlsx"
    export_workbook(window.project, path)

    def edit(wb):
        wb["Matrix"]["C2"] = 1
        wb["Matrix"]["C3"] = 0

    edited = _edit(path, edit)

    def review(dialog):
        assert dialog.list.count() == 2
        assert dialog.apply_button.text() == "Apply 2 changes"
        dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)  # reject one
        assert dialog.apply_button.text() == "Apply 1 change"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WorkbookReviewDialog, "exec", review)
    assert window.import_workbook(edited)
    codings = project_codings(window.project.store)
    assert codings[("eu-turkey-2016", "score:compulsory")] == 1
    assert codings[("uk-rwanda-2022", "score:compulsory")] == 3
    assert window.undo_action.text() == "&Undo Import 1 edit(s) from edited.xlsx"
    window.undo_action.trigger()
    assert project_codings(window.project.store)[("eu-turkey-2016", "score:compulsory")] == 3


def test_agreement_dialog_opens_a_disagreeing_case(qtbot, window, tmp_path, monkeypatch):
    from ui.agreement_dialog import AgreementDialog

    path = tmp_path / "c.xlsx"
    export_workbook(window.project, path)
    edited = _edit(path, lambda wb: setattr(wb["Matrix"]["C3"], "value", 0))
    monkeypatch.setattr(AgreementDialog, "exec", lambda self: 0)
    window.show_agreement(edited)
    dialog = window.agreement_dialog
    assert dialog.table.item(dialog.table.rowCount() - 1, 0).text() == "Overall"
    assert dialog.disagreements.count() == 1
    dialog.disagreements.itemDoubleClicked.emit(dialog.disagreements.item(0))
    assert window.view.case.uid == "uk-rwanda-2022"


def test_the_sheets_stated_size_is_not_trusted(sample_project, exported, tmp_path):
    import re

    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(lying, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data)
            dst.writestr(item, data)
    edited = _edit(lying, lambda wb: None)  # normal save: also exercise a re-saved file
    for path in (lying, edited):
        diff = diff_workbook(sample_project, path)
        assert diff.notes == [] and diff.changes == []  # every case row was read


def test_injection_strings_read_back_unchanged(sample_project, tmp_path):
    from tests.test_excel_export import INJECTIONS
    from workbench.commands import SetCell

    case = sample_project.store.get("study_case", {"uid": "eu-turkey-2016"})["id"]
    for pt, text in zip(
        ("compulsory", "institutional", "structural", "productive"), INJECTIONS, strict=False
    ):
        sample_project.execute(SetCell(case, pt, memo=text))
    path = tmp_path / "inj.xlsx"
    export_workbook(sample_project, path)
    resaved = _edit(path, lambda wb: None)  # as a co-author's spreadsheet program would
    for candidate in (path, resaved):
        diff = diff_workbook(sample_project, candidate)
        assert diff.changes == [] and diff.problems == []


def test_deleted_rows_are_reported(sample_project, exported):
    def edit(wb):
        wb["Matrix"].delete_rows(3)  # UK–Rwanda's matrix row
        wb["Evidence"].delete_rows(2, 2)

    diff = diff_workbook(sample_project, _edit(exported, edit))
    notes = "\n".join(diff.notes)
    assert "Matrix: the row(s) of uk-rwanda-2022 were deleted" in notes
    assert "Evidence: 2 row(s) were deleted" in notes
    assert diff.changes == []
