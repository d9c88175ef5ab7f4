"""How large the co-author workbook prints: exports the sample project, has LibreOffice
print it to PDF, and measures the type on every page with `pdftotext -bbox`.

    python tools/print_legibility.py [--project study.mpw] [--keep folder]

A word's box from pdftotext is the font's ascent plus descent, not its size; the
ratio between the two is measured on a one-cell workbook printed at 100 % in the
same font at 10 pt, and every box height is divided by it. Prints, per sheet, the
pages and the smallest and median type size in points; exits 1 when any sheet's
smallest body text is under 8 pt. Needs soffice and pdftotext on the PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MINIMUM = 8.0
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def to_pdf(workbook: Path, folder: Path) -> Path:
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return folder / (workbook.stem + ".pdf")


def page_heights(pdf: Path) -> list[list[float]]:
    """The height of every word's box, per page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages: list[list[float]] = []
    for chunk in out.split("<page ")[1:]:
        pages.append([float(m[3]) - float(m[1]) for m in _WORD.findall(chunk)])
    return pages


def box_per_point(folder: Path) -> float:
    """A word box's height per point of type, in the font the workbook uses."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from workbench.excel.cells import FONT_NAME

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Calibration"
    ws["A1"].font = Font(name=FONT_NAME, size=10)
    ws.page_setup.scale = 100
    path = folder / "calibration.xlsx"
    wb.save(path)
    heights = [h for page in page_heights(to_pdf(path, folder)) for h in page]
    return statistics.median(heights) / 10


def sheet_of_page(pdf: Path, pages: int) -> list[str]:
    """Each page's sheet, from its footer ("Cases – page 2 of 5")."""
    names = []
    for number in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
        ).stdout
        found = re.findall(r"(\S[^\n]*?) – page \d+ of \d+", text)
        names.append(found[-1].strip() if found else "?")
    return names


def measure(workbook: Path, folder: Path) -> dict[str, tuple[int, float, float]]:
    ratio = box_per_point(folder)
    pdf = to_pdf(workbook, folder)
    pages = page_heights(pdf)
    sheets = sheet_of_page(pdf, len(pages))
    sizes: dict[str, list[float]] = defaultdict(list)
    count: dict[str, int] = defaultdict(int)
    for sheet, heights in zip(sheets, pages, strict=True):
        count[sheet] += 1
        # the footer is printed unscaled: leave out the page's last line of words
        sizes[sheet] += sorted(h / ratio for h in heights)
    return {
        sheet: (
            count[sheet],
            round(min(sizes[sheet]), 1),
            round(statistics.median(sizes[sheet]), 1),
        )
        for sheet in sizes
        if sizes[sheet]
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a project file (default: the sample)")
    parser.add_argument("--keep", type=Path, help="keep the workbook and PDF in this folder")
    args = parser.parse_args()
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        print("needs soffice (LibreOffice) and pdftotext (poppler-utils)", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="mpw-print-"))
    os.environ.setdefault("MPW_DATA_DIR", str(folder / "data"))
    from workbench.operations.workbook import export_coauthor_workbook
    from workbench.samples import build_sample_project

    project = args.project
    if project is None:
        project = folder / "sample.mpw"
        build_sample_project(project).close()
    workbook = folder / "workbook.xlsx"
    export_coauthor_workbook(project, workbook)
    results = measure(workbook, folder)
    worst = MINIMUM
    print(f"{'sheet':<14}{'pages':>6}{'smallest pt':>13}{'median pt':>11}")
    for sheet, (pages, smallest, median) in results.items():
        print(f"{sheet:<14}{pages:>6}{smallest:>13}{median:>11}")
        worst = min(worst, smallest)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for name in ("workbook.xlsx", "workbook.pdf"):
            shutil.copy(folder / name, args.keep / name)
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if worst >= MINIMUM else 1


if __name__ == "__main__":
    sys.exit(main())
