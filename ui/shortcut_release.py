"""Window shortcuts that single-line text fields must not swallow.

On X11 desktops a line edit claims Ctrl+E (move to the end of the line, Emacs
style) in its ShortcutOverride, so New Excerpt did nothing while the case
filter had focus, which is where focus starts. The End key does the same in a
field, so these keys go to the window instead.

The filter sits on the focused line edit only (installed as focus arrives), not
on the application: an application-wide Python filter runs for every event,
thousands of them during the launch alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


class ShortcutRelease(QObject):
    def __init__(self, keys: Iterable[QKeySequence], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = [k for k in keys if not k.isEmpty()]
        self._window: QWidget | None = None

    def watch_focus_within(self, window: QWidget) -> None:
        """Filter every line edit of `window` that receives the focus."""
        self._window = window
        QApplication.instance().focusChanged.connect(self._on_focus_changed)

    def stop_watching(self) -> None:
        if self._window is not None:
            QApplication.instance().focusChanged.disconnect(self._on_focus_changed)
            self._window = None

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and new.window() is self._window:
            new.removeEventFilter(self)  # installing twice would filter twice
            new.installEventFilter(self)

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
