"""The three-way import on workbooks LibreOffice Calc saved (tests/fixtures/xlsx):
untouched round trips, two co-authors of one export, importing twice, faithful
texts, typed values, new rows, located column problems; through the core and the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.fixtures.xlsx.small_project import (
    CONTROL_MEMO,
    CRLF_MEMO,
    ESCAPE_NOTE,
    LONG_MEMO,
    build_small_project,
)
from workbench.analysis.codings import project_codings
from workbench.cli import main
from workbench.commands import SetCell
from workbench.excel.diff import changes_command, diff_workbook
from workbench.excel.export import export_workbook
from workbench.excel.reader import open_book
from workbench.project import Project

FIXTURES = Path(__file__).parent / "fixtures" / "xlsx"


@pytest.fixture
def small(tmp_path):
    project = build_small_project(tmp_path / "small.mpw")
    yield project
    project.close()


@pytest.fixture
def small_path(tmp_path):
    build_small_project(tmp_path / "small.mpw").close()
    return tmp_path / "small.mpw"


def _changes(diff) -> set[str]:
    return {str(c) for c in diff.changes}


def _cell(project, uid, power_type):
    case = project.store.get("study_case", {"uid": uid})["id"]
    return project.store.get("matrix_cell", {"case_id": case, "power_type_id": power_type})


def test_an_untouched_workbook_saved_by_libreoffice_proposes_nothing(small):
    diff = diff_workbook(small, FIXTURES / "untouched.xlsx")
    assert diff.three_way
    assert diff.changes == [] and diff.problems == [] and diff.notes == []
    # the texts a cell cannot hold as they are stay as they are in the project
    assert _cell(small, "alpha-2016", "compulsory")["memo"] == CRLF_MEMO
    assert _cell(small, "alpha-2016", "institutional")["memo"] == CONTROL_MEMO
    assert _cell(small, "beta-2021", "compulsory")["memo"] == LONG_MEMO


def test_the_export_names_the_cells_it_had_to_alter(small, tmp_path):
    report = export_workbook(small, tmp_path / "x.xlsx")
    warning = " ".join(report.warnings)
    assert "Matrix!F2 (line ends)" in warning
    assert "Matrix!J2 (control characters or non-characters removed)" in warning
    assert "Matrix!F3 (shortened to 32,767 characters)" in warning
    with open_book(tmp_path / "x.xlsx") as book:
        values = {v for _, row in book.rows("Evidence") for v in row}
    assert ESCAPE_NOTE in values  # a literal _x000D_ reads back as typed


def test_an_edit_to_a_shortened_text_is_never_written_back(small, tmp_path):
    path = tmp_path / "x.xlsx"
    export_workbook(small, path)
    wb = openpyxl.load_workbook(path)
    wb["Matrix"]["F3"] = "Edited. " + wb["Matrix"]["F3"].value[8:]
    wb.save(path)
    diff = diff_workbook(small, path)
    assert diff.changes == []
    assert any(p.startswith("Matrix!F3: this text was shortened") for p in diff.problems)


def test_typed_values_read_as_a_person_typed_them(small):
    diff = diff_workbook(small, FIXTURES / "coauthor_a.xlsx")
    changes = _changes(diff)
    lee = "excerpt “Transit was used as leverage.” (Lee 2021)"  # what a reviewer recognises
    assert f"Evidence!H4 {lee}: locator: 'ch. 3' → '13'" in changes  # not 13.0
    assert "Cases!D4 Gamma 2023: period: '2016' → '2023'" in changes  # not 2023.0


def test_new_rows_are_proposed_as_additions(small):
    diff = diff_workbook(small, FIXTURES / "coauthor_a.xlsx")
    additions = {c.cell: c for c in diff.changes if c.addition}
    assert set(additions) == {"A5"} or {c.sheet for c in additions.values()} == {
        "Cases",
        "Evidence",
    }
    case = next(c for c in diff.changes if c.addition and c.sheet == "Cases")
    excerpt = next(c for c in diff.changes if c.addition and c.sheet == "Evidence")
    small.execute(changes_command([case, excerpt], "Import"))
    added = small.store.get("study_case", {"title": "Delta return scheme 2024"})
    assert added["short_label"] == "Delta 2024" and added["region"] == "Mediterranean"
    quoted = [
        e
        for e in small.store.excerpt_fields(("id", "text", "locator"))
        if e["text"] == "Money moved with the migrants."
    ]
    assert len(quoted) == 1 and quoted[0]["locator"] == "p. 40"
    again = diff_workbook(small, FIXTURES / "coauthor_a.xlsx")
    assert not [c for c in again.changes if c.addition]  # not proposed a second time


def test_two_coauthors_of_one_export_and_importing_twice(small):
    a = diff_workbook(small, FIXTURES / "coauthor_a.xlsx")
    assert a.conflicts == []
    small.execute(changes_command(a.accepted(), "Import A"))
    assert project_codings(small)[("alpha-2016", "score:compulsory")] == 1
    assert diff_workbook(small, FIXTURES / "coauthor_a.xlsx").changes == []  # twice: nothing
    b = diff_workbook(small, FIXTURES / "coauthor_b.xlsx")
    # B left A's cells alone: nothing of A's is reverted; B's own edit is proposed,
    # and the cell both changed is a conflict with its three values
    assert _changes(b) == {
        "Matrix!C2 Alpha 2016: compulsory score: CONFLICT exported 3, project now 1, co-author 2",
        "Matrix!D3 Beta 2021: compulsory confidence: 'medium' → 'low'",
    }
    conflict = b.conflicts[0]
    assert (conflict.exported, conflict.old, conflict.new) == (3, 1, 2)
    small.execute(changes_command(b.accepted(), "Import B"))  # conflicts keep the project's
    assert project_codings(small)[("alpha-2016", "score:compulsory")] == 1
    assert _cell(small, "beta-2021", "compulsory")["confidence"] == "low"
    small.execute(changes_command([conflict.choose(conflict.new)], "Take B's"))
    assert project_codings(small)[("alpha-2016", "score:compulsory")] == 2


def test_a_change_in_the_project_since_the_export_is_not_reverted(small):
    case = small.store.get("study_case", {"uid": "gamma-2023"})["id"]
    small.execute(SetCell(case, "structural", score=3, memo="Revised since the export"))
    diff = diff_workbook(small, FIXTURES / "untouched.xlsx")
    assert diff.changes == []


def test_formula_date_and_renamed_columns_are_located(small):
    diff = diff_workbook(small, FIXTURES / "problems.xlsx")
    problems = "\n".join(diff.problems)
    assert "Matrix!K4: holds a formula" in problems  # LibreOffice saved its cached value
    assert "Evidence!H4: holds a date or time (2021-03-04)" in problems
    assert "Matrix!F1: the column 'Compulsory memo' was renamed to 'Memo (compulsory)'" in problems
    assert "Evidence!J1: the column 'Note' was renamed to 'Notes'" in problems
    assert diff.changes == []


def test_a_namespace_prefixed_formula_is_detected(small, tmp_path):
    import zipfile

    source = FIXTURES / "problems.xlsx"
    prefixed = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(prefixed, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=", 1)
                data = data.replace(b"</worksheet>", b"</x:worksheet>")
                data = data.replace(b"<f>", b"<x:f>").replace(b"</f>", b"</x:f>")
                data = data.replace(b"<f ", b"<x:f ")
            dst.writestr(item, data)
    assert b"<x:f" in zipfile.ZipFile(prefixed).read("xl/worksheets/sheet3.xml")
    problems = "\n".join(diff_workbook(small, prefixed).problems)
    assert "Matrix!K4: holds a formula" in problems


def test_a_workbook_of_another_project_is_refused_once(tmp_path, small):
    from workbench.excel.guards import ExcelImportError

    other = Project.create(tmp_path / "other.mpw", name="Other")
    try:
        from workbench.commands import AddCase

        other.execute(AddCase("Unrelated case", uid="unrelated-1"))
        with pytest.raises(
            ExcelImportError, match=r"exported from another project \('Small study'\)"
        ):
            diff_workbook(other, FIXTURES / "untouched.xlsx")
    finally:
        other.close()


def test_a_changed_record_falls_back_to_two_way_with_a_notice(small, tmp_path):
    path = tmp_path / "tampered.xlsx"
    shutil.copy(FIXTURES / "untouched.xlsx", path)
    wb = openpyxl.load_workbook(path)
    wb["_exported"]["A3"] = wb["_exported"]["A3"].value[:-4] + "AAAA"
    wb.save(path)
    diff = diff_workbook(small, path)
    assert not diff.three_way
    assert "two-way" in " ".join(diff.notes)


def test_a_workbook_exported_before_three_way_review_still_imports(small, tmp_path):
    """The earlier layout: snake_case headers, label columns, no record."""
    path = tmp_path / "old.xlsx"
    export_workbook(small, path)
    wb = openpyxl.load_workbook(path)
    del wb["_exported"]
    wb["About"]["B2"] = "migration-power-workbench/coauthor-workbook/1"
    m = wb["Matrix"]
    for cell in m[1]:
        if cell.value:
            cell.value = cell.value.lower().replace(" ", "_").replace("case_id", "case_id")
    m.cell(2, 3, 0)
    wb.save(path)
    diff = diff_workbook(small, path)
    assert not diff.three_way and "earlier version" in diff.notes[0]
    assert "Matrix!C2 Alpha 2016: compulsory score: 3 → 0" in _changes(diff)


def test_cli_round_trip_and_two_coauthors(small_path, tmp_path, capsys):
    for name in ("coauthor_a.xlsx", "coauthor_b.xlsx"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    assert main(["import-xlsx", str(small_path), str(FIXTURES / "untouched.xlsx")]) == 0
    assert "0 cell(s) changed, 0 conflict(s), 0 problem(s)" in capsys.readouterr().out
    assert main(["import-xlsx", str(small_path), str(tmp_path / "coauthor_a.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "8 cell(s) changed" in out and "addition Cases!A5 new case" in out
    assert main(["import-xlsx", str(small_path), str(tmp_path / "coauthor_a.xlsx")]) == 0
    assert "0 cell(s) changed, 0 conflict(s)" in capsys.readouterr().out  # twice: nothing
    assert main(["import-xlsx", str(small_path), str(tmp_path / "coauthor_b.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "1 cell(s) changed, 1 conflict(s)" in out
    assert "CONFLICT exported 3, project now 1, co-author 2" in out
    with Project.open_readonly(small_path) as project:
        assert project_codings(project)[("alpha-2016", "score:compulsory")] == 1
    assert (
        main(
            [
                "import-xlsx",
                str(small_path),
                str(tmp_path / "coauthor_b.xlsx"),
                "--conflicts",
                "theirs",
            ]
        )
        == 0
    )
    with Project.open_readonly(small_path) as project:
        assert project_codings(project)[("alpha-2016", "score:compulsory")] == 2
        memo = _cell(project, "beta-2021", "compulsory")["memo"]
        assert memo == LONG_MEMO  # never cut by any of the imports


def test_an_excerpt_on_several_rows_edited_on_one_imports_once(small, tmp_path):
    path = tmp_path / "x.xlsx"
    export_workbook(small, path)
    wb = openpyxl.load_workbook(path)
    ev = wb["Evidence"]
    rows = [r[0].row for r in ev.iter_rows(min_row=2) if r[1].value == "ex-smith-12"]
    assert len(rows) == 2  # one row per link
    ev.cell(rows[1], 8, "p. 13")  # the locator, on the second row only
    wb.save(path)
    diff = diff_workbook(small, path)
    assert _changes(diff) == {
        f"Evidence!H{rows[1]} excerpt “The deal was struck under pressure.” (Smith 2019): "
        "locator: 'p. 12' → 'p. 13'"
    }
    small.execute(changes_command(diff.accepted(), "Import"))
    assert diff_workbook(small, path).changes == []  # twice: the other row reverts nothing


def test_booleans_and_dates_in_text_cells_read_as_shown(small, tmp_path):
    import datetime as dt

    path = tmp_path / "x.xlsx"
    export_workbook(small, path)
    wb = openpyxl.load_workbook(path)
    cases = wb["Cases"]
    cases["E2"] = True  # a region typed as TRUE
    cases["D3"] = dt.datetime(2021, 6, 1)  # a period the spreadsheet turned into a date
    wb.save(path)
    changes = _changes(diff_workbook(small, path))
    assert "Cases!E2 Alpha 2016: region: 'Europe' → 'TRUE'" in changes
    assert "Cases!D3 Beta 2021: period: '2016' → '2021-06-01'" in changes
