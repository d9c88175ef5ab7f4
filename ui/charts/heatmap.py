"""Heatmaps: cases × the four power types (scores), cases × the mechanisms (strength or evidence).

Each cell is a rectangle in the five-step cividis ramp with its value written in
it when the row is tall enough; a triangle in the corner marks low confidence.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from ui.charts.base import HeaderColumn, LegendEntry, draw_corner
from ui.charts.grid import GridChart
from ui.palette import best_text
from workbench.analysis.comparison import (
    CaseScores,
    Target,
    evidence_bin,
    evidence_bin_label,
    total_text,
)

TOTAL_GAP = 0.12  # between the last type and the total column
TOTAL_WIDTH = 0.6
GROUP_GAP = 0.22  # between the mechanisms of two power types


class CellPainter:
    """Draws one cell: fill, value text sized to the cell, low-confidence corner."""

    def __init__(self, chart: GridChart) -> None:
        self.chart = chart
        self.font = chart.chart_style.font(9)
        self.line = QFontMetricsF(self.font).height()
        style = chart.chart_style
        self.fills = [style.ramp(i) for i in range(5)]
        self.texts = [best_text(f) for f in self.fills]
        self.unscored = style.unscored
        self.inset = 1.0
        self.with_text = True

    def prepare(self, row_px: float) -> None:
        """Once per paint: rows too thin get no gap, no text, no corner mark."""
        self.inset = 1.0 if row_px >= 5 else 0.0
        self.with_text = row_px - 2 * self.inset >= self.line * 0.95

    def paint_fill(self, painter: QPainter, rect: QRectF, fill, text: str) -> None:
        """A cell of a colour of its own (the evidence classes), its text in contrast."""
        inset = self.inset
        cell = rect.adjusted(inset, inset, -inset, -inset) if inset else rect
        painter.fillRect(cell, fill)
        if self.with_text and text:
            painter.setFont(self.font)
            painter.setPen(best_text(fill))
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, text)

    def paint(
        self, painter: QPainter, rect: QRectF, step: int | None, text: str, low: bool
    ) -> None:
        fill = self.unscored if step is None else self.fills[step]
        inset = self.inset
        cell = rect.adjusted(inset, inset, -inset, -inset) if inset else rect
        painter.fillRect(cell, fill)
        if not self.with_text:
            return
        if low:
            draw_corner(
                painter, cell, self.texts[step] if step is not None else Qt.GlobalColor.black
            )
        if text:
            painter.setFont(self.font)
            painter.setPen(self.chart.chart_style.muted if step is None else self.texts[step])
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, text)


class TypeHeatmap(GridChart):
    kind = "heatmap"
    title = "Power scores by case"

    def __init__(self, style, parent=None) -> None:
        super().__init__(style, parent)
        self.cells = CellPainter(self)

    def prepare_paint(self) -> None:
        self.cells.prepare(self.row_px)

    def columns(self):
        framework = self.comparison.framework
        n = len(framework.power_types)
        columns = [
            HeaderColumn(k, k + 1, pt.name.replace(" migration power", ""))
            for k, pt in enumerate(framework.power_types)
        ]
        columns = [HeaderColumn(c.x0, c.x1, _short(c.label)) for c in columns]
        columns.append(HeaderColumn(n + TOTAL_GAP, n + TOTAL_GAP + TOTAL_WIDTH, "Total"))
        return 0.0, n + TOTAL_GAP + TOTAL_WIDTH, columns, []

    def legend_sections(self):
        framework = self.comparison.framework
        style = self.chart_style
        scores = [
            LegendEntry(f"{i} {label}", style.ramp(i))
            for i, label in enumerate(framework.score_labels)
        ]
        scores.append(LegendEntry("not scored", style.unscored))
        return [("Score:", scores), ("", [LegendEntry("low confidence", corner=True)])]

    def paint_row(self, painter, to_device, row: int, case: CaseScores) -> None:
        wide = None
        for k, score in enumerate(case.scores):
            rect = to_device(k, row, 1, 1)
            if wide is None:
                metrics = QFontMetricsF(self.cells.font)
                wide = rect.width() > metrics.horizontalAdvance("0 dominant") * 1.25
            label = self.comparison.framework.score_labels[score] if score is not None else ""
            text = "–" if score is None else (f"{score} {label}" if wide else str(score))
            self.cells.paint(painter, rect, score, text, case.confidence[k] == "low")
        n = len(case.scores)
        rect = to_device(n + TOTAL_GAP, row, TOTAL_WIDTH, 1)
        if self.cells.with_text:
            painter.setFont(self.cells.font)
            painter.setPen(self.chart_style.foreground)
            # a total with a type unscored is not comparable: "≥ n"; none scored: "–"
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, total_text(case))
        else:  # rows too thin for numbers: the total as a bar
            most = 4 * len(case.scores)
            painter.fillRect(
                QRectF(rect.left(), rect.top(), rect.width() * case.total / most, rect.height()),
                self.chart_style.muted,
            )
        if rect.height() >= 5:
            painter.setPen(QPen(self.chart_style.grid, 1))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    def order_at(self, scene_pos) -> str | None:
        """A click on a type's heading sorts by that type; on "Total", by the total."""
        column = self.header.column_at(scene_pos)
        if column is None:
            return None
        types = self.comparison.power_types
        return types[column] if column < len(types) else "total"

    def target_in_row(self, x: float, _y: float, case: CaseScores):
        n = len(case.scores)
        if 0 <= x < n:
            return Target(case.id, self.comparison.power_types[int(x)])
        if x >= n:
            return Target(case.id)
        return None


