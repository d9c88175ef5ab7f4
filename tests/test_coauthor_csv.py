"""Tidy CSV: text a spreadsheet would run as a formula is neutralised unless --raw."""

from __future__ import annotations

import csv

from workbench.cli import main
from workbench.commands import UpdateCase
from workbench.operations.tidy_csv import export_tidy_csv, neutralised
from workbench.project import Project

HOSTILE = ['=HYPERLINK("http://x","y")', "=1+1", "@SUM(1)", "+1", "-2", "\tx", "\rx"]


def _labels(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["case"] for row in csv.DictReader(fh)}


def test_formula_looking_text_is_neutralised_by_default_and_raw_on_request(sample_path, tmp_path):
    with Project.open(sample_path, backup=False) as project:
        cases = project.store.select("study_case", order_by=["position"])
        for case, text in zip(cases, HOSTILE, strict=False):
            project.execute(UpdateCase(case["id"], short_label=text))
    assert main(["export-csv", str(sample_path), str(tmp_path / "safe")]) == 0
    safe = _labels(tmp_path / "safe" / "matrix_long.csv")
    for text in HOSTILE:
        assert "'" + text in safe and text not in safe
    assert _labels(tmp_path / "safe" / "mechanisms_long.csv") == safe
    assert main(["export-csv", str(sample_path), str(tmp_path / "raw"), "--raw"]) == 0
    raw = _labels(tmp_path / "raw" / "matrix_long.csv")
    assert set(HOSTILE) <= raw


def test_numbers_and_ordinary_text_are_left_alone(sample_project, tmp_path):
    assert neutralised(-2) == -2 and neutralised("EU–Turkey 2016") == "EU–Turkey 2016"
    matrix, _ = export_tidy_csv(sample_project, tmp_path)
    with matrix.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 12 * 4
    assert {r["score"] for r in rows} <= {"", "0", "1", "2", "3", "4"}
