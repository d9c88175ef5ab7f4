"""Cell values both ways: the form a text takes in a cell, and a typed cell read as text.

A spreadsheet cell cannot hold every text as it is: at most 32,767 characters, no
control characters or non-characters, and readers turn CR LF into LF and decode
`_xHHHH_` sequences. `cell_form` gives the text as the workbook holds it and says
what it had to alter; the export keeps that form as the exported value, so the
import compares like with like and never writes an altered form back unasked.
"""

from __future__ import annotations

import datetime as dt
import re
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_CELL = 32767  # characters a cell can hold
_ERROR_CODES = frozenset(ERROR_CODES)
Where = tuple[str, int, int]  # sheet, column (1-based), row
FONT_NAME = "Calibri"  # one font throughout; LibreOffice substitutes Carlito, metric-compatible
BODY_FONT = Font(name=FONT_NAME, size=11)  # the workbook's default font, named
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
ID_FONT = Font(name=FONT_NAME, size=11, color="595959")  # grey, still 7:1 on white
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
# Cells a co-author cannot edit (identifiers, lists kept in the application): light
# grey, so body text keeps a contrast far above 7:1 on screen and on paper.
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
UNLOCKED = Protection(locked=False)
HEADER_BORDER = Border(bottom=Side(style="thin", color="8A97A6"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top")

# Characters XML 1.0 cannot carry at all (a cell would be unreadable), except TAB, LF, CR.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# `_x000D_` in a cell's XML means CR to every reader; a literal one needs its `_` escaped.
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")


@dataclass(frozen=True)
class CellText:
    text: str  # as the workbook shows it (and as it reads back)
    altered: str = ""  # why it differs from the project's text ("" when it does not)
    cut: bool = False  # shortened: the workbook's form must never replace the project's


def cell_form(value: str) -> CellText:
    """The text as a cell holds it, and what was altered to get there."""
    if value.isprintable() and len(value) <= MAX_CELL:
        return CellText(value)
    reasons = []
    text = value
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        reasons.append("line ends")
    clean = _NOT_XML.sub("", text)
    if clean != text:
        reasons.append("control characters or non-characters removed")
        text = clean
    cut = len(text) > MAX_CELL
    if cut:
        text = text[:MAX_CELL]
        reasons.append(f"shortened to {MAX_CELL:,} characters")
    return CellText(text, "; ".join(reasons), cut)


def xml_text(text: str) -> str:
    """What to write so that readers decode exactly `text` (literal `_xHHHH_` kept)."""
    return _ESCAPE_LIKE.sub(r"_x005F_\1", text) if "_x" in text else text


def typed_text(value: Any) -> str:
    """A cell read back as the text a person typed: 13 not 13.0, TRUE not True, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass
class CellReport:
    """Cells whose text the workbook holds in another form than the project (named)."""

    altered: list[tuple[Where, str]] = field(default_factory=list)

    def warnings(self) -> list[str]:
        if not self.altered:
            return []
        names = [
            f"{sheet}!{get_column_letter(col)}{row} ({why})"
            for (sheet, col, row), why in self.altered[:20]
        ]
        more = f" and {len(self.altered) - 20} more" if len(self.altered) > 20 else ""
        return [
            "Some texts are held in the workbook in another form than in the project "
            "(the project keeps its own; an untouched cell is never imported back): "
            + "; ".join(names)
            + more
        ]


def _needs_text_type(text: str) -> bool:
    """openpyxl reads '=…' as a formula and '#N/A' as an error; those must be forced."""
    return text.startswith("=") or text in _ERROR_CODES


class _StyledCell(Cell):
    """A cell whose style never changes once made: its style's number in the workbook
    is looked up once, not hashed again on each of 100k rows."""

    __slots__ = ("_style_number",)

    @property
    def style_id(self) -> int:
        try:
            return self._style_number
        except AttributeError:
            self._style_number: int = Cell.style_id.fget(self)
            return self._style_number


def styled_cell(ws: WriteOnlyWorksheet) -> Cell:
    """A write-only cell for a look set once, before its first row is written."""
    return _StyledCell(ws, row=1, column=1)


def stream_rows(ws: WriteOnlyWorksheet) -> None:
    """Make `ws.append` take a row's cell objects as they are.

    openpyxl first tries each value as a plain value and, for a cell object, builds
    and discards an error message naming the cell (and a new cell after each styled
    one): a fifth of a 100k-row export. Here a cell object is written as it is and
    plain values share one unstyled cell, bound as openpyxl binds them."""

    def values_to_row(values: Any, row_idx: int) -> Any:
        plain = Cell(ws, row=row_idx, column=1)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                value.column = col_idx
                value.row = row_idx
                if value.hyperlink is not None:
                    value.hyperlink.ref = value.coordinate
                yield value
                continue
            plain.value = value
            plain.column = col_idx
            yield plain

    ws._values_to_row = values_to_row


class StyleCache:
    """One template cell per look; new cells copy its style array (fast) instead of
    assigning font and alignment objects, which openpyxl hashes on every cell."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self._templates: dict[tuple[bool, ...], WriteOnlyCell] = {}
        self._reused: dict[tuple[int, bool, bool, bool], WriteOnlyCell] = {}
        self.unlocked: set[int] = set()  # 1-based columns a co-author may edit

    def apply(
        self, cell: WriteOnlyCell, wrap: bool, grey: bool, centre: bool = False, column: int = 0
    ) -> None:
        unlocked = column in self.unlocked
        key = (wrap, grey, centre, unlocked)
        template = self._templates.get(key)
        if template is None:
            template = WriteOnlyCell(self.ws)
            template.alignment = WRAP if wrap else CENTRE if centre else TOP
            template.font = ID_FONT if grey else BODY_FONT
            if unlocked:
                template.protection = UNLOCKED
            self._templates[key] = template
        cell._style = copy(template._style)

    def reusable(self, column: int, wrap: bool, grey: bool, centre: bool) -> WriteOnlyCell:
        """One styled cell per column, given a new value on each row: a write-only
        sheet writes a row's cells as it is appended, so a cell object is free again
        once its row is written (a row holds one cell per column)."""
        key = (column, wrap, grey, centre)
        cell = self._reused.get(key)
        if cell is None:
            cell = self._reused[key] = styled_cell(self.ws)
            self.apply(cell, wrap, grey, centre, column)
        return cell


def text_cell(
    value: Any,
    where: Where,
    report: CellReport,
    styles: StyleCache,
    *,
    wrap: bool,
    grey: bool,
    centre: bool = False,
    column: int = 0,
) -> Any:
    """`value` ready for a write-only row: strings are never formulas or error codes,
    and a text the cell cannot hold as it is is reported with its place (`where`, or
    its sheet and row with `column`)."""
    forced = False
    styled = wrap or grey or centre or column in styles.unlocked
    if type(value) is str:
        plain = value.isprintable() and len(value) <= MAX_CELL and "_x" not in value
        if plain and not (value.startswith("=") or value in _ERROR_CODES):
            if not styled:
                return value  # the fast path for most texts
        else:
            form = cell_form(value)
            if form.altered:
                place = (where[0], column, where[2]) if column else where
                report.altered.append((place, form.altered))
            forced = _needs_text_type(form.text)
            value = xml_text(form.text)
    if not (forced or styled):
        return value  # the fast path: openpyxl binds plain values itself
    if column and not forced:
        cell = styles.reusable(column, wrap, grey, centre)
        cell.value = value
        return cell
    cell = WriteOnlyCell(styles.ws, value=value)
    if forced:
        cell.data_type = "s"
    styles.apply(cell, wrap, grey, centre, column)
    return cell


def header_cell(ws: WriteOnlyWorksheet, title: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=title)
    cell.data_type = "s"
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.border = HEADER_BORDER
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    return cell
