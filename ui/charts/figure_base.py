"""What every figure shares: its type (fonts measured at the figure's resolution),
words wrapped onto lines, the title and the legend.

A figure is laid out in logical pixels of 1/96 inch at its final size, so a font
of 8 pt is 8 pt on paper; nothing is scaled from the screen, and no text is cut:
a name that does not fit wraps, takes a short form, or the figure says it needs
more room.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication

from ui.charts.base import LegendEntry, draw_entry, group_sections
from ui.charts.style import ChartStyle
from workbench.analysis.comparison import (
    ChartOptions,
    Comparison,
    group_colour_slots,
    group_labels,
    group_order,
    order_cases,
)
from workbench.analysis.figure_spec import FigureSpec

DOTS_PER_METRE_96 = round(96 / 0.0254)


def reference_device() -> QImage:
    """A paint device of 96 dots per inch, whatever the screen: fonts measured on it
    have the size they will have in the figure."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(DOTS_PER_METRE_96)
    image.setDotsPerMeterY(DOTS_PER_METRE_96)
    return image


class Typography:
    """The figure's fonts and their metrics."""

    def __init__(self, spec: FigureSpec) -> None:
        family = spec.font_family or QFontInfo(QApplication.font()).family()
        self.device = reference_device()
        self.body = self._font(family, spec.type_size)
        self.bold = self._font(family, spec.type_size, bold=True)
        self.title = self._font(family, spec.type_size + 1.5, bold=True)
        self.line = self.metrics(self.body).lineSpacing()

    @staticmethod
    def _font(family: str, points: float, bold: bool = False) -> QFont:
        font = QFont(family)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setKerning(True)
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def width(self, font: QFont, text: str) -> float:
        return self.metrics(font).horizontalAdvance(text)

    def wrap(self, font: QFont, text: str, width: float, max_lines: int = 2) -> list[str] | None:
        """`text` broken at spaces into lines no wider than `width`, or None when it
        needs more than `max_lines` lines or a word is wider than `width`."""
        metrics = self.metrics(font)
        lines: list[str] = []
        for word in text.split():
            if metrics.horizontalAdvance(word) > width:
                return None
            if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        if len(lines) > max_lines:
            return None
        return lines or [""]


