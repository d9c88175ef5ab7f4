"""The versions of the co-author workbook, each read by its own reader.

A returned workbook says which format wrote it (the About sheet). The current format
carries the record of what each cell held at export (`format_current`, three-way); a
workbook of an earlier format has neither the record nor the human headers
(`format_earlier`, two-way with a notice). Both give a `ReturnedFormat`; `diff` compares,
whatever the version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.excel.evidence_columns import about_sheet
from workbench.excel.export import FORMAT_ID, LEGACY_FORMATS
from workbench.excel.export_record import SHEET as RECORD_SHEET
from workbench.excel.format_current import read_current
from workbench.excel.format_earlier import read_earlier
from workbench.excel.guards import ExcelImportError
from workbench.excel.reader import Book
from workbench.excel.returned_format import CHANGED_RECORD_NOTICE, ReturnedFormat

__all__ = ["CHANGED_RECORD_NOTICE", "RECORD_SHEET", "ReturnedFormat", "read_version"]


def read_version(book: Book, path: Path, framework: Any) -> ReturnedFormat:
    """The reader of the workbook's format; a workbook of no known format is refused."""
    facts = about_sheet(book, path)
    fmt = facts.get("format")
    memos = facts.get("memos and notes") != "left out"
    export_id = facts.get("export", "")
    if fmt == FORMAT_ID:
        return read_current(fmt, export_id, framework, memos)
    if fmt in LEGACY_FORMATS:
        return read_earlier(fmt, export_id, framework, memos)
    raise ExcelImportError(
        path,
        "this workbook was not exported by Migration Power Workbench, "
        "or by an incompatible version",
    )
