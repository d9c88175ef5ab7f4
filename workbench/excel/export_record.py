"""The exported values, kept inside the workbook for the three-way import.

Where they live, and why: in a very hidden, protected sheet of the workbook itself
(`_exported`), as compressed JSON in base64 chunks, with a SHA-256 of the payload.

* The workbook is then self-contained: any number of co-authors' copies of one
  export carry the same record, in any order and as often as they are imported,
  and exporting never writes to the project (exports run on read-only
  connections, and a project need not grow with every file sent out).
* Base64 survives every spreadsheet program unchanged (no characters a cell
  alters), and a very hidden sheet is not offered to co-authors in Excel
  ("Unhide" does not list it). Should someone change it anyway, the hash no
  longer matches and the import falls back to comparing with the project as it
  is now (two-way), saying so; it never trusts a changed record.

Keys name what a cell holds: ("case", case uid, field), ("cell", case uid,
power type, field), ("strength", case uid, mechanism), ("excerpt", excerpt uid,
field). Values are the exported cell form (see `cells.cell_form`). A quotation is
kept as a digest of that form, ("excerpt", excerpt uid, "text_digest"): the texts
themselves would make the record as large as the Evidence sheet, and reading it
back would double an import's memory; the digest tells whether a co-author
changed the cell, and the project's text shows what it held unless the project
changed it too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from workbench.excel.cells import MAX_CELL, cell_form
from workbench.excel.layout import Column

SHEET = "_exported"
MARKER = "migration-power-workbench/exported-values/1"
_CHUNK = 32_000  # characters per cell (a cell holds 32,767)

Key = tuple[str, ...]


def digest(text: str) -> str:
    """A short fingerprint of a text (64 bits: enough to tell an edit from none)."""
    return utf8_digest(text.encode("utf-8", "surrogatepass"))


def utf8_digest(data: bytes) -> str:
    """`digest` of the text whose UTF-8 form is `data`."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


class Values:
    """Exported values by key, stored compactly (one string key per value, by kind):
    a large project's record then costs tens of megabytes, not hundreds."""

    def __init__(self, by_kind: dict[str, dict[str, Any]] | None = None) -> None:
        self.by_kind: dict[str, dict[str, Any]] = by_kind or {}

    def __setitem__(self, key: Key, value: Any) -> None:
        self.by_kind.setdefault(key[0], {})["\t".join(key[1:])] = value

    def get(self, key: Key, default: Any = None) -> Any:
        kind = self.by_kind.get(key[0])
        return default if kind is None else kind.get("\t".join(key[1:]), default)

    def __contains__(self, key: Key) -> bool:
        kind = self.by_kind.get(key[0])
        return kind is not None and "\t".join(key[1:]) in kind

    def idents(self, kind: str) -> set[str]:
        """The first part of each key of a kind (a case uid, an excerpt uid)."""
        return {k.split("\t", 1)[0] for k in self.by_kind.get(kind, {})}


@dataclass
class ExportRecord:
    export_id: str = ""
    project: str = ""
    columns: dict[str, list[Column]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # data rows per sheet
    values: Values = field(default_factory=Values)
    cut: set[Key] = field(default_factory=set)  # shortened on export
    altered: set[Key] = field(default_factory=set)  # held in another form than the project's

    def record_digest(self, key: Key, text: str) -> None:
        """Keeps the digest of the form `text` takes in its cell under `key` + "_digest";
        a text that had to be shortened is marked as such under `key`."""
        if not (text.isprintable() and len(text) <= MAX_CELL):
            form = cell_form(text)
            text = form.text
            if form.cut:
                self.cut.add(key)
        self.values[(*key[:-1], f"{key[-1]}_digest")] = digest(text)

    def to_cells(self) -> list[str]:
        doc = {
            "export_id": self.export_id,
            "project": self.project,
            "columns": {
                sheet: [[c.key, c.header, c.editable] for c in cols]
                for sheet, cols in self.columns.items()
            },
            "rows": self.rows,
            "values": self.values.by_kind,
            "cut": [list(k) for k in self.cut],
            "altered": [list(k) for k in self.altered],
        }
        raw = zlib.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), 6)
        payload = base64.b64encode(raw).decode("ascii")
        digest = hashlib.sha256(payload.encode("ascii")).hexdigest()
        chunks = [payload[i : i + _CHUNK] for i in range(0, len(payload), _CHUNK)]
        return [MARKER, digest, *chunks]

    @classmethod
    def from_cells(cls, cells: list[Any]) -> ExportRecord | None:
        """The record, or None when it is missing or was changed (hash mismatch)."""
        if len(cells) < 3 or cells[0] != MARKER or not isinstance(cells[1], str):
            return None
        payload = "".join(c for c in cells[2:] if isinstance(c, str))
        if hashlib.sha256(payload.encode("ascii", "replace")).hexdigest() != cells[1]:
            return None
        try:
            doc = json.loads(zlib.decompress(base64.b64decode(payload, validate=True)))
        except (ValueError, zlib.error):
            return None
        if not isinstance(doc, dict) or not isinstance(doc.get("values"), dict):
            return None  # a record in another form: not trusted
        return cls(
            export_id=doc["export_id"],
            project=doc["project"],
            columns={
                sheet: [Column(k, h, editable=e) for k, h, e in cols]
                for sheet, cols in doc["columns"].items()
            },
            rows=doc["rows"],
            values=Values(doc["values"]),
            cut={tuple(k) for k in doc["cut"]},
            altered={tuple(k) for k in doc["altered"]},
        )
