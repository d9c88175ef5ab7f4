"""What every comparison chart shares: data and options, hover and click, bands of text.

A chart is a pyqtgraph `GraphicsLayoutWidget`. Cells, dots and labels are painted
by a few items that draw only what is visible, in device pixels (so text is not
stretched by the view's scaling) and with plain QPainter calls, so that a figure
rendered into SVG or PDF stays vector with its text as text.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from ui.charts.style import ChartStyle
from workbench.analysis.comparison import (
    ChartOptions,
    ChartTable,
    Comparison,
    Target,
    chart_table,
    group_colour_slots,
    group_labels,
    group_order,
    order_cases,
)

log = logging.getLogger("workbench.gui")


def guarded(paint: Callable) -> Callable:
    """A chart item's `paint` that logs its failure instead of raising it.

    pyqtgraph's view paints its scene from Python: an error raised inside an item's
    paint cannot be reported by the binding and ends the process. Logged, the item
    stays blank for this paint and the window lives on.
    """

    @functools.wraps(paint)
    def safe(self, painter: QPainter, *args) -> None:
        try:
            paint(self, painter, *args)
        except Exception:  # logged: raising here would end the process
            log.error("drawing %s failed", type(self).__name__, exc_info=True)

    return safe


def device_rect(painter: QPainter, rect: QRectF) -> QRectF:
    """`rect` (item coordinates) in the painter's device pixels, normalised."""
    return painter.transform().mapRect(rect).normalized()


def elide(metrics: QFontMetricsF, text: str, width: float) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


class Chart(pg.GraphicsLayoutWidget):
    """Base of the five charts: `show_comparison` draws, `target_at` finds what is under
    a point, hover shows a tooltip, a left click emits `clicked(Target)`."""

    hovered = Signal(object)  # Target or None
    clicked = Signal(object)  # Target
    sort_requested = Signal(str)  # an order key (see order_cases), from a column heading
    kind = ""
    title = ""

    def __init__(self, style: ChartStyle, parent=None) -> None:
        super().__init__(parent)
        self.chart_style = style
        self.comparison: Comparison | None = None
        self.options = ChartOptions()
        self.order: list[int] = []
        self.groups: dict[int, str] = {}
        self.group_names: list[str] = []
        self.colour_slots: dict[str, int] = {}
        self.tooltip_text = ""
        self.setBackground(style.background)
        self.ci.setContentsMargins(*(style.px(8),) * 4)
        self.ci.setSpacing(style.px(4))
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    # --- data -------------------------------------------------------------------------

    def show_comparison(self, comparison: Comparison, options: ChartOptions | None = None) -> None:
        self.comparison = comparison
        if options is not None:
            self.options = options
        self.order = order_cases(comparison, self.options.order, self.options.group_by)
        self.groups = group_labels(comparison.cases, self.options.group_by)
        self.group_names = group_order(self.groups)
        self.colour_slots = group_colour_slots(self.groups, self.options.colour_groups)
        self.redraw()

    def redraw(self) -> None:
        raise NotImplementedError

    @contextmanager
    def every_case_shown(self) -> Iterator[None]:
        """While a figure is drawn: every case in it, whatever the window shows."""
        yield

    def table(self) -> ChartTable:
        assert self.comparison is not None
        return chart_table(
            self.comparison,
            self.kind,
            self.order,
            self.options.group_by,
            self.compare_ids(),
        )

    def compare_ids(self) -> list[int]:
        known = {c.id for c in self.comparison.cases} if self.comparison else set()
        chosen = [i for i in self.options.compare_ids if i in known]
        return chosen or self.order[:2]

    def group_colour(self, case_id: int) -> QColor:
        if self.options.group_by == "none":
            return QColor("#0072B2")
        return self.colour_of_group(self.groups[case_id])

    def colour_of_group(self, group: str) -> QColor:
        """A group's colour by its name (the same in every selection, chart and slide)."""
        return self.chart_style.group_colour(self.colour_slots.get(group, -1))

    def group_index(self, case_id: int) -> int:
        if self.options.group_by == "none":
            return 0
        return self.group_names.index(self.groups[case_id])

    # --- interaction -----------------------------------------------------------------

    def target_at(self, scene_pos: QPointF) -> Target | None:
        raise NotImplementedError

    def describe(self, target: Target) -> str:
        """Case, type or mechanism, score, confidence, evidence count."""
        comparison = self.comparison
        assert comparison is not None
        framework = comparison.framework
        case = comparison.case(target.case_id)
        lines = [case.case.title]
        if self.options.group_by != "none":
            lines.append(f"Group: {self.groups[case.id]}")
        if target.mechanism is not None:
            j = comparison.mechanism_index(target.mechanism)
            mechanism = framework.mechanism(target.mechanism)
            strength = case.strengths[j]
            pt = framework.power_type(mechanism.power_type)
            lines += [
                f"{mechanism.label} ({pt.name.lower()})",
                f"Strength: {_value(strength, framework.strength_labels)}",
                f"Evidence: {case.mechanism_evidence[j]} excerpt link(s)",
            ]
        elif target.power_type is not None:
            k = comparison.type_index(target.power_type)
            pt = framework.power_type(target.power_type)
            lines += [
                pt.name,
                f"Score: {_value(case.scores[k], framework.score_labels)}",
                f"Confidence: {case.confidence[k] or '–'}",
                f"Evidence: {case.evidence[k]} excerpt link(s)",
            ]
        else:
            lines.append(f"Total score {case.total}; evidence: {case.evidence_total} link(s)")
        return "\n".join(lines)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if self.comparison is None:
            return
        target = self.target_at(scene_pos)
        self.tooltip_text = self.describe(target) if target else ""
        self.hovered.emit(target)
        if target is None:
            QToolTip.hideText()
            return
        view_pos = self.mapFromScene(scene_pos)
        QToolTip.showText(self.viewport().mapToGlobal(view_pos), self.tooltip_text, self)

    def _on_mouse_clicked(self, event) -> None:
        if self.comparison is None or event.button() != Qt.MouseButton.LeftButton:
            return
        target = self.target_at(event.scenePos())
        if target is not None:
            self.clicked.emit(target)
            return
        order = self.order_at(event.scenePos())
        if order is not None:
            self.sort_requested.emit(order)

    def order_at(self, scene_pos: QPointF) -> str | None:
        """The row order a click on a column heading asks for (None: not a heading)."""
        return None


