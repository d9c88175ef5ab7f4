"""A co-author's workbook back in: diff, located problems, hostile files, one command."""

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

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


def _column(ws, header):
    return next(c.column for c in ws[1] if c.value == header)


def test_round_trip_diff_and_apply(sample_project, exported):
    def edit(wb):
        m = wb["Matrix"]
        row = _row(m, "eu-turkey-2016")
        m.cell(row, _column(m, "Compulsory score"), 1)  # 3 -> 1
        m.cell(row, _column(m, "Compulsory memo"), "Memo rewritten by a co-author")
        m.cell(_row(m, "uk-rwanda-2022"), _column(m, "Compulsory confidence"), "low")
        mech = wb["Mechanisms"]
        mech.cell(_row(mech, "belarus-eu-2021"), _column(mech, "Funding"), 2)
        ev = wb["Evidence"]
        ev.cell(2, _column(ev, "Note"), "Checked against the print edition.")
        cases = wb["Cases"]
        cases.cell(
            _row(cases, "belarus-eu-2021"), _column(cases, "Region"), "Eastern Europe (Poland)"
        )

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
    assert len(diff.changes) == 6 and diff.problems == [] and diff.conflicts == []
    before = project_codings(sample_project)
    sample_project.execute(changes_command(diff.accepted(), "Import edits"))
    after = project_codings(sample_project)
    assert after[("eu-turkey-2016", "score:compulsory")] == 1
    assert after[("belarus-eu-2021", "strength:funding")] == 2
    assert diff_workbook(sample_project, path).changes == []  # applied: nothing left
    sample_project.history.undo()  # one command, one undo
    assert project_codings(sample_project) == before


def test_an_untouched_export_has_no_changes(sample_project, exported):
    diff = diff_workbook(sample_project, exported)
    assert diff.changes == [] and diff.problems == [] and diff.notes == []
    assert diff.three_way


def test_located_problems(sample_project, exported):
    def edit(wb):
        m = wb["Matrix"]
        m["C2"] = 7
        m["G2"] = "=C2+1"  # institutional score turned into a formula
        m["D3"] = "certain"
        m.cell(4, 1, "no-such-case")
        m.cell(5, 1, m.cell(6, 1).value)  # duplicated identifier
        ev = wb["Evidence"]
        ev.cell(3, _column(ev, "Locator"), dt.datetime(2024, 5, 12))
        wb["Cases"].append([None, None, "A label without a title"])

    diff = diff_workbook(sample_project, _edit(exported, edit))
    text = "\n".join(diff.problems + diff.notes)
    assert "Matrix!C2: '7' is not on the scale 0–4" in text
    assert "Matrix!G2: holds a formula" in text
    assert "Matrix!D3: 'certain' is not one of low, medium, high" in text
    assert "Matrix!A4: unknown case identifier 'no-such-case'" in text
    assert "appears twice" in text
    assert "Evidence!H3: holds a date or time (2024-05-12)" in text
    assert "Cases!A14: a new case row needs a title" in text
    assert all(c.cell != "C2" for c in diff.changes if c.sheet == "Matrix")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda wb: setattr(wb["Matrix"]["C1"], "value", "Compulsory"),
            "Matrix!C1: the column 'Compulsory score' was renamed to 'Compulsory'",
        ),
        (
            lambda wb: setattr(wb["Matrix"]["D1"], "value", "Compulsory score"),
            "Matrix!D1: column 'Compulsory score' appears twice (also C1)",
        ),
        (lambda wb: wb.remove(wb["Mechanisms"]), "the sheet 'Mechanisms' is missing"),
        (
            lambda wb: setattr(wb["Evidence"]["J1"], "value", "note"),
            None,  # a header differing only in case and spaces still maps
        ),
        (
            lambda wb: setattr(wb["Evidence"]["M1"], "value", "My remarks"),
            "Evidence!M1: unknown column 'My remarks'",
        ),
    ],
)
def test_every_column_problem_is_located(sample_project, exported, edit, message):
    diff = diff_workbook(sample_project, _edit(exported, edit))
    if message is None:
        assert diff.problems == []
    else:
        assert any(message in p for p in diff.problems), diff.problems


def test_a_renamed_optional_header_does_not_drop_edits_silently(sample_project, exported):
    def edit(wb):
        ev = wb["Evidence"]
        ev.cell(2, _column(ev, "Note"), "An edit under a renamed header")
        ev["J1"] = "Remarks"
        m = wb["Matrix"]
        m.cell(2, _column(m, "Compulsory memo"), "Another one")
        m["F1"] = "compulsory notes"

    diff = diff_workbook(sample_project, _edit(exported, edit))
    assert "Evidence!J1: the column 'Note' was renamed to 'Remarks'" in "\n".join(diff.problems)
    assert "Matrix!F1: the column 'Compulsory memo' was renamed" in "\n".join(diff.problems)


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
        assert project_codings(project)[("eu-turkey-2016", "score:compulsory")] == 0
    assert main(["import-xlsx", str(sample_path), str(tmp_path / "missing.xlsx")]) == 2


def test_agreement_between_two_returned_workbooks(sample_project, exported, capsys):
    edited = _edit(exported, lambda wb: setattr(wb["Matrix"]["C2"], "value", 1))
    theirs = {k: v for k, v in workbook_codings(edited).items() if v is not None}
    ours = {k: v for k, v in project_codings(sample_project).items() if v is not None}
    assert theirs == {**ours, ("eu-turkey-2016", "score:compulsory"): 1}
    assert main(["agreement", str(exported), str(edited)]) == 0
    assert "eu-turkey-2016\tscore:compulsory\t3\t1" in capsys.readouterr().out


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
    assert "Matrix: the row(s) of UK–Rwanda 2022 were deleted" in notes
    assert "Evidence: 2 row(s) were deleted" in notes
    assert diff.changes == []


def test_rows_without_a_case_identifier_are_named_and_skipped(sample_project, exported):
    def edit(wb):
        for name in ("Matrix", "Mechanisms"):
            sheet = wb[name]
            row = _row(sheet, "eu-turkey-2016")
            sheet.cell(row, 1).value = None  # the identifier wiped
            sheet.cell(row, _column(sheet, "Case"), "EU–Turkey 2016")

    diff = diff_workbook(sample_project, _edit(exported, edit))
    assert diff.problems == [
        "Matrix!A2: a row without a case identifier was not imported "
        "(propose new cases in the Cases sheet)",
        "Mechanisms!A2: a row without a case identifier was not imported",
    ]
    assert diff.changes == []
