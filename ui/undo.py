"""One QUndoStack per open project, wrapping the core's commands.

A command is applied by the core first; only when that succeeded is it put on
the stack (whose first redo is then skipped). When undoing or redoing fails
(a full disk, a row another edit removed), the file is unchanged by the failed
step, so the stack is moved back to match the file and `failed` says why: the
stack and the file never disagree about what has been done.

Text typed into a field is saved at each pause in the typing; the saves of one run of
typing (one typing session of `ui.widgets`) are folded into one step. Typed text not yet
saved is saved before any other change, undo or redo, so it is neither overwritten nor
put after a later change.
"""

from __future__ import annotations

import sqlite3
import time
from itertools import count

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from ui.widgets import save_all_typing, typing_session
from workbench.commands import Command
from workbench.errors import ProjectError, WorkbenchError
from workbench.history import changes_nothing, coalesce
from workbench.project import Project

FAILURES = (WorkbenchError, sqlite3.Error, OSError)
MERGE_WINDOW = 2.0  # seconds: arrow-key steps through a value become one undo step
_merge_ids: dict[tuple, int] = {}
_next_id = count(1)


def _problem(exc: BaseException) -> str:
    """The sentence for a dialog, naming the file when the error knows it."""
    if isinstance(exc, ProjectError):
        return f"{exc.path}: {exc.problem}"
    return getattr(exc, "problem", None) or str(exc)


class CoreUndoCommand(QUndoCommand):
    def __init__(
        self, stack: ProjectUndoStack, command: Command, typing: int | None = None
    ) -> None:
        super().__init__(command.label)
        self.stack = stack
        self.command = command
        self.typing = typing  # the typing session whose save this is, if any
        self.skip_redo = True  # already applied by ProjectUndoStack.run
        self.skip_undo = False
        self.pushed_at = time.monotonic()

    def id(self) -> int:
        key = ("typing", self.typing) if self.typing is not None else self.command.merge_key()
        if key is None:
            return -1
        return _merge_ids.setdefault(key, next(_next_id))

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, CoreUndoCommand):
            return False
        if self.typing is not None:  # one run of typing, however long its pauses
            if other.typing != self.typing or not coalesce(self.command, other.command):
                return False
            self.setText(self.command.label)
            self.setObsolete(changes_nothing(self.command))  # typed, then erased
            return True
        if other.pushed_at - self.pushed_at > MERGE_WINDOW:
            return False
        if not self.command.absorb(other.command):
            return False
        self.pushed_at = other.pushed_at
        self.setText(self.command.label)
        return True

    def redo(self) -> None:
        if self.skip_redo:
            self.skip_redo = False
            return
        if self.stack.halted:  # an earlier step of this jump failed: do nothing more
            self.skip_undo = True
            return
        self.stack.busy = True
        try:
            self.stack.project.apply(self.command)
        except FAILURES as exc:
            self.skip_undo = True
            self.stack.halt(self, before=True, problem=_problem(exc))
        finally:
            self.stack.busy = False

    def undo(self) -> None:
        if self.skip_undo:
            self.skip_undo = False
            return
        if self.stack.halted:
            self.skip_redo = True
            return
        self.stack.busy = True
        try:
            self.stack.project.revert(self.command)
        except FAILURES as exc:
            self.skip_redo = True
            self.stack.halt(self, before=False, problem=_problem(exc))
        finally:
            self.stack.busy = False


class ProjectUndoStack(QUndoStack):
    failed = Signal(str)  # why an undo or redo could not be made

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.halted = False
        self.busy = False  # inside an undo or redo: views must not run commands now
        self._target = 0
        self.setUndoLimit(500)

    def run(self, command: Command) -> str | None:
        """Apply a core command (one transaction) and make it undoable. Returns None, or
        the reason the change was refused (the file is then unchanged)."""
        typing = typing_session()
        if typing is None:
            save_all_typing()  # typed text goes first, to where it was typed
        try:
            self.project.apply(command)
        except FAILURES as exc:
            return _problem(exc)
        self.push(CoreUndoCommand(self, command, typing))
        return None

    def createUndoAction(self, parent: QObject, prefix: str = "") -> QAction:
        """Qt's action, named and enabled as the stack says; triggering it saves typed
        text first, so the step undone is the last one the user made."""
        action = super().createUndoAction(parent, prefix)
        action.triggered.disconnect()
        action.triggered.connect(lambda: self._step(self.undo))
        return action

    def createRedoAction(self, parent: QObject, prefix: str = "") -> QAction:
        action = super().createRedoAction(parent, prefix)
        action.triggered.disconnect()
        action.triggered.connect(lambda: self._step(self.redo))
        return action

    def _step(self, move) -> None:
        if not self.busy and not self.halted:
            save_all_typing()
        move()

    def halt(self, failed: CoreUndoCommand, before: bool, problem: str) -> None:
        """A step failed inside Qt's undo/redo: remember where the file really is, let the
        current jump finish as no-ops, then move the index back there."""
        index = next(i for i in range(self.count()) if self.command(i) is failed)
        self._target = index if before else index + 1
        self.halted = True
        QTimer.singleShot(0, lambda: self._recover(problem))

    def _recover(self, problem: str) -> None:
        self.setIndex(self._target)  # every step on the way is marked to skip
        self.halted = False
        self.failed.emit(problem)
