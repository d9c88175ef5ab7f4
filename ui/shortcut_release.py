"""Window shortcuts that single-line text fields must not swallow.

On X11 desktops a line edit claims Ctrl+E (move to the end of the line, Emacs
style) in its ShortcutOverride, so New Excerpt did nothing while the case
filter had focus, which is where focus starts. The End key does the same in a
field, so these keys go to the window instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class ShortcutRelease(QObject):
    def __init__(self, keys: Iterable[QKeySequence], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = [k for k in keys if not k.isEmpty()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
        ):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in self.keys):
                event.ignore()
                return True  # not overridden: the window's shortcut fires
        return super().eventFilter(watched, event)
