"""The Evidence sheet's columns as the import reads them: which are compared, which
repeat what the project derives (case, mechanism, citation), how a returned text is
decoded and compared, and the About sheet's record of the export."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.csl import author_date_labels
from workbench.csl_types import storable_item
from workbench.excel.cells import typed_text
from workbench.excel.column_reader import Chosen
from workbench.excel.guards import ExcelImportError
from workbench.excel.layout import (
    Column,
    evidence_columns,
    map_columns,
    normal,
)
from workbench.excel.reader import Book
from workbench.excel.returned_sheet import Prefetched, ReturnedSheet
from workbench.vocabularies import load_vocabularies

if TYPE_CHECKING:  # the review that reads these columns
    from workbench.excel.diff import _Review

_DERIVED = {
    "case_id": "a link's case is changed in the application",
    "case": "a case's name is edited in the Cases sheet",
    "power_type": "follows from the mechanism",
    "mechanism": "a link's mechanism is changed in the application",
    "evidence_type": "edit the excerpt in the application",
    "citation": "follows from the source, edited in the application",
    "citation_key": "edit the excerpt's source in the application",
}
# The columns the import compares; read with the sheet's checks when it is plain.
_KEPT = ("link_id", "excerpt_id", "text", "locator", "note")
# The excerpt's fields a co-author edits in Evidence, as a reader names them.
EXCERPT_EDITS = {"text": "quotation", "locator": "locator", "note": "note"}


def _headers(keys: Iterable[str]) -> frozenset[str]:
    """The headers of these columns in any layout (human or key), as `map_columns`
    compares them."""
    wanted = set(keys)
    return frozenset(
        normal(text)
        for c in evidence_columns(True)
        if c.key in wanted
        for text in (c.key, c.header)
    )


_KEPT_HEADERS = _headers(_KEPT)
_QUOTATION_HEADERS = _headers(["text"])
_LINK_HEADERS = _headers(["link_id"])
_DERIVED_HEADERS = _headers(_DERIVED)


def choose_evidence(header: list[Any]) -> Chosen | None:
    """The Evidence columns worth keeping while the sheet is checked (a superset of
    those the import reads, since the layout is known only later): the identifier's
    column and every column headed like one of `_KEPT`, the quotations kept as
    fingerprints (the texts are most of the sheet)."""
    names = [normal(typed_text(v)) for v in header]
    kept = [i for i, name in enumerate(names) if name in _KEPT_HEADERS]
    links = [i for i in kept if names[i] in _LINK_HEADERS]
    if not links:
        return None
    return Chosen(links[0], kept, fingerprinted=[i for i in kept if names[i] in _QUOTATION_HEADERS])


def choose_derived(header: list[Any]) -> Chosen | None:
    """The identifier and the columns repeating what the application holds, each a
    few values on many rows (a case's name, a citation)."""
    names = [normal(typed_text(v)) for v in header]
    links = [i for i, name in enumerate(names) if name in _LINK_HEADERS]
    derived = [i for i, name in enumerate(names) if name in _DERIVED_HEADERS]
    if not links:
        return None
    return Chosen(links[0], [links[0], *derived], repeating=derived)


def prefetch(book: Book, sheet: str, columns: list[Column]) -> Prefetched | None:
    """A sheet's rows with only the columns the import reads (whole rows where the
    identifier is empty: a proposed new row), or None when the sheet cannot be mapped."""
    if sheet not in book.names:
        return None
    fast = book.columns(sheet)  # read during the checks, when the sheet is plain
    if fast is not None:
        found = map_columns(sheet, fast.header, columns)
        kept = [found.index[k] for k in _KEPT if k in found.index]
        if found.index.get("link_id") == fast.link and set(kept) <= fast.values.keys():
            width = max(kept) + 1
            values = [fast.values[i] if i in kept else repeat(None) for i in range(width)]
            # rows as tuples: read only, and lighter to build than lists; built as they
            # are read, from the columns already held
            rows = zip(fast.numbers, zip(*values, strict=False), strict=False)
            book.fast.add(sheet)  # the columns repeating the project's values were not read
            return itertools.chain([(1, list(fast.header))], rows)
    rows = book.rows(sheet)
    number, header = next(rows, (1, []))
    found = map_columns(sheet, header, columns)
    if "link_id" not in found.index:
        return None
    kept = [found.index[k] for k in (*_KEPT, *_DERIVED) if k in found.index]
    repeating = {found.index[k] for k in _DERIVED if k in found.index}
    once: dict[Any, Any] = {}  # a value repeated on many rows, kept once
    link = found.index["link_id"]
    width = max(kept) + 1
    out: list[tuple[int, Sequence[Any]]] = [(number, list(header))]
    for number, values in rows:
        if link < len(values) and values[link] not in (None, ""):
            compact: list[Any] = [None] * width
            for i in kept:
                if i < len(values):
                    value = values[i]
                    compact[i] = once.setdefault(value, value) if i in repeating else value
            out.append((number, compact))
        elif any(v not in (None, "") for v in values):
            out.append((number, list(values)))
    return out


def about_sheet(book: Book, path: Path) -> dict[str, Any]:
    if "About" not in book.names:
        raise ExcelImportError(
            path, "this workbook was not exported by Migration Power Workbench (no About sheet)"
        )
    facts: dict[str, Any] = {}
    for number, values in book.rows("About"):
        if number > 100:
            break
        if len(values) > 1:
            facts.setdefault(typed_text(values[0]).strip(), typed_text(values[1]).strip())
    return facts


_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def decoded(text: Any) -> Any:
    """`text` as a program that drops the escaping of a literal `_xHHHH_` reads it back
    (the cell was not edited, only re-saved)."""
    if not isinstance(text, str) or "_x" not in text:
        return text
    decoded = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def same_value(theirs: Any, exported: Any) -> bool:
    """The co-author's cell holds what was exported (perhaps re-encoded by a program)."""
    return theirs == exported or (isinstance(theirs, str) and theirs == decoded(exported))


class DerivedEvidence:
    """Checks the Evidence columns that repeat what the application holds (the case, the
    mechanism, the source): each changed cell is named as not imported. The rows are
    compared a column at a time, as lists (a 150,000-row sheet in a fraction of a
    second); only the cells that differ are looked at one by one."""

    def __init__(self, review: _Review, sheet: ReturnedSheet) -> None:
        self.review = review
        self.sheet = sheet
        self.columns = [(k, sheet.map.index[k]) for k in _DERIVED if sheet.has(k)]
        self.rows: list[tuple[int, str, dict[str, Any], Sequence[Any]]] = []

    def add(self, row: int, link: str, excerpt: dict[str, Any], values: Sequence[Any]) -> None:
        if self.columns:
            self.rows.append((row, link, excerpt, values))

    def finish(self) -> None:
        if not self.rows:
            return
        review = self.review
        mechanisms = {m.id: m for m in review.fw.mechanisms}
        sources = review.store.select("source")
        items = {r["id"]: storable_item(json.loads(r["csl"])) for r in sources}
        labels = author_date_labels(items.items())
        keys = {r["id"]: r["citation_key"] for r in sources}
        types = {t.id: t.label for t in load_vocabularies().evidence_types}
        exported_names: dict[str, str] = {}
        if review.record is not None:
            values = review.record.values
            for uid in review.cases:
                name = values.get(("case", uid, "short_label")) or values.get(
                    ("case", uid, "title")
                )
                exported_names[uid] = str(name or "")
        rows = self.rows
        parts = [[*link.split("|"), "", ""] for _r, link, _e, _v in rows]
        excerpts = [e for _r, _l, e, _v in rows]
        expected = {
            "case_id": [p[1] for p in parts],
            "case": [review.names.get(p[1], "") for p in parts],
            "power_type": [m.power_type if (m := mechanisms.get(p[2])) else "" for p in parts],
            "mechanism": [m.label if (m := mechanisms.get(p[2])) else p[2] for p in parts],
            "evidence_type": [types.get(e["evidence_type"], e["evidence_type"]) for e in excerpts],
            "citation": [labels.get(e["source_id"], "") for e in excerpts],
            "citation_key": [keys.get(e["source_id"], "") for e in excerpts],
        }
        header = review.columns_by_key["Evidence"]
        for key, at in self.columns:
            got = [v[at] if at < len(v) else "" for _r, _l, _e, v in rows]
            wanted = expected[key]
            if got == wanted:
                continue
            for i, (value, want) in enumerate(zip(got, wanted, strict=True)):
                if value == want:
                    continue
                text = value if type(value) is str else typed_text(value)
                also = exported_names.get(parts[i][1]) if key == "case" else None
                if text.strip() in (want, also):
                    continue
                review.diff.not_imported.append(
                    f"Evidence!{self.sheet.where(key, rows[i][0])} ({header.get(key, key)}): "
                    f"{_DERIVED[key]}"
                )
        self.rows = []
