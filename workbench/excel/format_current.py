"""Reader of the current workbook format: human headers and the hidden record sheet.

The record of what each cell held at export makes the review three-way.
"""

from __future__ import annotations

from typing import Any

from workbench.excel.export_record import SHEET as RECORD_SHEET
from workbench.excel.export_record import ExportRecord
from workbench.excel.layout import (
    CASE_COLUMNS,
    evidence_columns,
    matrix_columns,
    mechanism_columns,
)
from workbench.excel.reader import Book
from workbench.excel.returned_format import ReturnedFormat

__all__ = ["read_current"]


def read_current(fmt: str, export_id: str, framework: Any, memos: bool) -> ReturnedFormat:
    columns = {
        "Cases": CASE_COLUMNS,
        "Matrix": matrix_columns(framework, memos),
        "Mechanisms": mechanism_columns(framework),
        "Evidence": evidence_columns(memos),
    }
    return ReturnedFormat(fmt, export_id, columns, columns["Evidence"], True, "", _record_of)


def _record_of(book: Book) -> ExportRecord | None:
    """The record of exported values, None when it is missing or fails its checksum."""
    if RECORD_SHEET not in book.names:
        return None
    return ExportRecord.from_cells([r[0] if r else None for _, r in book.rows(RECORD_SHEET)])
