"""What a window opened from the main window works with: the project, its change hub and
undo stack, the case list it follows, and the few things it asks of the main window.
Windows receive this instead of reaching into the main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ui.change_hub import ChangeHub
from workbench.project import Project

if TYPE_CHECKING:
    from ui.case_list_panel import CaseListPanel


@dataclass(frozen=True)
class Session:
    project: Project
    hub: ChangeHub
    undo_stack: QUndoStack
    case_list: CaseListPanel  # its order and filter are the ones windows follow
    main_window: QWidget  # where windows return to, and the facilitator's screen
    # show a case in the main window, at a quadrant or a mechanism
    open_case: Callable[[int, str | None, str | None], None]
    current_case: Callable[[], int | None]  # the case the main window shows
    dark: Callable[[], bool]  # the main window's theme is dark
    closed: Callable[[QWidget], None]  # a window tells the main window it has closed

    def listed_case_ids(self) -> list[int]:
        """The cases of the case list as shown: filtered and sorted."""
        from ui.case_list_model import CASE_ID_ROLE

        proxy = self.case_list.proxy
        return [proxy.index(r, 0).data(CASE_ID_ROLE) for r in range(proxy.rowCount())]
