"""One QUndoStack per open project, wrapping the core's commands.

A command is applied by the core first; only when that succeeded is it put on
the stack (whose first redo is then skipped). Errors thus reach the caller as
ordinary exceptions instead of vanishing inside Qt's virtual redo().
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.commands import Command
from workbench.project import Project


class CoreUndoCommand(QUndoCommand):
    def __init__(self, project: Project, command: Command) -> None:
        super().__init__(command.label)
        self.project = project
        self.command = command
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False  # already applied by ProjectUndoStack.run
            return
        self.project.apply(self.command)

    def undo(self) -> None:
        self.project.revert(self.command)


class ProjectUndoStack(QUndoStack):
    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.setUndoLimit(500)

    def run(self, command: Command) -> None:
        """Apply a core command (one transaction) and make it undoable."""
        self.project.apply(command)
        self.push(CoreUndoCommand(self.project, command))
