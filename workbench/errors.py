"""Errors the core raises. Each names the file (and where useful the key) it concerns."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Base class of every error the core reports to a user."""


class FrameworkError(WorkbenchError):
    """A framework or vocabulary file is malformed."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        super().__init__(f"{self.path}: at '{key}': {problem}")


class ProjectError(WorkbenchError):
    """A project file cannot be opened or used."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NotAProjectError(ProjectError):
    """The file is not a Migration Power Workbench project."""


class DamagedProjectError(ProjectError):
    """The file is a project but is truncated or corrupt."""


class NewerVersionError(ProjectError):
    """The project was written by a newer version of the application."""


class OlderSchemaError(ProjectError):
    """Reading rows needs the current schema; the file must be upgraded first."""


class ProjectLockedError(ProjectError):
    """Another process has the project open."""


class UpgradeError(ProjectError):
    """A schema upgrade failed; the project was left as it was."""


class DamagedHeaderError(DamagedProjectError):
    """The file's header is truncated or impossible: nothing inside can be read."""


class BackupVerificationError(DamagedProjectError):
    """The opening backup, a page-for-page copy, failed its integrity check."""


class ForeignSchemaError(DamagedProjectError):
    """The file holds tables, indexes, triggers or views a project never has."""


class DiskFullError(ProjectError):
    """A write failed because the disk (or the quota) is full."""


class ReadOnlyLocationError(ProjectError):
    """The file, its folder or its disk cannot be written."""


class StorageIOError(ProjectError):
    """The operating system reported an input/output error."""


class ProjectReadOnlyError(ProjectError):
    """The project is open read-only (damaged or read-only file); edits are refused."""


class CommandError(WorkbenchError):
    """A command cannot be applied (for example it refers to a deleted case)."""


class EvidenceAffectedError(CommandError):
    """Deleting would remove evidence; the caller must confirm explicitly."""

    def __init__(self, message: str, excerpt_count: int, link_count: int) -> None:
        self.excerpt_count = excerpt_count
        self.link_count = link_count
        super().__init__(message)


class SampleDataError(WorkbenchError):
    """A sample case file is malformed."""
