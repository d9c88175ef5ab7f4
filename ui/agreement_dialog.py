"""AgreementDialog: agreement between the project and a returned workbook."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.agreement import AgreementReport


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


class AgreementDialog(QDialog):
    case_requested = Signal(str)  # case uid

    def __init__(
        self,
        report: AgreementReport,
        a_name: str,
        b_name: str,
        parent: QWidget | None = None,
        *,
        case_names: dict[str, str] | None = None,
        variable_labels: dict[str, str] | None = None,
        problems: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Inter-coder agreement")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Coder A: {a_name}    Coder B: {b_name}"))
        self.table = QTableWidget(len(report.rows), 5)
        self.table.setAccessibleName("Agreement")
        self.table.setHorizontalHeaderLabels(
            ["", "Units", "Agreement", "Cohen's κ", "Krippendorff's α (ordinal)"]
        )
        for r, row in enumerate(report.rows):
            for c, value in enumerate(
                (row.label, str(row.units), _fmt(row.percent), _fmt(row.kappa), _fmt(row.alpha))
            ):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.verticalHeader().setVisible(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 2)
        one_sided = len(report.one_coder_only)
        layout.addWidget(
            QLabel(
                f"{len(report.disagreements)} disagreement(s)"
                + (
                    f", and {one_sided} unit(s) coded by one coder only (not counted)"
                    if one_sided
                    else ""
                )
                + " — double-click to open the case"
            )
        )
        self.disagreements = QListWidget()
        self.disagreements.setAccessibleName("Disagreements")
        for d in [*report.disagreements, *report.one_coder_only]:
            a = "–" if d.coder_a is None else d.coder_a
            b = "–" if d.coder_b is None else d.coder_b
            case = (case_names or {}).get(d.case, d.case)
            variable = (variable_labels or {}).get(d.variable, d.variable)
            item = QListWidgetItem(f"{case}   {variable}   A: {a}   B: {b}")
            item.setToolTip(f"{d.case} · {d.variable}")
            item.setData(Qt.ItemDataRole.UserRole, d.case)
            self.disagreements.addItem(item)
        self.disagreements.itemDoubleClicked.connect(
            lambda item: self.case_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout.addWidget(self.disagreements, 1)
        self.problems = QLabel(
            "Counted as missing: "
            + "; ".join((problems or [])[:10])
            + (" …" if len(problems or []) > 10 else "")
        )
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setVisible(bool(problems))
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)
