"""One import operation: the command line's `--conflicts` policy and the window's review
both become an ImportDecision, and `apply_workbook_edits` alone decides what applies, as
one undoable command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edited_workbook
from workbench.analysis.codings import project_codings
from workbench.cli import main
from workbench.commands import SetCell
from workbench.excel.diff import diff_workbook
from workbench.operations.workbook import (
    ImportDecision,
    apply_workbook_edits,
    decide,
    export_coauthor_workbook,
)
from workbench.project import Project

SCORE = ("eu-turkey-2016", "score:compulsory")


@pytest.fixture
def returned(sample_path, tmp_path) -> Path:
    """A co-author changed two scores; one of them was changed in the project too."""
    exported = tmp_path / "exported.xlsx"
    export_coauthor_workbook(sample_path, exported)
    with Project.open(sample_path, backup=False) as project:
        case_id = project.store.case_id_for("eu-turkey-2016")
        project.execute(SetCell(case_id, "compulsory", score=4))  # the project moved on
    return edited_workbook(exported, tmp_path / "returned.xlsx", {"Matrix!C2": 1, "Matrix!C3": 0})


def test_each_policy_settles_the_conflict_its_way(sample_path, returned):
    with Project.open(sample_path, backup=False) as project:
        diff = diff_workbook(project, returned)
    (conflict,) = [i for i, c in enumerate(diff.changes) if c.conflict]
    keep = decide(diff, ImportDecision())
    assert len(keep.applied) == 1 and keep.kept == [diff.changes[conflict]]
    theirs = decide(diff, ImportDecision(conflicts="theirs"))
    assert diff.changes[conflict] in theirs.applied and not theirs.kept
    back = decide(diff, ImportDecision(settled={conflict: "exported"}))
    (restored,) = [c for c in back.applied if c.target == diff.changes[conflict].target]
    assert restored.new == diff.changes[conflict].exported == 3
    other = next(i for i in range(len(diff.changes)) if i != conflict)
    skipped = decide(diff, ImportDecision(skipped=frozenset({other})))
    assert skipped.applied == [] and skipped.skipped == [diff.changes[other]]


def test_the_edits_apply_as_one_step_to_undo(sample_path, returned):
    with Project.open(sample_path, backup=False) as project:
        before = project_codings(project)
        diff = diff_workbook(project, returned)
        outcome = apply_workbook_edits(
            diff, returned, ImportDecision(conflicts="theirs"), project.execute
        )
        assert outcome.done and len(outcome.applied) == 2
        assert project_codings(project)[SCORE] == 1
        assert project.history.undo_label == "Import 2 edit(s) from returned.xlsx"
        project.history.undo()
        assert project_codings(project) == before


def test_nothing_chosen_runs_no_command(sample_path, returned):
    with Project.open(sample_path, backup=False) as project:
        diff = diff_workbook(project, returned)
        ran = []
        outcome = apply_workbook_edits(
            diff, returned, ImportDecision(skipped=frozenset(range(len(diff.changes)))), ran.append
        )
    assert ran == [] and not outcome.done


def test_a_refused_command_is_not_reported_as_applied(sample_path, returned):
    with Project.open(sample_path, backup=False) as project:
        diff = diff_workbook(project, returned)
    outcome = apply_workbook_edits(diff, returned, ImportDecision(), lambda command: False)
    assert not outcome.done and outcome.applied


def test_the_window_and_the_command_line_apply_the_same(
    window, file_dialogs, monkeypatch, tmp_path
):
    """Taking every co-author value in the review gives what `--conflicts theirs` gives,
    a conflict included: one co-author's copy is imported, then a second's that changed
    the same score."""
    from ui.workbook_review_dialog import THEIRS, WorkbookReviewDialog

    exported = tmp_path / "exported.xlsx"
    export_coauthor_workbook(window.project.path, exported)
    a = edited_workbook(exported, tmp_path / "a.xlsx", {"Matrix!C2": 1})
    b = edited_workbook(
        exported, tmp_path / "b.xlsx", {"Matrix!C2": 2, "Matrix!C3": 0, "Matrix!D4": "low"}
    )
    seen: list[WorkbookReviewDialog] = []

    def review(dialog: WorkbookReviewDialog) -> int:
        seen.append(dialog)
        for row in range(dialog.conflicts.rowCount()):
            dialog.choices[row].setCurrentIndex(THEIRS)  # the row's combo box
        dialog.apply_button.click()
        return dialog.result()

    monkeypatch.setattr(WorkbookReviewDialog, "exec", review)
    file_dialogs.choose(a)
    window.import_xlsx_action.trigger()
    window.project.checkpoint()
    cli_copy = tmp_path / "cli.mpw"
    cli_copy.write_bytes(Path(window.project.path).read_bytes())

    file_dialogs.choose(b)
    window.import_xlsx_action.trigger()
    dialog = seen[-1]
    assert dialog.conflicts.rowCount() == 1 and dialog.apply_button.text() == "Apply 3 changes"
    assert main(["import-xlsx", str(cli_copy), str(b), "--conflicts", "theirs"]) == 0
    with Project.open_readonly(cli_copy) as by_cli:
        assert project_codings(by_cli) == project_codings(window.project)
    assert project_codings(window.project)[SCORE] == 2  # the second co-author's
