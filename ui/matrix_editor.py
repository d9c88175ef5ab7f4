"""MatrixEditor: the 2×2 of Table 1 for one case, one QuadrantWidget per power type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.quadrant_widget import QuadrantWidget
from ui.widgets import CommitTextEdit
from workbench.commands import Command, SetMechanismCoding
from workbench.framework import Framework
from workbench.queries.case_detail import CaseDetail


def _header(text: str, tooltip: str = "", bold: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setToolTip(tooltip)
    font = label.font()
    font.setBold(bold)
    font.setItalic(not bold)
    label.setFont(font)
    return label


class MatrixEditor(QWidget):
    overlaps_requested = Signal()

    def __init__(
        self, framework: Framework, run: Callable[[Command], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.run = run
        self.case: CaseDetail | None = None
        self.memo_mechanism: str | None = None  # whose memo the field below shows
        self.no_case_text = "No case selected"
        self.quadrants: dict[tuple[int, int], QuadrantWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)

        self.case_title = QLabel("No case selected")
        self.case_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.case_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.case_title.setFont(font)
        self.case_title.setWordWrap(True)
        layout.addWidget(self.case_title)

        grid = QGridLayout()
        grid.setSpacing(6)
        grid.addWidget(_header(framework.column_label, bold=False), 0, 1, 1, 2)
        for c, column in enumerate(framework.columns):
            grid.addWidget(_header(column["label"], column["definition"]), 1, c + 1)
        for r, row in enumerate(framework.rows):
            label = _header(row["label"], row["definition"])
            label.setFixedWidth(92)
            grid.addWidget(label, r + 2, 0)
            for c, column in enumerate(framework.columns):
                quadrant = QuadrantWidget(framework, framework.at(row["id"], column["id"]), run)
                quadrant.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                quadrant.move_requested.connect(
                    lambda dr, dc, r=r, c=c: self._on_quadrant_move_requested(r, c, dr, dc)
                )
                grid.addWidget(quadrant, r + 2, c + 1)
                self.quadrants[(r, c)] = quadrant
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(2, 1)
        grid.setRowStretch(3, 1)
        side = _header(framework.row_label, bold=False)
        side.setFixedWidth(92)
        grid.addWidget(side, 0, 0, 2, 1)
        layout.addLayout(grid, 1)

        # the memo of the mechanism chosen last (click its name): why this strength
        self.mechanism_memo_label = QLabel("")
        self.mechanism_memo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mechanism_memo = CommitTextEdit()
        self.mechanism_memo.setMaximumHeight(64)
        self.mechanism_memo.committed.connect(self._on_mechanism_memo_committed)
        self.mechanism_memo_label.setBuddy(self.mechanism_memo)
        layout.addWidget(self.mechanism_memo_label)
        layout.addWidget(self.mechanism_memo)

        bottom = QHBoxLayout()
        self.legend = QLabel(
            " · ".join(f"{i} {label}" for i, label in enumerate(framework.score_labels))
        )
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        bottom.addWidget(self.legend, 1)
        self.overlaps_button = QPushButton("Overlaps…")
        self.overlaps_button.setToolTip(
            "Record where mechanisms of different types shade into each other in this case"
        )
        self.overlaps_button.clicked.connect(self.overlaps_requested)
        bottom.addWidget(self.overlaps_button)
        layout.addLayout(bottom)
        self.show_case(None)

    def hasHeightForWidth(self) -> bool:
        # The wrapped title would make the scroll area size the matrix by its preferred
        # height (the memos' generous default) and scroll; the quadrants fit instead,
        # and the area scrolls only below the matrix's minimum.
        return False

    def heightForWidth(self, width: int) -> int:
        return -1

    def set_framework(self, framework: Framework) -> None:
        """The project's mechanisms changed (one of its own added or removed)."""
        self.framework = framework
        if self.memo_mechanism not in {m.id for m in framework.mechanisms}:
            self.memo_mechanism = None
        for quadrant in self.quadrants.values():
            quadrant.framework = framework
            quadrant.set_power_type(framework.power_type(quadrant.power_type.id))

    def quadrant(self, power_type: str) -> QuadrantWidget:
        for q in self.quadrants.values():
            if q.power_type.id == power_type:
                return q
        raise KeyError(power_type)

    def show_case(self, case: CaseDetail | None) -> None:
        self.case = case
        if case is None:
            self.case_title.setText(self.no_case_text)
        else:
            details = " · ".join(x for x in (case.period, case.region) if x)
            self.case_title.setText(case.title + (f"  ({details})" if details else ""))
        for quadrant in self.quadrants.values():
            quadrant.show_case(case)
        self._show_mechanism_memo()
        n = len(case.overlaps) if case else 0
        self.overlaps_button.setText(f"Overlaps ({n})…" if n else "Overlaps…")
        self.overlaps_button.setEnabled(case is not None)

    def set_no_case_text(self, text: str) -> None:
        """What the title says while no case is shown (an empty project: how to start)."""
        self.no_case_text = text
        if self.case is None:
            self.case_title.setText(text)

    def mark_mechanism(self, mechanism_id: str | None) -> None:
        for quadrant in self.quadrants.values():
            quadrant.mark_mechanism(mechanism_id)
        if mechanism_id != self.memo_mechanism:
            self.mechanism_memo.commit()  # typed for the mechanism chosen before
            self.memo_mechanism = mechanism_id
        self._show_mechanism_memo()

    def _show_mechanism_memo(self) -> None:
        mechanism_id = self.memo_mechanism
        shown = self.case is not None and mechanism_id is not None
        self.mechanism_memo_label.setVisible(shown)
        self.mechanism_memo.setVisible(shown)
        if not shown:
            return
        label = self.framework.mechanism(mechanism_id).label
        self.mechanism_memo_label.setText(f"Memo on {label} in this case:")
        self.mechanism_memo.setAccessibleName(f"Memo on {label}")
        self.mechanism_memo.setPlaceholderText(f"Why {label} has the strength it has here")
        coding = self.case.codings.get(mechanism_id)
        self.mechanism_memo.show_value(coding.memo if coding else "")

    def _on_mechanism_memo_committed(self, text: str) -> None:
        if self.case is None or self.memo_mechanism is None:
            return
        coding = self.case.codings.get(self.memo_mechanism)
        if text != (coding.memo if coding else ""):
            self.run(SetMechanismCoding(self.case.id, self.memo_mechanism, memo=text))

    def show_quadrant(self, case: CaseDetail, power_type: str) -> None:
        """Repaint one quadrant after a change to it (the others are as they were)."""
        self.case = case
        self.quadrant(power_type).show_case(case)
        self._show_mechanism_memo()

    def focus_quadrant(self, row: int = 0, column: int = 0) -> None:
        self.quadrants[(row % 2, column % 2)].setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_quadrant_move_requested(self, r: int, c: int, dr: int, dc: int) -> None:
        target = (min(1, max(0, r + dr)), min(1, max(0, c + dc)))
        self.quadrants[target].setFocus(Qt.FocusReason.OtherFocusReason)
