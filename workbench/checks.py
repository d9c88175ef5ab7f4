"""`workbench check`: everything that can be wrong with a project file, as a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import FrameworkError, ProjectError
from workbench.project import Project


@dataclass
class CheckReport:
    path: str
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    framework: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.integrity or self.foreign_keys or self.orphans or self.framework or self.search
        )

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "ok": self.ok,
            "integrity": self.integrity,
            "foreign_keys": self.foreign_keys,
            "orphans": self.orphans,
            "framework": self.framework,
            "search": self.search,
        }


def check_project(path: Path) -> CheckReport:
    """Read-only: integrity_check, foreign_key_check, orphaned rows, stored framework."""
    project = Project.open_readonly(path)
    try:
        store = project.store
        report = CheckReport(str(path))
        report.integrity = store.integrity_problems()
        if not report.integrity:
            report.foreign_keys = store.foreign_key_problems()
            report.orphans = store.orphan_problems()
            report.search = store.search_problems()
            try:
                project.framework  # noqa: B018 - parsing validates it
            except (FrameworkError, ProjectError) as exc:
                report.framework = [str(exc)]
        return report
    finally:
        project.close()