def draw_lines(
    painter: QPainter,
    font: QFont,
    lines: list[str],
    rect: QRectF,
    line: float,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    """Lines of text centred vertically in `rect`, each aligned as asked."""
    painter.setFont(font)
    top = rect.top() + (rect.height() - line * len(lines)) / 2
    for i, text in enumerate(lines):
        painter.drawText(
            QRectF(rect.left(), top + i * line, rect.width(), line),
            align | Qt.AlignmentFlag.AlignVCenter,
            text,
        )


def text_only(entry: LegendEntry) -> bool:
    """An entry that is a note (a key to an abbreviation), without a swatch."""
    return entry.fill is None and entry.marker is None and not entry.corner


@dataclass
class PlacedEntry:
    x: float
    y: float
    text: str
    entry: LegendEntry | None  # None: a section's heading


class FigureBase:
    """A figure of one chart kind: `needed_height(width)`, then `paint` at a size."""

    kind = ""
    title_text = ""
    margin = 5.0

    def __init__(
        self,
        comparison: Comparison,
        options: ChartOptions,
        spec: FigureSpec,
        style: ChartStyle,
    ) -> None:
        self.comparison = comparison
        self.options = options
        self.spec = spec
        self.style = style
        self.type = Typography(spec)
        self.order = order_cases(comparison, options.order, options.group_by)
        self.groups = group_labels(comparison.cases, options.group_by)
        self.group_names = group_order(self.groups)
        self.colour_slots = group_colour_slots(self.groups, options.colour_groups)
        self.width = self.height = 0.0

    # --- groups ------------------------------------------------------------------------

    def group_colour(self, case_id: int) -> QColor:
        if self.options.group_by == "none":
            return QColor(self.style.group_colour(0))
        return self.style.group_colour(self.colour_slots[self.groups[case_id]])

    def group_symbol(self, case_id: int) -> str:
        if self.options.group_by == "none":
            return "o"
        return self.style.symbol(self.group_names.index(self.groups[case_id]))

    def group_legend(self, markers: bool = False) -> list[tuple[str, list[LegendEntry]]]:
        if self.options.group_by == "none":
            return []
        entries = []
        for i, name in enumerate(self.group_names):
            colour = self.style.group_colour(self.colour_slots[name])
            symbol = self.style.symbol(i) if markers else None
            entries.append(LegendEntry(name, colour, marker=symbol))
        return group_sections(entries, self.colour_slots)

    # --- title ---------------------------------------------------------------------------

    def title_lines(self, width: float) -> list[str]:
        if not self.spec.title:
            return []
        lines = self.type.wrap(self.type.title, self.title_text, width, max_lines=4)
        return lines or [self.title_text]

    def title_height(self, width: float) -> float:
        lines = self.title_lines(width)
        if not lines:
            return 0.0
        return len(lines) * self.type.metrics(self.type.title).lineSpacing() + self.type.line * 0.4

    def paint_title(self, painter: QPainter, width: float) -> float:
        lines = self.title_lines(width)
        if not lines:
            return self.margin
        height = self.title_height(width)
        painter.setPen(self.style.foreground)
        line = self.type.metrics(self.type.title).lineSpacing()
        rect = QRectF(self.margin, self.margin, width, len(lines) * line)
        draw_lines(painter, self.type.title, lines, rect, line)
        return self.margin + height

    # --- legend --------------------------------------------------------------------------

    def legend_sections(self) -> list[tuple[str, list[LegendEntry]]]:
        return []

    def _legend_mark(self, entry: LegendEntry) -> float:
        if text_only(entry):
            return 0.0
        return max(self.type.line * 0.8, entry.size or 0)

    def legend_layout(self, width: float) -> tuple[list[PlacedEntry], float]:
        """Entries flowed into lines of `width`: an entry never breaks; a section's heading
        stays on the line of its first entry."""
        placed: list[PlacedEntry] = []
        gap = self.type.width(self.type.body, "  ")
        line = max(
            [self.type.line * 1.2]
            + [
                (e.size or 0) + 3
                for _, entries in self.legend_sections()
                for e in entries
                if e.size
            ]
        )
        x = y = 0.0
        for title, entries in self.legend_sections():
            items: list[tuple[str, LegendEntry | None]] = []
            if title:
                items.append((title, None))
            items += [(e.label, e) for e in entries]
            for k, (text, entry) in enumerate(items):
                w = self.type.width(self.type.body, text)
                if entry is not None and not text_only(entry):
                    w += self._legend_mark(entry) + gap / 2
                if entry is None and entries:  # keep the heading with its first entry
                    first = entries[0]
                    together = w + gap + self._legend_mark(first) + gap / 2
                    together += self.type.width(self.type.body, first.label)
                else:
                    together = w
                if x > 0 and x + together > width:
                    x, y = 0.0, y + line
                placed.append(PlacedEntry(x, y, text, entry))
                x += w + (gap if k < len(items) - 1 else gap * 2)
        return placed, (y + line if placed else 0.0)

    def legend_height(self, width: float) -> float:
        return self.legend_layout(width)[1]

    def paint_legend(self, painter: QPainter, left: float, top: float, width: float) -> None:
        placed, _ = self.legend_layout(width)
        line = self.type.line * 1.2
        gap = self.type.width(self.type.body, "  ")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for p in placed:
            x, y = left + p.x, top + p.y
            if p.entry is None:
                painter.setFont(self.type.body)
                painter.setPen(self.style.muted)
                painter.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignVCenter, p.text)
                continue
            mark = self._legend_mark(p.entry)
            height = max(line, mark + 3)
            if mark:
                draw_entry(
                    painter, self.style, QRectF(x, y + (line - mark) / 2, mark, mark), p.entry
                )
            painter.setFont(self.type.body)
            painter.setPen(self.style.foreground)
            painter.drawText(
                QRectF(
                    x + (mark + gap / 2 if mark else 0), y, width, height if p.entry.size else line
                ),
                Qt.AlignmentFlag.AlignVCenter,
                p.text,
            )

    # --- to be provided ----------------------------------------------------------------

    def min_width(self) -> float:
        """The narrowest width at which every label is whole."""
        return 0.0

    def needed_height(self, width: float) -> float:
        raise NotImplementedError

    def natural_height(self, width: float) -> float:
        """The height when none is asked for."""
        return self.needed_height(width)

    def paint(self, painter: QPainter) -> None:
        raise NotImplementedError
