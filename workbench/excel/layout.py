"""The columns of each sheet: a stable key, the header a person reads, and matching
headers back to keys.

Headers are for people ("Compulsory score"); the import maps them back by
comparing them with case, spaces and underscores ignored, so "compulsory_score"
(workbooks exported before human headers) and "Compulsory Score" both count.
Whatever does not map is a located problem, never silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from workbench.excel.cells import typed_text


@dataclass(frozen=True)
class Column:
    key: str  # what the import maps to: "compulsory_score", "note", a mechanism id
    header: str  # what a person reads: "Compulsory score"
    width: float = 14
    wrap: bool = False
    editable: bool = False
    centre: bool = False  # short values such as scores


def normal(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header).strip().casefold()


@dataclass
class ColumnMap:
    """Where each known column sits in a returned sheet, and what did not map."""

    index: dict[str, int] = field(default_factory=dict)  # key -> 0-based column
    problems: list[str] = field(default_factory=list)

    def letter(self, key: str) -> str:
        return get_column_letter(self.index[key] + 1)


def map_columns(sheet: str, header_row: list[Any], columns: list[Column]) -> ColumnMap:
    """Match a returned header row to the exported columns.

    An unknown header where an exported column is missing is reported as that column
    renamed; other unknown, missing or duplicated headers are reported where they are.
    """
    names: dict[str, str] = {}
    for c in columns:
        names.setdefault(normal(c.header), c.key)
        names.setdefault(normal(c.key), c.key)
    found = ColumnMap()
    unknown: dict[int, str] = {}
    for i, value in enumerate(header_row):
        text = typed_text(value).strip()
        if not text:
            continue
        key = names.get(normal(text))
        if key is None:
            unknown[i] = text
        elif key in found.index:
            first = get_column_letter(found.index[key] + 1)
            found.problems.append(
                f"{sheet}!{get_column_letter(i + 1)}1: column {text!r} appears twice "
                f"(also {first}1); only {first} was read"
            )
        else:
            found.index[key] = i
    exported_at = {c.key: i for i, c in enumerate(columns)}
    for c in columns:
        if c.key in found.index:
            continue
        at = exported_at[c.key]
        if at in unknown:
            found.problems.append(
                f"{sheet}!{get_column_letter(at + 1)}1: the column {c.header!r} was renamed to "
                f"{unknown.pop(at)!r}; its cells were not read. Restore the header as exported"
            )
        elif c.editable:
            found.problems.append(
                f"{sheet}: the column {c.header!r} (exported as column "
                f"{get_column_letter(at + 1)}) is missing or was renamed; its edits were not read"
            )
    for i, text in unknown.items():
        found.problems.append(
            f"{sheet}!{get_column_letter(i + 1)}1: unknown column {text!r}; its cells were not "
            "read (add remarks to a memo or note instead)"
        )
    return found


def human(key: str) -> str:
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]