class MechanismHeatmap(GridChart):
    kind = "mechanisms"

    @property
    def title(self) -> str:
        if self.options.measure == "evidence":
            return "Evidence per mechanism by case (excerpt links)"
        return "Mechanism strength by case"

    def __init__(self, style, parent=None) -> None:
        super().__init__(style, parent)
        self.cells = CellPainter(self)
        self.positions: list[float] = []

    def prepare_paint(self) -> None:
        self.cells.prepare(self.row_px)

    def columns(self):
        framework = self.comparison.framework
        columns, groups, positions = [], [], []
        x = 0.0
        for g, pt in enumerate(framework.power_types):
            if g:
                x += GROUP_GAP
            start = x
            for m in pt.mechanisms:
                positions.append(x)
                columns.append(HeaderColumn(x, x + 1, m.label, m.short_label))
                x += 1
            name = _short(pt.name)
            groups.append(HeaderColumn(start, x, name, name[0]))
        self.positions = positions
        return 0.0, x, columns, groups

    def legend_sections(self):
        style = self.chart_style
        if self.options.measure == "evidence":
            entries = [LegendEntry(evidence_bin_label(i), style.evidence(i)) for i in range(5)]
            return [("Excerpt links:", entries)]
        labels = self.comparison.framework.strength_labels
        entries = [LegendEntry(f"{i} {label}", style.ramp(i)) for i, label in enumerate(labels)]
        entries.append(LegendEntry("not coded", style.unscored))
        return [("Strength:", entries)]

    def paint_row(self, painter, to_device, row: int, case: CaseScores) -> None:
        evidence = self.options.measure == "evidence"
        for j, x in enumerate(self.positions):
            rect = to_device(x, row, 1, 1)
            if evidence:
                count = case.mechanism_evidence[j]
                fill = self.chart_style.evidence(evidence_bin(count))
                self.cells.paint_fill(painter, rect, fill, str(count))
            else:
                value = case.strengths[j]
                self.cells.paint(painter, rect, value, "–" if value is None else str(value), False)

    def target_in_row(self, x: float, _y: float, case: CaseScores):
        for j, start in enumerate(self.positions):
            if start <= x < start + 1:
                mechanism = self.comparison.mechanisms[j]
                return Target(
                    case.id, self.comparison.framework.mechanism(mechanism).power_type, mechanism
                )
        return None


def _short(name: str) -> str:
    """'Compulsory migration power' → 'Compulsory'."""
    return name.replace(" migration power", "").replace(" power", "")
