"""The 2×2 plane: each case a point at (share of diffuse power, share of constitutive power).

Both shares grow away from the origin at the bottom left, as a reader of a
scatter plot expects, and each axis's arrow points the way its share grows; the
four types are named in their corners. Marker area grows with the evidence
count; markers are drawn with the legend's own shapes. With many cases the
markers are small and translucent and only the chosen cases are named.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen

from ui.charts.base import (
    Chart,
    Legend,
    LegendEntry,
    TextBand,
    draw_marker,
    group_sections,
    guarded,
)
from ui.charts.style import ChartStyle
from workbench.analysis.comparison import PlanePoint, Target, plane_corners, plane_points

LABEL_LIMIT = 40  # beyond this many points, names show on hover only


def marker_size(evidence: int, style: ChartStyle, many: bool = False) -> float:
    """Diameter in pixels: the area, not the radius, grows with the evidence count.

    Rounded to even pixels. Beyond LABEL_LIMIT cases all are small (and translucent).
    """
    if many:
        return style.px(6)
    return style.px(2 * round(min(46.0, 9.0 + 4.0 * math.sqrt(evidence)) / 2))


class PlaneChart(Chart):
    kind = "plane"
    title = "Cases on the 2×2 plane of migration power"

    def __init__(self, style: ChartStyle, parent=None) -> None:
        super().__init__(style, parent)
        self.title_band = TextBand(style, self.title)
        self.note = TextBand(
            style,
            "diffuse = (institutional + productive) ÷ total;  "
            "constitutive = (structural + productive) ÷ total of the four scores",
            size=8.5,
            bold=False,
        )
        self.plot = pg.PlotItem(enableMenu=False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=True, y=True)
        self.view = self.plot.getViewBox()
        self.view.setLimits(xMin=-0.25, xMax=1.25, yMin=-0.25, yMax=1.25)
        self.legend = Legend(style)
        self.ci.addItem(self.title_band, row=0, col=0)
        self.ci.addItem(self.note, row=1, col=0)
        self.ci.addItem(self.plot, row=2, col=0)
        self.ci.addItem(self.legend, row=3, col=0)
        self._style_axes()
        self.scatter: MarkerItem | None = None
        self.points: list[PlanePoint] = []
        self.labels: list[pg.TextItem] = []
        # labels avoid each other in pixels: place them again when the plot changes size
        self.view.sigResized.connect(lambda *_: self._label_points() if self.comparison else None)

    def _style_axes(self) -> None:
        style = self.chart_style
        ticks = [[(v, f"{round(v * 100)}%") for v in (0, 0.25, 0.5, 0.75, 1.0)]]
        for name, text in (
            ("bottom", "diffuse share →"),
            ("left", "constitutive share →"),  # turned: the arrow points up the axis
        ):
            axis = self.plot.getAxis(name)
            axis.setTicks(ticks)
            axis.setPen(QPen(style.muted, 1))
            axis.setTextPen(style.foreground)
            axis.setStyle(tickFont=style.font(9), tickLength=-int(style.px(5)))
            axis.label.setFont(style.font(9))
            axis.setLabel(text, color=style.foreground.name())

    def redraw(self) -> None:
        comparison = self.comparison
        assert comparison is not None
        style = self.chart_style
        self.plot.clear()
        self.labels = []
        framework = comparison.framework
        for v in (0.5,):
            for angle in (0, 90):
                line = pg.InfiniteLine(
                    v, angle=angle, pen=pg.mkPen(style.grid, width=1, style=Qt.PenStyle.DashLine)
                )
                self.plot.addItem(line)
        border = pg.QtWidgets.QGraphicsRectItem(0, 0, 1, 1)
        border.setPen(pg.mkPen(style.grid, width=1))
        self.plot.addItem(border)
        for (x, y), type_id in plane_corners(framework).items():
            name = framework.power_type(type_id).name.replace(" migration power", "")
            anchor = (0.0 if x == 0 else 1.0, 0.0 if y == 0 else 1.0)
            text = pg.TextItem(name, color=style.muted, anchor=anchor)
            text.setFont(style.font(11, bold=True))
            text.setPos(x, y)
            self.plot.addItem(text)

        order = {cid: i for i, cid in enumerate(self.order)}
        self.points = sorted(plane_points(comparison), key=lambda p: order[p.case_id])
        self.scatter = MarkerItem(self)
        self.plot.addItem(self.scatter)
        self.view.setRange(xRange=(-0.08, 1.08), yRange=(-0.08, 1.08), padding=0)
        self._label_points()
        self.legend.set_sections(self._legend_sections())

    def _label_points(self) -> None:
        """One label per position (cases at the same spot share it, a name a line), put
        where it overlaps no other label or point: right, left, above, below, diagonals."""
        for text in self.labels:
            self.plot.removeItem(text)
        self.labels = []
        if self.view.width() < 10:
            return
        shown = self.points
        if len(self.points) > LABEL_LIMIT:  # only the chosen cases (A, B, C) are named
            chosen = set(self.options.compare_ids)
            shown = [p for p in self.points if p.case_id in chosen]
        style = self.chart_style
        font = style.font(8.5)
        metrics = QFontMetricsF(font)
        at: dict[tuple[float, float], list[PlanePoint]] = defaultdict(list)
        for p in shown:
            at[(round(p.x, 3), round(p.y, 3))].append(p)
        discs = []
        for p in self.points:
            c = self.view.mapViewToScene(QPointF(p.x, p.y))
            r = marker_size(p.evidence, style, self.many) / 2
            discs.append(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
        bounds = self.view.sceneBoundingRect().adjusted(6, 2, -2, -2)
        placed: list[QRectF] = []
        for (x, y), points in sorted(at.items(), key=lambda item: (-item[0][1], item[0][0])):
            names = [self.comparison.case(p.case_id).name for p in points]
            w = max(metrics.horizontalAdvance(n) for n in names) + 4
            h = metrics.lineSpacing() * len(names) + 2
            c = self.view.mapViewToScene(QPointF(x, y))
            r = max(marker_size(p.evidence, style, self.many) for p in points) / 2
            r += style.px(2)
            candidates = [
                (r, -h / 2),
                (-r - w, -h / 2),
                (-w / 2, -r - h),
                (-w / 2, r),
                (r * 0.7, -r * 0.7 - h),
                (r * 0.7, r * 0.7),
                (-r * 0.7 - w, -r * 0.7 - h),
                (-r * 0.7 - w, r * 0.7),
            ]

            def cost(dx: float, dy: float, c=c, w=w, h=h) -> float:
                rect = QRectF(c.x() + dx, c.y() + dy, w, h)
                overlap = sum(_area(rect & other) for other in placed + discs)
                outside = _area(rect) - _area(rect & bounds)
                return overlap + outside * 4

            dx, dy = min(candidates, key=lambda d: cost(*d))
            rect = QRectF(c.x() + dx, c.y() + dy, w, h)
            placed.append(rect)
            text = pg.TextItem("\n".join(names), color=style.foreground, anchor=(0, 0))
            text.setFont(font)
            text.textItem.document().setDocumentMargin(0)
            text.setPos(self.view.mapSceneToView(rect.topLeft()))
            self.plot.addItem(text)
            self.labels.append(text)

    @property
    def many(self) -> bool:
        return len(self.points) > LABEL_LIMIT

    def _legend_sections(self):
        style = self.chart_style
        sections = []
        if self.options.group_by != "none":
            entries = [
                LegendEntry(g, self.colour_of_group(g), marker=style.symbol(i))
                for i, g in enumerate(self.group_names)
            ]
            sections += group_sections(entries, self.colour_slots)
        counts = sorted({1, 5, 20} | {max((p.evidence for p in self.points), default=0)})
        if self.many:
            counts = []  # all markers are one small size
        sizes = [
            LegendEntry(str(n), QColor(style.muted), marker="o", size=marker_size(n, style))
            for n in counts
            if n > 0
        ]
        sections.append(("Point area = excerpt links:", sizes))
        hidden = len(self.comparison.cases) - len(self.points)
        if hidden:
            sections.append((f"{hidden} case(s) not scored on all four types are not placed.", []))
        return sections

    def target_at(self, scene_pos: QPointF):
        best, best_d = None, math.inf
        for p in self.points:
            centre = self.view.mapViewToScene(QPointF(p.x, p.y))
            d = math.hypot(centre.x() - scene_pos.x(), centre.y() - scene_pos.y())
            if d <= marker_size(p.evidence, self.chart_style, self.many) / 2 + 3 and d < best_d:
                best, best_d = p, d
        if best is None:
            return None
        case = self.comparison.case(best.case_id)
        strongest = max(range(len(case.scores)), key=lambda k: (case.scores[k] or 0, -k))
        return Target(best.case_id, self.comparison.power_types[strongest])

    def describe(self, target: Target) -> str:
        comparison = self.comparison
        case = comparison.case(target.case_id)
        point = next(p for p in self.points if p.case_id == target.case_id)
        framework = comparison.framework
        scores = ", ".join(
            f"{pt.name.replace(' migration power', '').lower()} {s if s is not None else '–'}"
            for pt, s in zip(framework.power_types, case.scores, strict=True)
        )
        lines = [case.case.title]
        if self.options.group_by != "none":
            lines.append(f"Group: {self.groups[case.id]}")
        lines += [
            f"Diffuse share {point.x:.0%}, constitutive share {point.y:.0%}",
            f"Scores: {scores} (total {case.total})",
            f"Evidence: {point.evidence} excerpt link(s)",
            "Click to open it at its strongest quadrant",
        ]
        return "\n".join(lines)


class MarkerItem(pg.GraphicsObject):
    """The cases' markers, painted in device pixels with the legend's own shapes
    (pyqtgraph's symbols differ from them: its triangle points down)."""

    def __init__(self, chart: PlaneChart) -> None:
        super().__init__()
        self.chart = chart

    def boundingRect(self) -> QRectF:
        return QRectF(-0.3, -0.3, 1.6, 1.6)

    @guarded
    def paint(self, painter, *_args) -> None:
        chart = self.chart
        style = chart.chart_style
        to_device = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(pg.QtGui.QPainter.RenderHint.Antialiasing)
        many = chart.many
        for p in chart.points:
            colour = QColor(chart.group_colour(p.case_id))
            colour.setAlpha(140 if many else 225)
            draw_marker(
                painter,
                style.symbol(chart.group_index(p.case_id)),
                to_device.map(QPointF(p.x, p.y)),
                marker_size(p.evidence, style, many),
                colour,
                False,
                style,
            )
        painter.restore()


def _area(rect: QRectF) -> float:
    return max(0.0, rect.width()) * max(0.0, rect.height()) if rect.isValid() else 0.0


def _alpha(colour: QColor, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c
