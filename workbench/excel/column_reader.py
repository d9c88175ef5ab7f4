"""A few columns of a large, plain sheet read straight from its XML.

The full reader (calamine) builds a grid of every cell of a sheet: for the
150k-row Evidence sheet that is most of an import's time and memory, although
the import compares only four of its columns. Sheets as spreadsheet programs
write them are regular enough to pick those columns out with a pattern: text
cells held inline or as shared strings, in the plain `<c r="H7" ...>` form.

Only what is certain is read here: anything else in a kept column (a number, a
formula, rich text, an entity other than the five of XML, `_xHHHH_` escapes,
ambiguous white space) or a row with content but without an identifier gives
None, and the caller reads the sheet in full instead. The values are those the
full reader returns (empty cells as "").
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from workbench.excel.export_record import digest, utf8_digest
from workbench.excel.guards import part_chunks

# header row -> the columns to keep (0-based), or None when the sheet cannot be mapped
Choose = Callable[[list[Any]], "Chosen | tuple[int, list[int]] | None"]


@dataclass
class Chosen:
    link: int  # the identifier's column
    kept: list[int]  # the columns to read (the identifier's among them)
    repeating: list[int] = field(default_factory=list)  # a few values on many rows
    # long texts compared only with a fingerprint: kept as `Fingerprint`s, not texts
    fingerprinted: list[int] = field(default_factory=list)


class Fingerprint(str):
    """The digest of a cell's text (`export_record.digest`) standing for the text itself."""

    __slots__ = ()


SHARED = "xl/sharedStrings.xml"
_ROW_ONE = re.compile(rb'<row r="1"[^>]*>(.*?)</row>', re.S)
# a shared string: plain text, or anything else (the third group is then empty)
_SI = re.compile(rb'<si>(?:<t( xml:space="preserve")?>([^<]*)</t>(</si>)|)')
_SPACE = b" \t\r\n"
_MAX_ROW = 8 * 2**20  # bytes of XML held while waiting for a row's end


class _NotPlain(Exception):
    """The sheet holds something only the full reader reads faithfully."""


def _cell_pattern(letters: str) -> re.Pattern[bytes]:
    # a text cell (inline or shared) or an empty one; nothing else
    return re.compile(
        rb'<c r="(' + letters.encode() + rb')([1-9][0-9]{0,8})"(?: s="[0-9]{1,5}")?'
        rb'(?:/>|></c>| t="inlineStr"(?:/>|></c>)'
        rb'| t="inlineStr"><is><t( xml:space="preserve")?>([^<]*)</t></is></c>'
        rb'| t="s"><v>([0-9]{1,9})</v></c>)'
    )


_ANY_CELL = _cell_pattern("[A-Z]{1,4}")


_ENTITY = re.compile("&(lt|gt|quot|apos|amp|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "quot": '"', "apos": "'", "amp": "&"}


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    if name[0] != "#":
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF):
        raise _NotPlain  # not a character XML allows: the full reader decides
    return chr(code)


def _text(raw: bytes, preserve: bytes) -> str:
    if not preserve and raw and (raw[:1] in _SPACE or raw[-1:] in _SPACE):
        raise _NotPlain  # the full reader trims such text; not guessed here
    if b"\r" in raw or b"_x" in raw:
        raise _NotPlain
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _NotPlain from exc
    if "&" in text:
        decoded, count = _ENTITY.subn(_entity, text)  # one pass: "&amp;lt;" stays "&lt;"
        if count != text.count("&") or "_x" in decoded:
            raise _NotPlain  # an entity of a DTD, or an escape only in disguise
        text = decoded
    return text


_COLUMNS: dict[bytes, int] = {}


def _column(letters: bytes) -> int:
    index = _COLUMNS.get(letters)
    if index is None:
        index = _COLUMNS[letters] = column_index_from_string(letters.decode()) - 1
    return index


