"""Workbooks edited in LibreOffice Calc itself (rows deleted and inserted, sheets sorted
and filtered) import with exactly the co-author's changes. The fixtures were made by
Calc through its UNO interface: tests/fixtures/xlsx/make_libreoffice_edits.py."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.fixtures.xlsx.small_project import build_small_project
from workbench.excel.diff import changes_command, diff_workbook

FIXTURES = Path(__file__).parent / "fixtures" / "xlsx"


@pytest.fixture
def small(tmp_path):
    project = build_small_project(tmp_path / "small.mpw")
    yield project
    project.close()


def _described(diff) -> list[str]:
    return [str(c) for c in diff.changes]


def test_a_deleted_row_imports_although_calc_declares_the_whole_column(small):
    path = FIXTURES / "lo_deleted_row.xlsx"
    with zipfile.ZipFile(path) as archive:  # what Calc wrote: the dimension of every row
        assert b'<dimension ref="A1:R1048576"/>' in archive.read("xl/worksheets/sheet3.xml")
    diff = diff_workbook(small, path)
    assert _described(diff) == ["Matrix!C2 Alpha 2016: compulsory score: 3 → 1"]
    assert diff.problems == [] and diff.not_imported == []
    assert diff.notes == [
        "Evidence: 1 row(s) were deleted in the workbook; evidence links are not removed "
        "by an import",
        "Matrix: the row(s) of Gamma 2023 were deleted; nothing was changed for them",
    ]


def test_inserted_rows_are_proposed_as_new_and_rows_below_still_match(small):
    diff = diff_workbook(small, FIXTURES / "lo_inserted_row.xlsx")
    assert _described(diff) == [
        "Cases!A3 new case “Delta return scheme 2024”",
        "Mechanisms!K3 Beta 2021: Funding strength: 2 → 4",
        "Evidence!A2 new excerpt “Money moved with the migrants.” (Lee 2021) for Funding "
        "in Gamma 2023",
    ]
    assert (diff.problems, diff.notes, diff.not_imported) == ([], [], [])
    excerpt = diff.changes[2]
    assert dict(excerpt.fields) == {
        "Quotation": "Money moved with the migrants.",
        "Citation": "Lee 2021 (lee2021)",
        "Locator": "p. 40",
        "Evidence type": "Secondary literature",
        "Case": "Gamma 2023",
        "Mechanism": "Funding (Structural)",
    }
    small.execute(changes_command(diff.accepted(), "Import"))
    assert diff_workbook(small, FIXTURES / "lo_inserted_row.xlsx").changes == []


def test_a_sorted_sheet_is_matched_by_identifier_not_by_position(small):
    diff = diff_workbook(small, FIXTURES / "lo_sorted.xlsx")
    assert _described(diff) == [
        "Matrix!L2 Gamma 2023: structural confidence: None → 'high'",
        "Evidence!J2 excerpt “Transit was used as leverage.” (Lee 2021): note: '' → "
        "'Read again after sorting.'",
    ]
    assert (diff.problems, diff.notes, diff.not_imported) == ([], [], [])


def test_rows_a_filter_hides_are_still_read(small):
    diff = diff_workbook(small, FIXTURES / "lo_filtered.xlsx")
    assert _described(diff) == [
        "Evidence!H2 excerpt “The deal was struck under pressure.” (Smith 2019): locator: "
        "'p. 12' → 'pp. 12-13'"
    ]
    assert (diff.problems, diff.notes, diff.not_imported) == ([], [], [])
