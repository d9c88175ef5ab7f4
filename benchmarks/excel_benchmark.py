"""Export of the co-author workbook against openpyxl's write-only floor.

    python benchmarks/excel_benchmark.py [--project bench.mpw]

The floor writes the same values (every sheet, every row) with openpyxl's
write-only mode and no formatting; the budget is our export within 2x of it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mpw-xlsx-"))
    os.environ.setdefault("MPW_DATA_DIR", str(home / "data"))
    from openpyxl import Workbook, load_workbook

    from workbench.excel.export import export_workbook
    from workbench.project import Project

    path = args.project
    if path is None:
        from benchmarks.generate import generate

        path = generate(home / "bench.mpw")
    project = Project.open_readonly(path)
    ours = home / "ours.xlsx"
    started = time.perf_counter()
    report = export_workbook(project, ours)
    ours_s = time.perf_counter() - started
    from workbench.excel.diff import diff_workbook

    started = time.perf_counter()
    diff = diff_workbook(project, ours)
    diff_s = time.perf_counter() - started
    project.close()

    book = load_workbook(ours, read_only=True)
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    floor = home / "floor.xlsx"
    started = time.perf_counter()
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(floor)
    floor_s = time.perf_counter() - started
    cells = sum(len(rows) * len(rows[0]) for rows in sheets.values() if rows)
    print(f"rows: {report.rows}; {cells:,} cells")
    print(f"| our export (formatted, validated) | {ours_s:.1f} s |")
    print(f"| openpyxl write-only, same values, no formatting | {floor_s:.1f} s |")
    print(f"| ratio | {ours_s / floor_s:.2f}x (budget 2x) |")
    print(
        f"| import diff of the whole workbook ({len(diff.changes)} changes) | {diff_s:.1f} s "
        "(budget 5 s) |"
    )


if __name__ == "__main__":
    main()
