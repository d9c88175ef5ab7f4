"""Side by side: the matrices of two or three cases next to each other, differences marked.

The four quadrants sit as in the matrix; in each, the type's score and then its
mechanisms' strengths, the cases (A, B, C) in adjacent columns so that values are
read across at a glance. Where the cases differ, the line is outlined (dashed)
and marked ≠; the tooltip gives the difference from the first case.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from ui.charts.base import Chart, Legend, LegendEntry, TextBand, elide, guarded
from ui.charts.style import DIFFERENCE, ChartStyle
from workbench.analysis.comparison import SideBySideRow, Target, side_by_side

MAX_CASES = 3


@dataclass(frozen=True)
class Box:
    rect: QRectF  # in the canvas's coordinates
    target: Target
    row: SideBySideRow
    column: int  # which compared case


class Canvas(pg.GraphicsWidget):
    def __init__(self, chart: SideBySide) -> None:
        super().__init__()
        self.chart = chart
        self.setSizePolicy(
            pg.QtWidgets.QSizePolicy.Policy.Expanding, pg.QtWidgets.QSizePolicy.Policy.Expanding
        )

    @guarded
    def paint(self, painter: QPainter, *_args) -> None:
        self.chart.paint_canvas(painter, self.boundingRect())


class SideBySide(Chart):
    kind = "compare"
    title = "Side by side"

    def __init__(self, style: ChartStyle, parent=None) -> None:
        super().__init__(style, parent)
        self.title_band = TextBand(style, self.title)
        self.canvas = Canvas(self)
        self.legend = Legend(style)
        self.ci.addItem(self.title_band, row=0, col=0)
        self.ci.addItem(self.canvas, row=1, col=0)
        self.ci.addItem(self.legend, row=2, col=0)
        self.ids: list[int] = []
        self.rows: list[SideBySideRow] = []
        self.font = style.font(9)
        self.bold = style.font(9.5, bold=True)
        self.title_font = style.font(10.5, bold=True)

    def redraw(self) -> None:
        self.ids = self.compare_ids()[:MAX_CASES]
        self.rows = side_by_side(self.comparison, self.ids) if self.ids else []
        names = [f"{'ABC'[i]} {self.comparison.case(c).name}" for i, c in enumerate(self.ids)]
        self.title_band.set_text("Side by side: " + "   ".join(names) if names else "Side by side")
        style = self.chart_style
        scale = self.comparison.framework.score_labels
        self.legend.set_sections(
            [
                (
                    "Score / strength:",
                    [LegendEntry(f"{i} {label}", style.ramp(i)) for i, label in enumerate(scale)],
                ),
                (
                    "",
                    [
                        LegendEntry("not coded", style.unscored),
                        LegendEntry(
                            "≠ the cases differ", _difference(style), marker="s", outline=True
                        ),
                    ],
                ),
            ]
        )
        self.canvas.update()

    # --- layout: the same boxes for painting and for finding what is under the mouse -----

    def fit(self, area: QRectF) -> tuple[float, QRectF]:
        """Zoom (1 to 1.6) that lets the matrices fill a large area, and the area to lay
        them out in before that zoom."""
        line = QFontMetricsF(self.font).height() * 1.45
        cell_w = max(line * 1.6, QFontMetricsF(self.bold).horizontalAdvance("W") * 2.6)
        most = max(len(pt.mechanisms) for pt in self.comparison.framework.power_types)
        width = 2 * (self.chart_style.px(330) + cell_w * max(1, len(self.ids))) + 14
        height = 2 * line * (most + 3.4) + 14
        zoom = max(1.0, min(1.6, area.width() / width, area.height() / height))
        return zoom, QRectF(
            area.x() / zoom, area.y() / zoom, area.width() / zoom, area.height() / zoom
        )

    def scaled_boxes(self) -> list[Box]:
        """The value boxes in canvas coordinates (after the zoom)."""
        zoom, virtual = self.fit(self.canvas.boundingRect())
        return [
            Box(
                QRectF(
                    b.rect.x() * zoom,
                    b.rect.y() * zoom,
                    b.rect.width() * zoom,
                    b.rect.height() * zoom,
                ),
                b.target,
                b.row,
                b.column,
            )
            for b in self.layout(virtual)[1]
        ]

    def layout(self, area: QRectF) -> tuple[list[tuple[QRectF, str, str]], list[Box]]:
        """Quadrant headings (rect, type name, dimensions) and one box per value cell.

        The four quadrants sit as in the matrix; inside each, one line for the
        type's score and one per mechanism, the compared cases in adjacent columns.
        """
        framework = self.comparison.framework
        style = self.chart_style
        line = QFontMetricsF(self.font).height() * 1.45
        cell_w = max(line * 1.6, QFontMetricsF(self.bold).horizontalAdvance("W") * 2.6)
        gap = style.px(14)
        # not wider than needed, so that a label stays close to its values; centred
        quad_w = min((area.width() - gap) / 2, style.px(330) + cell_w * len(self.ids))
        left = area.left() + (area.width() - 2 * quad_w - gap) / 2
        most = max(len(pt.mechanisms) for pt in framework.power_types)
        quad_h = min((area.height() - gap) / 2, line * (most + 3.4))
        by_type: dict[str, list[SideBySideRow]] = {}
        for r in self.rows:
            by_type.setdefault(r.power_type, []).append(r)
        row_ids = [r["id"] for r in framework.rows]
        column_ids = [c["id"] for c in framework.columns]
        headings, boxes = [], []
        for pt in framework.power_types:
            qx = left + column_ids.index(pt.column) * (quad_w + gap)
            qy = area.top() + row_ids.index(pt.row) * (quad_h + gap)
            row_label = next(r["label"] for r in framework.rows if r["id"] == pt.row)
            column_label = next(c["label"] for c in framework.columns if c["id"] == pt.column)
            headings.append(
                (
                    QRectF(qx, qy, quad_w, line * 1.2),
                    pt.name.replace(" migration power", ""),
                    f"{column_label.lower()} · {row_label.split()[-1].lower()}",
                )
            )
            first_x = qx + quad_w - cell_w * len(self.ids) - style.px(22)
            y = qy + line * 2.2
            for r in by_type[pt.id]:
                for i, case_id in enumerate(self.ids):
                    rect = QRectF(first_x + i * cell_w, y, cell_w, line)
                    boxes.append(Box(rect, Target(case_id, pt.id, r.mechanism), r, i))
                y += line * (1.25 if r.mechanism is None else 1.0)
        return headings, boxes

    def paint_canvas(self, painter: QPainter, area: QRectF) -> None:
        if not self.ids:
            return
        style = self.chart_style
        framework = self.comparison.framework
        zoom, area = self.fit(area)
        painter.scale(zoom, zoom)
        headings, boxes = self.layout(area)
        bold_metrics = QFontMetricsF(self.bold)
        fm = QFontMetricsF(self.font)
        letters = "ABC"
        for rect, name, dims in headings:
            painter.setPen(QPen(style.grid, 1))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            painter.setFont(self.bold)
            painter.setPen(style.foreground)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            painter.setFont(self.font)
            painter.setPen(style.muted)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, dims
            )
        seen_rows: set[tuple[float, float]] = set()
        for box in boxes:
            rect = box.rect
            if box.column == 0 and (rect.left(), rect.top()) not in seen_rows:
                seen_rows.add((rect.left(), rect.top()))
                # the line's label, left of its cells
                label = "Score"
                short = ""
                if box.row.mechanism is not None:
                    mechanism = framework.mechanism(box.row.mechanism)
                    label, short = mechanism.label, mechanism.short_label
                heading = next(h for h in headings if h[0].left() <= rect.left() <= h[0].right())[0]
                label_rect = QRectF(
                    heading.left(), rect.top(), rect.left() - heading.left() - 6, rect.height()
                )
                painter.setFont(self.bold if box.row.mechanism is None else self.font)
                painter.setPen(style.foreground)
                metrics = bold_metrics if box.row.mechanism is None else fm
                if metrics.horizontalAdvance(label) > label_rect.width() and short:
                    label = short  # the framework's short name rather than a cut one
                painter.drawText(
                    label_rect,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    elide(metrics, label, label_rect.width()),
                )
                if box.row.mechanism is None:  # the case letters above the score line
                    painter.setFont(self.font)
                    painter.setPen(style.muted)
                    for i in range(len(self.ids)):
                        painter.drawText(
                            QRectF(
                                rect.left() + i * rect.width(),
                                rect.top() - rect.height(),
                                rect.width(),
                                rect.height(),
                            ),
                            Qt.AlignmentFlag.AlignCenter,
                            letters[i],
                        )
                if box.row.differs:
                    n = len(self.ids)
                    cells = QRectF(rect.left(), rect.top(), rect.width() * n, rect.height())
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(_difference(style), style.px(2), Qt.PenStyle.DashLine))
                    painter.drawRect(cells.adjusted(0.5, 0.5, -0.5, -0.5))
                    painter.setFont(self.bold)
                    painter.drawText(
                        QRectF(cells.right(), rect.top(), style.px(22), rect.height()),
                        Qt.AlignmentFlag.AlignCenter,
                        "≠",
                    )
            value = box.row.values[box.column]
            fill = style.unscored if value is None else style.ramp(value)
            cell = rect.adjusted(2, 2, -2, -2)
            painter.fillRect(cell, fill)
            painter.setFont(self.bold if box.row.mechanism is None else self.font)
            painter.setPen(style.muted if value is None else style.text_on(fill))
            painter.drawText(
                cell, Qt.AlignmentFlag.AlignCenter, "–" if value is None else str(value)
            )

    def describe(self, target: Target) -> str:
        text = super().describe(target)
        for box in self.scaled_boxes():
            if box.target == target and box.row.differs and box.column:
                delta = box.row.delta(box.column)
                if delta is not None:
                    first = self.comparison.case(self.ids[0]).name
                    text += f"\nDifference from {first}: {delta:+d}"
                break
        return text

    def target_at(self, scene_pos: QPointF):
        if not self.ids:
            return None
        point = self.canvas.mapFromScene(scene_pos)
        for box in self.scaled_boxes():
            if box.rect.contains(point):
                return box.target
        return None


def _difference(style: ChartStyle) -> QColor:
    return QColor("#ff9a5c" if style.dark else DIFFERENCE)
