"""The "Case pages" sheet: one printed A4 page per case to read and annotate on paper.

Each case's four quadrants in the matrix's own arrangement (interaction above,
constitution below; direct left, diffuse right), each with its score, confidence,
effects, memo and mechanism strengths, then ruled lines for remarks filling the
rest of the page. A page break follows every case. Printed at 100 %, so the text
is 10-16 pt on paper. The sheet is for reading: protected, and never imported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.pagebreak import Break

from workbench.excel.cells import FONT_NAME, HEADER_FILL, cell_form, xml_text
from workbench.excel.print_layout import text_points

SHEET = "Case pages"
COLUMN_WIDTH = 36.0  # two columns: at most 2 x 252 pt across a 509 pt portrait page
MARGIN = 0.6  # inches, left and right
PAGE_ROOM = 690.0  # points down an A4 page between the margins, header and footer
MAX_ROW = 400.0  # under a spreadsheet's 409-point limit: longer memos go on in a next row
RULE_HEIGHT = 24.0  # a ruled line to write on
MIN_RULES = 3

TITLE = Font(name=FONT_NAME, size=16, bold=True)
SUBTITLE = Font(name=FONT_NAME, size=10, color="595959")
QUADRANT = Font(name=FONT_NAME, size=12, bold=True)
BODY = Font(name=FONT_NAME, size=11)
FACTS = Font(name=FONT_NAME, size=11, bold=True)
SMALL = Font(name=FONT_NAME, size=10)
MISSING = Font(name=FONT_NAME, size=11, italic=True, color="595959")
RULE = Border(bottom=Side(style="thin", color="8A97A6"))
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
MIDDLE = Alignment(vertical="center")
# looks are told apart by the identity of these module-level objects: pass only them

# line height (points) and characters per line of prose in one column, per type size
_LINE = {16: 21.0, 12: 16.0, 11: 15.0, 10: 13.5}


def _per_line(size: int, columns: int = 1) -> int:
    # Calibri prose averages about half an em a character; kept short of it so an
    # estimate never cuts a line off (a cell cannot grow when printed)
    points = text_points(COLUMN_WIDTH) * columns - 8
    return max(int(points / (size * 0.52)), 1)


def lines_needed(text: str, size: int, columns: int = 1) -> int:
    per_line = _per_line(size, columns)
    return sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n"))


def split_for_rows(text: str, size: int, max_height: float = MAX_ROW) -> list[str]:
    """`text` in consecutive pieces, each short enough for a row's height, cut at a space
    or line break (which the cut takes the place of); no character is added."""
    most = max(int(max_height // _LINE[size]) - 1, 1)
    if lines_needed(text, size) <= most:
        return [text]
    pieces: list[str] = []
    piece = ""
    for token in re.split(r"([ \n])", text):
        candidate = piece + token
        if token not in (" ", "\n") and piece and lines_needed(candidate, size) > most:
            pieces.append(piece[:-1])  # the space or line break before the cut
            candidate = token
        piece = candidate
    pieces.append(piece)
    return pieces


@dataclass(frozen=True)
class Quadrant:
    label: str  # "Compulsory"
    score: int | None
    confidence: str
    effects: str
    memo: str | None  # None: memos left out of the export
    mechanisms: list[tuple[str, int | None]]  # (label, strength)


@dataclass(frozen=True)
class CasePage:
    uid: str
    title: str
    facts: str  # period, region, short label
    quadrants: list[Quadrant]  # in the framework's order: two per row of the matrix


class CasePagesSheet:
    def __init__(self, wb: Workbook, score_labels: Iterable[str]) -> None:
        self.ws = wb.create_sheet(SHEET)
        self.score_labels = list(score_labels)
        self.row = 0
        self.merged: list[str] = []
        self._looks: dict[tuple, WriteOnlyCell] = {}
        ws = self.ws
        for letter in "AB":
            ws.column_dimensions[letter].width = COLUMN_WIDTH
        setup = ws.page_setup
        setup.orientation = "portrait"
        setup.paperSize = 9  # A4
        setup.scale = 100
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_margins.left = ws.page_margins.right = MARGIN
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = f"{SHEET} – page &P of &N"
        ws.protection.sheet = True  # to read; a co-author may unprotect it, knowingly
        ws.protection.formatColumns = ws.protection.formatRows = False

    def _cell(self, value: Any, font: Font, **style: Any) -> WriteOnlyCell:
        if isinstance(value, str):
            value = xml_text(cell_form(value).text)
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text
        # one template per look, its style array copied: assigning fonts and fills to
        # every cell costs a hash each (a 500-case export writes 12,000 cells here)
        key = (id(font), *((k, id(v)) for k, v in sorted(style.items())))
        template = self._looks.get(key)
        if template is None:
            template = self._looks[key] = WriteOnlyCell(self.ws)
            template.font = font
            template.alignment = style.pop("alignment", TOP_WRAP)
            for name, look in style.items():
                setattr(template, name, look)
        cell._style = copy(template._style)
        return cell

    def _append(self, cells: list[Any], height: float, merge: bool = False) -> None:
        self.row += 1
        self.ws.row_dimensions[self.row] = {"ht": str(round(height, 1)), "customHeight": "1"}
        self.ws.append(cells)
        del self.ws.row_dimensions[self.row]
        if merge:
            self.merged.append(f"A{self.row}:B{self.row}")

    def _both(self, text: str, font: Font, size: int, extra: float = 4, note: str = "") -> float:
        """A row across both columns (merged)."""
        height = _LINE[size] * lines_needed(text, size, 2) + extra
        cell = self._cell(text, font)
        if note:
            cell.comment = Comment(note, "Migration Power Workbench", 80, 220)
        self._append([cell, None], height, merge=True)
        return height

    def _pair(self, texts: list[str | None], fonts: list[Font], size: int, **style: Any) -> float:
        """One row holding a text for each quadrant of a row of the matrix; the row is
        as high as the longer one. Texts too long for a row go on in further rows."""
        pieces = [split_for_rows(t, size) if t else [""] for t in texts]
        used = 0.0
        for i in range(max(len(p) for p in pieces)):
            parts = [p[i] if i < len(p) else "" for p in pieces]
            lines = max(lines_needed(p, size) if p else 1 for p in parts)
            height = min(_LINE[size] * lines + 4, MAX_ROW + 9)
            cells = [
                self._cell(part or None, font, **style)
                for part, font in zip(parts, fonts, strict=False)
            ]
            self._append(cells, height)
            used += height
        return used

    def _facts(self, q: Quadrant) -> str:
        score = "not scored" if q.score is None else f"{q.score} {self.score_labels[q.score]}"
        parts = [f"Score: {score}", f"Confidence: {q.confidence or '–'}"]
        if q.effects:
            parts.append(f"Effects: {q.effects}")
        return "\n".join(parts)

    def add(self, page: CasePage) -> None:
        note = (
            "One page per case, for reading and notes on paper. This sheet is not "
            "imported: make changes in Matrix or Mechanisms, or in the application."
        )
        used = self._both(page.title, TITLE, 16, note=note if self.row == 0 else "")
        used += self._both(f"{page.facts}  ·  Case ID {page.uid}", SUBTITLE, 10, 8)
        for start in range(0, len(page.quadrants), 2):
            pair = page.quadrants[start : start + 2]
            used += self._pair(
                [f"{q.label} power" for q in pair],
                [QUADRANT] * 2,
                12,
                fill=HEADER_FILL,
                alignment=MIDDLE,
            )
            used += self._pair([self._facts(q) for q in pair], [FACTS] * 2, 11)
            used += self._pair(
                [q.memo or "(no memo)" if q.memo is not None else None for q in pair],
                [BODY if q.memo else MISSING for q in pair],
                11,
            )
            mechanisms = [
                "Mechanisms: "
                + "; ".join(f"{label} {'–' if s is None else s}" for label, s in q.mechanisms)
                for q in pair
            ]
            used += self._pair(mechanisms, [SMALL] * 2, 10)
            self._append([], 8)
            used += 8
        used += self._both("Remarks", QUADRANT, 12)
        rules = max(MIN_RULES, int((PAGE_ROOM - used) // RULE_HEIGHT))
        for _ in range(rules):
            self._append(
                [self._cell(None, BODY, border=RULE), self._cell(None, BODY, border=RULE)],
                RULE_HEIGHT,
            )
        self.ws.row_breaks.append(Break(id=self.row))


def write_case_pages(
    wb: Workbook,
    score_labels: Iterable[str],
    pages: Iterable[CasePage],
    progress: Callable[[], None] | None = None,
) -> int:
    """The sheet with a page per case; returns the number of pages."""
    sheet = CasePagesSheet(wb, score_labels)
    count = 0
    for page in pages:
        sheet.add(page)
        count += 1
        if progress is not None:
            progress()
    # all at once: adding merged ranges one by one compares each with all before it
    sheet.ws.merged_cells = MultiCellRange([CellRange(r) for r in sheet.merged])
    return count
