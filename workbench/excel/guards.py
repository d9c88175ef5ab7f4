"""Refusing hostile or oversized workbooks before any value is read.

An .xlsx file is a zip archive of XML parts. Reading values (calamine) allocates
a grid as large as a sheet's extent, so one stray cell at XFD1048576 would ask
for hundreds of gigabytes. Before that, every check here runs in bounded memory:

* the file: size, not an encrypted (password-protected) or legacy .xls file;
* the archive's directory: entry count, declared sizes and compression ratios;
* every part, decompressed here as a stream: its real size must be the declared
  one (a lying size is refused), and no XML part may carry a DTD (entity bombs,
  external entities);
* every sheet part: the real cell references (never the declared dimension, which
  spreadsheet programs overstate), against the limits below, which no real study
  reaches; formula cells are noted on the way (with any namespace prefix), since
  their cached values must not be imported.
"""

from __future__ import annotations

import itertools
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Protocol

from openpyxl.utils import column_index_from_string

from workbench.errors import WorkbenchError

MAX_FILE = 64 * 1024 * 1024  # bytes on disk
MAX_EXPANDED = 256 * 1024 * 1024  # bytes once decompressed, all parts together
MAX_RATIO = 150  # decompressed / compressed, per part larger than 1 MB
MAX_ENTRIES = 2_000
MAX_COLUMNS = 512  # per sheet
MAX_ROWS = 1_048_576  # per sheet (a spreadsheet's own limit)
MAX_AREA = 2_500_000  # rows x columns of one sheet's extent: what a reader allocates
# Text a reader materialises for one sheet: each cell referring to a shared string gets
# its own copy, so a small file repeating one long text in many cells would expand.
MAX_SHEET_TEXT = 160 * 1024 * 1024
_CHUNK = 1 << 20

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: encrypted or .xls


class ExcelImportError(WorkbenchError):
    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass
class SharedStrings:
    sizes: list[int] = field(default_factory=list)  # bytes of each string's XML (an upper bound)
    largest: int = 0


@dataclass
class SheetExtent:
    rows: int = 0  # last row holding a cell
    columns: int = 0  # last column holding a cell
    cells: int = 0
    formulas: set[str] = field(default_factory=set)  # "C4"
    text: int = 0  # bytes of shared text the cells refer to (upper bound)
    plain: bool = True  # every cell written as `<c r="B7"...`, without a prefix
    protected: bool = False  # the sheet is still protected: its locked cells are as exported


