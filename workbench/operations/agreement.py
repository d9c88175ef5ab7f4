"""Inter-coder agreement between two coders, each a project, a returned workbook, or the
values a workbook was exported with.

Comparing the project with a co-author's workbook after that workbook's edits were
imported counts the co-author's own judgements on both sides, and agreement comes
out too high; `agreement_of` says so when it sees it (the workbook's changed cells
already hold the same values in the project).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from workbench.analysis.agreement import AgreementReport, Key, compare
from workbench.analysis.codings import (
    exported_codings,
    project_codings,
    type_groups,
    workbook_codings,
)
from workbench.atomic import atomic_path
from workbench.operations.tidy_csv import neutralised
from workbench.progress import Progress, no_progress
from workbench.project import Project

DEFAULT_TYPES = ["compulsory", "institutional", "structural", "productive"]
Kind = Literal["project", "workbook", "exported"]
Codings = dict[Key, int | None]


@dataclass(frozen=True)
class Coder:
    """Whose judgements: a project file, a returned workbook as the co-author left it,
    or a workbook's record of what it was exported with."""

    kind: Kind
    path: Path

    @classmethod
    def of_file(cls, path: Path) -> Coder:
        return cls("workbook" if Path(path).suffix.lower() == ".xlsx" else "project", Path(path))

    @property
    def name(self) -> str:
        if self.kind == "exported":
            return f"{self.path.name} as exported"
        if self.kind == "project":
            return f"{self.path.name} (project)"
        return self.path.name


@dataclass
class Agreement:
    report: AgreementReport
    problems: list[str] = field(default_factory=list)  # located cells counted as missing
    warnings: list[str] = field(default_factory=list)  # why the figures may mislead
    applied_from: list[Path] = field(default_factory=list)  # workbooks the project holds
    coder_a: str = ""
    coder_b: str = ""


def _codings(coder: Coder, problems: list[str]) -> tuple[Codings, list[str] | None]:
    if coder.kind == "workbook":
        return workbook_codings(coder.path, problems), None
    if coder.kind == "exported":
        return exported_codings(coder.path), None
    with Project.open_readonly(coder.path) as project:
        return project_codings(project), [pt.id for pt in project.framework.power_types]


def applied_already(
    project: Mapping[Key, int | None],
    workbook: Mapping[Key, int | None],
    exported: Mapping[Key, int | None],
) -> tuple[int, int]:
    """Of the judgements the workbook's coder changed from the exported ones, how many
    the project holds too: (those, all changed)."""
    changed = {k: v for k, v in workbook.items() if k in exported and exported[k] != v}
    same = sum(1 for k, v in changed.items() if k in project and project[k] == v)
    return same, len(changed)


def _applied_warning(project: Coder, workbook: Coder, codings: Codings, wb: Codings) -> str:
    try:
        exported = exported_codings(workbook.path)
    except Exception:  # noqa: BLE001 - no record: nothing to tell
        return ""
    same, changed = applied_already(codings, wb, exported)
    if not same:
        return ""
    return (
        f"{same} of the {changed} score(s) and strength(s) changed in {workbook.path.name} "
        f"are in {project.path.name} already: its edits were probably imported, so the "
        "project no longer holds its coder's own judgements and agreement comes out too "
        f"high. Compare {workbook.path.name} with the export it came from, or with the "
        "other coder's workbook."
    )


def agreement_of(a: Coder, b: Coder, progress: Progress = no_progress) -> Agreement:
    """Agreement of two coders, with a warning when one is the project and the other a
    workbook whose edits the project holds already."""
    problems: list[str] = []
    progress(0, 2)
    codings_a, types_a = _codings(a, problems)
    progress(1, 2)
    codings_b, types_b = _codings(b, problems)
    progress(2, 2)
    types = types_a or types_b or DEFAULT_TYPES
    result = Agreement(
        compare(codings_a, codings_b, type_groups(types)), problems, coder_a=a.name, coder_b=b.name
    )
    for project, workbook, ours, theirs in (
        (a, b, codings_a, codings_b),
        (b, a, codings_b, codings_a),
    ):
        if project.kind == "project" and workbook.kind == "workbook":
            warning = _applied_warning(project, workbook, ours, theirs)
            if warning:
                result.warnings.append(warning)
                result.applied_from.append(workbook.path)
    if a == b:
        result.warnings.append(f"Both coders are {a.name}: agreement is perfect by definition.")
    return result


def agreement_between(a: Path, b: Path, progress: Progress = no_progress) -> Agreement:
    """Agreement of two coders given as files (.xlsx workbook or .mpw project)."""
    return agreement_of(Coder.of_file(a), Coder.of_file(b), progress)


def agreement_with_project(
    project_path: Path, workbook: Path, progress: Progress = no_progress
) -> Agreement:
    """The project (coder A) against a returned workbook (coder B)."""
    return agreement_of(
        Coder("project", Path(project_path)), Coder("workbook", Path(workbook)), progress
    )


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def write_table_csv(result: Agreement, target: Path) -> None:
    """The statistics, a row per group of variables (crash-safe write)."""
    with atomic_path(Path(target)) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            ["coder_a", "coder_b", "variables", "units", "agreement", "kappa", "alpha_ordinal"]
        )
        for row in result.report.rows:
            out.writerow(
                [
                    neutralised(result.coder_a),
                    neutralised(result.coder_b),
                    row.label,
                    row.units,
                    _fmt(row.percent),
                    _fmt(row.kappa),
                    _fmt(row.alpha),
                ]
            )


def write_disagreements_csv(
    result: Agreement,
    target: Path,
    case_names: Mapping[str, str] | None = None,
    variable_labels: Mapping[str, str] | None = None,
) -> None:
    """Every unit the coders coded differently, and those only one coded (not counted in
    the statistics), with the cases' names (crash-safe write; formula-safe text)."""
    names, labels = case_names or {}, variable_labels or {}
    with atomic_path(Path(target)) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["case_id", "case", "variable", "label", "coder_a", "coder_b", "counted"])
        for counted, listed in (
            (True, result.report.disagreements),
            (False, result.report.one_coder_only),
        ):
            for d in listed:
                out.writerow(
                    [
                        neutralised(d.case),
                        neutralised(names.get(d.case, "")),
                        d.variable,
                        labels.get(d.variable, ""),
                        "" if d.coder_a is None else d.coder_a,
                        "" if d.coder_b is None else d.coder_b,
                        "yes" if counted else "no (one coder only)",
                    ]
                )