def _value(value: int | None, labels: tuple[str, ...]) -> str:
    return "not coded" if value is None else f"{value} ({labels[value]})"


class TextBand(pg.GraphicsWidget):
    """A line of text (the title, or a note) that takes the width it is given."""

    def __init__(self, style: ChartStyle, text: str = "", size: float = 11, bold: bool = True):
        super().__init__()
        self.chart_style = style
        self.font = style.font(size, bold)
        self.text = text
        height = QFontMetricsF(self.font).height() * 1.3
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.setSizePolicy(
            pg.QtWidgets.QSizePolicy.Policy.Expanding, pg.QtWidgets.QSizePolicy.Policy.Fixed
        )

    def set_text(self, text: str) -> None:
        self.text = text
        self.update()

    @guarded
    def paint(self, painter: QPainter, *_args) -> None:
        painter.setFont(self.font)
        painter.setPen(self.chart_style.foreground if self.font.bold() else self.chart_style.muted)
        metrics = QFontMetricsF(self.font)
        rect = self.boundingRect()
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            elide(metrics, self.text, rect.width()),
        )


@dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: QColor | None = None  # a swatch
    marker: str | None = None  # or a marker: symbol name, drawn in `fill`
    outline: bool = False  # hollow marker
    corner: bool = False  # the low-confidence corner mark
    size: float | None = None  # marker diameter in pixels (default: the text height)


OTHER_GROUPS = "Other groups (grey):"


