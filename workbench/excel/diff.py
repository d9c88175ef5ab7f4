"""Reading a co-author's edited workbook back: a cell-level diff against the project.

    diff = diff_workbook(project, path)      # nothing changes yet
    command = changes_command(diff.changes)  # the accepted ones, as one undoable command

Rows are matched by the identifier in column A. Problems are located by sheet
and cell; a cell with a problem is left out of the diff, the rest still counts.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from workbench.commands import (
    Command,
    CompositeCommand,
    SetCell,
    SetMechanismCoding,
    UpdateCase,
    UpdateExcerpt,
)
from workbench.excel.export import FORMAT_ID
from workbench.excel.guards import ExcelImportError, check_archive
from workbench.project import Project

CASE_FIELDS = ("title", "short_label", "period", "region", "summary")


@dataclass(frozen=True)
class CellChange:
    sheet: str
    cell: str
    what: str  # "EU–Turkey 2016: compulsory score"
    old: Any
    new: Any
    target: tuple  # what to change: ("cell", case_id, type, field) etc.

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell} {self.what}: {self.old!r} → {self.new!r}"


@dataclass
class WorkbookDiff:
    changes: list[CellChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # located, e.g. "Matrix!C4: …"
    notes: list[str] = field(default_factory=list)  # rows added or deleted

    def change(self, sheet: str, cell: str, what: str, old: Any, new: Any, target: tuple) -> None:
        self.changes.append(CellChange(sheet, cell, what, old, new, target))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class _SheetReader:
    """One sheet, read by calamine (fast; it parses the cells themselves, not the stated
    dimensions), plus the cells that hold formulas, found in the sheet's XML."""

    def __init__(
        self, book: _Book, name: str, required: list[str], path: Path, diff: WorkbookDiff
    ) -> None:
        if name not in book.names:
            raise ExcelImportError(path, f"the sheet {name!r} is missing")
        self.name = name
        self.diff = diff
        sheet = book.calamine.get_sheet_by_name(name)
        self.first_row = sheet.start[0] + 1 if sheet.start else 1
        self.rows = sheet.to_python(skip_empty_area=False)
        self.formulas = book.formulas(name)
        header = self.rows[0] if self.rows else []
        self.header = [_text(v).strip() for v in header]
        seen: dict[str, str] = {}
        for i, name_ in enumerate(self.header):
            if name_ and name_ in seen:
                raise ExcelImportError(
                    path,
                    f"{self.name}!{get_column_letter(i + 1)}1: column {name_!r} appears "
                    f"twice (also {seen[name_]}1)",
                )
            seen[name_] = get_column_letter(i + 1)
        self.index = {name_: i for i, name_ in enumerate(self.header)}
        missing = [c for c in required if c not in self.header]
        if missing:
            raise ExcelImportError(
                path,
                f"sheet {self.name}: column(s) {', '.join(missing)} are missing or were "
                "renamed; restore the header row as exported",
            )

    def records(self) -> Any:
        """(row number, identifier, values) for every row with an identifier; duplicated
        and blank identifiers are reported."""
        seen: dict[str, int] = {}
        for offset, values in enumerate(self.rows[1:], start=1):
            row = self.first_row + offset
            ident = _text(values[0] if values else None).strip()
            if not ident:
                if any(v not in (None, "") for v in values):
                    self.diff.notes.append(
                        f"{self.name}!A{row}: a row without identifier "
                        "(added by hand?) was not imported"
                    )
                continue
            if ident in seen:
                self.diff.problems.append(
                    f"{self.name}!A{row}: identifier {ident!r} appears "
                    f"twice (also row {seen[ident]})"
                )
                continue
            seen[ident] = row
            yield row, ident, values

    def value(self, values: list, column: str, row: int) -> tuple[bool, Any]:
        """(ok, value) of a cell, refusing formulas and dates where text is expected."""
        index = self.index[column]
        value = values[index] if index < len(values) else None
        if self.formulas and f"{get_column_letter(index + 1)}{row}" in self.formulas:
            self.diff.problems.append(
                f"{self.name}!{self.where(column, row)}: holds a formula; type a value instead"
            )
            return False, None
        if value is None or value == "":
            return True, None
        where = f"{self.name}!{self.where(column, row)}"
        if isinstance(value, dt.datetime | dt.date):
            self.diff.problems.append(
                f"{where}: holds a date ({value:%Y-%m-%d}); the spreadsheet turned the "
                "text into a date. Format the cell as text and type it again"
            )
            return False, None
        if isinstance(value, dt.time | dt.timedelta):
            self.diff.problems.append(f"{where}: holds a time; format the cell as text")
            return False, None
        return True, value

    def where(self, column: str, row: int) -> str:
        return f"{get_column_letter(self.index[column] + 1)}{row}"


def _scale(reader: _SheetReader, value: Any, column: str, row: int) -> tuple[bool, int | None]:
    if value is None or value == "":
        return True, None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
        reader.diff.problems.append(
            f"{reader.name}!{reader.where(column, row)}: {value!r} is not on the scale 0–4"
        )
        return False, None
    return True, value


