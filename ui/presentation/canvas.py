"""Drawing text for a room: sizes follow the slide's height, and every run of text drawn
is recorded (size, colours) so that the smallest size and the contrast can be checked."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

MIN_TEXT_FRACTION = 1 / 40  # the smallest text the room reads: 27 px on 1080 lines, 14 on 540


@dataclass(frozen=True)
class TypeScale:
    """Pixel sizes of the slide's text, as fractions of its height."""

    height: float

    def px(self, fraction: float) -> int:
        return max(1, round(self.height * fraction))

    @property
    def small(self) -> int:  # captions, hints, references: never under the minimum
        return max(1, math.ceil(self.height * MIN_TEXT_FRACTION))

    @property
    def caption(self) -> int:  # score names, row and column names
        return self.px(1 / 36)

    @property
    def body(self) -> int:  # mechanisms, excerpts
        return self.px(1 / 30)

    @property
    def heading(self) -> int:  # power type names
        return self.px(1 / 24)

    @property
    def subtitle(self) -> int:
        return self.px(1 / 28)

    @property
    def title(self) -> int:
        return self.px(1 / 19)

    @property
    def score(self) -> int:
        return self.px(1 / 7)


@dataclass(frozen=True)
class TextRun:
    text: str
    pixel_size: int
    colour: QColor
    background: QColor  # what the text was drawn on
    rect: QRectF  # where it was drawn
    bold: bool = False


@dataclass
class Canvas:
    """A QPainter with the slide's type scale; records what it writes."""

    painter: QPainter
    scale: TypeScale
    family: str = ""
    runs: list[TextRun] = field(default_factory=list)

    def font(self, px: int, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self.family) if self.family else QFont()
        font.setPixelSize(px)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def fill(self, rect: QRectF, colour: QColor) -> None:
        self.painter.fillRect(rect, colour)

    def frame(self, rect: QRectF, colour: QColor, width: float) -> None:
        self.painter.save()
        pen = QPen(colour, width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.painter.setPen(pen)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        self.painter.drawRect(rect.adjusted(half, half, -half, -half))
        self.painter.restore()

    def dashed_frame(self, rect: QRectF, colour: QColor, width: float) -> None:
        self.painter.save()
        pen = QPen(colour, width, Qt.PenStyle.DashLine)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.painter.setPen(pen)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        self.painter.drawRect(rect.adjusted(half, half, -half, -half))
        self.painter.restore()

    def text_height(self, text: str, px: int, width: float, bold: bool = False) -> float:
        metrics = QFontMetricsF(self.font(px, bold))
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()

    def line_height(self, px: int) -> float:
        return QFontMetricsF(self.font(px)).lineSpacing()

    def text(
        self,
        rect: QRectF,
        text: str,
        px: int,
        colour: QColor,
        background: QColor,
        *,
        bold: bool = False,
        italic: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        wrap: bool = True,
    ) -> float:
        """Draw text inside rect (wrapped; lines that do not fit are left out and the last
        shown line ends with an ellipsis). Returns the height used."""
        if not text or rect.height() <= 0 or rect.width() <= 0:
            return 0.0
        font = self.font(px, bold, italic)
        metrics = QFontMetricsF(font)
        lines = wrap_lines(metrics, text, rect.width()) if wrap else [text]
        fitting = max(0, int(rect.height() // metrics.lineSpacing()))
        if fitting == 0:
            return 0.0
        if len(lines) > fitting:
            lines = lines[:fitting]
            lines[-1] = metrics.elidedText(
                lines[-1] + " …", Qt.TextElideMode.ElideRight, rect.width()
            )
        lines = [
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width()) for line in lines
        ]
        used = len(lines) * metrics.lineSpacing()
        self.painter.save()
        self.painter.setFont(font)
        self.painter.setPen(colour)
        horizontal = align & (
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignHCenter
        )
        top = rect.top()
        if align & Qt.AlignmentFlag.AlignVCenter:
            top = rect.top() + (rect.height() - used) / 2
        elif align & Qt.AlignmentFlag.AlignBottom:
            top = rect.bottom() - used
        for i, line in enumerate(lines):
            line_rect = QRectF(
                rect.left(), top + i * metrics.lineSpacing(), rect.width(), metrics.lineSpacing()
            )
            self.painter.drawText(line_rect, int(horizontal | Qt.AlignmentFlag.AlignVCenter), line)
        self.painter.restore()
        drawn = QRectF(rect.left(), top, rect.width(), used)
        self.runs.append(
            TextRun(" ".join(lines), px, QColor(colour), QColor(background), drawn, bold)
        )
        return used


def wrap_lines(metrics: QFontMetricsF, text: str, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is left for elision."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and metrics.horizontalAdvance(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines
