"""Agreement between coders the user chooses: two workbooks, a workbook against the export
it came from, or the project; a warning when the project holds a workbook's edits
already (agreement would come out too high); the table and disagreements as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from workbench.excel.export import export_workbook
from workbench.excel.guards import ExcelImportError
from workbench.operations.agreement import (
    Coder,
    agreement_of,
    write_disagreements_csv,
    write_table_csv,
)
from workbench.operations.workbook import import_command, review_workbook
from workbench.project import Project


def _score_cells(path: Path) -> dict[str, str]:
    """Case uid -> the Compulsory score cell of its row in the Matrix sheet."""
    ws = openpyxl.load_workbook(path)["Matrix"]
    return {row[0].value: f"C{row[0].row}" for row in ws.iter_rows(min_row=2)}


def _coder(exported: Path, target: Path, scores: dict[str, int]) -> Path:
    """A co-author's returned copy: compulsory scores changed for some cases."""
    at = _score_cells(exported)
    wb = openpyxl.load_workbook(exported)
    for uid, score in scores.items():
        wb["Matrix"][at[uid]] = score
    wb.save(target)
    return target


B_EDITS = {"eu-turkey-2016": 1, "uk-rwanda-2022": 0, "belarus-eu-2021": 2}
A_EDITS = {"australia-nauru-2012": 0}


@pytest.fixture
def coders(sample_path, tmp_path):
    with Project.open(sample_path, backup=False) as project:
        exported = tmp_path / "sent.xlsx"
        export_workbook(project, exported)
    b = _coder(exported, tmp_path / "coder-b.xlsx", B_EDITS)
    a = _coder(exported, tmp_path / "coder-a.xlsx", A_EDITS)
    return sample_path, a, b


def _import(project_path: Path, workbook: Path) -> None:
    diff = review_workbook(project_path, workbook)
    with Project.open(project_path, backup=False) as project:
        project.execute(import_command(diff.changes, workbook))


def test_after_an_import_the_project_against_that_workbook_is_flagged(coders):
    project, _a, b = coders
    before = agreement_of(Coder("project", project), Coder("workbook", b))
    assert before.warnings == []
    assert len(before.report.disagreements) == 3
    _import(project, b)
    inflated = agreement_of(Coder("project", project), Coder("workbook", b))
    assert inflated.report.disagreements == []  # B against B's own edits
    assert len(inflated.warnings) == 1
    warning = inflated.warnings[0]
    assert "3 of the 3" in warning and "coder-b.xlsx" in warning and "imported" in warning
    assert inflated.applied_from == [b]
    # the honest comparison: B against the export B started from
    honest = agreement_of(Coder("exported", b), Coder("workbook", b))
    assert honest.warnings == []
    assert {(d.case, d.coder_a, d.coder_b) for d in honest.report.disagreements} == {
        ("eu-turkey-2016", 3, 1),
        ("uk-rwanda-2022", 3, 0),
        ("belarus-eu-2021", 4, 2),
    }
    overall = {r.label: r for r in honest.report.rows}["Overall"]
    assert overall.kappa < {r.label: r for r in inflated.report.rows}["Overall"].kappa


def test_two_returned_workbooks(coders):
    _project, a, b = coders
    result = agreement_of(Coder("workbook", a), Coder("workbook", b))
    assert result.coder_a == "coder-a.xlsx" and result.coder_b == "coder-b.xlsx"
    assert {d.case for d in result.report.disagreements} == set(A_EDITS) | set(B_EDITS)
    assert result.warnings == []


def test_a_workbook_without_a_record_cannot_be_the_export(coders, tmp_path):
    _project, a, _b = coders
    wb = openpyxl.load_workbook(a)
    del wb["_exported"]
    bare = tmp_path / "bare.xlsx"
    wb.save(bare)
    with pytest.raises(ExcelImportError, match="no record of the values it was exported with"):
        agreement_of(Coder("exported", bare), Coder("workbook", a))


def test_the_same_coder_twice_is_said(coders):
    project, _a, _b = coders
    result = agreement_of(Coder("project", project), Coder("project", project))
    assert any("Both coders" in w for w in result.warnings)


def test_table_and_disagreements_as_csv(coders, tmp_path):
    _project, _a, b = coders
    result = agreement_of(Coder("exported", b), Coder("workbook", b))
    table = tmp_path / "agreement.csv"
    write_table_csv(result, table)
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [r["variables"] for r in rows] == [r.label for r in result.report.rows]
    assert rows[-1]["coder_a"] == "coder-b.xlsx as exported"
    assert float(rows[-1]["kappa"]) == pytest.approx(result.report.rows[-1].kappa, abs=1e-4)
    listed = tmp_path / "disagreements.csv"
    names = {"eu-turkey-2016": "=EU–Turkey"}  # a name a spreadsheet would run
    write_disagreements_csv(result, listed, names, {"score:compulsory": "Compulsory score"})
    rows = list(csv.DictReader(listed.open(encoding="utf-8")))
    assert len(rows) == 3
    turkey = next(r for r in rows if r["case_id"] == "eu-turkey-2016")
    assert turkey["case"] == "'=EU–Turkey"
    assert (turkey["label"], turkey["coder_a"], turkey["coder_b"]) == ("Compulsory score", "3", "1")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_the_command_line_warns_too(coders, capsys):
    from workbench.cli import main

    project, _a, b = coders
    _import(project, b)
    assert main(["agreement", str(project), str(b)]) == 0
    out = capsys.readouterr().out
    assert "warning: 3 of the 3 score(s) and strength(s) changed in coder-b.xlsx" in out
