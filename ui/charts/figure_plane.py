"""The 2×2 plane as a figure: each case a marker at (diffuse share, constitutive share).

Both shares grow away from the origin at the bottom left, the axes' arrows point
the way they grow. Each name sits beside its own point; where the places beside
it are taken, further out with a leader line to the point. With many cases the
points are small and translucent and only the chosen cases are named.
"""

from __future__ import annotations

import math
from collections import defaultdict

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.charts.base import LegendEntry, draw_marker
from ui.charts.figure_base import FigureBase, draw_lines
from workbench.analysis.comparison import PlanePoint, plane_corners, plane_points

LABEL_LIMIT = 40  # beyond this many points only the chosen cases are named
NOTE = (
    "diffuse = (institutional + productive) ÷ total; "
    "constitutive = (structural + productive) ÷ total of the four scores"
)


def figure_marker(evidence: int, many: bool) -> float:
    """Diameter in pixels: the area grows with the evidence count."""
    if many:
        return 4.0
    return min(14.0, 5.0 + 1.6 * math.sqrt(evidence))


def _overlap(a: QRectF, b: QRectF) -> float:
    r = a.intersected(b)
    return max(0.0, r.width()) * max(0.0, r.height()) if r.isValid() else 0.0


def _crossings(centre: QPointF, rect: QRectF, others: list[QRectF]) -> int:
    """How many of `others` the leader line from `centre` to `rect` passes through."""
    end = QPointF(
        min(max(centre.x(), rect.left()), rect.right()),
        min(max(centre.y(), rect.top()), rect.bottom()),
    )
    hit = set()
    for i in range(1, 10):
        t = i / 10
        point = QPointF(
            centre.x() + (end.x() - centre.x()) * t, centre.y() + (end.y() - centre.y()) * t
        )
        for k, other in enumerate(others):
            if other.contains(point):
                hit.add(k)
    return len(hit)


