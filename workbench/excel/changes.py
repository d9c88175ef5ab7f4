"""What a returned workbook proposes, and the accepted proposals as one command."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from workbench.commands import (
    AddCase,
    AddExcerpt,
    Command,
    CompositeCommand,
    SetCaseObjectives,
    SetCaseTags,
    SetCell,
    SetMechanismCoding,
    UpdateCase,
    UpdateExcerpt,
)
from workbench.excel.list_cells import parse_effects, parse_objectives, parse_tags
from workbench.framework import EFFECTS


@dataclass(frozen=True)
class CellChange:
    sheet: str
    cell: str
    what: str  # "EU–Turkey 2016: compulsory score"
    old: Any  # the project's value now
    new: Any  # the co-author's value (or, for a conflict, the one chosen)
    target: tuple  # what to change: ("cell", case_id, type, field) etc.
    exported: Any = None  # the value the workbook held when exported
    conflict: bool = False  # the project changed too, to something else
    addition: bool = False  # a new case or excerpt
    # False when the workbook keeps only a fingerprint of the exported value (a quotation
    # changed in the project too): a conflict then offers the project's and the co-author's
    exported_known: bool = True
    # an addition's values as a reader names them: (("Quotation", "…"), ("Case", "Alpha"))
    fields: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if self.addition:
            return f"{self.sheet}!{self.cell} new {self.what}"
        if self.conflict:
            exported = repr(self.exported) if self.exported_known else "(not kept)"
            return (
                f"{self.sheet}!{self.cell} {self.what}: CONFLICT exported {exported}, "
                f"project now {self.old!r}, co-author {self.new!r}"
            )
        return f"{self.sheet}!{self.cell} {self.what}: {self.old!r} → {self.new!r}"

    def choose(self, value: Any) -> CellChange:
        """This change with another value to apply (a conflict's chosen side)."""
        return replace(self, new=value)


@dataclass
class WorkbookDiff:
    changes: list[CellChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # located, e.g. "Matrix!C4: …"
    notes: list[str] = field(default_factory=list)  # rows deleted, two-way notice
    # changed cells the import does not apply, located: "Cases!I2 (Wielders): edit in …"
    not_imported: list[str] = field(default_factory=list)
    three_way: bool = True
    export_id: str = ""

    @property
    def conflicts(self) -> list[CellChange]:
        return [c for c in self.changes if c.conflict]

    def accepted(self) -> list[CellChange]:
        """What applies without a choice: every change and addition, no conflict."""
        return [c for c in self.changes if not c.conflict]


def changes_command(changes: list[CellChange], label: str) -> CompositeCommand:
    """The accepted changes (conflicts with their chosen value) as one command."""
    commands: list[Command] = []
    for change in changes:
        kind, *target = change.target
        if kind == "case":
            commands.append(UpdateCase(target[0], **{target[1]: change.new}))
        elif kind == "cell":
            commands.append(SetCell(target[0], target[1], **{target[2]: change.new}))
        elif kind == "strength":
            commands.append(SetMechanismCoding(target[0], target[1], strength=change.new))
        elif kind == "tags":
            commands.append(SetCaseTags(target[0], parse_tags(change.new or "")))
        elif kind == "objectives":
            commands.append(SetCaseObjectives(target[0], parse_objectives(change.new or "")))
        elif kind == "effects":
            # only the effects whose presence changed become explicit; the others keep
            # following the mechanisms (the default)
            new = set(parse_effects(change.new or ""))
            old = set(parse_effects(change.old or ""))
            flips = {f"effect_{e}": int(e in new) for e in EFFECTS if (e in new) != (e in old)}
            if flips:
                commands.append(SetCell(target[0], target[1], **flips))
        elif kind == "excerpt":
            commands.append(UpdateExcerpt(target[0], **{target[1]: change.new}))
        elif kind == "add_case":
            values = dict(target[0])
            commands.append(AddCase(values.pop("title"), **values))
        elif kind == "add_excerpt":
            values = dict(target[0])
            commands.append(AddExcerpt(values.pop("source_id"), values.pop("text"), **values))
    return CompositeCommand(label, commands)
