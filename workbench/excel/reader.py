"""Reading a returned workbook safely: every guard first, then the values, row by row.

    with open_book(path) as book:        # refuses hostile and oversized files
        for row in book.rows("Matrix"):  # (row number, values), values as typed
            ...

Every reader of co-author workbooks (the import and the agreement) goes through
`open_book`, so the same limits protect them all.
"""

from __future__ import annotations

import ctypes
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from python_calamine import CalamineWorkbook

from workbench.excel.cells import typed_text
from workbench.excel.column_reader import Choose, ColumnReader, KeptColumns, read_cells
from workbench.excel.guards import (
    ExcelImportError,
    SheetExtent,
    check_archive,
    check_parts,
    scan_sheet,
    shared_strings,
)

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class Book:
    """A checked workbook: sheet names, each sheet's extent and formula cells, its rows."""

    def __init__(
        self,
        path: Path,
        calamine: CalamineWorkbook,
        extents: dict[str, SheetExtent],
        kept: dict[str, KeptColumns | None] | None = None,
        parts: dict[str, str] | None = None,
    ):
        self.path = path
        self._parts = parts or {}
        self.fast: set[str] = set()  # sheets read from their kept columns only
        self._calamine = calamine
        self.extents = extents
        self.names = list(extents)
        self._kept = kept or {}

    def columns(self, sheet: str) -> KeptColumns | None:
        """The columns asked of `open_book` for `sheet`, read during its checks without
        building the sheet's grid; None when the sheet was not plain enough for that
        (read `rows` instead)."""
        return self._kept.get(sheet)

    def cell_texts(self, sheet: str, column: int, rows: set[int]) -> dict[int, str]:
        """The texts of one column (0-based) on some rows (a second look at a few cells
        whose fingerprint was read the first time)."""
        part = self._parts.get(sheet)
        found = read_cells(self.path, part, column, rows) if part else None
        if found is not None:
            return found
        out = {}
        for number, values in self.rows(sheet):
            if number in rows:
                out[number] = typed_text(values[column]) if column < len(values) else ""
        return out

    def columns_again(self, sheet: str, choose: Choose) -> KeptColumns | None:
        """Other columns of a plain sheet, in a second pass over its part (with the same
        checks); None when the sheet is not plain enough (read `rows` instead)."""
        part = self._parts.get(sheet)
        if part is None:
            return None
        reader = ColumnReader(self.path, choose)
        try:
            with zipfile.ZipFile(self.path) as archive:
                scan_sheet(self.path, archive, sheet, part, None, reader)
        except zipfile.BadZipFile as exc:
            raise ExcelImportError(self.path, f"the workbook is damaged: {exc}") from exc
        return reader.result()

    def formulas(self, sheet: str) -> set[str]:
        return self.extents[sheet].formulas

    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) of every row from the first, empty rows included."""
        if sheet not in self.extents:
            raise ExcelImportError(self.path, f"the sheet {sheet!r} is missing")
        try:
            data = self._calamine.get_sheet_by_name(sheet)
            # calamine's rows start at row 1 but its columns at the first used one
            lead = data.start[1] if data.start else 0
            for number, values in enumerate(data.iter_rows(), start=1):
                yield number, [None] * lead + list(values) if lead else list(values)
        except ExcelImportError:
            raise
        except Exception as exc:  # calamine's own errors: a damaged sheet
            raise ExcelImportError(self.path, f"sheet {sheet}: cannot be read ({exc})") from exc


def sheet_parts(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, read with defusedxml (no entity tricks)."""
    try:
        book = SafeET.fromstring(archive.read("xl/workbook.xml"))
        rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError as exc:
        raise ExcelImportError(path, f"the workbook is damaged: {exc.args[0]}") from exc
    except Exception as exc:  # defusedxml refusals and parse errors
        raise ExcelImportError(path, f"the workbook's index cannot be read ({exc})") from exc
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", _NS)}
    out = {}
    for sheet in book.findall("m:sheets/m:sheet", _NS):
        target = (targets.get(sheet.get(f"{{{_NS['r']}}}id")) or "").lstrip("/")
        out[sheet.get("name")] = target if target.startswith("xl/") else f"xl/{target}"
    return out


def release_freed_memory() -> None:
    """Return freed heap pages to the system (glibc keeps them otherwise), so that what
    is built next does not add to the peak of what was freed."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


@contextmanager
def open_book(
    path: Path,
    sheets: tuple[str, ...] | None = None,
    columns: dict[str, Choose] | None = None,
) -> Iterator[Book]:
    """The checked workbook; `sheets` limits the scan to those needed (others are
    still size-checked as parts, and never read). For a sheet in `columns`, the
    columns its `Choose` picks from the header are read during the checks' own pass
    over the sheet (see `Book.columns`)."""
    path = Path(path)
    check_archive(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(path, archive)
            names = set(archive.namelist())
            extents: dict[str, SheetExtent] = {}
            kept: dict[str, KeptColumns | None] = {}
            shared = "xl/sharedStrings.xml"
            strings = shared_strings(path, archive, shared) if shared in names else None
            for name, part in parts.items():
                if part not in names:
                    continue
                if sheets is None or name in sheets:
                    choose = (columns or {}).get(name)
                    reader = ColumnReader(path, choose) if choose else None
                    extents[name] = scan_sheet(path, archive, name, part, strings, reader)
                    if reader is not None:
                        kept[name] = reader.result()
            scanned = {parts[n] for n in extents} | ({shared} if strings else set())
            check_parts(path, archive, skip=scanned)
    except zipfile.BadZipFile as exc:
        raise ExcelImportError(path, f"the workbook is damaged: {exc}") from exc
    release_freed_memory()  # the scans' buffers
    try:
        calamine = CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise ExcelImportError(path, f"the workbook cannot be read ({exc})") from exc
    try:
        yield Book(path, calamine, extents, kept, parts)
    finally:
        calamine.close()