def check_archive(path: Path) -> None:
    """Raise ExcelImportError when the file is not a safe-looking .xlsx archive."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(len(_CFB_MAGIC))
    except OSError as exc:
        raise ExcelImportError(path, f"cannot be read: {exc.strerror or exc}") from exc
    if size > MAX_FILE:
        raise ExcelImportError(
            path, f"the file is larger than {MAX_FILE // 2**20} MB, more than any study needs"
        )
    if head == _CFB_MAGIC:
        raise ExcelImportError(path, _cfb_problem(path))
    if not zipfile.is_zipfile(path):
        raise ExcelImportError(path, "this is not an Excel workbook (.xlsx)")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExcelImportError(path, f"the workbook is damaged: {exc}") from exc
    if len(entries) > MAX_ENTRIES:
        raise ExcelImportError(path, f"the archive holds {len(entries)} parts; refused")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 2**20 and ratio > MAX_RATIO:
            raise ExcelImportError(
                path,
                f"part {entry.filename} expands {ratio:,.0f} times; refused as a compression bomb",
            )
    if total > MAX_EXPANDED:
        raise ExcelImportError(
            path, f"the workbook expands to {total / 2**20:,.0f} MB, more than any study needs"
        )
    names = {e.filename for e in entries}
    if "xl/workbook.xml" not in names:
        raise ExcelImportError(path, "this zip file is not an Excel workbook")


def _cfb_problem(path: Path) -> str:
    with path.open("rb") as fh:
        data = fh.read(4 * 2**20)  # the directory of a small compound file is near the start
    if (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    ):
        return (
            "the workbook is password-protected (encrypted); open it in the spreadsheet "
            "program, save it without a password as .xlsx, and import that copy"
        )
    return "this is an old-style Excel file (.xls); save it as .xlsx and import that copy"


def part_chunks(path: Path, archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """A part's bytes in chunks, decompressed here so that its real size is checked
    against the declared one (a reader trusting the declared size could be flooded).
    Corrupt compressed data or an offset outside the file is the workbook's damage,
    named with the part, never an error of the program or of the project file."""
    try:
        yield from _part_chunks(path, archive, name)
    except (zlib.error, OSError, EOFError, OverflowError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ExcelImportError(
            path, f"the workbook is damaged (part {name} cannot be read: {why})"
        ) from exc


def _part_chunks(path: Path, archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    info = archive.getinfo(name)
    if info.flag_bits & 0x1:
        raise ExcelImportError(
            path, f"part {name} is encrypted; save the workbook without a password"
        )
    fh = archive.fp
    assert fh is not None
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise ExcelImportError(path, f"the workbook is damaged (part {name})")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    remaining = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-15)
    else:
        raise ExcelImportError(path, f"part {name} uses an unknown compression; refused")
    produced = 0
    crc = 0
    while remaining > 0 or (inflate is not None and inflate.unconsumed_tail):
        if inflate is not None and inflate.unconsumed_tail:
            raw = inflate.unconsumed_tail
        else:
            raw = fh.read(min(_CHUNK, remaining))
            if not raw:
                break
            remaining -= len(raw)
        out = raw if inflate is None else inflate.decompress(raw, _CHUNK)
        produced += len(out)
        if produced > info.file_size:
            raise ExcelImportError(
                path, f"part {name} holds more than its stated size; refused as damaged or hostile"
            )
        crc = zlib.crc32(out, crc)
        if out:
            yield out
    if produced != info.file_size or (inflate is not None and not inflate.eof) or crc != info.CRC:
        raise ExcelImportError(path, f"the workbook is damaged (part {name} does not check out)")


def check_parts(path: Path, archive: zipfile.ZipFile, skip: set[str]) -> None:
    """Every part other than `skip` streams to its stated size, and no XML part holds a DTD."""
    for info in archive.infolist():
        if info.filename in skip or info.is_dir():
            continue
        first = True
        for chunk in part_chunks(path, archive, info.filename):
            if first and _has_dtd(chunk):
                raise ExcelImportError(
                    path, f"part {info.filename} declares a DTD (entities); refused as hostile"
                )
            first = False


def _has_dtd(head: bytes) -> bool:
    prolog = head[:4096]
    return b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog


_CELL_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br="([A-Za-z]{1,4})([0-9]{1,9})"')
_ANY_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_PLAIN_REF = re.compile(rb'<c r="([A-Z]{1,4})([0-9]{1,9})"')
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s/>]")
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_TOKENS = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?(?:(c)\b[^>]*?\br="([A-Za-z]{1,4}[0-9]{1,9})"|(f)[\s/>])'
)
_COLON_TAG = re.compile(rb":[cf]")
_PROTECTION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?sheetProtection\b[^>]*\bsheet="(?:1|true)"')
_REF = re.compile(r"([A-Za-z]{1,4})([0-9]{1,9})")


def _parse_ref(ref: str) -> tuple[int, int]:
    """(row, column) of "C4"; of "A1:D20" the far corner."""
    corner = ref.split(":")[-1].replace("$", "")
    m = _REF.fullmatch(corner)
    if m is None:
        return 0, 0
    letters = m.group(1).upper()
    column = column_index_from_string(letters) if len(letters) <= 3 else 10**6
    return int(m.group(2)), column


def _check_extent(path: Path, sheet: str, rows: int, columns: int, where: str) -> None:
    if columns > MAX_COLUMNS or rows > MAX_ROWS or rows * columns > MAX_AREA:
        raise ExcelImportError(
            path,
            f"{sheet}!{where}: the sheet reaches row {rows:,}, column {columns:,}; a co-author "
            f"workbook stays far below that (limits: {MAX_COLUMNS} columns, "
            f"{MAX_AREA:,} cells). Delete the stray cells and save again",
        )


_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_SHARED_CELL = re.compile(rb'<c\b[^>]*?\bt="s"[^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?v>([0-9]{1,10})<')


def shared_strings(path: Path, archive: zipfile.ZipFile, part: str) -> SharedStrings:
    """The size of every shared string (from the distance between their tags)."""
    found = SharedStrings()
    starts: list[int] = []
    offset = 0
    carry = b""
    for chunk in part_chunks(path, archive, part):
        if offset == 0 and _has_dtd(chunk):
            raise ExcelImportError(
                path, f"part {part} declares a DTD (entities); refused as hostile"
            )
        data = carry + chunk
        base = offset - len(carry)
        cut = data.rfind(b"<")
        carry, data = (data[cut:], data[:cut]) if cut >= 0 else (b"", data)
        starts.extend(base + m.start() for m in _SI.finditer(data))
        offset += len(chunk)
    starts.append(offset)
    found.sizes = [b - a for a, b in itertools.pairwise(starts)]
    found.largest = max(found.sizes, default=0)
    return found


class ChunkSink(Protocol):
    def feed(
        self, data: bytes, rows: set[bytes] | None, refs: list[tuple[bytes, bytes]] | None
    ) -> None:
        """A checked piece of the sheet's XML (cut before a tag), its cells' row numbers
        and their references (letters, number), or None for both when some cell is not
        in the plain `<c r="B7"` form."""


def scan_sheet(
    path: Path,
    archive: zipfile.ZipFile,
    sheet: str,
    part: str,
    strings: SharedStrings | None = None,
    sink: ChunkSink | None = None,
) -> SheetExtent:
    """The sheet's real extent and formula cells, refusing it beyond the limits; each
    checked piece of the XML also goes to `sink` (a reader sharing this pass)."""
    extent = SheetExtent()
    carry = b""
    first = True
    for chunk in part_chunks(path, archive, part):
        if first:
            # The declared dimension is not judged: LibreOffice writes `A1:P1048576` for a
            # sheet it edited, and no reader sizes its grid by it (the real cells count).
            if _has_dtd(chunk):
                raise ExcelImportError(path, f"sheet {sheet} declares a DTD; refused as hostile")
            first = False
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut < 0:
            carry, data = b"", data
        else:
            carry, data = data[cut:], data[:cut]
        rows, refs = _scan(path, sheet, data, extent)
        if b"sheetProtection" in data and _PROTECTION.search(data):
            extent.protected = True
        _text(path, sheet, data, extent, strings)
        if sink is not None:
            sink.feed(data, rows, refs)
    rows, refs = _scan(path, sheet, carry, extent)
    _text(path, sheet, carry, extent, strings)
    if sink is not None:
        sink.feed(carry, rows, refs)
    return extent


def _text(
    path: Path, sheet: str, data: bytes, extent: SheetExtent, strings: SharedStrings | None
) -> None:
    if not strings or not strings.sizes:
        return
    referring = data.count(b't="s"')
    if extent.text + referring * strings.largest <= MAX_SHEET_TEXT:
        extent.text += referring * strings.largest  # a bound is enough while it is small
        return
    sizes = strings.sizes
    for index in _SHARED_CELL.findall(data):
        i = int(index)
        extent.text += sizes[i] if i < len(sizes) else 0
    if extent.text > MAX_SHEET_TEXT:
        raise ExcelImportError(
            path,
            f"sheet {sheet}: its cells repeat shared texts to more than "
            f"{MAX_SHEET_TEXT // 2**20} MB of text, more than any study holds; refused",
        )


def _scan(
    path: Path, sheet: str, data: bytes, extent: SheetExtent
) -> tuple[set[bytes], list[tuple[bytes, bytes]]] | tuple[None, None]:
    """Checks a piece of a sheet; returns the row numbers of its cells and their
    references (as written) when every cell is in the plain form, else None for both."""
    # Spreadsheet programs write `<c r="B7" ...>`; that common form is found by a fast
    # pattern, and any cell not in it (a prefix, attributes reordered) by the general one.
    refs = _PLAIN_REF.findall(data)
    cells = data.count(b"<c")  # at least the cells; exactly them when no other tag is <c…
    if cells != len(refs):
        cells = data.count(b"<c ") + data.count(b"<c>")
    # one quick pass for ":c" or ":f" (a prefixed tag, or rare text) before the exact forms
    colon = _COLON_TAG.search(data) is not None
    prefixed = (
        colon and (b":c " in data or b":c>" in data) and _PREFIXED_CELL.search(data) is not None
    )
    numbers: set[bytes] | None = None
    if cells != len(refs) or prefixed:
        extent.plain = False
        refs = _CELL_REF.findall(data)
        cells = max(cells, len(_ANY_CELL.findall(data)))
    else:
        numbers = set(map(itemgetter(1), refs))  # a row's cells share one number
    extent.cells += cells
    if refs:
        distinct = numbers if numbers is not None else map(itemgetter(1), refs)
        rows = max(map(int, distinct))
        letters = set(map(itemgetter(0), refs))
        longest = max(letters, key=lambda c: (len(c), c.upper()))
        _, columns = _parse_ref(longest.decode() + "1")
        if rows > extent.rows or columns > extent.columns:
            extent.rows = max(rows, extent.rows)
            extent.columns = max(columns, extent.columns)
            try:
                _check_extent(path, sheet, extent.rows, extent.columns, "")
            except ExcelImportError:  # name the cell that reaches furthest
                far = max(refs, key=lambda r: (int(r[1]) > MAX_ROWS, len(r[0]), r[0], int(r[1])))
                where = (far[0] + far[1]).decode().upper()
                _check_extent(path, sheet, extent.rows, extent.columns, where)
    if extent.cells > MAX_AREA:
        _check_extent(path, sheet, extent.cells, 1, "A1")
    if b"<f" in data or (colon and b":f" in data and _FORMULA_TAG.search(data)):
        cell = None
        for m in _TOKENS.finditer(data):
            if m.group(1):
                cell = m.group(2).decode().upper()
            elif cell is not None:
                extent.formulas.add(cell)
    return (numbers, refs) if numbers is not None else (None, None)
