"""The co-author workbook as operations: export, review a returned file, apply edits.

The command line and the desktop application both call these; each opens its own
read-only connection to the project file, so the desktop application can run
them in a worker thread while the window keeps using its connection.
"""

from __future__ import annotations

from pathlib import Path

from workbench.commands import CompositeCommand
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
