"""Inter-coder agreement between two coders, each a project file or a returned workbook."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.analysis.agreement import AgreementReport, Key, compare
from workbench.analysis.codings import project_codings, type_groups, workbook_codings
from workbench.progress import Progress, no_progress
from workbench.project import Project

DEFAULT_TYPES = ["compulsory", "institutional", "structural", "productive"]


@dataclass
class Agreement:
    report: AgreementReport
    problems: list[str] = field(default_factory=list)  # located cells counted as missing


def _codings(path: Path, problems: list[str]) -> tuple[dict[Key, int | None], list[str] | None]:
    if path.suffix.lower() == ".xlsx":
        return workbook_codings(path, problems), None
    with Project.open_readonly(path) as project:
        return project_codings(project), [pt.id for pt in project.framework.power_types]


def agreement_between(a: Path, b: Path, progress: Progress = no_progress) -> Agreement:
    """Agreement of two coders given as files (.xlsx workbook or .mpw project)."""
    problems: list[str] = []
    progress(0, 2)
    codings_a, types_a = _codings(Path(a), problems)
    progress(1, 2)
    codings_b, types_b = _codings(Path(b), problems)
    progress(2, 2)
    types = types_a or types_b or DEFAULT_TYPES
    return Agreement(compare(codings_a, codings_b, type_groups(types)), problems)


def agreement_with_project(
    project_path: Path, workbook: Path, progress: Progress = no_progress
) -> Agreement:
    """The project (coder A) against a returned workbook (coder B)."""
    return agreement_between(Path(project_path), Path(workbook), progress)
