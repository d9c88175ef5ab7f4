"""Tidy (long-format) CSV files for R and pandas: one row per case × power type, and one
per case × mechanism."""

from __future__ import annotations

import csv
from pathlib import Path

from workbench.atomic import atomic_path
from workbench.project import Project

MATRIX_FILE = "matrix_long.csv"
MECHANISM_FILE = "mechanisms_long.csv"


def export_tidy(project: Project, folder: Path) -> list[Path]:
    """Write the two files into `folder` (each atomically); return their paths."""
    store, fw = project.store, project.framework
    folder.mkdir(parents=True, exist_ok=True)
    cases = store.select("study_case", order_by=["position", "id"])
    cells = {(r["case_id"], r["power_type_id"]): r for r in store.select("matrix_cell")}
    codings = {(r["case_id"], r["mechanism_id"]): r for r in store.select("mechanism_coding")}
    matrix = folder / MATRIX_FILE
    with atomic_path(matrix) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            ["case_id", "case", "power_type", "row", "column", "score", "score_label", "confidence"]
        )
        for c in cases:
            for pt in fw.power_types:
                cell = cells.get((c["id"], pt.id), {})
                score = cell.get("score")
                out.writerow(
                    [
                        c["uid"],
                        c["short_label"] or c["title"],
                        pt.id,
                        pt.row,
                        pt.column,
                        "" if score is None else score,
                        "" if score is None else fw.score_labels[score],
                        cell.get("confidence") or "",
                    ]
                )
    mechanisms = folder / MECHANISM_FILE
    with atomic_path(mechanisms) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            ["case_id", "case", "power_type", "mechanism", "strength", "present", "default_effect"]
        )
        for c in cases:
            for m in fw.mechanisms:
                strength = (codings.get((c["id"], m.id)) or {}).get("strength")
                out.writerow(
                    [
                        c["uid"],
                        c["short_label"] or c["title"],
                        m.power_type,
                        m.id,
                        "" if strength is None else strength,
                        int(bool(strength)),
                        m.effect,
                    ]
                )
    return [matrix, mechanisms]
