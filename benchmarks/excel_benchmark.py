"""The co-author workbook on the large benchmark project: export against openpyxl's
write-only floor, the three-way import diff, and the import's peak memory.

    python benchmarks/excel_benchmark.py [--project bench.mpw]

The floor writes the same values (every sheet, every row) with openpyxl's
write-only mode and no formatting; budget: our export within 1.5x of it. The
import diff reads the whole untouched workbook (every guard over every part,
every editable cell compared); budget: < 5 s median of three. Peak memory is
measured in a fresh process importing the largest workbook (the benchmark's
own); budget: < 300 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEAK = """
import sys, time
sys.path.insert(0, {root!r})
from workbench.excel.diff import diff_workbook
from workbench.project import Project
with Project.open_readonly({project!r}) as project:
    started = time.perf_counter()
    try:
        diff = diff_workbook(project, {workbook!r})
        outcome = f"{{len(diff.changes)}} changes"
    except Exception as exc:
        outcome = f"refused: {{str(exc)[-90:]}}"
    took = time.perf_counter() - started
peak = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]  # this process only
print(f"{{int(peak) / 1024:.0f}} MB peak, "
      f"{{took:.2f}} s, {{outcome}}")
"""


def peak(project: Path, workbook: Path) -> str:
    code = PEAK.format(root=str(ROOT), project=str(project), workbook=str(workbook))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return (run.stdout or run.stderr).strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mpw-xlsx-"))
    os.environ.setdefault("MPW_DATA_DIR", str(home / "data"))
    from openpyxl import Workbook

    from workbench.excel.diff import diff_workbook
    from workbench.excel.export import export_workbook
    from workbench.excel.reader import open_book
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
    diffs = []
    for _ in range(3):
        started = time.perf_counter()
        diff = diff_workbook(project, ours)
        diffs.append(time.perf_counter() - started)
    project.close()

    with open_book(ours) as book:  # the same values, read back, for the floor
        sheets = {
            name: [values for _, values in book.rows(name)]
            for name in book.names
            if not name.startswith("_")
        }
    floor = home / "floor.xlsx"
    started = time.perf_counter()
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(floor)
    floor_s = time.perf_counter() - started
    del sheets

    far = home / "far.xlsx"
    import zipfile

    with zipfile.ZipFile(ours) as src, zipfile.ZipFile(far, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                cell = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                data = data.replace(b"</sheetData>", cell, 1)
            dst.writestr(item.filename, data)
    print(f"rows: {report.rows}; file {ours.stat().st_size / 2**20:.1f} MB")
    print(f"| our export (formatted, validated, with its record) | {ours_s:.1f} s |")
    print(f"| openpyxl write-only, same values, no formatting | {floor_s:.1f} s |")
    print(f"| ratio | {ours_s / floor_s:.2f}x (budget 1.5x) |")
    print(
        f"| import diff of the whole workbook, median of 3 ({len(diff.changes)} changes) | "
        f"{statistics.median(diffs):.1f} s (runs {', '.join(f'{d:.1f}' for d in diffs)}; "
        "budget 5 s) |"
    )
    print(f"| import of the benchmark workbook, fresh process | {peak(path, ours)} |")
    print(f"| a cell at XFD1048576 in Matrix, fresh process | {peak(path, far)} |")
    shutil.rmtree(home, ignore_errors=True)  # workbooks of 25 MB and more


if __name__ == "__main__":
    main()