class _Book:
    """The workbook's sheets (calamine) and, per sheet, the cells holding formulas.

    Finding formulas means decompressing the sheets' XML a second time; that runs in a
    thread (zlib releases the interpreter lock) while calamine reads the values."""

    SHEETS = ("Cases", "Matrix", "Mechanisms", "Evidence")

    def __init__(self, path: Path) -> None:
        self.path = path
        parts = sheet_parts(path)
        self._formulas: dict[str, set[str]] = {}
        self._scan = threading.Thread(target=self._find_formulas, args=(parts,), daemon=True)
        self._scan.start()
        self.calamine = CalamineWorkbook.from_path(str(path))
        self.names = list(self.calamine.sheet_names)

    def _find_formulas(self, parts: dict[str, str]) -> None:
        with zipfile.ZipFile(self.path) as archive:
            for sheet in self.SHEETS:
                if sheet not in parts or parts[sheet] not in archive.namelist():
                    continue
                data = archive.read(parts[sheet])
                found = set()
                if b"<f" in data:  # most returned workbooks have none
                    found = {m.group(1).decode() for m in _FORMULA.finditer(data)}
                self._formulas[sheet] = found

    def formulas(self, sheet: str) -> set[str]:
        self._scan.join()
        return self._formulas.get(sheet, set())


# a cell element whose content starts with a formula element
_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}[0-9]+)"[^>]*?(?<!/)>\s*<f[ >/]')


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> its XML part, read with defusedxml (no entity tricks)."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "p": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    with zipfile.ZipFile(path) as archive:
        book = SafeET.fromstring(archive.read("xl/workbook.xml"))
        rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", ns)}
    out = {}
    for sheet in book.findall("m:sheets/m:sheet", ns):
        target = (targets.get(sheet.get(f"{{{ns['r']}}}id")) or "").lstrip("/")
        out[sheet.get("name")] = target if target.startswith("xl/") else f"xl/{target}"
    return out


def diff_workbook(project: Project, path: Path) -> WorkbookDiff:
    path = Path(path)
    check_archive(path)
    try:
        book = _Book(path)
        about = (
            book.calamine.get_sheet_by_name("About").to_python() if "About" in book.names else None
        )
    except Exception as exc:
        raise ExcelImportError(path, f"the workbook cannot be read ({exc})") from exc
    if about is None:
        raise ExcelImportError(
            path, "this workbook was not exported by Migration Power Workbench (no About sheet)"
        )
    facts = {_text(r[0]): r[1] for r in about[1:] if len(r) > 1}
    if facts.get("format") != FORMAT_ID:
        raise ExcelImportError(
            path,
            "this workbook was not exported by Migration Power "
            "Workbench, or by an incompatible version",
        )
    try:
        return _diff(project, book, path)
    except ExcelImportError:
        raise
    except Exception as exc:
        raise ExcelImportError(path, f"the workbook cannot be read ({exc})") from exc


