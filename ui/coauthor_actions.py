"""The co-author flows of the window: export the workbook, import a returned one, agreement.

Each slot takes no argument, so a menu action's `triggered(bool)` cannot fill one
in: the action does exactly what the user's click does. The work itself is an
operation of the core (`workbench.operations`), run in a worker thread with a
progress dialog; accepted edits reach the project as one undoable command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ui.background import Failure, UserCancelled, run_with_progress
from ui.errors import show_error
from ui.save_places import remember_folder, start_folder
from workbench import queries
from workbench.analysis.tables import case_table
from workbench.errors import WorkbenchError
from workbench.excel.export import ExportOptions
from workbench.operations.agreement import Agreement

if TYPE_CHECKING:
    from ui.main_window import MainWindow

XLSX_FILTER = "Excel workbook (*.xlsx)"


class CoauthorActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.review_dialog = None
        self.agreement_dialog = None

    # --- export ------------------------------------------------------------------------------

    def export_workbook(self) -> bool:
        """Options, file name, then the export in a worker thread with progress."""
        from ui.export_dialog import ExportOptionsDialog
        from workbench.operations.workbook import export_coauthor_workbook

        window = self.window
        if window.project is None or window.view is None:
            return False
        case = window.view.case
        options_dialog = ExportOptionsDialog(case.name if case else None, window)
        if options_dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        suggestion = start_folder("workbook", window.project) / f"{window.project.path.stem}.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            window, "Export workbook for co-authors", str(suggestion), XLSX_FILTER
        )
        if not name:
            return False
        remember_folder("workbook", name)
        target = Path(name)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        options = ExportOptions(
            case_ids=[case.id] if options_dialog.current.isChecked() and case else None,
            include_memos=options_dialog.memos.isChecked(),
        )
        project_path = window.project.path
        outcome = run_with_progress(
            window,
            f"Writing {target.name}…",
            lambda progress: export_coauthor_workbook(project_path, target, options, progress),
            cancellable=True,
        )
        if isinstance(outcome, UserCancelled):
            kept = " (the earlier file is unchanged)" if target.exists() else ""
            window.statusBar().showMessage(
                f"Export cancelled: {target.name} was not written{kept}", 8000
            )
            return False
        if isinstance(outcome, Failure):
            show_error(
                window,
                "The workbook was not written",
                f"{outcome}\nAny earlier file of that name is unchanged.",
            )
            return False
        if outcome.warnings:
            show_error(window, "Written, with warnings", "\n\n".join(outcome.warnings))
        rows = ", ".join(f"{n} {sheet.lower()}" for sheet, n in outcome.rows.items())
        window.statusBar().showMessage(f"Wrote {target.name} ({rows})", 8000)
        return True

    # --- import ------------------------------------------------------------------------------

    def _choose_workbook(self, title: str) -> Path | None:
        start = start_folder("edits", self.window.project)
        name, _ = QFileDialog.getOpenFileName(self.window, title, str(start), XLSX_FILTER)
        remember_folder("edits", name)
        return Path(name) if name else None

    def import_edits(self) -> bool:
        """The three-way review of a returned workbook; the accepted edits are applied
        as one command (one step to undo)."""
        from ui.workbook_review_dialog import WorkbookReviewDialog
        from workbench.operations.workbook import apply_workbook_edits, review_workbook

        window = self.window
        if window.project is None or window.view is None:
            return False
        path = self._choose_workbook("Import co-author edits")
        if path is None:
            return False
        project_now = window.project
        project_path = project_now.path
        outcome = run_with_progress(
            window,
            f"Reading {path.name}…",
            lambda progress: review_workbook(project_path, path, progress),
        )
        if isinstance(outcome, Failure):
            show_error(window, "The workbook cannot be imported", f"{path.name}: {outcome}")
            return False
        if not (outcome.changes or outcome.problems or outcome.not_imported):
            if outcome.notes:  # rows deleted, cases gone: said, but nothing to apply
                text = f"{path.name}: nothing to apply." + "".join(
                    f"\n\n{n}" for n in outcome.notes
                )
            else:
                text = (
                    f"{path.name} holds no edits: every value is the one exported or "
                    "the project's own. Nothing to apply."
                )
            QMessageBox.information(window, "No edits to import", text)
            return False
        dialog = WorkbookReviewDialog(outcome, path.name, window)
        self.review_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if window.project is not project_now or window.view is None:
            return False  # the project was closed meanwhile
        try:
            done = apply_workbook_edits(outcome, path, dialog.decision(), window.view.run)
        except WorkbenchError as exc:
            show_error(window, "The edits were not applied", exc)
            return False
        if not done.done:
            return False  # nothing chosen, or the change was refused (and said so)
        applied = len(done.applied)
        window.statusBar().showMessage(f"Applied {applied} edit(s) from {path.name}", 8000)
        return True

    # --- agreement ---------------------------------------------------------------------------

    def show_agreement(self) -> None:
        """Agreement of the project with a chosen workbook first; in the dialog the user
        picks any two coders (the project, workbooks, what a workbook was exported with)."""
        from ui.agreement_dialog import AgreementDialog
        from workbench.operations.agreement import Coder, agreement_of

        window = self.window
        if window.project is None or window.view is None:
            return
        path = self._choose_workbook("Compare with a coder's workbook")
        if path is None:
            return

        def compute(a: Coder, b: Coder) -> Agreement | str:
            outcome = run_with_progress(
                window,
                f"Comparing {a.name} with {b.name}…",
                lambda progress: agreement_of(a, b, progress),
            )
            return str(outcome) if isinstance(outcome, Failure) else outcome

        sources = [
            Coder("project", window.project.path),
            Coder("workbook", path),
            Coder("exported", path),
        ]
        outcome = compute(sources[0], sources[1])
        if isinstance(outcome, str):
            show_error(window, "The workbook cannot be read", f"{path.name}: {outcome}")
            return
        names = {c.uid: c.name for c in case_table(window.project)}
        labels = {
            f"score:{pt.id}": f"{pt.label} score" for pt in window.project.framework.power_types
        }
        labels.update(
            {f"strength:{m.id}": f"{m.label} strength" for m in window.project.framework.mechanisms}
        )
        dialog = AgreementDialog(
            outcome,
            outcome.coder_a,
            outcome.coder_b,
            window,
            case_names=names,
            variable_labels=labels,
            sources=sources,
            chosen=(0, 1),
            compute=compute,
        )
        dialog.case_requested.connect(self.open_case)
        self.agreement_dialog = dialog
        dialog.exec()

    def open_case(self, uid: str) -> None:
        window = self.window
        if window.project is None or window.view is None:
            return
        case_id = queries.case_id_for_uid(window.project, uid)
        if case_id is not None:
            window.view.open_case(case_id)
