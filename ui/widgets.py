"""Small reusable widgets: text fields that save what is typed about a second after typing
stops (and on leaving the field), and an elided label.

A run of typing in one field is one *typing session*: every save it makes carries the
session's number (`typing_session()` while the save runs), so the undo stack folds the
saves into one step. Leaving the field, or the field showing another value, ends it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import count

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

AUTOSAVE_MS = 1000  # a pause this long in typing saves the text

_sessions = count(1)
_saving: list[int] = []  # the session whose save is running now (innermost last)
_unsaved: weakref.WeakSet[_Typing] = weakref.WeakSet()


def typing_session() -> int | None:
    """The typing session whose save is running now, or None (not a save of typed text)."""
    return _saving[-1] if _saving else None


def save_all_typing() -> None:
    """Save every field holding typed text not yet saved: before an undo, a redo or any
    other change, so typed text is never overwritten or left behind."""
    for typing in list(_unsaved):
        if shiboken6.isValid(typing.field):
            typing.save(pausing=False)
        else:
            _unsaved.discard(typing)


@contextmanager
def _saving_in(session: int) -> Iterator[None]:
    _saving.append(session)
    try:
        yield
    finally:
        _saving.pop()


class _Typing:
    """What a field shows as saved, its unsaved typing, the pause timer and the session."""

    def __init__(
        self, field: QWidget, text: Callable[[], str], emit: Callable[[str], None]
    ) -> None:
        self.field = field
        self.text = text
        self.emit = emit
        self.shown = ""
        self.before = ""  # what was shown before the save running now
        self.session = next(_sessions)
        self.pausing = False  # True while a save made by a pause runs
        self.timer = QTimer(field)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(lambda: self.save(pausing=True))

    def typed(self) -> None:
        if self.text() == self.shown:
            self.timer.stop()
            _unsaved.discard(self)
        else:
            self.timer.start()
            _unsaved.add(self)

    def save(self, pausing: bool) -> None:
        self.timer.stop()
        _unsaved.discard(self)
        text = self.text()
        if text == self.shown:
            return
        self.before, self.shown = self.shown, text
        self.pausing = pausing
        try:
            with _saving_in(self.session):
                self.emit(text)
        finally:
            self.pausing = False

    def refused(self) -> None:
        """The text just emitted was not saved: it stays unsaved, to be offered again."""
        self.shown = self.before
        _unsaved.add(self)

    def show(self, text: str, replaces: bool) -> None:
        """The value from the file. `replaces`: it differs from the text in the field, so
        the field is set to it and the typing session ends."""
        self.timer.stop()
        _unsaved.discard(self)
        self.shown = text
        if replaces:
            self.session = next(_sessions)

    def leave(self) -> None:
        self.save(pausing=False)
        self.session = next(_sessions)


class CommitLineEdit(QLineEdit):
    """One line, saved (`committed(text)`) a second after typing stops, on Enter and on
    leaving the field.

    `same(a, b)`: whether two texts are one value (for a field the file stores trimmed or
    sorted); a value shown that is the typed text's own is not put back into the field,
    so the spaces and commas still being typed stay.
    """

    committed = Signal(str)

    def __init__(self, parent=None, same: Callable[[str, str], bool] | None = None) -> None:
        super().__init__(parent)
        self._same = same or (lambda a, b: a == b)
        self._typing = _Typing(self, self.text, self.committed.emit)
        self.textEdited.connect(lambda _text: self._typing.typed())
        self.editingFinished.connect(self.commit)

    @property
    def pausing(self) -> bool:
        """True while the save running was made by a pause: the user is still typing."""
        return self._typing.pausing

    def show_value(self, text: str) -> None:
        replaces = not self._same(self.text(), text)
        self._typing.show(text, replaces)
        if replaces:
            self.setText(text)
            self.setCursorPosition(0)

    def commit(self) -> None:
        """Emit the text if it changed since shown (also when the focus stays here)."""
        self._typing.save(pausing=False)

    def refuse(self) -> None:
        """Called by a receiver of `committed` that did not save the text (a title erased
        to be retyped): it is offered again at the next save."""
        self._typing.refused()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)  # editingFinished first: saved in this session
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a completer or menu
            self._typing.leave()


class CommitTextEdit(QPlainTextEdit):
    """Plain-text memo editor, saved (`committed(text)`) a second after typing stops, on
    leaving the field and on Ctrl+Enter.

    Plain text only: pasted rich text is never interpreted.
    """

    committed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._typing = _Typing(self, self.toPlainText, self.committed.emit)
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._typing.typed)

    @property
    def pausing(self) -> bool:
        return self._typing.pausing

    def show_value(self, text: str) -> None:
        replaces = self.toPlainText() != text
        self._typing.show(text, replaces)
        if replaces:
            self.setPlainText(text)

    def commit(self) -> None:
        self._typing.save(pausing=False)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() == Qt.FocusReason.PopupFocusReason:  # the context menu
            self.commit()
        else:
            self._typing.leave()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
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
