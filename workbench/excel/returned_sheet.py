"""One sheet of a returned workbook: its columns mapped by header, its rows, and each
cell read as typed, with every problem located by sheet and cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from openpyxl.utils import get_column_letter

from workbench.excel.cells import typed_text
from workbench.excel.changes import WorkbookDiff
from workbench.excel.layout import Column, ColumnMap, map_columns
from workbench.excel.reader import Book

# rows read ahead, with only the columns the import reads (read only: tuples or lists)
Prefetched = Iterable[tuple[int, Sequence[Any]]]


def _is_blank(value: Any) -> bool:
    return value is None or value == ""


class ReturnedSheet:
    """One returned sheet: its column map and its rows, with located cell reading."""

    def __init__(
        self,
        book: Book,
        diff: WorkbookDiff,
        name: str,
        columns: list[Column],
        id_key: str,
        prefetched: Prefetched | None = None,
    ) -> None:
        self.diff = diff
        self.name = name
        self.formulas = book.formulas(name) if name in book.names else set()
        self.rows: Iterator[tuple[int, Sequence[Any]]] = iter(())
        self.map = ColumnMap()
        self.ok = False
        if name not in book.names:
            diff.problems.append(f"the sheet {name!r} is missing; its edits were not read")
            return
        self.rows = iter(prefetched) if prefetched is not None else book.rows(name)
        header = next(self.rows, (1, []))[1]
        self.map = map_columns(name, header, columns)
        diff.problems.extend(self.map.problems)
        if id_key not in self.map.index:
            diff.problems.append(
                f"{name}: the identifier column is missing or renamed; the sheet was not read"
            )
            return
        self.ok = True

    def where(self, key: str, row: int) -> str:
        return f"{self.map.letter(key)}{row}"

    def raw(self, values: list[Any], key: str) -> Any:
        index = self.map.index.get(key)
        if index is None or index >= len(values):
            return None
        return values[index]

    def has(self, key: str) -> bool:
        return key in self.map.index

    def cell(self, values: list[Any], key: str, row: int) -> tuple[bool, Any]:
        """(ok, value) of a cell; formulas are refused (their cached value is not the
        co-author's input)."""
        if key not in self.map.index:
            return False, None
        if self.formulas and self.where(key, row) in self.formulas:
            self.problem(key, row, "holds a formula; type a value instead")
            return False, None
        value = self.raw(values, key)
        return True, None if _is_blank(value) else value

    def text(
        self, values: list[Any], key: str, row: int, located: bool = False
    ) -> tuple[bool, str]:
        """A text cell as typed; a date in a `located` field (a locator) is a problem."""
        ok, value = self.cell(values, key, row)
        if not ok:
            return False, ""
        if located and isinstance(value, dt.date | dt.time | dt.timedelta):
            self.problem(
                key,
                row,
                f"holds a date or time ({typed_text(value)}); the spreadsheet turned the text "
                "into a date. Format the cell as text and type it again",
            )
            return False, ""
        return True, typed_text(value)

    def scale(self, values: list[Any], key: str, row: int) -> tuple[bool, int | None]:
        ok, value = self.cell(values, key, row)
        if not ok or value is None:
            return ok, None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            self.problem(key, row, f"{typed_text(value)!r} is not on the scale 0–4")
            return False, None
        return True, value

    def problem(self, key: str, row: int, text: str) -> None:
        self.diff.problems.append(f"{self.name}!{self.where(key, row)}: {text}")

    def records(self) -> Iterator[tuple[int, str, list[Any]]]:
        """(row, identifier, values) of every row with content; duplicated identifiers
        are reported (the first one counts)."""
        seen: dict[str, int] = {}
        id_index = self.map.index[_ID_KEYS[self.name]]
        for row, values in self.rows:
            ident = values[id_index] if id_index < len(values) else None
            ident = ident.strip() if type(ident) is str else typed_text(ident).strip()
            if not ident:
                if any(not _is_blank(v) for v in values):
                    yield row, "", values
                continue
            if ident in seen:
                self.diff.problems.append(
                    f"{self.name}!{get_column_letter(id_index + 1)}{row}: identifier {ident!r} "
                    f"appears twice (also row {seen[ident]}); only the first was read"
                )
                continue
            seen[ident] = row
            yield row, ident, values


_ID_KEYS = {
    "Cases": "case_id",
    "Matrix": "case_id",
    "Mechanisms": "case_id",
    "Evidence": "link_id",
    "Sources": "source_id",
}
