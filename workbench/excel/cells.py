"""Writing values so that text stays text, and reporting what a cell cannot hold."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_CELL = 32767  # characters a cell can hold
Where = tuple[str, int, int]  # sheet, column (1-based), row
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
ID_FONT = Font(color="808080")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


@dataclass
class CellReport:
    removed: list[Where] = field(default_factory=list)  # where characters were removed
    cut: list[Where] = field(default_factory=list)  # where text was longer than a cell

    @staticmethod
    def _names(places: list[Where]) -> str:
        names = [f"{sheet}!{get_column_letter(col)}{row}" for sheet, col, row in places[:20]]
        return ", ".join(names) + (" …" if len(places) > 20 else "")

    def warnings(self) -> list[str]:
        out = []
        if self.removed:
            out.append(
                "Characters a spreadsheet cannot hold (control characters) were left "
                "out of the file in: " + self._names(self.removed)
            )
        if self.cut:
            out.append(
                "Text longer than a cell can hold (32,767 characters) was shortened in "
                "the file, not in the project, in: " + self._names(self.cut)
            )
        return out


def _needs_text_type(text: str) -> bool:
    """openpyxl reads '=…' as a formula and '#N/A' as an error; those must be forced."""
    return text.startswith("=") or text in ERROR_CODES


class StyleCache:
    """One template cell per look; new cells copy its style array (fast) instead of
    assigning font and alignment objects, which openpyxl hashes on every cell."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self._templates: dict[tuple[bool, bool], WriteOnlyCell] = {}

    def apply(self, cell: WriteOnlyCell, wrap: bool, grey: bool) -> None:
        key = (wrap, grey)
        template = self._templates.get(key)
        if template is None:
            template = WriteOnlyCell(self.ws)
            template.alignment = WRAP if wrap else TOP
            if grey:
                template.font = ID_FONT
            self._templates[key] = template
        cell._style = copy(template._style)


def text_cell(
    value: Any,
    where: str,
    report: CellReport,
    styles: StyleCache,
    *,
    wrap: bool = False,
    grey: bool = False,
) -> Any:
    """`value` ready for a write-only row: strings are never formulas or error codes,
    and characters a cell cannot hold are removed (and reported)."""
    if isinstance(value, str):
        clean = ILLEGAL_CHARACTERS_RE.sub("", value) if not value.isprintable() else value
        if clean != value:
            report.removed.append(where)
        if len(clean) > MAX_CELL:
            report.cut.append(where)
            clean = clean[:MAX_CELL]
        value = clean
        forced = _needs_text_type(value)
    else:
        forced = False
    if not (forced or wrap or grey):
        return value  # the fast path: openpyxl binds plain values itself
    cell = WriteOnlyCell(styles.ws, value=value)
    if forced:
        cell.data_type = "s"
    styles.apply(cell, wrap, grey)
    return cell


def header_cell(ws: WriteOnlyWorksheet, title: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=title)
    cell.data_type = "s"
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    return cell
