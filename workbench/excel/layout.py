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


# --- the exported sheets' columns -------------------------------------------------------

CASE_FIELDS = ("title", "short_label", "period", "region", "summary")
# The Cases sheet's lists, recorded at export: tags and objectives are imported; the
# actors (wielders, recipients) are edited in the application, and a change is named.
CASE_LISTS = ("tags", "gcm_objectives", "wielders", "recipients")
CASE_COLUMNS = [
    Column("case_id", "Case ID", 26),
    Column("title", "Title", 36, True, True),
    Column("short_label", "Short label", 18, False, True),
    Column("period", "Period", 11, False, True),
    Column("region", "Region", 18, True, True),
    Column("summary", "Summary", 60, True, True),
    Column("tags", "Tags", 22, True, True),
    Column("gcm_objectives", "GCM objectives", 11, True, True),
    Column("wielders", "Wielders", 34, True),
    Column("recipients", "Recipients", 34, True),
]
SOURCE_COLUMNS = [
    Column("source_id", "Source ID", 14),
    Column("citation_key", "Citation key", 22),
    Column("type", "Type", 14),
    Column("citation", "Citation", 26, True),
    Column("authors", "Authors", 34, True),
    Column("year", "Year", 7),
    Column("title", "Title", 50, True),
    Column("container", "Container", 30, True),
    Column("volume", "Volume", 8),
    Column("issue", "Issue", 7),
    Column("pages", "Pages", 10),
    Column("publisher", "Publisher", 22, True),
    Column("place", "Place", 14),
    Column("doi", "DOI", 24),
    Column("url", "URL", 28),
    Column("csl_json", "CSL JSON (every field)", 40),
]


def matrix_columns(fw: Any, memos: bool) -> list[Column]:
    columns = [Column("case_id", "Case ID", 26), Column("case", "Case", 22, True)]
    for pt in fw.power_types:
        columns += [
            Column(f"{pt.id}_score", f"{pt.label} score", 12, False, True, centre=True),
            Column(f"{pt.id}_confidence", f"{pt.label} confidence", 12, False, True, True),
            Column(f"{pt.id}_effects", f"{pt.label} effects", 16, True, True),
        ]
        if memos:
            columns.append(Column(f"{pt.id}_memo", f"{pt.label} memo", 44, True, True))
    return columns


def mechanism_columns(fw: Any) -> list[Column]:
    return [Column("case_id", "Case ID", 26), Column("case", "Case", 22, True)] + [
        Column(m.id, m.label, 13, False, True, centre=True) for m in fw.mechanisms
    ]


def evidence_columns(memos: bool) -> list[Column]:
    columns = [
        Column("link_id", "Link ID", 16),
        Column("excerpt_id", "Excerpt ID", 14),
        Column("case_id", "Case ID", 16),
        Column("case", "Case", 18, True),
        Column("power_type", "Power type", 12),
        Column("mechanism", "Mechanism", 20, True),
        Column("text", "Quotation", 64, True, True),
        Column("locator", "Locator", 18, True, True),
        Column("evidence_type", "Evidence type", 16, True),
    ]
    if memos:
        columns.append(Column("note", "Note", 36, True, True))
    return [
        *columns,
        Column("citation", "Citation", 22, True),
        Column("citation_key", "Citation key", 20),
    ]
