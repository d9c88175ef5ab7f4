"""The core's own undo history, for the command line, scripts and tests.

The desktop application keeps a QUndoStack instead; both call
`Project.apply` / `Project.revert`, so they behave the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.commands.base import Change, Command

if TYPE_CHECKING:
    from workbench.project import Project


class History:
    def __init__(self, project: Project, limit: int = 1000) -> None:
        self.project = project
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> list[Change]:
        changes = self.project.apply(command)
        self._done.append(command)
        del self._done[: -self.limit]
        self._undone.clear()
        return changes

    def undo(self) -> list[Change]:
        command = self._done.pop()
        try:
            changes = self.project.revert(command)
        except BaseException:
            self._done.append(command)
            raise
        self._undone.append(command)
        return changes

    def redo(self) -> list[Change]:
        command = self._undone.pop()
        try:
            changes = self.project.apply(command)
        except BaseException:
            self._undone.append(command)
            raise
        self._done.append(command)
        return changes

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def labels(self) -> list[str]:
        return [c.label for c in self._done]
