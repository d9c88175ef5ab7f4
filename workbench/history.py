"""The core's own undo history, for the command line, scripts and tests.

The desktop application keeps a QUndoStack instead; both call
`Project.apply` / `Project.revert`, so they behave the same, and both fold
text typed into one field into one undo step with `coalesce`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.commands.base import Change, Command, SetFields
from workbench.commands.cases import SetCaseTags

if TYPE_CHECKING:
    from workbench.project import Project


def coalesce(earlier: Command, later: Command) -> bool:
    """Fold `later` into `earlier` when both set the same fields of the same row (typing
    saved at each pause): undoing `earlier` then restores the values from before the first
    edit. Both are already applied. Returns False, changing nothing, when they differ."""
    if type(later) is not type(earlier):
        return False
    if isinstance(earlier, SetFields) and isinstance(later, SetFields):
        if (earlier.table, earlier.key, set(earlier.values)) != (
            later.table,
            later.key,
            set(later.values),
        ):
            return False
        before = earlier.values
        earlier.values = dict(later.values)
        earlier.label = _retold(earlier.label, before, earlier.values)
        return True
    if isinstance(earlier, SetCaseTags) and isinstance(later, SetCaseTags):
        if earlier.case_id != later.case_id:
            return False
        earlier.new = list(later.new)
        return True
    return False


def changes_nothing(command: Command) -> bool:
    """True for an applied edit whose values are the ones it found (typed, then erased)."""
    if isinstance(command, SetFields):
        return command.old is not None and command.old == command.values
    if isinstance(command, SetCaseTags):
        return sorted(command.old) == sorted(command.new)
    return False


def _retold(label: str, before: dict, after: dict) -> str:
    """A label that ends with the value set ("Rename case A to B") names the latest one."""
    if len(before) == 1:
        (old,) = before.values()
        (new,) = after.values()
        if isinstance(old, str) and label.endswith(f" to {old}"):
            return label[: len(label) - len(old)] + str(new)
    return label


class History:
    def __init__(self, project: Project, limit: int = 1000) -> None:
        self.project = project
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._typing: object = None  # the typing session of the last push, if any

    def push(self, command: Command, typing: object = None) -> list[Change]:
        """Apply `command`. With a `typing` session (any value naming one run of typing in
        one field), a push following one of the same session on the same fields is merged
        into it: one undo step for the whole run."""
        changes = self.project.apply(command)
        last = self._done[-1] if self._done else None
        if typing is not None and typing == self._typing and last and coalesce(last, command):
            if changes_nothing(last):
                self._done.pop()
                self._typing = None
            return changes
        self._done.append(command)
        del self._done[: -self.limit]
        self._undone.clear()
        self._typing = typing
        return changes

    def undo(self) -> list[Change]:
        command = self._done.pop()
        try:
            changes = self.project.revert(command)
        except BaseException:
            self._done.append(command)
            raise
        self._undone.append(command)
        self._typing = None
        return changes

    def redo(self) -> list[Change]:
        command = self._undone.pop()
        try:
            changes = self.project.apply(command)
        except BaseException:
            self._undone.append(command)
            raise
        self._done.append(command)
        self._typing = None
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
