"""What a version's reader tells the comparison about a returned workbook.

Every format's reader (`format_current`, `format_earlier`) gives this same neutral
description, so the comparison (`diff`) does not depend on the version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.excel.export_record import ExportRecord
from workbench.excel.layout import Column
from workbench.excel.reader import Book

__all__ = ["CHANGED_RECORD_NOTICE", "EARLIER_NOTICE", "ReturnedFormat"]

_TWO_WAY = (
    "This workbook {why}: it is compared with the project as it is now (two-way). "
    "Any cell that differs is proposed, including changes made in the project "
    "since the export; review them before applying"
)
EARLIER_NOTICE = _TWO_WAY.format(
    why="was exported by an earlier version, without a record of the exported values"
)
CHANGED_RECORD_NOTICE = _TWO_WAY.format(
    why="has a record of the exported values that was changed or removed"
)


@dataclass(frozen=True)
class ReturnedFormat:
    """What a reader knows of a returned workbook before its cells are compared."""

    format: str
    export_id: str
    columns: dict[str, list[Column]]  # by sheet, when no record says otherwise
    evidence_layout: list[Column]
    three_way: bool
    notice: str  # said in the review ("" for none)
    read_record: Callable[[Book], ExportRecord | None]