def _decoded(pairs: list[tuple[bytes, bytes]]) -> list[str] | None:
    """(preserve, text) pairs decoded at once; None when some text needs a closer look
    (an entity, an escape, white space at an end)."""
    texts = [t for _p, t in pairs]
    joined = b"\0".join(texts)  # NUL cannot occur in XML
    # one scan of the joined text per marker (long quotations make it megabytes), and the
    # ends of each text looked at one by one
    if b"&" in joined or b"\r" in joined or b"_x" in joined:
        return None
    if any(t and (t[0] in _SPACE or t[-1] in _SPACE) for t in texts):
        return None
    try:
        values = joined.decode("utf-8").split("\0") if texts else []
    except UnicodeDecodeError as exc:
        raise _NotPlain from exc
    if len(values) != len(texts):
        raise _NotPlain  # a NUL in a text: not well-formed XML
    return values


def _values(found: list[tuple[bytes, ...]]) -> list[str]:
    """The texts of matched cells (shared strings' places get "")."""
    values = _decoded(list(map(itemgetter(2, 3), found)))
    if values is None:
        return [_value(p, t, b"") for _c, _r, p, t, _s in found]  # one by one
    return values


def _fingerprints(found: list[tuple[bytes, ...]]) -> list[Fingerprint]:
    """The fingerprints of matched inline texts. Texts whose bytes are the text as it
    is (no entity, escape or white space at an end) are hashed from those bytes, not
    decoded into strings first: the quotations are most of a workbook's text."""
    raw = list(map(itemgetter(3), found))
    joined = b"\0".join(raw)
    if (
        b"&" in joined
        or b"\r" in joined
        or b"_x" in joined
        or any(t and (t[0] in _SPACE or t[-1] in _SPACE) for t in raw)
    ):
        return [Fingerprint(digest(v)) for v in _values(found)]
    try:
        joined.decode("utf-8")  # checked, as the texts would be
    except UnicodeDecodeError as exc:
        raise _NotPlain from exc
    if raw and joined.count(b"\0") != len(raw) - 1:
        raise _NotPlain  # a NUL in a text: not well-formed XML
    return [Fingerprint(utf8_digest(t)) for t in raw]


def _value(preserve: bytes, text: bytes, shared: bytes) -> Any:
    """A cell's value: its text, a shared string's index (int), or "" when empty."""
    if shared:
        return int(shared)
    return _text(text, preserve) if preserve or text else ""


def _row_pieces(path: Path, archive: zipfile.ZipFile, part: str, end: bytes) -> Iterator[bytes]:
    """The part's bytes, cut after the last `end` of each chunk."""
    carry = b""
    for chunk in part_chunks(path, archive, part):
        data = carry + chunk
        cut = data.rfind(end)
        if cut < 0:
            carry = data
            continue
        cut += len(end)
        carry = data[cut:]
        yield data[:cut]
    if carry:
        yield carry


def _shared(path: Path, needed: set[int]) -> dict[int, str]:
    """The shared strings at `needed` (plain ones only). The part is read through its
    own handle: the guards' pass may be reading the archive at the same time."""
    if not needed:
        return {}
    last = max(needed)
    found: dict[int, str] = {}
    index = 0
    with zipfile.ZipFile(path) as archive:
        if SHARED not in archive.namelist():
            raise _NotPlain
        for data in _row_pieces(path, archive, SHARED, b"</si>"):
            items = _SI.findall(data)  # (preserve, text, "</si>" when plain)
            if data.count(b"<si") != len(items) or b":si" in data:
                raise _NotPlain  # empty or prefixed items: the numbering would slip
            wanted = sorted(needed.intersection(range(index, index + len(items))))
            picked = [items[at - index] for at in wanted]
            if not all(map(itemgetter(2), picked)):
                raise _NotPlain  # rich text, phonetic runs
            texts = _decoded(list(map(itemgetter(0, 1), picked)))
            if texts is None:
                texts = [_text(text, preserve) for preserve, text, _end in picked]
            found.update(zip(wanted, texts, strict=True))
            index += len(items)
            if index > last:
                break
    if len(found) != len(needed):
        raise _NotPlain
    return found


@dataclass
class KeptColumns:
    """The header row and, for every row with an identifier, the kept columns' values."""

    header: list[Any]
    link: int  # the identifier's column (0-based)
    numbers: list[int]  # row numbers, ascending
    values: dict[int, list[Any]]  # column -> its value on each of those rows


