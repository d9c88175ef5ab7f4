"""Profiles: a dot plot with one row per case, the score (0–4) across, one marker per type.

Each score column has a fixed slot per power type, so markers never hide each
other and a type is found by its place, colour and shape alike. A hollow marker
is a score given with low confidence.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from ui.charts.base import HeaderColumn, LegendEntry, draw_marker
from ui.charts.grid import GridChart
from ui.charts.style import SYMBOLS, TYPE_COLOURS
from workbench.analysis.comparison import CaseScores, Target


class ProfileChart(GridChart):
    kind = "profiles"
    title = "Score profiles: each case across the four power types"

    def prepare_paint(self) -> None:
        self.stripe = _stripe(self.chart_style)
        n = len(self.comparison.power_types)
        self.colours = [QColor(TYPE_COLOURS[k % len(TYPE_COLOURS)]) for k in range(n)]

    def slot(self, k: int) -> float:
        """Offset of type k inside a score column (0..1)."""
        n = len(self.comparison.power_types)
        return 0.2 + 0.6 * (k + 0.5) / n

    def columns(self):
        labels = self.comparison.framework.score_labels
        columns = [HeaderColumn(i, i + 1, f"{i} {label}") for i, label in enumerate(labels)]
        return 0.0, float(len(labels)), columns, []

    def legend_sections(self):
        framework = self.comparison.framework
        entries = [
            LegendEntry(
                pt.name.replace(" migration power", ""),
                QColor(TYPE_COLOURS[k % len(TYPE_COLOURS)]),
                marker=SYMBOLS[k % len(SYMBOLS)],
            )
            for k, pt in enumerate(framework.power_types)
        ]
        hollow = LegendEntry(
            "low confidence", QColor(self.chart_style.muted), marker="o", outline=True
        )
        return [("Power type:", entries), ("", [hollow])]

    def paint_row(self, painter: QPainter, to_device, row: int, case: CaseScores) -> None:
        style = self.chart_style
        columns = len(self.comparison.framework.score_labels)
        band = to_device(0, row, columns, 1)
        if row == self.first_row:  # stripes and column lines once, under every visible row
            if band.height() >= 8:  # stripes help only where a row can be told apart
                for r in range(row, self.last_row):
                    if r % 2:
                        painter.fillRect(to_device(0, r, columns, 1), self.stripe)
            span = to_device(0, row, columns, self.last_row - row)
            painter.setPen(QPen(style.grid, 1))
            for i in range(1, columns):
                x = to_device(i, row, 0, 1).left()
                painter.drawLine(QPointF(x, span.top()), QPointF(x, span.bottom()))
        size = min(band.height() * 0.55, style.px(17))
        if size < 4:  # rows a few pixels high: plain dots are all one can see
            for k, score in enumerate(case.scores):
                if score is not None:
                    centre = to_device(score + self.slot(k), row + 0.5, 0, 0).center()
                    side = max(2.0, size)
                    painter.fillRect(
                        QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side),
                        self.colours[k],
                    )
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for k, score in enumerate(case.scores):
            if score is None:
                continue
            centre = to_device(score + self.slot(k), row + 0.5, 0, 0).center()
            draw_marker(
                painter,
                SYMBOLS[k % len(SYMBOLS)],
                centre,
                size,
                self.colours[k],
                case.confidence[k] == "low",
                style,
            )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def target_in_row(self, x: float, _y: float, case: CaseScores):
        score = int(x)
        offset = x - score
        candidates = [k for k, s in enumerate(case.scores) if s == score]
        if not candidates:
            return None
        k = min(candidates, key=lambda k: abs(self.slot(k) - offset))
        if abs(self.slot(k) - offset) > 0.6 / len(case.scores):
            return None
        return Target(case.id, self.comparison.power_types[k])


def _stripe(style) -> QColor:
    return QColor("#323438" if style.dark else "#f6f6f6")