def _diff(project: Project, wb: _Book, path: Path) -> WorkbookDiff:
    store, fw = project.store, project.framework
    diff = WorkbookDiff()
    cases = {c["uid"]: c for c in store.select("study_case")}
    names = {uid: c["short_label"] or c["title"] for uid, c in cases.items()}
    seen_cases: set[str] = set()
    seen_matrix: set[str] = set()
    seen_mech: set[str] = set()
    seen_links: set[str] = set()

    reader = _SheetReader(wb, "Cases", ["case_id", *CASE_FIELDS], path, diff)
    for row, uid, cells in reader.records():
        case = cases.get(uid)
        if case is None:
            diff.problems.append(f"Cases!A{row}: unknown case identifier {uid!r}")
            continue
        seen_cases.add(uid)
        for name in CASE_FIELDS:
            ok, value = reader.value(cells, name, row)
            new = _text(value)
            if ok and new != case[name] and not (name == "title" and not new.strip()):
                diff.change(
                    "Cases",
                    reader.where(name, row),
                    f"{names[uid]}: {name.replace('_', ' ')}",
                    case[name],
                    new,
                    ("case", case["id"], name),
                )

    memo_columns = True
    matrix_required = ["case_id"] + [
        f"{pt.id}_{f}" for pt in fw.power_types for f in ("score", "confidence")
    ]
    reader = _SheetReader(wb, "Matrix", matrix_required, path, diff)
    memo_columns = all(f"{pt.id}_memo" in reader.header for pt in fw.power_types)
    stored = {(r["case_id"], r["power_type_id"]): r for r in store.select("matrix_cell")}
    for row, uid, cells in reader.records():
        seen_matrix.add(uid)
        case = cases.get(uid)
        if case is None:
            diff.problems.append(f"Matrix!A{row}: unknown case identifier {uid!r}")
            continue
        for pt in fw.power_types:
            old = stored[(case["id"], pt.id)]
            column = f"{pt.id}_score"
            ok, value = reader.value(cells, column, row)
            ok, score = _scale(reader, value, column, row) if ok else (False, None)
            if ok and score != old["score"]:
                diff.change(
                    "Matrix",
                    reader.where(column, row),
                    f"{names[uid]}: {pt.id} score",
                    old["score"],
                    score,
                    ("cell", case["id"], pt.id, "score"),
                )
            column = f"{pt.id}_confidence"
            ok, value = reader.value(cells, column, row)
            level = _text(value).strip().lower() or None
            if ok and level is not None and level not in fw.confidence_levels:
                diff.problems.append(
                    f"Matrix!{reader.where(column, row)}: {value!r} is not low, medium or high"
                )
            elif ok and level != old["confidence"]:
                diff.change(
                    "Matrix",
                    reader.where(column, row),
                    f"{names[uid]}: {pt.id} confidence",
                    old["confidence"],
                    level,
                    ("cell", case["id"], pt.id, "confidence"),
                )
            if memo_columns:
                column = f"{pt.id}_memo"
                ok, value = reader.value(cells, column, row)
                if ok and _text(value) != old["memo"]:
                    diff.change(
                        "Matrix",
                        reader.where(column, row),
                        f"{names[uid]}: {pt.id} memo",
                        old["memo"],
                        _text(value),
                        ("cell", case["id"], pt.id, "memo"),
                    )

    codings = {
        (r["case_id"], r["mechanism_id"]): r["strength"] for r in store.select("mechanism_coding")
    }
    reader = _SheetReader(wb, "Mechanisms", ["case_id"] + [m.id for m in fw.mechanisms], path, diff)
    for row, uid, cells in reader.records():
        seen_mech.add(uid)
        case = cases.get(uid)
        if case is None:
            diff.problems.append(f"Mechanisms!A{row}: unknown case identifier {uid!r}")
            continue
        for m in fw.mechanisms:
            ok, value = reader.value(cells, m.id, row)
            ok, strength = _scale(reader, value, m.id, row) if ok else (False, None)
            old = codings.get((case["id"], m.id))
            if ok and strength != old:
                diff.change(
                    "Mechanisms",
                    reader.where(m.id, row),
                    f"{names[uid]}: {m.label} strength",
                    old,
                    strength,
                    ("strength", case["id"], m.id),
                )

    excerpts = {r["uid"]: r for r in store.excerpt_fields(("id", "uid", "locator", "note"))}
    reader = _SheetReader(wb, "Evidence", ["link_id", "excerpt_id", "locator"], path, diff)
    note_column = "note" in reader.header
    edited: dict[tuple[str, str], tuple[str, Any]] = {}
    for row, _link, cells in reader.records():
        seen_links.add(_link)
        ok, excerpt_uid = reader.value(cells, "excerpt_id", row)
        excerpt = excerpts.get(_text(excerpt_uid))
        if excerpt is None:
            diff.problems.append(f"Evidence!B{row}: unknown excerpt identifier {excerpt_uid!r}")
            continue
        for column in ("locator", "note") if note_column else ("locator",):
            ok, value = reader.value(cells, column, row)
            if not ok or _text(value) == excerpt[column]:
                continue
            where = reader.where(column, row)
            previous = edited.get((excerpt["uid"], column))
            if previous is not None and previous[1] != _text(value):
                diff.problems.append(
                    f"Evidence!{where}: the same excerpt has a different "
                    f"{column} in {previous[0]}; edit it once"
                )
                continue
            if previous is None:
                edited[(excerpt["uid"], column)] = (f"Evidence!{where}", _text(value))
                diff.change(
                    "Evidence",
                    where,
                    f"excerpt {excerpt['uid']}: {column}",
                    excerpt[column],
                    _text(value),
                    ("excerpt", excerpt["id"], column),
                )
    for sheet, seen in (("Matrix", seen_matrix), ("Mechanisms", seen_mech)):
        gone = sorted(seen_cases - seen)
        if gone:
            diff.notes.append(
                f"{sheet}: the row(s) of {', '.join(gone[:10])} were deleted; "
                "nothing was changed for them"
            )
    exported = {f"{e}|{c}|{m}" for e, c, m in store.evidence_link_keys() if c in seen_cases}
    deleted = exported - seen_links
    if deleted and seen_links:
        diff.notes.append(
            f"Evidence: {len(deleted)} row(s) were deleted in the workbook; "
            "evidence links are not removed by an import"
        )
    missing = sorted(set(cases) - seen_cases)
    if missing:
        diff.notes.append(
            f"{len(missing)} case(s) of the project are not in the workbook "
            f"(not exported, or rows deleted): {', '.join(missing[:10])}"
        )
    return diff


def changes_command(changes: list[CellChange], label: str) -> CompositeCommand:
    commands: list[Command] = []
    for change in changes:
        kind, *target = change.target
        if kind == "case":
            commands.append(UpdateCase(target[0], **{target[1]: change.new}))
        elif kind == "cell":
            commands.append(SetCell(target[0], target[1], **{target[2]: change.new}))
        elif kind == "strength":
            commands.append(SetMechanismCoding(target[0], target[1], strength=change.new))
        elif kind == "excerpt":
            commands.append(UpdateExcerpt(target[0], **{target[1]: change.new}))
    return CompositeCommand(label, commands)
