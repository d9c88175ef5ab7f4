"""The co-author workbook as operations: export, review a returned file, apply edits.

The command line and the desktop application both call these; each opens its own
read-only connection to the project file, so the desktop application can run
them in a worker thread while the window keeps using its connection. Which edits
apply is decided here only (`apply_workbook_edits` with an `ImportDecision`): the
command line passes its `--conflicts` policy, the window the choices of its review.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from workbench.commands import Command, CompositeCommand
from workbench.excel.diff import CellChange, WorkbookDiff, changes_command, diff_workbook
from workbench.excel.export import ExportOptions, ExportReport, export_workbook
from workbench.progress import Progress, no_progress
from workbench.project import Project


def export_coauthor_workbook(
    project_path: Path,
    target: Path,
    options: ExportOptions | None = None,
    progress: Progress = no_progress,
) -> ExportReport:
    """Write the workbook for co-authors; an earlier file of that name stays until done."""
    with Project.open_readonly(Path(project_path)) as project, project.store.read_transaction():
        return export_workbook(project, Path(target), options, progress)


def review_workbook(
    project_path: Path, workbook: Path, progress: Progress = no_progress
) -> WorkbookDiff:
    """The three-way review of a returned workbook; nothing changes yet."""
    with Project.open_readonly(Path(project_path)) as project, project.store.read_transaction():
        return diff_workbook(project, Path(workbook), progress)


def import_command(changes: list[CellChange], workbook: Path) -> CompositeCommand:
    """The accepted changes as one undoable command, named after the file. Applying it
    takes a verified backup first (`backup_first`): co-authors' edits can be many."""
    command = changes_command(changes, f"Import {len(changes)} edit(s) from {Path(workbook).name}")
    command.backup_first = True
    return command


Settle = Literal["keep", "theirs", "exported"]


@dataclass(frozen=True)
class ImportDecision:
    """Which proposals of a review apply, and how each conflict is settled: the project's
    value kept, the co-author's taken, or the exported one put back. Changes are named by
    their place in `WorkbookDiff.changes`."""

    conflicts: Settle = "keep"  # for the conflicts not settled one by one
    settled: Mapping[int, Settle] = field(default_factory=dict)
    skipped: frozenset[int] = frozenset()  # proposals (not conflicts) left out


@dataclass
class ImportOutcome:
    applied: list[CellChange] = field(default_factory=list)  # as applied (a conflict's choice)
    kept: list[CellChange] = field(default_factory=list)  # conflicts keeping the project's value
    skipped: list[CellChange] = field(default_factory=list)  # left out in the review
    done: bool = False  # the command ran (False: nothing to apply, or it was refused)


def decide(diff: WorkbookDiff, decision: ImportDecision) -> ImportOutcome:
    """What a decision applies, keeps and leaves out; nothing is changed yet."""
    outcome = ImportOutcome()
    for i, change in enumerate(diff.changes):
        if not change.conflict:
            (outcome.skipped if i in decision.skipped else outcome.applied).append(change)
            continue
        settle = decision.settled.get(i, decision.conflicts)
        if settle == "theirs":
            outcome.applied.append(change)
        elif settle == "exported" and change.exported_known and change.exported != change.old:
            outcome.applied.append(change.choose(change.exported))
        else:
            outcome.kept.append(change)
    return outcome


def apply_workbook_edits(
    diff: WorkbookDiff,
    workbook: Path,
    decision: ImportDecision,
    execute: Callable[[Command], object],
) -> ImportOutcome:
    """Apply what the decision takes from a reviewed workbook as one undoable command
    (a verified backup first). `execute` runs it: the project's own history from the
    command line, the window's undo stack in the application (which returns False when
    the change was refused and said so)."""
    outcome = decide(diff, decision)
    if outcome.applied:
        outcome.done = execute(import_command(outcome.applied, workbook)) is not False
    return outcome
