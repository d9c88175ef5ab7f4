"""Side by side as a figure: the matrices of two or three cases, differences marked.

The four quadrants sit as in the matrix when two fit across, else one above the
other. A mechanism's name wraps onto two lines, or takes the framework's short
form; the cases are keyed A, B, C above the quadrants with their names whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.charts.base import LegendEntry
from ui.charts.figure_base import FigureBase, draw_lines
from ui.charts.style import DIFFERENCE
from workbench.analysis.comparison import SideBySideRow, side_by_side

MAX_CASES = 3
LETTERS = "ABC"


@dataclass
class Line:
    row: SideBySideRow
    text: list[str]
    height: float


@dataclass
class Quadrant:
    name: str
    dims: str
    lines: list[Line]
    heading: list[str]  # the name, and the dimensions on the same or the next line

    def height(self, line: float) -> float:
        return len(self.heading) * line + line * 1.3 + sum(x.height for x in self.lines) + 4


class CompareFigure(FigureBase):
    kind = "compare"
    title_text = "Side by side"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        chosen = [i for i in self.options.compare_ids if i in {c.id for c in self.comparison.cases}]
        self.ids = (chosen or self.order[:2])[:MAX_CASES]
        self.rows = side_by_side(self.comparison, self.ids) if self.ids else []

    def legend_sections(self):
        style = self.style
        scale = self.comparison.framework.score_labels
        return [
            (
                "Score / strength:",
                [LegendEntry(f"{i} {label}", style.ramp(i)) for i, label in enumerate(scale)],
            ),
            (
                "",
                [
                    LegendEntry("not coded", style.unscored),
                    LegendEntry("≠ the cases differ", QColor(DIFFERENCE), marker="s", outline=True),
                ],
            ),
        ]

    def key_lines(self, width: float) -> list[str]:
        """'A EU–Turkey 2016', 'B …': each case's name whole, on as many lines as needed."""
        lines: list[str] = []
        for i, case_id in enumerate(self.ids):
            text = f"{LETTERS[i]}  {self.comparison.case(case_id).name}"
            lines += self.type.wrap(self.type.body, text, width, max_lines=4) or [text]
        return lines

    def _cell(self) -> float:
        return max(self.type.line * 1.5, self.type.width(self.type.bold, "4") + 10)

    def _difference_w(self) -> float:
        return self.type.width(self.type.bold, "≠") + 6

    def quadrants(self, quad_w: float) -> list[Quadrant] | None:
        """The quadrants at a width, or None when a name would not fit whole."""
        framework = self.comparison.framework
        line = self.type.line
        label_w = quad_w - self._cell() * len(self.ids) - self._difference_w() - 4
        if label_w <= 0:
            return None
        by_type: dict[str, list[SideBySideRow]] = {}
        for r in self.rows:
            by_type.setdefault(r.power_type, []).append(r)
        out = []
        for pt in framework.power_types:
            lines = []
            for r in by_type.get(pt.id, []):
                if r.mechanism is None:
                    lines.append(Line(r, ["Score"], line * 1.3))
                    continue
                m = framework.mechanism(r.mechanism)
                text = self.type.wrap(self.type.body, m.label, label_w, 2)
                if text is None and m.short_label:
                    text = self.type.wrap(self.type.body, m.short_label, label_w, 2)
                if text is None:
                    return None
                lines.append(Line(r, text, max(line * 1.15, len(text) * line + 2)))
            row_label = next(x["label"] for x in framework.rows if x["id"] == pt.row)
            column_label = next(x["label"] for x in framework.columns if x["id"] == pt.column)
            name = pt.name.replace(" migration power", "")
            dims = f"{column_label.lower()} · {row_label.split()[-1].lower()}"
            together = self.type.width(self.type.bold, name) + self.type.width(
                self.type.body, "  " + dims
            )
            heading = [name] if together <= quad_w else [name, dims]
            if self.type.width(self.type.body, dims) > quad_w:
                heading = [name]
                dims = ""
            out.append(Quadrant(name, dims, lines, heading))
        return out

    def _arrangement(self, inner: float) -> tuple[int, float, list[Quadrant]] | None:
        gap = self.type.line
        for across in (2, 1):
            quad_w = (inner - gap * (across - 1)) / across
            quads = self.quadrants(quad_w)
            if quads is not None:
                return across, quad_w, quads
        return None

    def min_width(self) -> float:
        lo, hi = 60.0, 2000.0
        if self._arrangement(hi) is None:
            return hi
        while hi - lo > 2:
            mid = (lo + hi) / 2
            if self._arrangement(mid) is None:
                lo = mid
            else:
                hi = mid
        return hi + 2 * self.margin

    def _grid(self, inner: float):
        across, quad_w, quads = self._arrangement(inner)
        framework = self.comparison.framework
        row_ids = [r["id"] for r in framework.rows]
        column_ids = [c["id"] for c in framework.columns]
        cells = []  # (matrix row, matrix column) of each quadrant, in the order drawn
        for pt in framework.power_types:
            cells.append((row_ids.index(pt.row), column_ids.index(pt.column)))
        return across, quad_w, quads, cells

    def needed_height(self, width: float) -> float:
        inner = width - 2 * self.margin
        across, _, quads, cells = self._grid(inner)
        line = self.type.line
        if across == 2:
            body = (
                sum(
                    max(q.height(line) for q, c in zip(quads, cells, strict=True) if c[0] == r)
                    for r in {c[0] for c in cells}
                )
                + line
            )
        else:
            body = sum(q.height(line) for q in quads) + line * (len(quads) - 1)
        return (
            2 * self.margin
            + self.title_height(inner)
            + len(self.key_lines(inner)) * line
            + line * 0.6
            + body
            + line * 0.6
            + self.legend_height(inner)
        )

    def paint(self, painter: QPainter) -> None:
        if not self.ids:
            return
        style, line = self.style, self.type.line
        inner = self.width - 2 * self.margin
        top = self.paint_title(painter, inner)
        key = self.key_lines(inner)
        painter.setPen(style.foreground)
        draw_lines(
            painter, self.type.body, key, QRectF(self.margin, top, inner, len(key) * line), line
        )
        top += len(key) * line + line * 0.6
        across, quad_w, quads, cells = self._grid(inner)
        gap = line
        if across == 2:
            heights = {
                r: max(q.height(line) for q, c in zip(quads, cells, strict=True) if c[0] == r)
                for r in {c[0] for c in cells}
            }
            for q, (r, c) in zip(quads, cells, strict=True):
                y = top + sum(heights[k] + gap for k in range(r))
                self._paint_quadrant(painter, q, self.margin + c * (quad_w + gap), y, quad_w)
            top += sum(heights.values()) + gap
        else:
            order = sorted(range(len(quads)), key=lambda i: cells[i])
            for i in order:
                self._paint_quadrant(painter, quads[i], self.margin, top, quad_w)
                top += quads[i].height(line) + gap
            top -= gap
        self.paint_legend(painter, self.margin, top + line * 0.6, inner)

    def _paint_quadrant(self, painter: QPainter, q: Quadrant, x: float, y: float, w: float) -> None:
        style, line = self.style, self.type.line
        painter.setPen(style.foreground)
        painter.setFont(self.type.bold)
        painter.drawText(
            QRectF(x, y, w, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            q.name,
        )
        if q.dims:
            painter.setFont(self.type.body)
            painter.setPen(style.muted)
            row = y if len(q.heading) == 1 else y + line
            align = (
                Qt.AlignmentFlag.AlignRight if len(q.heading) == 1 else Qt.AlignmentFlag.AlignLeft
            )
            painter.drawText(QRectF(x, row, w, line), align | Qt.AlignmentFlag.AlignVCenter, q.dims)
        y += len(q.heading) * line
        painter.setPen(QPen(style.grid, 0.8))
        painter.drawLine(x, y + 1, x + w, y + 1)
        cell = self._cell()
        first = x + w - cell * len(self.ids) - self._difference_w()
        painter.setFont(self.type.body)
        painter.setPen(style.muted)
        for i in range(len(self.ids)):
            painter.drawText(
                QRectF(first + i * cell, y + 2, cell, line * 1.3),
                Qt.AlignmentFlag.AlignCenter,
                LETTERS[i],
            )
        y += line * 1.3 + 2
        for item in q.lines:
            r = item.row
            font = self.type.bold if r.mechanism is None else self.type.body
            painter.setPen(style.foreground)
            draw_lines(painter, font, item.text, QRectF(x, y, first - x - 4, item.height), line)
            for i, value in enumerate(r.values):
                box = QRectF(first + i * cell + 1, y + 1, cell - 2, item.height - 2)
                fill = style.unscored if value is None else style.ramp(value)
                painter.fillRect(box, fill)
                painter.setFont(font)
                painter.setPen(style.muted if value is None else style.text_on(fill))
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignCenter, "–" if value is None else str(value)
                )
            if r.differs:
                span = QRectF(first, y, cell * len(self.ids), item.height)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor(DIFFERENCE), 1.2, Qt.PenStyle.DashLine))
                painter.drawRect(span.adjusted(0.5, 0.5, -0.5, -0.5))
                painter.setFont(self.type.bold)
                painter.drawText(
                    QRectF(span.right(), y, self._difference_w(), item.height),
                    Qt.AlignmentFlag.AlignCenter,
                    "≠",
                )
            y += item.height
