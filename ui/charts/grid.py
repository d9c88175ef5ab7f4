"""Charts with one row per case (the two heatmaps, the profiles): names left, columns on top.

The rows scroll and zoom vertically (mouse wheel, drag); the columns always fill
the width. Row i spans y = i .. i+1, the first row at the top.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QPainter

from ui.charts.base import (
    Chart,
    ColumnHeader,
    HeaderColumn,
    Legend,
    LegendEntry,
    PaintedItem,
    RowLabels,
    TextBand,
    group_sections,
)
from ui.charts.style import ChartStyle
from workbench.analysis.comparison import CaseScores

LEGIBLE_ROWS = 100


class GridChart(Chart):
    def __init__(self, style: ChartStyle, parent=None) -> None:
        super().__init__(style, parent)
        self.title_band = TextBand(style, self.title)
        self.view = pg.ViewBox(enableMenu=False)
        self.view.invertY(True)
        self.view.setMouseEnabled(x=False, y=True)
        self.view.setDefaultPadding(0)
        self.header = ColumnHeader(style, self.view)
        self.labels = RowLabels(style, self.view)
        self.item = PaintedItem(self._paint_rows)
        self.view.addItem(self.item)
        self.legend = Legend(style)
        self.ci.addItem(self.title_band, row=0, col=0, colspan=2)
        self.ci.addItem(self.header, row=1, col=1)
        self.ci.addItem(self.labels, row=2, col=0)
        self.ci.addItem(self.view, row=2, col=1)
        self.ci.addItem(self.legend, row=3, col=0, colspan=2)
        self.cases: list[CaseScores] = []
        self._span: float | None = None  # the most rows shown at once, at the last check
        self.view.sigResized.connect(lambda *_: self._keep_names_legible())
        self.row_px = 0.0
        self.first_row = self.last_row = 0  # the rows being painted

    # --- to be provided by each chart ------------------------------------------------------

    def columns(self) -> tuple[float, float, list[HeaderColumn], list[HeaderColumn]]:
        """(left, right, columns, groups of columns) in view x units."""
        raise NotImplementedError

    def legend_sections(self) -> list[tuple[str, list[LegendEntry]]]:
        raise NotImplementedError

    def paint_row(self, painter: QPainter, to_device, row: int, case: CaseScores) -> None:
        raise NotImplementedError

    def target_in_row(self, x: float, y_in_row: float, case: CaseScores):
        raise NotImplementedError

    # --- shared ------------------------------------------------------------------------------

    def redraw(self) -> None:
        assert self.comparison is not None
        self.cases = [self.comparison.case(i) for i in self.order]
        left, right, columns, groups = self.columns()
        rows = len(self.cases)
        self.title_band.set_text(self.title)
        self.header.set_columns(columns, groups)
        colours = (
            [self.group_colour(c.id) for c in self.cases] if self.options.group_by != "none" else []
        )
        groups = [self.groups[c.id] for c in self.cases] if self.options.group_by != "none" else []
        self.labels.set_labels(
            [c.name for c in self.cases], colours, self.chart_style.px(230), groups
        )
        same_rows = rows == self.item.rows and (left, right) == (self.item.left, self.item.width)
        self.item.set_extent(left, right, rows)
        self.view.setLimits(
            xMin=left, xMax=right, yMin=0, yMax=max(rows, 1), maxYRange=max(rows, 1)
        )
        if not same_rows:  # otherwise keep where the user has zoomed or scrolled to
            self.view.setRange(xRange=(left, right), yRange=(0, max(rows, 1)), padding=0)
        self._keep_names_legible()
        sections = self.legend_sections()
        if self.options.group_by != "none":
            entries = [LegendEntry(g, self.colour_of_group(g)) for g in self.group_names]
            sections += group_sections(entries, self.colour_slots)
        self.legend.set_sections(sections)
        self.item.update()
        self.labels.update()

    @contextmanager
    def every_case_shown(self) -> Iterator[None]:
        """A figure holds all rows: the window may show only those that fit with their
        names, or where the user scrolled or zoomed to."""
        shown = self.view.viewRange()[1]
        rows = float(max(len(self.cases), 1))
        self.view.setLimits(maxYRange=rows)
        self.view.setYRange(0, rows, padding=0)
        try:
            yield
        finally:
            self._keep_names_legible()
            self.view.setYRange(*shown, padding=0)

    def _keep_names_legible(self) -> None:
        """Up to LEGIBLE_ROWS cases, every row stays tall enough for its name and
        numbers (large type included): fewer rows show at once and the rest scroll.
        Beyond that the chart is an overview, every n-th name written."""
        rows = len(self.cases)
        height = self.view.height()
        if not rows or height <= 0:
            return
        need = QFontMetricsF(self.labels.font).height() * 1.1
        span = float(rows) if rows > LEGIBLE_ROWS else min(float(rows), max(1.0, height / need))
        previous, self._span = self._span, span
        self.view.setLimits(maxYRange=span)
        (_, _), (y0, y1) = self.view.viewRange()
        if y1 - y0 > span + 1e-6:
            self.view.setYRange(y0, y0 + span, padding=0)
        elif previous is not None and span > previous and abs(y1 - y0 - previous) < 1e-6:
            top = max(0.0, min(y0, rows - span))  # it showed all it could: show more
            self.view.setYRange(top, top + span, padding=0)

    def _paint_rows(self, painter: QPainter, first: int, last: int) -> None:
        # Draw in scene units, which are unscaled pixels: text keeps its size and shape.
        to_scene = self.item.sceneTransform()
        inverse, _ = to_scene.inverted()
        painter.setTransform(inverse * painter.transform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        # The view only scales and shifts: map cells with four numbers, not a QTransform.
        sx, sy, ox, oy = to_scene.m11(), to_scene.m22(), to_scene.dx(), to_scene.dy()

        def to_device(x: float, y: float, w: float, h: float) -> QRectF:
            left, top = x * sx + ox, y * sy + oy
            width, height = w * sx, h * sy
            if height < 0:
                top, height = top + height, -height
            return QRectF(left, top, width, height)

        self.row_px = abs(sy)
        self.first_row, self.last_row = first, last
        self.prepare_paint()
        for row in range(first, last):
            self.paint_row(painter, to_device, row, self.cases[row])

    def prepare_paint(self) -> None:
        """Work shared by all rows of one paint (colours, fonts), before the rows."""

    def target_at(self, scene_pos: QPointF):
        if not self.cases or not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.view.mapSceneToView(scene_pos)
        row = math.floor(point.y())
        if not 0 <= row < len(self.cases):
            return None
        return self.target_in_row(point.x(), point.y() - row, self.cases[row])

    def row_pixels(self) -> float:
        """Height of one row on screen."""
        (_, _), (y0, y1) = self.view.viewRange()
        return (self.view.height() or 1) / max(1e-9, y1 - y0)