def group_sections(
    entries: list[LegendEntry], slots: dict[str, int]
) -> list[tuple[str, list[LegendEntry]]]:
    """The groups' legend: those with a colour of their own, then the rest, said to be
    one grey "other" colour (beyond seven groups colours are no longer told apart)."""
    coloured = [e for e in entries if slots.get(e.label, -1) >= 0]
    other = [e for e in entries if slots.get(e.label, -1) < 0]
    sections = [("Group:", coloured)] if coloured else []
    if other:
        sections.append((OTHER_GROUPS, other))
    return sections


class Legend(pg.GraphicsWidget):
    """Swatches or markers with their labels, in rows that wrap to the width."""

    def __init__(self, style: ChartStyle) -> None:
        super().__init__()
        self.chart_style = style
        self.font = style.font(9)
        self.sections: list[tuple[str, list[LegendEntry]]] = []
        self.setSizePolicy(
            pg.QtWidgets.QSizePolicy.Policy.Expanding, pg.QtWidgets.QSizePolicy.Policy.Fixed
        )

    def set_sections(self, sections: list[tuple[str, list[LegendEntry]]]) -> None:
        self.sections = [(title, entries) for title, entries in sections if entries or title]
        self._fit(self.size().width() or 800)
        self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit(event.newSize().width())

    def _line(self) -> float:
        metrics = QFontMetricsF(self.font)
        sizes = [e.size or 0 for _, entries in self.sections for e in entries]
        return max(metrics.height() * 1.35, max(sizes, default=0) + 4)

    def _layout(self, width: float) -> list[tuple[float, float, str, object]]:
        metrics = QFontMetricsF(self.font)
        line = self._line()
        box = metrics.height() * 0.9
        gap = metrics.horizontalAdvance("  ")
        placed = []
        x = y = 0.0
        for title, entries in self.sections:
            if x > 0:
                x += gap * 2
            words = [(title, None)] + [(e.label, e) for e in entries]
            for text, entry in words:
                mark = max(box, entry.size or 0) if entry else 0
                w = metrics.horizontalAdvance(text) + (mark + gap / 2 if entry else 0)
                if x > 0 and x + w > width:
                    x, y = 0.0, y + line
                placed.append((x, y, text, entry))
                x += w + gap
        return placed

    def _fit(self, width: float) -> None:
        placed = self._layout(width)
        line = self._line()
        height = (placed[-1][1] + line) if placed else 0
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    @guarded
    def paint(self, painter: QPainter, *_args) -> None:
        style = self.chart_style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font)
        metrics = QFontMetricsF(self.font)
        line = self._line()
        box = metrics.height() * 0.9
        gap = metrics.horizontalAdvance("  ")
        for x, y, text, entry in self._layout(self.boundingRect().width()):
            if entry is None:
                painter.setPen(style.muted)
                painter.drawText(QRectF(x, y, 1000, line), Qt.AlignmentFlag.AlignVCenter, text)
                continue
            mark = max(box, entry.size or 0)
            swatch = QRectF(x, y + (line - mark) / 2, mark, mark)
            draw_entry(painter, style, swatch, entry)
            painter.setPen(style.foreground)
            painter.drawText(
                QRectF(x + mark + gap / 2, y, 1000, line), Qt.AlignmentFlag.AlignVCenter, text
            )


def draw_entry(painter: QPainter, style: ChartStyle, rect: QRectF, entry: LegendEntry) -> None:
    if entry.corner:
        painter.setPen(QPen(style.grid, 1))
        painter.setBrush(style.unscored)
        painter.drawRect(rect)
        draw_corner(painter, rect, style.foreground, share=0.6)  # legible in a small swatch
    elif entry.marker is not None:
        size = entry.size or rect.width() * 0.85
        draw_marker(painter, entry.marker, rect.center(), size, entry.fill, entry.outline, style)
    else:
        painter.setPen(QPen(style.grid, 1))
        painter.setBrush(entry.fill)
        painter.drawRect(rect)


