"""Workshop votes in the core, without Qt: tally and median, and the undoable commands."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date

import pytest

from tests.conftest import FIXTURES, dump
from workbench import votes
from workbench.errors import CommandError
from workbench.project import Project
from workbench.restore import available_backups
from workbench.storage.schema import SCHEMA_VERSION

SESSION = "Workshop 2026-11-24"


def _case(project, uid="eu-turkey-2016") -> int:
    return project.store.get("study_case", {"uid": uid})["id"]


def _cell(project, case_id, power_type="compulsory"):
    return project.store.get("matrix_cell", {"case_id": case_id, "power_type_id": power_type})


# --- the tally --------------------------------------------------------------------------


def test_tally_counts_each_level():
    result = votes.tally([3, 3, 4, 2, 3])
    assert result.counts == (0, 0, 1, 3, 1)
    assert result.total == 5
    assert result.median == 3
    assert result.median_score == 3


def test_an_even_split_has_no_median_score():
    result = votes.tally([1, 2, 2, 3])
    assert result.median == 2  # the two middle votes agree
    assert result.median_score == 2
    split = votes.tally([1, 1, 3, 4])
    assert split.median == 2  # halfway between 1 and 3: a level nobody chose
    assert split.median_score == 2
    undecided = votes.tally([2, 3])
    assert undecided.median == 2.5
    assert undecided.median_score is None


def test_no_votes_no_median():
    empty = votes.tally([])
    assert empty.counts == (0, 0, 0, 0, 0)
    assert empty.median is None and empty.median_score is None


@pytest.mark.parametrize("bad", [5, -1, 2.5, "3", None])
def test_a_vote_off_the_scale_is_refused(bad):
    with pytest.raises(CommandError, match="a vote is a whole number from 0 to 4"):
        votes.tally([bad])
    with pytest.raises(CommandError, match="a vote is a whole number from 0 to 4"):
        votes.RecordVote(1, "compulsory", SESSION, bad)


def test_the_default_session_is_the_workshops_date():
    assert votes.session_label(date(2026, 11, 24)) == SESSION


def test_a_vote_needs_a_session():
    with pytest.raises(CommandError, match="needs a session"):
        votes.RecordVote(1, "compulsory", "  ", 3)


# --- commands --------------------------------------------------------------------------------


def test_record_remove_and_clear_are_undone_exactly(sample_project):
    case_id = _case(sample_project)
    before = dump(sample_project)
    for score in (3, 4, 3):
        sample_project.execute(votes.RecordVote(case_id, "compulsory", SESSION, score))
    sample_project.execute(votes.RecordVote(case_id, "productive", SESSION, 1))
    round_votes = votes.votes(sample_project, case_id, "compulsory", SESSION)
    assert [v.score for v in round_votes] == [3, 4, 3]
    assert sample_project.history.undo_label == "Record a vote of 1 on productive of EU–Turkey 2016"

    sample_project.execute(votes.RemoveVote(round_votes[1].id))
    assert [v.score for v in votes.votes(sample_project, case_id, "compulsory", SESSION)] == [3, 3]
    sample_project.history.undo()
    restored = votes.votes(sample_project, case_id, "compulsory", SESSION)
    assert restored == round_votes  # same ids, same order

    sample_project.execute(votes.ClearVotes(case_id, "compulsory", SESSION))
    assert votes.votes(sample_project, case_id, "compulsory", SESSION) == []
    assert len(votes.votes(sample_project, case_id, "productive", SESSION)) == 1
    sample_project.history.undo()
    assert votes.votes(sample_project, case_id, "compulsory", SESSION) == round_votes
    while sample_project.history.can_undo:
        sample_project.history.undo()
    assert dump(sample_project) == before
    sample_project.history.redo()
    assert [v.score for v in votes.votes(sample_project, case_id, "compulsory", SESSION)] == [3]


def test_sessions_keep_their_own_rounds(sample_project):
    case_id = _case(sample_project)
    sample_project.execute(votes.RecordVote(case_id, "compulsory", SESSION, 1))
    sample_project.execute(votes.RecordVote(case_id, "compulsory", "Seminar, Leiden", 4))
    assert [v.score for v in votes.votes(sample_project, case_id, "compulsory", SESSION)] == [1]
    every = votes.all_votes(sample_project)
    assert [(v.session, v.score) for v in every] == [("Seminar, Leiden", 4), (SESSION, 1)]


def test_adopting_the_median_is_one_undoable_step(sample_project):
    case_id = _case(sample_project)
    assert _cell(sample_project, case_id)["score"] == 3
    for score in (1, 2, 2, 4, 1):
        sample_project.execute(votes.RecordVote(case_id, "compulsory", SESSION, score))
    command = votes.adopt_median(sample_project, case_id, "compulsory", SESSION)
    assert command.label == (
        "Adopt the median of 5 votes (2, moderate) as the compulsory score of EU–Turkey 2016"
    )
    sample_project.execute(command)
    assert _cell(sample_project, case_id)["score"] == 2
    assert len(votes.votes(sample_project, case_id, "compulsory", SESSION)) == 5  # kept
    sample_project.history.undo()
    assert _cell(sample_project, case_id)["score"] == 3


def test_no_median_to_adopt_is_explained(sample_project):
    case_id = _case(sample_project)
    with pytest.raises(CommandError, match="no votes to adopt"):
        votes.adopt_median(sample_project, case_id, "compulsory", SESSION)
    for score in (2, 3):
        sample_project.execute(votes.RecordVote(case_id, "compulsory", SESSION, score))
    with pytest.raises(CommandError, match="2 votes split evenly between 2 and 3"):
        votes.adopt_median(sample_project, case_id, "compulsory", SESSION)


def test_bad_targets_are_refused_and_change_nothing(sample_project):
    case_id = _case(sample_project)
    before = dump(sample_project)
    with pytest.raises(CommandError, match="has no nonexistent cell"):
        sample_project.execute(votes.RecordVote(case_id, "nonexistent", SESSION, 2))
    with pytest.raises(CommandError, match="vote 999 no longer exists"):
        sample_project.execute(votes.RemoveVote(999))
    with pytest.raises(CommandError, match="no votes to clear"):
        sample_project.execute(votes.ClearVotes(case_id, "compulsory", SESSION))
    assert dump(sample_project) == before


def test_deleting_a_case_takes_its_votes_and_undo_brings_them_back(sample_project):
    from workbench.commands import DeleteCase

    case_id = _case(sample_project)
    sample_project.execute(votes.RecordVote(case_id, "compulsory", SESSION, 2))
    sample_project.execute(DeleteCase(case_id, confirm_evidence=True))
    assert votes.all_votes(sample_project) == []
    sample_project.history.undo()
    assert [v.score for v in votes.all_votes(sample_project)] == [2]


# --- storage: the vote table of schema version 4 ---------------------------------------------


def _table_rows(path, table):
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        # every column the file had; the GUID that version 5 adds is tested on its own
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "guid"]
        return sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    finally:
        conn.close()


def test_the_version_3_fixture_has_no_vote_table():
    conn = sqlite3.connect(f"{(FIXTURES / 'project_v3.mpw').as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "study_case" in names and "vote" not in names


def test_a_version_3_project_upgrades_to_an_empty_vote_table_and_keeps_every_row(tmp_path):
    path = tmp_path / "workshop.mpw"
    shutil.copy(FIXTURES / "project_v3.mpw", path)
    tables = ["study_case", "matrix_cell", "mechanism_coding", "excerpt", "evidence_link", "source"]
    before = {t: _table_rows(path, t) for t in tables}
    with Project.open(path) as project:
        assert project.upgraded_from == 3
        assert project.store.pragma("user_version") == SCHEMA_VERSION
        assert votes.all_votes(project) == []
        case_id = _case(project)
        project.execute(votes.RecordVote(case_id, "compulsory", SESSION, 4))
        assert project.store.foreign_key_problems() == []
        project.wait_for_backup()
    for table in tables:
        assert _table_rows(path, table) == before[table], table
    versions = []
    for backup in available_backups(path):
        conn = sqlite3.connect(backup.path)
        versions.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.close()
    assert 3 in versions  # a backup was taken before the upgrade
    with Project.open(path, backup=False) as again:  # the schema check accepts the result
        assert again.upgraded_from is None
        assert [v.score for v in votes.all_votes(again)] == [4]


def test_a_new_project_has_the_vote_table(project):
    assert project.store.pragma("user_version") == SCHEMA_VERSION
    assert votes.all_votes(project) == []


def test_votes_export_as_a_tidy_csv_one_row_per_vote(sample_project, tmp_path):
    import csv

    from workbench.operations.tidy_csv import export_tidy_csv

    without = export_tidy_csv(sample_project, tmp_path / "before")
    assert [p.name for p in without] == ["matrix_long.csv", "mechanisms_long.csv"]
    turkey, nauru = _case(sample_project), _case(sample_project, "australia-nauru-2012")
    for case_id, power_type, session, score in (
        (turkey, "compulsory", SESSION, 3),
        (turkey, "compulsory", SESSION, 4),
        (nauru, "structural", "=cmd|' /C calc'!A0", 1),
    ):
        sample_project.execute(votes.RecordVote(case_id, power_type, session, score))
    paths = export_tidy_csv(sample_project, tmp_path / "after")
    assert [p.name for p in paths] == ["matrix_long.csv", "mechanisms_long.csv", "votes_long.csv"]
    with paths[2].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [
        (r["session"], r["case_id"], r["power_type"], r["vote"], r["score"], r["score_label"])
        for r in rows
    ] == [
        ("'=cmd|' /C calc'!A0", "australia-nauru-2012", "structural", "1", "1", "weak"),
        (SESSION, "eu-turkey-2016", "compulsory", "1", "3", "strong"),
        (SESSION, "eu-turkey-2016", "compulsory", "2", "4", "dominant"),
    ]
    assert rows[1]["case"] == "EU–Turkey 2016"
    assert rows[1]["recorded"].startswith("20")  # an ISO 8601 time


def test_the_coauthor_workbook_has_a_votes_sheet_when_there_are_votes(sample_project, tmp_path):
    import openpyxl

    from workbench.excel.diff import diff_workbook
    from workbench.excel.export import ExportOptions, export_workbook

    turkey, nauru = _case(sample_project), _case(sample_project, "australia-nauru-2012")
    export_workbook(sample_project, tmp_path / "none.xlsx")
    assert "Votes" not in openpyxl.load_workbook(tmp_path / "none.xlsx").sheetnames
    for case_id, power_type, score in ((turkey, "compulsory", 3), (turkey, "compulsory", 1)):
        sample_project.execute(votes.RecordVote(case_id, power_type, SESSION, score))
    sample_project.execute(votes.RecordVote(nauru, "structural", SESSION, 4))
    report = export_workbook(sample_project, tmp_path / "all.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert wb.sheetnames[-2:] == ["Votes", "_exported"]
    rows = [[c.value for c in row] for row in wb["Votes"].iter_rows()]
    assert rows == [
        ["Session", "Case ID", "Case", "Power type", "Vote", "Score"],
        [SESSION, "eu-turkey-2016", "EU–Turkey 2016", "compulsory", 1, 3],
        [SESSION, "eu-turkey-2016", "EU–Turkey 2016", "compulsory", 2, 1],
        [SESSION, "australia-nauru-2012", "Australia–Nauru 2012", "structural", 1, 4],
    ]
    assert report.rows["Votes"] == 3
    assert diff_workbook(sample_project, tmp_path / "all.xlsx").changes == []  # not imported
    one = export_workbook(sample_project, tmp_path / "one.xlsx", ExportOptions(case_ids=[nauru]))
    assert one.rows["Votes"] == 1  # only the exported cases' votes
