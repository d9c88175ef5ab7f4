"""Every change a user can make, as a command with apply, revert and a label."""

from workbench.commands.base import Change, Command, CompositeCommand, SetFields
from workbench.commands.cases import (
    AddCase,
    AddCaseActor,
    DeleteCase,
    DuplicateCase,
    RemoveCaseActor,
    SetCaseObjectives,
    SetCaseTags,
    UpdateActor,
    UpdateCase,
)
from workbench.commands.evidence import (
    AddExcerpt,
    AddSource,
    DeleteExcerpt,
    DeleteSource,
    LinkExcerpt,
    UnlinkExcerpt,
    UpdateExcerpt,
    UpdateSource,
)
from workbench.commands.matrix import (
    AddMechanism,
    AddOverlap,
    RemoveOverlap,
    SetCell,
    SetMechanismCoding,
)

__all__ = [
    "AddCase",
    "AddCaseActor",
    "AddExcerpt",
    "AddMechanism",
    "AddOverlap",
    "AddSource",
    "Change",
    "Command",
    "CompositeCommand",
    "DeleteCase",
    "DeleteExcerpt",
    "DeleteSource",
    "DuplicateCase",
    "LinkExcerpt",
    "RemoveCaseActor",
    "RemoveOverlap",
    "SetCaseObjectives",
    "SetCaseTags",
    "SetCell",
    "SetFields",
    "SetMechanismCoding",
    "UnlinkExcerpt",
    "UpdateActor",
    "UpdateCase",
    "UpdateExcerpt",
    "UpdateSource",
]
