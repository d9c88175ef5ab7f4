"""Small reusable widgets: text editors that commit once, on leaving the field."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSizePolicy


class CommitLineEdit(QLineEdit):
    """Emits `committed(text)` when editing finishes with a changed text."""

    committed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._shown = ""
        self.editingFinished.connect(self._on_editing_finished)

    def show_value(self, text: str) -> None:
        self._shown = text
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)

    def commit(self) -> None:
        """Emit the text if it changed since shown (also when the focus stays here)."""
        if self.text() != self._shown:
            self._shown = self.text()
            self.committed.emit(self.text())

    def _on_editing_finished(self) -> None:
        self.commit()


class CommitTextEdit(QPlainTextEdit):
    """Plain-text memo editor: emits `committed(text)` on focus out if the text changed.

    Plain text only: pasted rich text is never interpreted. Ctrl+Enter commits too.
    """

    committed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._shown = ""
        self.setTabChangesFocus(True)

    def show_value(self, text: str) -> None:
        self._shown = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._shown:
            self._shown = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commit()
            return
        super().keyPressEvent(event)


class ElidedLabel(QLabel):
    """One line of plain text, cut with an ellipsis when narrow (full text as tooltip)."""

    def __init__(self, text: str, parent=None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().windowText().color())
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter), text)
