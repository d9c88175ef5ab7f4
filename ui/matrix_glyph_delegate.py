"""MatrixGlyphDelegate: the four scores of a case as a 2×2 glyph in the case list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.case_list_model import SCORES_ROLE
from ui.palette import score_colour, text_colour

Index = QModelIndex | QPersistentModelIndex


class MatrixGlyphDelegate(QStyledItemDelegate):
    """Quadrants in Table 1 order: compulsory, institutional / structural, productive."""

    SIZE = 15

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        scores = index.data(SCORES_ROLE) or [None] * 4
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        s = self.SIZE
        left = option.rect.left() + 6
        top = option.rect.top() + (option.rect.height() - 2 * s) // 2
        font = painter.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.72))
        painter.setFont(font)
        for i, score in enumerate(scores[:4]):
            rect = QRect(left + (i % 2) * s, top + (i // 2) * s, s, s)
            painter.fillRect(rect, score_colour(score))
            painter.setPen(QPen(option.palette.mid().color(), 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(text_colour(score))
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignCenter, "–" if score is None else str(score)
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(2 * self.SIZE + 12, 2 * self.SIZE + 6)
