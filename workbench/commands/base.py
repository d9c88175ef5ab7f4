"""Commands: every change to a project is an object with apply, revert and a label.

The project runs `apply` and `revert` inside one transaction each and then
tells its listeners what changed. The UI wraps commands in QUndoCommands; the
CLI and the tests use the core's own History. Both take the same path.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from workbench.changes import Change
from workbench.errors import CommandError
from workbench.storage.schema import KEYS
from workbench.storage.store import Row, Store


class Command(ABC):
    """Base class. Subclasses implement `_apply`, `_revert` and `describe`."""

    label: str = ""
    # True: the project takes a verified backup before applying it (an import).
    backup_first: bool = False

    def __init__(self) -> None:
        self._changes: list[Change] = []
        self.applied = False

    def describe(self, store: Store) -> str:
        return self.__class__.__name__

    def apply(self, store: Store) -> None:
        if not self.label:
            self.label = self.describe(store)
        self._changes = []
        self._apply(store)
        self.applied = True

    def revert(self, store: Store) -> None:
        self._changes = []
        self._revert(store)
        self.applied = False

    def changes(self) -> list[Change]:
        return list(self._changes)

    def merge_key(self) -> tuple | None:
        """Commands with the same key, applied one right after the other, may become one
        undo step (stepping through a value with the arrow keys). None: never merged."""
        return None

    def absorb(self, later: Command) -> bool:
        """Take over the effect of `later` (already applied) so that undoing self undoes
        both. Returns False when the two cannot be merged."""
        return False

    def _note(self, entity: str, op: str, *key: Any, values: Row | None = None) -> None:
        self._changes.append(Change(entity, op, tuple(key), dict(values) if values else None))

    @abstractmethod
    def _apply(self, store: Store) -> None: ...

    @abstractmethod
    def _revert(self, store: Store) -> None: ...


class CompositeCommand(Command):
    """Several commands as one user action (one transaction, one undo step)."""

    def __init__(self, label: str, commands: Sequence[Command]) -> None:
        super().__init__()
        self.label = label
        self.commands = list(commands)

    def _apply(self, store: Store) -> None:
        for cmd in self.commands:
            cmd.apply(store)
            self._changes.extend(cmd.changes())

    def _revert(self, store: Store) -> None:
        for cmd in reversed(self.commands):
            cmd.revert(store)
            self._changes.extend(cmd.changes())


class SetFields(Command):
    """Change some columns of one row; remembers the old values for undo."""

    def __init__(self, table: str, key: Row, values: Row, label: str = "") -> None:
        super().__init__()
        self.table = table
        self.key = dict(key)
        self.values = dict(values)
        self.old: Row | None = None
        self.label = label

    def describe(self, store: Store) -> str:
        return f"Edit {', '.join(self.values)} of {self.table.replace('_', ' ')}"

    def _apply(self, store: Store) -> None:
        row = store.get(self.table, self.key)
        if row is None:
            raise CommandError(f"{self.table} {tuple(self.key.values())} no longer exists")
        self.old = {k: row[k] for k in self.values}
        store.update(self.table, self.key, self.values)
        self._note(self.table, "update", *self.key.values(), values=self.values)

    def _revert(self, store: Store) -> None:
        assert self.old is not None
        store.update(self.table, self.key, self.old)
        self._note(self.table, "update", *self.key.values(), values=self.old)


class RemovedRows:
    """Rows removed by a command, kept so that undo can put them back unchanged."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, Row]] = []

    def take(self, store: Store, table: str, where: Row) -> list[Row]:
        rows = store.select(table, where)
        self.rows.extend((table, r) for r in rows)
        return rows

    def delete_all(self, store: Store, command: Command) -> None:
        for table, row in self.rows:
            key = {k: row[k] for k in KEYS[table]}
            store.delete(table, key)
            command._note(table, "delete", *key.values())

    def restore_all(self, store: Store, command: Command) -> None:
        for table, row in reversed(self.rows):
            store.insert(table, row)
            command._note(table, "insert", *(row[k] for k in KEYS[table]))
