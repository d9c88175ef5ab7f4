"""Tidy (long-format) CSV files for R and pandas: one row per case × power type, and
one per case × mechanism, read from the tidy tables; and, when the project holds
workshop votes, one row per vote (session, case, power type, its order in the round).

Formula-safe by default: a text cell whose first character is `=`, `+`, `-`, `@`,
TAB or CR is run as a formula by spreadsheet programs that open the file
("CSV injection"). As OWASP recommends, such text gets a leading apostrophe,
which the spreadsheet shows as text. `raw=True` writes every value untouched,
for analysis code that never passes the file through a spreadsheet. Numbers
(scores, strengths) are never altered.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from workbench.analysis.tables import case_table, score_table, strength_table
from workbench.atomic import atomic_path
from workbench.progress import Progress, no_progress
from workbench.project import Project
from workbench.votes import all_votes

MATRIX_FILE = "matrix_long.csv"
MECHANISM_FILE = "mechanisms_long.csv"
VOTE_FILE = "votes_long.csv"  # written when the project holds workshop votes
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_tidy_csv(
    project: Project, folder: Path, *, raw: bool = False, progress: Progress = no_progress
) -> list[Path]:
    """Write the two files into `folder` (each atomically); return their paths. Every
    table is read from one snapshot: another process writing meanwhile changes nothing."""
    with project.store.read_transaction():
        return _write_tidy_csv(project, folder, raw, progress)


def _write_tidy_csv(project: Project, folder: Path, raw: bool, progress: Progress) -> list[Path]:
    fw = project.framework
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    safe = (lambda v: v) if raw else neutralised
    names = {c.id: c.name for c in case_table(project)}
    # Stable GUIDs last, so scripts that read the columns by position keep working
    guids = {r["id"]: r["guid"] for r in project.store.select("study_case")}
    effects = {m.id: m.effect for m in fw.mechanisms}
    progress(0, 2)

    def write(path: Path, header: list[str], rows: list[list[Any]]) -> None:
        with atomic_path(path) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(header)
            out.writerows([safe(v) for v in row] for row in rows)

    matrix = folder / MATRIX_FILE
    write(
        matrix,
        [
            "case_id",
            "case",
            "power_type",
            "row",
            "column",
            "score",
            "score_label",
            "confidence",
            "case_guid",
        ],
        [
            [
                r.case_uid,
                names[r.case_id],
                r.power_type,
                r.row,
                r.column,
                "" if r.score is None else r.score,
                "" if r.score is None else fw.score_labels[r.score],
                r.confidence or "",
                guids[r.case_id],
            ]
            for r in score_table(project)
        ],
    )
    progress(1, 2)
    mechanisms = folder / MECHANISM_FILE
    write(
        mechanisms,
        [
            "case_id",
            "case",
            "power_type",
            "mechanism",
            "strength",
            "present",
            "default_effect",
            "case_guid",
        ],
        [
            [
                r.case_uid,
                names[r.case_id],
                r.power_type,
                r.mechanism,
                "" if r.strength is None else r.strength,
                int(bool(r.strength)),
                effects.get(r.mechanism, ""),
                guids[r.case_id],
            ]
            for r in strength_table(project)
        ],
    )
    progress(2, 2)
    written = [matrix, mechanisms]
    cast = all_votes(project)
    if cast:
        uids = {c.id: c.uid for c in case_table(project)}
        order: dict[tuple, int] = {}
        rows = []
        for v in cast:
            key = (v.session, v.case_id, v.power_type)
            order[key] = order.get(key, 0) + 1
            rows.append(
                [
                    v.session,
                    uids[v.case_id],
                    names[v.case_id],
                    v.power_type,
                    order[key],
                    v.score,
                    fw.score_labels[v.score],
                    v.recorded,
                    guids[v.case_id],
                    v.guid,
                ]
            )
        votes_path = folder / VOTE_FILE
        write(
            votes_path,
            [
                "session",
                "case_id",
                "case",
                "power_type",
                "vote",
                "score",
                "score_label",
                "recorded",
                "case_guid",
                "vote_guid",
            ],
            rows,
        )
        written.append(votes_path)
    return written
