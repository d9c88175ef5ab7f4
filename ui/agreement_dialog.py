"""AgreementDialog: agreement between two coders the user chooses, with its warnings, the
disagreements (double-click opens the case) and both saved as CSV.

A coder is the project, a returned workbook as the co-author left it, or the values a
workbook was exported with. Comparing the project with a workbook whose edits were
imported counts that co-author on both sides: the dialog says so and offers the
comparison with the export the workbook came from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.errors import show_error
from workbench.analysis.agreement import AgreementReport
from workbench.operations.agreement import (
    Agreement,
    Coder,
    write_disagreements_csv,
    write_table_csv,
)

ANOTHER = "Another workbook…"
CSV_FILTER = "CSV file (*.csv)"
Compute = Callable[[Coder, Coder], "Agreement | str"]  # a str says why it failed


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


class AgreementDialog(QDialog):
    case_requested = Signal(str)  # case uid

    def __init__(
        self,
        report: AgreementReport | Agreement,
        a_name: str,
        b_name: str,
        parent: QWidget | None = None,
        *,
        case_names: dict[str, str] | None = None,
        variable_labels: dict[str, str] | None = None,
        problems: list[str] | None = None,
        sources: list[Coder] | None = None,
        chosen: tuple[int, int] = (0, 1),
        compute: Compute | None = None,
    ) -> None:
        """`sources` and `compute` make the coders choosable: `compute(a, b)` returns the
        new Agreement (or a failure's text); without them the dialog shows one result."""
        super().__init__(parent)
        self.setWindowTitle("Inter-coder agreement")
        self.case_names = case_names or {}
        self.variable_labels = variable_labels or {}
        self.compute = compute
        self.sources: list[Coder] = list(sources or [])
        if isinstance(report, Agreement):
            self.result = report
        else:
            self.result = Agreement(report, list(problems or []), coder_a=a_name, coder_b=b_name)
        layout = QVBoxLayout(self)

        self.coder_a = QComboBox()
        self.coder_b = QComboBox()
        self.coders_label = QLabel()
        if compute is not None and self.sources:
            form = QFormLayout()
            for label, combo in (("Coder &A:", self.coder_a), ("Coder &B:", self.coder_b)):
                combo.setAccessibleName(label.replace("&", "").rstrip(":"))
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                form.addRow(label, combo)
            layout.addLayout(form)
            self._fill_combos(*chosen)
            self.coder_a.activated.connect(lambda _i: self._coders_changed(self.coder_a))
            self.coder_b.activated.connect(lambda _i: self._coders_changed(self.coder_b))
        else:
            layout.addWidget(self.coders_label)
        self.shown = chosen

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Warning")
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        self.use_export = QPushButton("Compare with the &Export It Came From")
        self.use_export.setToolTip(
            "Coder A becomes the values the workbook was exported with: the co-author's "
            "edits against the judgements sent out, before any import"
        )
        self.use_export.clicked.connect(self._compare_with_export)
        warning_row = QHBoxLayout()
        warning_row.addWidget(self.warning, 1)
        warning_row.addWidget(self.use_export, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(warning_row)

        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("Agreement")
        self.table.setHorizontalHeaderLabels(
            ["", "Units", "Agreement", "Cohen's κ", "Krippendorff's α (ordinal)"]
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 2)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.disagreements = QListWidget()
        self.disagreements.setAccessibleName("Disagreements")
        self.disagreements.itemDoubleClicked.connect(
            lambda item: self.case_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout.addWidget(self.disagreements, 1)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        layout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_table = self.buttons.addButton(
            "Save &Table as CSV…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_disagreements = self.buttons.addButton(
            "Save &Disagreements as CSV…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_table.clicked.connect(self._save_table)
        self.save_disagreements.clicked.connect(self._save_disagreements)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show(self.result)
        self.resize(820, 600)

    # --- coders ----------------------------------------------------------------------------

    def _fill_combos(self, a: int, b: int) -> None:
        for combo, index in ((self.coder_a, a), (self.coder_b, b)):
            combo.clear()
            for i, coder in enumerate(self.sources):
                combo.addItem(coder.name, i)
                combo.setItemData(i, str(coder.path), Qt.ItemDataRole.ToolTipRole)
            combo.addItem(ANOTHER, -1)
            combo.setCurrentIndex(index)

    def _add_workbook(self) -> int | None:
        """Ask for a workbook; both its coders (as returned, as exported) join the lists.
        Returns the index of the returned one."""
        start = str(self.sources[-1].path.parent) if self.sources else ""
        name, _ = QFileDialog.getOpenFileName(
            self, "A coder's workbook", start, "Excel workbook (*.xlsx)"
        )
        if not name:
            return None
        path = Path(name)
        for kind in ("workbook", "exported"):
            if Coder(kind, path) not in self.sources:
                self.sources.append(Coder(kind, path))
        return self.sources.index(Coder("workbook", path))

    def _coders_changed(self, combo: QComboBox) -> None:
        a, b = self.shown
        if combo.currentData() == -1:
            added = self._add_workbook()
            if added is None:
                self._fill_combos(a, b)
                return
            if combo is self.coder_a:
                a = added
            else:
                b = added
        else:
            a, b = self.coder_a.currentData(), self.coder_b.currentData()
        self._compare(a, b)

    def _compare(self, a: int, b: int) -> None:
        assert self.compute is not None
        outcome = self.compute(self.sources[a], self.sources[b])
        if isinstance(outcome, str):
            show_error(self, "These coders cannot be compared", outcome)
            self._fill_combos(*self.shown)
            return
        self.shown = (a, b)
        self._fill_combos(a, b)
        self.result = outcome
        self._show(outcome)

    def _applied_workbook(self) -> int | None:
        """The workbook coder whose edits the project holds already (the warning's)."""
        for i in self.shown:
            coder = self.sources[i] if i < len(self.sources) else None
            if coder and coder.kind == "workbook" and coder.path in self.result.applied_from:
                return i
        return None

    def _compare_with_export(self) -> None:
        i = self._applied_workbook()
        if i is None:
            return
        exported = Coder("exported", self.sources[i].path)
        if exported not in self.sources:
            self.sources.append(exported)
        self._compare(self.sources.index(exported), i)

    # --- the result ------------------------------------------------------------------------

    def _show(self, result: Agreement) -> None:
        report = result.report
        self.coders_label.setText(f"Coder A: {result.coder_a}    Coder B: {result.coder_b}")
        self.warning.setText("\n".join(f"⚠ {w}" for w in result.warnings))
        self.warning.setVisible(bool(result.warnings))
        self.use_export.setVisible(
            self.compute is not None and self._applied_workbook() is not None
        )
        self.table.setRowCount(len(report.rows))
        for r, row in enumerate(report.rows):
            for c, value in enumerate(
                (row.label, str(row.units), _fmt(row.percent), _fmt(row.kappa), _fmt(row.alpha))
            ):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        one_sided = len(report.one_coder_only)
        self.summary.setText(
            f"{len(report.disagreements)} disagreement(s)"
            + (
                f", and {one_sided} unit(s) coded by one coder only (not counted)"
                if one_sided
                else ""
            )
            + " — double-click to open the case"
        )
        self.disagreements.clear()
        for d in [*report.disagreements, *report.one_coder_only]:
            a = "–" if d.coder_a is None else d.coder_a
            b = "–" if d.coder_b is None else d.coder_b
            case = self.case_names.get(d.case, d.case)
            variable = self.variable_labels.get(d.variable, d.variable)
            item = QListWidgetItem(f"{case}   {variable}   A: {a}   B: {b}")
            item.setToolTip(f"{d.case} · {d.variable}")
            item.setData(Qt.ItemDataRole.UserRole, d.case)
            self.disagreements.addItem(item)
        problems = result.problems
        self.problems.setText(
            "Counted as missing: " + "; ".join(problems[:10]) + (" …" if len(problems) > 10 else "")
        )
        self.problems.setVisible(bool(problems))
        self.save_disagreements.setEnabled(bool(report.disagreements or report.one_coder_only))

    # --- CSV -------------------------------------------------------------------------------

    def _csv_target(self, title: str, name: str) -> Path | None:
        folder = self.sources[self.shown[1]].path.parent if self.sources else Path.home()
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(folder / name), CSV_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".csv" else path.with_name(path.name + ".csv")

    def _save(self, title: str, name: str, write: Callable[[Path], None]) -> None:
        target = self._csv_target(title, name)
        if target is None:
            return
        try:
            write(target)
        except OSError as exc:
            show_error(
                self,
                "The CSV file was not written",
                f"{target}: {exc.strerror or exc}. Any earlier file of that name is unchanged.",
            )

    def _save_table(self) -> None:
        self._save(
            "Save agreement table", "agreement.csv", lambda p: write_table_csv(self.result, p)
        )

    def _save_disagreements(self) -> None:
        self._save(
            "Save disagreements",
            "disagreements.csv",
            lambda p: write_disagreements_csv(
                self.result, p, self.case_names, self.variable_labels
            ),
        )
