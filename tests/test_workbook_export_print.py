"""The printed co-author workbook: type of 8 pt or more on paper on every sheet, and one
A4 page per case with its four quadrants to read and annotate.

What decides printed size is in the file: the page's scale (or "fit to width", which
makes the program choose one), the columns' widths and the type size. LibreOffice's
own measurement of the PDF is `tools/print_legibility.py`."""

from __future__ import annotations

import openpyxl
import pytest

from workbench.commands import SetCell
from workbench.excel.case_pages import PAGE_ROOM, SHEET, lines_needed, split_for_rows
from workbench.excel.export import ExportOptions, export_workbook
from workbench.excel.print_layout import (
    BODY_POINTS,
    MIN_PRINTED_POINTS,
    column_points,
    print_scale,
    printable_width,
)


def _widths(ws) -> list[float]:
    return [ws.column_dimensions[c.column_letter].width for c in ws[1] if c.value is not None]


def _effective_scale(ws) -> float:
    """The scale a spreadsheet prints the sheet at, as its page setup says."""
    margins = ws.page_margins
    printable = printable_width(
        ws.page_setup.orientation == "landscape", margins.left, margins.right
    )
    if ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth:
        across = printable * ws.page_setup.fitToWidth
        return min(100.0, 100 * across / sum(column_points(w) for w in _widths(ws)))
    return float(ws.page_setup.scale or 100)


@pytest.fixture
def workbook(sample_project, tmp_path):
    target = tmp_path / "print.xlsx"
    export_workbook(sample_project, target)
    return openpyxl.load_workbook(target)


def test_every_sheet_prints_its_type_at_8_points_or_more(workbook):
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            continue
        sizes = {
            c.font.sz or BODY_POINTS
            for row in ws.iter_rows(max_row=40)
            for c in row
            if c.value is not None
        }
        printed = min(sizes) * _effective_scale(ws) / 100
        assert printed >= MIN_PRINTED_POINTS, (ws.title, printed)


def test_a_wide_sheet_goes_on_across_pages_repeating_the_case(workbook):
    matrix = workbook["Matrix"]
    assert matrix.page_setup.scale == 80  # 11 pt prints at 8.8 pt
    assert matrix.print_title_cols == "$A:$B"  # every page names its case
    assert matrix.page_setup.pageOrder == "overThenDown"
    about = workbook["About"]  # two columns: fitted to the page
    printable = printable_width(True, about.page_margins.left, about.page_margins.right)
    used = sum(column_points(w) for w in _widths(about)) * about.page_setup.scale / 100
    assert printable - 60 < used <= printable


def test_print_scale_arithmetic():
    printable = printable_width(True, 0.4, 0.4)
    assert round(printable, 1) == 784.3  # A4 landscape less 0.4 inch each side
    assert print_scale([20, 30], printable) == 100  # fits at full size
    assert print_scale([60, 60], printable) == 93  # 840 pt shrunk a little to fit
    assert print_scale([26, 22] + [12, 12, 16, 44] * 4, printable) == 80  # never below


def test_one_page_per_case_with_the_four_quadrants(sample_project, workbook):
    ws = workbook[SHEET]
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.scale == 100
    printable = printable_width(False, ws.page_margins.left, ws.page_margins.right)
    assert sum(column_points(ws.column_dimensions[c].width) for c in "AB") <= printable
    breaks = [b.id for b in ws.row_breaks.brk]
    cases = sample_project.store.select("study_case", order_by=["position", "id"])
    assert len(breaks) == len(cases)
    starts = [1] + [b + 1 for b in breaks[:-1]]
    for case, start, end in zip(cases, starts, breaks, strict=True):
        assert ws.cell(start, 1).value == case["title"]
        text = "\n".join(
            str(c.value) for row in ws.iter_rows(min_row=start, max_row=end) for c in row if c.value
        )
        for label in ("Compulsory power", "Institutional power", "Structural power"):
            assert label in text
        cells = {
            r["power_type_id"]: r
            for r in sample_project.store.select("matrix_cell")
            if r["case_id"] == case["id"]
        }
        for cell in cells.values():
            if cell["memo"]:
                assert cell["memo"] in text, case["title"]
        heights = [ws.row_dimensions[r].height for r in range(start, end + 1)]
        assert sum(heights) <= PAGE_ROOM, case["title"]  # one page, remarks lines included
        assert any(ws.cell(r, 1).border.bottom.style for r in range(start, end + 1))
    sizes = {c.font.sz for row in ws.iter_rows() for c in row if c.value is not None}
    assert min(sizes) >= 10


def test_a_memo_longer_than_a_row_goes_on_in_the_next_rows(sample_project, tmp_path):
    case_id = sample_project.store.select("study_case", order_by=["position", "id"])[0]["id"]
    memo = " ".join(f"word{i}" for i in range(1500))  # about 60 printed lines
    sample_project.execute(SetCell(case_id, "compulsory", memo=memo))
    target = tmp_path / "long.xlsx"
    export_workbook(sample_project, target, ExportOptions(case_ids=[case_id]))
    ws = openpyxl.load_workbook(target)[SHEET]
    column_a = [c.value for c in ws["A"] if isinstance(c.value, str)]
    pieces = [v for v in column_a if v.startswith("word")]
    assert len(pieces) > 1
    assert " ".join(pieces) == memo  # every word, in order
    for row in range(1, ws.max_row + 1):
        assert (ws.row_dimensions[row].height or 15) <= 409


def test_split_for_rows_keeps_every_character():
    text = "a" * 500 + " short\n\nnext paragraph " + " ".join(["b" * 30] * 40)
    pieces = split_for_rows(text, 11, max_height=60)
    assert len(pieces) > 2
    assert all(lines_needed(p, 11) <= 3 or " " not in p for p in pieces)
    # each cut takes the place of one space or line break
    rebuilt = pieces[0]
    for piece in pieces[1:]:
        cut = text[len(rebuilt)]
        assert cut in " \n"
        rebuilt += cut + piece
    assert rebuilt == text
