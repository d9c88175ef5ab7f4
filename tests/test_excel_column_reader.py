"""The Evidence columns the import compares are read during the guards' own pass over
the sheet, without the full reader's grid: they must be exactly what the full reader
reads, and anything not certain must leave the sheet to the full reader."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from workbench.excel.diff import diff_workbook
from workbench.excel.export import export_workbook
from workbench.excel.reader import open_book

EVIDENCE = "xl/worksheets/sheet5.xml"  # About, Cases, Matrix, Mechanisms, Evidence
KEPT = [0, 1, 7, 9]  # Link ID, Excerpt ID, Locator, Note
FIXTURES = Path(__file__).parent / "fixtures" / "xlsx"


def _choose(header: list) -> tuple[int, list[int]]:
    return 0, KEPT


def _both(path: Path):
    """(the columns read during the checks, the same columns from the full reader)."""
    with open_book(path, ("Evidence",), {"Evidence": _choose}) as book:
        fast = book.columns("Evidence")
        full = {}
        for number, values in book.rows("Evidence"):
            if number > 1 and values and values[0] not in (None, ""):
                full[number] = [values[i] if i < len(values) else "" for i in KEPT]
    if fast is None:
        return None, full
    return {n: [fast.values[i][k] for i in KEPT] for k, n in enumerate(fast.numbers)}, full


@pytest.fixture
def exported(sample_project, tmp_path) -> Path:
    path = tmp_path / "coauthor.xlsx"
    export_workbook(sample_project, path)
    return path


def _rewrite(source: Path, change) -> Path:
    target = source.with_name("changed.xlsx")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item.filename, change(data) if item.filename == EVIDENCE else data)
    return target


def _note_of_row_2(xml: bytes) -> bytes:
    return re.sub(rb'(<c r="J2"[^>]*><is><t[^>]*>)[^<]*(</t>)', rb"\1@NOTE@\2", xml)


def test_an_export_is_read_during_the_checks_as_the_full_reader_reads_it(exported):
    fast, full = _both(exported)
    assert fast is not None and len(fast) > 3
    assert fast == full


def test_shared_strings_as_spreadsheet_programs_save_them(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)  # saves text as shared strings
    wb["Evidence"]["J3"] = "A note with & and < and a\nsecond line"
    wb.save(tmp_path / "saved.xlsx")
    fast, full = _both(tmp_path / "saved.xlsx")
    assert fast is not None
    assert fast == full
    assert "A note with & and < and a\nsecond line" in [r[3] for r in fast.values()]


def test_a_workbook_saved_by_libreoffice():
    fast, full = _both(FIXTURES / "coauthor_b.xlsx")
    assert fast is not None
    assert fast == full


@pytest.mark.parametrize(
    "note",
    [
        b'<t xml:space="preserve"> spaced </t>',  # kept as it is
        b"<t>a &amp;lt; b &#10;&#x41;&apos;</t>",  # one pass of entities
        b"<t></t>",
    ],
)
def test_escaped_text_reads_as_the_full_reader_reads_it(exported, note):
    def change(xml: bytes) -> bytes:
        return re.sub(rb'(<c r="J2"[^>]*><is>)<t[^>]*>[^<]*</t>', rb"\1" + note, xml)

    fast, full = _both(_rewrite(exported, change))
    assert fast is not None
    assert fast == full


@pytest.mark.parametrize(
    "change",
    [
        # text the full reader trims, or decodes from an escape
        lambda xml: _note_of_row_2(xml).replace(b"@NOTE@", b" untrimmed "),
        lambda xml: _note_of_row_2(xml).replace(b"@NOTE@", b"code _x000D_ here"),
        # a number typed into a locator
        lambda xml: re.sub(rb'<c r="H2"[^>]*>.*?</c>', b'<c r="H2"><v>13</v></c>', xml),
        # a new row without an identifier
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="900"><c r="C900" t="inlineStr"><is><t>new</t></is></c></row></sheetData>',
        ),
        # a cell written twice
        lambda xml: re.sub(rb'(<c r="B2"[^>]*>.*?</c>)', rb"\1\1", xml, count=1),
        # a cell with a namespace prefix
        lambda xml: re.sub(
            rb'<c r="D2"([^>]*)>(.*?)</c>',
            rb'<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            rb'r="D2"\1>\2</x:c>',
            xml,
            count=1,
        ),
    ],
)
def test_anything_uncertain_is_left_to_the_full_reader(sample_project, exported, change):
    changed = _rewrite(exported, change)
    fast, _full = _both(changed)
    assert fast is None
    diff_workbook(sample_project, changed)  # the import still reads the sheet in full