def draw_corner(painter: QPainter, rect: QRectF, colour: QColor, share: float = 0.38) -> None:
    """The low-confidence mark: a triangle in the cell's top-left corner, its sides
    `share` of the cell's shorter side."""
    side = min(rect.width(), rect.height()) * share
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(
        [
            rect.topLeft(),
            QPointF(rect.left() + side, rect.top()),
            QPointF(rect.left(), rect.top() + side),
        ]
    )


def draw_marker(
    painter: QPainter,
    symbol: str,
    centre: QPointF,
    size: float,
    colour: QColor,
    hollow: bool,
    style: ChartStyle,
) -> None:
    """A marker shape as a vector path: filled, or hollow (an outline) for low confidence."""
    r = size / 2
    x, y = centre.x(), centre.y()
    pen = QPen(colour if hollow else style.background, max(1.0, size / 7))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush if hollow else colour)
    if symbol == "s":
        painter.drawRect(QRectF(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76))
    elif symbol == "t":
        painter.drawPolygon(
            [QPointF(x, y - r), QPointF(x + r, y + r * 0.8), QPointF(x - r, y + r * 0.8)]
        )
    elif symbol == "d":
        painter.drawPolygon(
            [QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)]
        )
    elif symbol in ("star", "p", "h"):
        corners = {"star": 5, "p": 5, "h": 6}[symbol]
        inner = 0.45 if symbol == "star" else 1.0
        points = []
        for i in range(corners * (2 if symbol == "star" else 1)):
            radius = r if i % 2 == 0 or symbol != "star" else r * inner
            angle = -math.pi / 2 + i * math.pi / (corners if symbol == "star" else corners / 2)
            points.append(QPointF(x + radius * math.cos(angle), y + radius * math.sin(angle)))
        painter.drawPolygon(points)
    elif symbol == "+":
        painter.setPen(QPen(colour, max(1.5, size / 4)))
        painter.drawLine(QPointF(x - r, y), QPointF(x + r, y))
        painter.drawLine(QPointF(x, y - r), QPointF(x, y + r))
    else:
        painter.drawEllipse(centre, r, r)