class PlaneFigure(FigureBase):
    kind = "plane"
    title_text = "Cases on the 2×2 plane of migration power"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        order = {cid: i for i, cid in enumerate(self.order)}
        self.points: list[PlanePoint] = sorted(
            plane_points(self.comparison), key=lambda p: order[p.case_id]
        )
        self.many = len(self.points) > LABEL_LIMIT

    def note_lines(self, width: float) -> list[str]:
        if not self.spec.title:
            return []
        return self.type.wrap(self.type.body, NOTE, width, max_lines=4) or [NOTE]

    def legend_sections(self):
        sections = self.group_legend(markers=True)
        if not self.many:
            most = max((p.evidence for p in self.points), default=0)
            counts = sorted({1, 5, 20} | ({most} if most else set()))
            sizes = [
                LegendEntry(
                    str(n), QColor(self.style.muted), marker="o", size=figure_marker(n, False)
                )
                for n in counts
            ]
            sections.append(("Marker area = excerpt links:", sizes))
        hidden = len(self.comparison.cases) - len(self.points)
        if hidden:
            sections.append((f"{hidden} case(s) not scored on all four types are not placed.", []))
        return sections

    # --- layout ------------------------------------------------------------------------

    def _axis_room(self) -> tuple[float, float]:
        """Room left of the plot (tick labels, turned axis name) and below it."""
        tick = self.type.width(self.type.body, "100%")
        return tick + self.type.line * 1.6 + 4, self.type.line * 2.4 + 4

    def min_width(self) -> float:
        left, _ = self._axis_room()
        return 2 * self.margin + left + 120

    def _fixed(self, width: float) -> float:
        inner = width - 2 * self.margin
        _, below = self._axis_room()
        note = len(self.note_lines(inner)) * self.type.line
        return (
            2 * self.margin
            + self.title_height(inner)
            + note
            + self.type.line * 0.5
            + below
            + self.type.line * 0.6
            + self.legend_height(inner)
        )

    def needed_height(self, width: float) -> float:
        return self._fixed(width) + 110  # a plot of about 3 cm at the least

    def natural_height(self, width: float) -> float:
        left, _ = self._axis_room()
        side = width - 2 * self.margin - left
        return self._fixed(width) + side  # a square plot

    # --- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        style = self.style
        width, inner = self.width, self.width - 2 * self.margin
        top = self.paint_title(painter, inner)
        note = self.note_lines(inner)
        if note:
            painter.setPen(style.muted)
            draw_lines(
                painter,
                self.type.body,
                note,
                QRectF(self.margin, top, inner, len(note) * self.type.line),
                self.type.line,
            )
            top += len(note) * self.type.line
        top += self.type.line * 0.5
        left_room, below = self._axis_room()
        legend_h = self.legend_height(inner)
        plot_h = self.height - top - below - self.type.line * 0.6 - legend_h - self.margin
        plot_w = width - self.margin - left_room - 4
        side = min(plot_w, plot_h)
        plot = QRectF(self.margin + left_room + (plot_w - side) / 2, top, side, side)
        self._paint_axes(painter, plot)
        self._paint_points(painter, plot)
        self.paint_legend(painter, self.margin, plot.bottom() + below + self.type.line * 0.6, inner)

    def to_plot(self, plot: QRectF, x: float, y: float) -> QPointF:
        pad = plot.width() * 0.06
        inner = plot.adjusted(pad, pad, -pad, -pad)
        return QPointF(inner.left() + x * inner.width(), inner.bottom() - y * inner.height())

    def _paint_axes(self, painter: QPainter, plot: QRectF) -> None:
        style, line = self.style, self.type.line
        painter.setPen(QPen(style.grid, 0.8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.to_plot(plot, 0, 1), self.to_plot(plot, 1, 0)))
        dashed = QPen(style.grid, 0.8, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(self.to_plot(plot, 0.5, 0), self.to_plot(plot, 0.5, 1))
        painter.drawLine(self.to_plot(plot, 0, 0.5), self.to_plot(plot, 1, 0.5))
        painter.setPen(QPen(style.muted, 0.8))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.setFont(self.type.body)
        for v in (0, 0.5, 1.0):
            label = f"{round(v * 100)}%"
            px = self.to_plot(plot, v, 0).x()
            painter.setPen(QPen(style.muted, 0.8))
            painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 3))
            painter.setPen(style.foreground)
            painter.drawText(
                QRectF(px - 30, plot.bottom() + 3, 60, line), Qt.AlignmentFlag.AlignCenter, label
            )
            py = self.to_plot(plot, 0, v).y()
            painter.setPen(QPen(style.muted, 0.8))
            painter.drawLine(QPointF(plot.left() - 3, py), QPointF(plot.left(), py))
            painter.setPen(style.foreground)
            painter.drawText(
                QRectF(plot.left() - 64, py - line / 2, 60, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + line + 4, plot.width(), line),
            Qt.AlignmentFlag.AlignCenter,
            "diffuse share →",
        )
        painter.save()  # the axis name reads upwards, its arrow pointing up the axis
        tick = self.type.width(self.type.body, "100%")
        painter.translate(plot.left() - tick - 8, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -line, plot.height(), line),
            Qt.AlignmentFlag.AlignCenter,
            "constitutive share →",
        )
        painter.restore()
        framework = self.comparison.framework
        painter.setPen(style.muted)
        self.corner_rects = []
        for (x, y), type_id in plane_corners(framework).items():
            name = framework.power_type(type_id).name.replace(" migration power", "")
            w = self.type.width(self.type.body, name) + 2
            corner = self.to_plot(plot, x, y)
            rx = corner.x() - (0 if x == 0 else w)
            ry = corner.y() + (2 if y == 1 else -line - 2)
            rect = QRectF(rx, ry, w, line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
            self.corner_rects.append(rect)

    def _paint_points(self, painter: QPainter, plot: QRectF) -> None:
        style = self.style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        discs = []
        for p in self.points:
            colour = QColor(self.group_colour(p.case_id))
            if self.many:
                colour.setAlpha(150)
            size = figure_marker(p.evidence, self.many)
            centre = self.to_plot(plot, p.x, p.y)
            draw_marker(painter, self.group_symbol(p.case_id), centre, size, colour, False, style)
            discs.append(QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size))
        self._paint_labels(painter, plot, discs)

    def _paint_labels(self, painter: QPainter, plot: QRectF, discs: list[QRectF]) -> None:
        named = set(self.options.compare_ids) if self.many else None
        at: dict[tuple[float, float], list[PlanePoint]] = defaultdict(list)
        for p in self.points:
            if named is None or p.case_id in named:
                at[(round(p.x, 3), round(p.y, 3))].append(p)
        line = self.type.line
        # names stay over the plot (off the axes' numbers), and may use the margin right of it
        bounds = QRectF(
            plot.left() + 1, plot.top(), self.width - self.margin - plot.left(), plot.height() - 1
        )
        spots = []
        for (x, y), points in at.items():
            names = [self.comparison.case(p.case_id).name for p in points]
            w = max(self.type.width(self.type.body, n) for n in names) + 2
            r = max(figure_marker(p.evidence, self.many) for p in points) / 2 + 1.5
            spots.append((self.to_plot(plot, x, y), names, w, line * len(names), r))
        # greedy placement depends on the order: of a few orders, the one costing least
        orders = [
            lambda s: -s[0].y(),
            lambda s: s[0].y(),
            lambda s: -s[0].x(),
            lambda s: s[0].x(),
            lambda s: (
                -sum(1 for o in spots if abs(o[0].x() - s[0].x()) + abs(o[0].y() - s[0].y()) < 40)
            ),
        ]
        best_total, best_places = None, []
        for key in orders:
            total, places = self._place(sorted(spots, key=key), discs, bounds)
            if best_total is None or total < best_total - 1e-6:
                best_total, best_places = total, places
        painter.setFont(self.type.body)
        for c, names, rect, ring in best_places:
            if ring > 1:  # away from its point: a leader line says whose name it is
                painter.setPen(QPen(self.style.muted, 0.6))
                target = QPointF(
                    min(max(c.x(), rect.left()), rect.right()),
                    min(max(c.y(), rect.top()), rect.bottom()),
                )
                painter.drawLine(c, target)
            painter.setPen(self.style.foreground)
            draw_lines(painter, self.type.body, names, rect, line)

    def _place(self, spots, discs: list[QRectF], bounds: QRectF):
        """Each name beside its point where it overlaps nothing, else further out on
        rings around it (with a leader line); returns the total cost and the places."""
        line = self.type.line
        placed: list[QRectF] = list(self.corner_rects)
        places = []
        total = 0.0
        for c, names, w, h, r in spots:
            best = None
            for ring in (1.0, 1.8, 2.6, 3.6, 5.0, 7.0):
                d = r * ring + (ring - 1) * line * 0.7
                for angle in range(0, 360, 20 if ring > 1 else 45):
                    a = math.radians(angle)
                    ax, ay = c.x() + d * math.cos(a), c.y() - d * math.sin(a)
                    # the label's nearest side touches the candidate point
                    lx = ax if math.cos(a) > 0.3 else ax - w if math.cos(a) < -0.3 else ax - w / 2
                    ly = (
                        ay - h / 2
                        if abs(math.sin(a)) < 0.5
                        else (ay - h if math.sin(a) > 0 else ay)
                    )
                    rect = QRectF(lx, ly, w, h)
                    cost = sum(_overlap(rect, o) for o in placed) + sum(
                        _overlap(rect, o) for o in discs
                    )
                    outside = rect.width() * rect.height() - _overlap(rect, bounds)
                    cost += outside * 8 + (ring - 1) * 6 + d * 0.2
                    if ring > 1:  # a leader line through other names is hard to follow
                        cost += 60 * _crossings(c, rect, placed)
                    if best is None or cost < best[0]:
                        best = (cost, rect, ring)
                if best is not None and best[0] < r * 0.2 + 1e-6:
                    break
            cost, rect, ring = best
            total += cost
            placed.append(rect)
            places.append((c, names, rect, ring))
        return total, places
