"""The facilitator's own screen while the room sees the slide: the slide small, the next
case, the private notes, the round's vote count, the time, and every dialog.

Keys typed here drive the presentation exactly as on the slide (a clicker sends them to
whichever window has focus, and that is this one on the laptop).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.presentation.window import PresentationWindow

TICK_MS = 1000


def clock(seconds: float) -> str:
    """Elapsed time as 4:05 or 1:02:03."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class SlidePreview(QWidget):
    """The projected slide (or the next case's), drawn again at a small size with the
    projector's proportions."""

    def __init__(self, presentation: PresentationWindow, following: bool = False) -> None:
        super().__init__()
        self.presentation = presentation
        self.following = following
        self.setAccessibleName(
            "The next case's slide" if following else "The slide as the room sees it"
        )
        self.setMinimumSize(QSize(240, 135))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def slide_rect(self) -> QRectF:
        shown = self.presentation.size()
        ratio = shown.width() / max(1, shown.height()) if shown.height() > 0 else 16 / 9
        width = min(self.width(), self.height() * ratio)
        height = width / ratio
        return QRectF(0, 0, width, height)  # top left, under its caption

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().window())
            rect = self.slide_rect()
            if self.following:
                if not self.presentation.render_next(painter, rect):
                    return  # the last case: nothing follows
            else:
                self.presentation.render_preview(painter, rect)
            painter.setPen(QColor("#808080"))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        finally:
            painter.end()


class PresenterView(QWidget):
    def __init__(self, presentation: PresentationWindow) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.presentation = presentation
        self.started = time.monotonic()
        self.case_started = self.started
        self.setWindowTitle(f"Presenter — {presentation.project.name}")
        self.setAccessibleName("Presenter view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(800, 500))
        for action in presentation.actions():  # Ctrl+S, Ctrl+P, undo… work here too
            self.addAction(action)

        self.preview = SlidePreview(presentation)
        self.next_preview = SlidePreview(presentation, following=True)
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.case_label.setAccessibleName("Current case")
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setAccessibleName("Next case")
        self.votes_label = QLabel()
        self.votes_label.setWordWrap(True)
        self.votes_label.setAccessibleName("Votes")
        self.time_label = QLabel()
        self.time_label.setAccessibleName("Elapsed time")
        self.notes = QTextBrowser()
        self.notes.setAccessibleName("Private notes")
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the presentation
        big = self.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.time_label.setFont(big)
        self.case_label.setFont(big)
        readable = self.font()  # read at a glance, at arm's length
        readable.setPointSizeF(readable.pointSizeF() * 1.2)
        for label in (self.votes_label, self.next_label, self.notes):
            label.setFont(readable)

        buttons = QHBoxLayout()
        self.previous_button = self._button("◀ Previous", Qt.Key.Key_PageUp)
        self.next_button = self._button("Next ▶", Qt.Key.Key_PageDown)
        self.blank_button = self._button("Blank (B)", Qt.Key.Key_B)
        self.end_button = self._button("End (Esc)", Qt.Key.Key_Escape)
        for button in (self.previous_button, self.next_button, self.blank_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.end_button)

        left = QVBoxLayout()
        left.addWidget(QLabel("On the room's screen"))
        left.addWidget(self.preview, 3)
        left.addWidget(self.next_label)
        left.addWidget(self.next_preview, 2)
        left.addLayout(buttons)
        side = QVBoxLayout()
        side.addWidget(self.time_label)
        side.addWidget(self.case_label)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        side.addWidget(line)
        side.addWidget(self.votes_label)
        notes_title = QLabel("Private notes (not on the slide)")
        notes_title.setBuddy(self.notes)
        side.addWidget(notes_title)
        side.addWidget(self.notes, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(side, 2)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.refresh()

    def _button(self, text: str, key: Qt.Key) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the slide
        button.clicked.connect(lambda: self.presentation.press(key))
        return button

    def case_changed(self) -> None:
        self.case_started = time.monotonic()
        self.refresh()

    def _tick(self) -> None:
        now = time.monotonic()
        self.time_label.setText(
            f"{clock(now - self.started)} elapsed  ·  {clock(now - self.case_started)} on this case"
        )

    def refresh(self) -> None:
        """Everything but the clock, from the presentation's state."""
        p = self.presentation
        info = p.presenter_info()
        self.case_label.setText(info.current)
        self.next_label.setText(info.next)
        self.votes_label.setText(info.votes)
        self.notes.setHtml(info.notes_html)
        self._tick()
        self.preview.update()
        self.next_preview.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.presentation.keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        presentation = self.presentation
        if presentation.presenter is self:  # closed by hand: the presentation ends too
            presentation.presenter = None
            presentation.close()
        event.accept()
