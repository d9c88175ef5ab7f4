"""Importing reference files into a project: parse, plan against the project, apply.

The same function serves the command line and the desktop application (which
shows the report and asks before applying a partial import).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.bibliography import ParseResult, ReferenceImportError, read_references
from workbench.bibliography.merge import ImportPlan, plan_import
from workbench.commands.evidence import import_command
from workbench.progress import Progress
from workbench.project import Project


@dataclass
class FileReport:
    path: str
    result: ParseResult | None = None
    plan: ImportPlan | None = None
    error: str = ""
    applied: bool = False
    dry_run: bool = False  # only planned: "would import"

    def as_dict(self) -> dict:
        if self.error:
            return {"file": self.path, "error": self.error}
        assert self.result is not None and self.plan is not None
        return {
            "file": self.path,
            "format": self.result.format,
            "encoding": self.result.encoding,
            "records": self.result.record_starts,
            "imported": [key for key, _ in self.plan.new],
            "updated": [
                {"key": u.citation_key, "fields": list(u.changed)} for u in self.plan.updates
            ],
            "unchanged": len(self.plan.unchanged),
            "skipped": [
                {"line": s.line, "key": s.key, "reason": s.reason} for s in self.plan.skipped
            ],
            "warnings": self.plan.warnings,
            "applied": self.applied,
        }

    def lines(self) -> list[str]:
        if self.error:
            return [f"{self.path}: could not be read: {self.error}"]
        assert self.result is not None and self.plan is not None
        verb = " (dry run, nothing changed)" if self.dry_run else ""
        new, updated = ("would import", "would update") if self.dry_run else ("imported", "updated")
        out = [
            f"{self.path}: {self.result.format}, {self.result.encoding}, "
            f"{self.result.record_starts} records: {self.plan.summary()}{verb}"
        ]
        out += [f"  {new:<13} {key}" for key, _ in self.plan.new]
        out += [
            f"  {updated:<13} {u.citation_key} ({', '.join(u.changed)})" for u in self.plan.updates
        ]
        out += [f"  {'skipped':<13} {s}" for s in self.plan.skipped]
        out += [f"  {'warning':<13} {w}" for w in self.plan.warnings]
        return out


def prepare(
    project: Project, path: Path, encoding: str | None = None, progress: Progress | None = None
) -> FileReport:
    report = FileReport(str(path))
    try:
        report.result = read_references(path, encoding=encoding, progress=progress)
    except ReferenceImportError as exc:
        report.error = exc.problem
        return report
    report.plan = plan_import(project.store, report.result)
    return report


def apply(project: Project, report: FileReport) -> None:
    """Apply a prepared import as one command on the project's core history."""
    if report.plan is None or not report.plan.changes:
        return
    project.execute(import_command(report.plan, Path(report.path).name))
    report.applied = True
