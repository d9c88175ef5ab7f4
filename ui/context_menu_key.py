"""Shift+F10 opens the context menu, as the Menu key does.

Windows sends a context-menu request for both keys; Qt on Linux knows only the Menu
key, and many keyboards (laptops) have none. The request goes to the focused widget,
at its current item when it is a list or a table, so the menu opens where one is
working and acts on what is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

KEY = QKeySequence("Shift+F10")


def menu_position(widget: QWidget) -> tuple[QPoint, QPoint]:
    """Where a keyboard-opened menu belongs in `widget` (local and global): its current
    item, the text cursor, or else the widget's middle. A list's position is in its
    viewport's coordinates, as for a right click."""
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        viewport = widget.viewport()
        rect = widget.visualRect(index) if index.isValid() else viewport.rect()
        point = rect.center()
        return point, viewport.mapToGlobal(point)
    cursor = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    if isinstance(cursor, QRect | QRectF) and cursor.isValid():
        point = cursor.toRect().center() if isinstance(cursor, QRectF) else cursor.center()
    else:
        point = widget.rect().center()
    return point, widget.mapToGlobal(point)


def request_context_menu(widget: QWidget | None = None) -> bool:
    """Ask the focused widget (or `widget`) for its context menu, as the Menu key
    does; False when there is no widget to ask."""
    target = widget or QApplication.focusWidget()
    if target is None or not target.isEnabled():
        return False
    pos, global_pos = menu_position(target)
    QApplication.sendEvent(
        target, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, pos, global_pos)
    )
    return True


def context_menu_action(parent: QWidget) -> QAction:
    """A window-wide Shift+F10 that opens the focused widget's context menu."""
    action = QAction("Context Menu", parent)
    action.setShortcut(KEY)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: request_context_menu())
    parent.addAction(action)
    return action