class ColumnReader:
    """Fed a sheet's XML by the guards' pass (see `guards.scan_sheet`), it keeps the
    columns `choose` picks from the header; `result` is None when the sheet was not
    plain enough to be read this way."""

    def __init__(self, path: Path, choose: Choose) -> None:
        self.path = path
        self.choose = choose
        self.failed = False
        self.carry = b""
        self.header: list[Any] | None = None
        self.link = 0
        self.kept: list[int] = []
        # per repeating column, its values once each: a case's name on 300 rows is then
        # one string, not 300; in rows as exports write them, the values in row order
        # (one list entry per row, not a dictionary entry)
        self.repeats: dict[bytes, dict[str, str]] = {}
        self.aligned: dict[bytes, list[Any]] = {}
        self.aligned_numbers: list[bytes] = []
        self.fingerprinted: set[bytes] = set()
        self.pattern: re.Pattern[bytes] | None = None
        self.by_letter: dict[bytes, dict[bytes, Any]] = {}
        self.matched = 0
        self.cells: Counter[bytes] = Counter()  # cells per column letters
        self.rows: set[bytes] = set()

    def feed(
        self, data: bytes, rows: set[bytes] | None, refs: list[tuple[bytes, bytes]] | None
    ) -> None:
        if self.failed:
            return
        if rows is None or refs is None:
            self.failed = True  # a cell in another form: the full reader reads the sheet
            self.by_letter = {}
            return
        self.rows |= rows
        # every cell per column, as the checks found them: each kept one must be read
        self.cells.update(map(itemgetter(0), refs))
        data = self.carry + data
        cut = data.rfind(b"</row>")
        if cut < 0:
            self.carry = data
            if len(data) > _MAX_ROW:
                self.failed = True  # no row ends in sight: not a sheet to read this way
                self.carry, self.by_letter = b"", {}
            return
        cut += len(b"</row>")
        self.carry, data = data[cut:], data[:cut]
        try:
            if self.header is None and not self._start(data):
                self.failed = True
                return
            self._take(data)
        except _NotPlain:
            self.failed = True
            self.by_letter = {}

    def _start(self, data: bytes) -> bool:
        row_one = _ROW_ONE.search(data)
        if row_one is None:
            raise _NotPlain
        cells = _ANY_CELL.findall(row_one.group(1))
        if len(cells) != row_one.group(1).count(b"<c"):
            raise _NotPlain
        raw: dict[int, Any] = {}
        for letters, number, preserve, text, shared in cells:
            if number != b"1":
                raise _NotPlain
            raw[_column(letters)] = _value(preserve, text, shared)
        lookup = _shared(self.path, {v for v in raw.values() if type(v) is int})
        width = max(raw, default=-1) + 1
        header = [raw.get(i, "") for i in range(width)]
        self.header = [lookup[v] if type(v) is int else v for v in header]
        chosen = self.choose(self.header)
        if isinstance(chosen, tuple):  # (identifier column, kept columns)
            chosen = Chosen(*chosen)
        if chosen is None or chosen.link not in chosen.kept:
            return False
        self.link, self.kept = chosen.link, chosen.kept
        letters = sorted({get_column_letter(i + 1) for i in self.kept}, key=lambda x: (len(x), x))
        self.pattern = _cell_pattern("|".join(letters))
        self.by_letter = {x.encode(): {} for x in letters}
        self.repeats = {get_column_letter(i + 1).encode(): {} for i in chosen.repeating}
        self.aligned = {letter: [] for letter in self.repeats}
        self.fingerprinted = {get_column_letter(i + 1).encode() for i in chosen.fingerprinted}
        return True

    def _take(self, data: bytes) -> None:
        assert self.pattern is not None
        found = self.pattern.findall(data)
        by_letter = self.by_letter
        # Rows as exports write them (every kept cell, in column order, inline text) are
        # taken a column at a time; others cell by cell.
        step = len(by_letter)
        numbers = list(map(itemgetter(1), found))
        if (
            len(found) % step == 0
            and list(map(itemgetter(0), found)) == list(by_letter) * (len(found) // step)
            and all(numbers[j::step] == numbers[::step] for j in range(1, step))
            and not any(map(itemgetter(4), found))
        ):
            rows = numbers[::step]
            for j, (letter, column) in enumerate(by_letter.items()):
                if letter in self.fingerprinted:  # a column at a time: its texts unbuilt
                    column.update(zip(rows, _fingerprints(found[j::step]), strict=True))
                    continue
                taken = _values(found[j::step])
                once = self.repeats.get(letter)
                if once is not None:
                    self.aligned[letter].extend([once.setdefault(v, v) for v in taken])
                    continue
                column.update(zip(rows, taken, strict=True))
            if self.aligned:
                self.aligned_numbers.extend(rows)
        else:
            values = _values(found)
            for (letter, number, _p, _t, shared), value in zip(found, values, strict=True):
                if shared:
                    value = int(shared)  # a shared string's index, looked up at the end
                elif letter in self.repeats:
                    value = self.repeats[letter].setdefault(value, value)
                elif letter in self.fingerprinted:
                    value = Fingerprint(digest(value))
                by_letter[letter][number] = value
        self.matched += len(found)

    def result(self) -> KeptColumns | None:
        """The kept columns, once the guards' pass is complete."""
        if self.failed or self.header is None:
            return None
        try:
            if self.carry.strip():
                self._take(self.carry)  # after the last row: nothing but closing tags
            return self._result()
        except _NotPlain:
            return None
        finally:
            self.carry, self.by_letter, self.rows, self.repeats = b"", {}, set(), {}
            self.cells = Counter()
            self.aligned, self.aligned_numbers = {}, []

    def _result(self) -> KeptColumns:
        count = sum(map(len, self.by_letter.values()))
        count += len(self.aligned_numbers) * len(self.aligned)
        # every cell of a kept column, whatever its form, must have matched `pattern`
        expected = sum(self.cells[letters] for letters in self.by_letter)
        if self.matched != expected or self.matched != count:
            raise _NotPlain  # a kept cell in another form (a number, rich text), or twice
        columns = {_column(x): c for x, c in self.by_letter.items()}
        aligned = {_column(x): values for x, values in self.aligned.items()}
        for column in columns.values():
            column.pop(b"1", None)  # the header
        identifiers = columns[self.link]
        numbers = sorted(identifiers, key=int)
        # row numbers as written: compared as numbers only when they differ as bytes
        stray = self.rows - identifiers.keys() - {b"1"}
        if (stray and {int(n) for n in stray} - {int(n) for n in numbers} - {1}) or any(
            c.keys() - identifiers.keys() for c in columns.values()
        ):
            raise _NotPlain  # content in a row without its identifier (a new row)
        needed = {v for c in columns.values() for v in c.values() if type(v) is int}
        lookup = _shared(self.path, needed)
        values: dict[int, list[Any]] = {}
        fingerprinted = {_column(x) for x in self.fingerprinted}
        for i in list(columns):
            column = columns.pop(i)  # freed column by column
            if i in aligned:  # the rows in order, as a dictionary only for this column
                column.update(zip(self.aligned_numbers, aligned.pop(i), strict=True))
                column.pop(b"1", None)
            found = list(map(column.get, numbers, repeat("")))
            del column
            if lookup and i in fingerprinted:
                found = [Fingerprint(digest(lookup[v])) if type(v) is int else v for v in found]
            elif lookup:
                found = [lookup[v] if type(v) is int else v for v in found]
            values[i] = found
        if "" in values[self.link]:
            raise _NotPlain  # an empty identifier: the full reader decides
        assert self.header is not None
        return KeptColumns(self.header, self.link, list(map(int, numbers)), values)


def read_cells(path: Path, part: str, column: int, rows: set[int]) -> dict[int, str] | None:
    """The texts of one column's cells on `rows` (1-based), streamed from the sheet's part
    without keeping the rest; None when one of them is not a plain text cell (read the
    sheet in full instead)."""
    pattern = _cell_pattern(get_column_letter(column + 1))
    wanted = {str(r).encode() for r in rows}
    found: dict[int, Any] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for data in _row_pieces(path, archive, part, b"</row>"):
                for _letters, number, preserve, text, shared in pattern.findall(data):
                    if number in wanted:
                        found[int(number)] = _value(preserve, text, shared)
        lookup = _shared(path, {v for v in found.values() if type(v) is int})
    except _NotPlain:
        return None
    if len(found) != len(rows):
        return None  # a wanted cell in another form
    return {r: lookup[v] if type(v) is int else v for r, v in found.items()}