class RowLabels(pg.GraphicsWidget):
    """Case names beside the rows of a linked view (row i spans y = i .. i+1).

    When the rows are too tight for every name, every n-th is written. With a
    grouping, a coloured strip shows each row's group and the group's name stands
    left of its first row (and of the first row shown, when scrolled into it).
    """

    def __init__(self, style: ChartStyle, view: pg.ViewBox) -> None:
        super().__init__()
        self.chart_style = style
        self.view = view
        self.font = style.font(9)
        self.labels: list[str] = []
        self.colours: list[QColor | None] = []
        self.groups: list[str] = []
        self.group_font = style.font(9, bold=True)
        self.group_width = 0.0
        view.sigYRangeChanged.connect(lambda *_: self.update())
        view.sigResized.connect(lambda *_: self.update())
        self.setSizePolicy(
            pg.QtWidgets.QSizePolicy.Policy.Fixed, pg.QtWidgets.QSizePolicy.Policy.Expanding
        )

    def set_labels(
        self,
        labels: list[str],
        colours: list[QColor | None],
        max_width: float,
        groups: list[str] | None = None,
    ) -> None:
        self.labels, self.colours, self.groups = labels, colours, groups or []
        metrics = QFontMetricsF(self.font)
        widest = max((metrics.horizontalAdvance(t) for t in labels), default=40)
        group_metrics = QFontMetricsF(self.group_font)
        self.group_width = (
            min(
                max(group_metrics.horizontalAdvance(g) for g in self.groups),
                self.chart_style.px(140),
            )
            + self.chart_style.px(8)
            if self.groups
            else 0.0
        )
        width = self.group_width + min(widest, max_width) + self.chart_style.px(16)
        self.setMinimumWidth(width)
        self.setMaximumWidth(width)
        self.update()

    @guarded
    def paint(self, painter: QPainter, *_args) -> None:
        if not self.labels:
            return
        (_, _), (y0, y1) = self.view.viewRange()
        rect = self.boundingRect()
        height = self.view.height() or rect.height()
        per_row = height / max(1e-9, y1 - y0)
        if per_row <= 0:  # the window too small to show a row
            return
        metrics = QFontMetricsF(self.font)
        step = max(1, math.ceil(metrics.height() * 1.05 / per_row))
        painter.setFont(self.font)
        strip = self.chart_style.px(5)
        first = max(0, math.floor(y0))
        last = min(len(self.labels), math.ceil(y1))
        top = self.mapFromItem(self.view, QPointF(0, 0)).y()
        for i in range(first, last):
            y = top + (i - y0) * per_row
            colour = self.colours[i] if i < len(self.colours) else None
            if colour is not None:
                painter.fillRect(QRectF(rect.right() - strip, y, strip, per_row), colour)
            if self.groups and (i == first or self.groups[i] != self.groups[i - 1]):
                self._paint_group(painter, i, y, per_row, i != first)
            if i % step:
                continue
            painter.setFont(self.font)
            painter.setPen(self.chart_style.foreground)
            names = rect.width() - strip * 2 - self.group_width
            painter.drawText(
                QRectF(
                    self.group_width,
                    y + per_row / 2 - metrics.height(),
                    names,
                    metrics.height() * 2,
                ),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                elide(metrics, self.labels[i], names),
            )

    def _paint_group(self, painter: QPainter, i: int, y: float, per_row: float, rule: bool) -> None:
        """The group's name beside its first row, a rule above it between two groups."""
        style = self.chart_style
        if rule:
            painter.setPen(QPen(style.grid, 1))
            painter.drawLine(QPointF(0, y), QPointF(self.boundingRect().width(), y))
        metrics = QFontMetricsF(self.group_font)
        painter.setFont(self.group_font)
        painter.setPen(style.foreground)
        width = self.group_width - style.px(6)
        if metrics.horizontalAdvance(self.groups[i]) <= width:  # on the line of its first row
            box = QRectF(0, y + per_row / 2 - metrics.height(), width, metrics.height() * 2)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        else:  # wrapped, from the top of its first row down
            box = QRectF(0, y, width, max(per_row, metrics.height() * 2.2))
            flags = (
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
        painter.drawText(box, flags, self.groups[i])


@dataclass(frozen=True)
class HeaderColumn:
    x0: float
    x1: float
    label: str
    short: str = ""  # used where the label does not fit (the framework's short name)


class ColumnHeader(pg.GraphicsWidget):
    """Column names above a linked view, aligned with its x range; optional group band above.

    Names that do not fit across a column are written upwards, wrapped on two lines.
    """

    def __init__(self, style: ChartStyle, view: pg.ViewBox) -> None:
        super().__init__()
        self.chart_style = style
        self.view = view
        self.font = style.font(9)
        self.group_font = style.font(9.5, bold=True)
        self.columns: list[HeaderColumn] = []
        self.groups: list[HeaderColumn] = []
        self.vertical = False
        view.sigXRangeChanged.connect(lambda *_: self.update())
        view.sigResized.connect(lambda *_: self._refit())
        self.setSizePolicy(
            pg.QtWidgets.QSizePolicy.Policy.Expanding, pg.QtWidgets.QSizePolicy.Policy.Fixed
        )

    def set_columns(self, columns: list[HeaderColumn], groups: list[HeaderColumn]) -> None:
        self.columns, self.groups = columns, groups
        self._refit()

    def _column_px(self) -> float:
        if not self.columns:
            return 0.0
        span = max(c.x1 for c in self.columns) - min(c.x0 for c in self.columns)
        width = self.view.width() or 600
        return min(c.x1 - c.x0 for c in self.columns) * width / max(1e-9, span)

    def text_of(self, column: HeaderColumn, room: float) -> str:
        """The label when it fits in `room`, else the short name; never cut."""
        metrics = QFontMetricsF(self.font)
        if metrics.horizontalAdvance(column.label) <= room or not column.short:
            return column.label
        return column.short

    def _turned_room(self) -> float:
        """The most a turned name may take before the short name is used."""
        return self.chart_style.px(150)

    def _refit(self) -> None:
        metrics = QFontMetricsF(self.font)
        col_px = self._column_px()
        across = [self.text_of(c, col_px - self.chart_style.px(6)) for c in self.columns]
        widest = max((metrics.horizontalAdvance(t) for t in across), default=0)
        self.vertical = widest > col_px - self.chart_style.px(6)
        if self.vertical:
            room = self._turned_room()
            needed = max(
                (metrics.horizontalAdvance(self.text_of(c, room)) for c in self.columns),
                default=0.0,
            )
            height = needed + metrics.height() * 0.8
        else:
            height = metrics.height() * 1.6
        if self.groups:
            height += QFontMetricsF(self.group_font).height() * 1.5
        if abs(height - self.maximumHeight()) > 0.5:
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)
        self.update()

    def column_at(self, scene_pos: QPointF) -> int | None:
        """Index of the column whose heading is under a scene point."""
        if not self.sceneBoundingRect().contains(scene_pos):
            return None
        x = self.mapFromScene(scene_pos).x()
        for i, c in enumerate(self.columns):
            if self._x(c.x0) <= x < self._x(c.x1):
                return i
        return None

    def _x(self, x: float) -> float:
        (v0, v1), _ = self.view.viewRange()
        left = self.mapFromItem(self.view, QPointF(0, 0)).x()
        return left + (x - v0) / max(1e-9, v1 - v0) * (self.view.width() or 1)

    @guarded
    def paint(self, painter: QPainter, *_args) -> None:
        style = self.chart_style
        rect = self.boundingRect()
        top = 0.0
        if self.groups:
            gm = QFontMetricsF(self.group_font)
            band = gm.height() * 1.5
            painter.setFont(self.group_font)
            for g in self.groups:
                x0, x1 = self._x(g.x0), self._x(g.x1)
                painter.setPen(QPen(style.muted, 1))
                painter.drawLine(QPointF(x0 + 2, band - 3), QPointF(x1 - 2, band - 3))
                painter.setPen(style.foreground)
                label = g.label
                if gm.horizontalAdvance(label) > x1 - x0 - 4 and g.short:
                    label = g.short  # the type's initial; the tooltip names it
                painter.drawText(
                    QRectF(x0, 0, x1 - x0, band - 4), Qt.AlignmentFlag.AlignCenter, label
                )
            top = band
        painter.setFont(self.font)
        painter.setPen(style.foreground)
        height = rect.height() - top
        for c in self.columns:
            x0, x1 = self._x(c.x0), self._x(c.x1)
            if not self.vertical:
                painter.drawText(
                    QRectF(x0, top, x1 - x0, height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    self.text_of(c, x1 - x0 - self.chart_style.px(6)),
                )
                continue
            painter.save()
            painter.translate(x0, rect.height() - 2)
            painter.rotate(-90)
            painter.drawText(
                QRectF(0, 0, height - 2, x1 - x0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.text_of(c, self._turned_room()),
            )
            painter.restore()


class PaintedItem(pg.GraphicsObject):
    """An item over [0, width] × [0, rows] that paints through a callback, visible rows only."""

    def __init__(self, paint_rows: Callable[[QPainter, int, int], None]) -> None:
        super().__init__()
        self.paint_rows = paint_rows
        self.width = 1.0
        self.left = 0.0
        self.rows = 0

    def set_extent(self, left: float, width: float, rows: int) -> None:
        self.prepareGeometryChange()
        self.left, self.width, self.rows = left, width, rows
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self.left, 0, self.width - self.left, max(1, self.rows))

    @guarded
    def paint(self, painter: QPainter, *_args) -> None:
        view = self.getViewBox()
        first, last = 0, self.rows
        if view is not None:
            (_, _), (y0, y1) = view.viewRange()
            first, last = max(0, math.floor(y0)), min(self.rows, math.ceil(y1))
        self.paint_rows(painter, first, last)
