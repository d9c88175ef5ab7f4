"""Bounded reading: hostile and oversized workbooks are refused with a message, before
any reader allocates a grid the size of a sheet's claimed extent; the same guards
protect the import and the agreement."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from workbench.analysis.codings import workbook_codings
from workbench.cli import main
from workbench.excel.diff import diff_workbook
from workbench.excel.export import export_workbook
from workbench.excel.guards import ExcelImportError

MATRIX = "xl/worksheets/sheet3.xml"  # the third sheet: About, Cases, Matrix


@pytest.fixture
def exported(sample_project, tmp_path) -> Path:
    path = tmp_path / "coauthor.xlsx"
    export_workbook(sample_project, path)
    return path


def _rewrite(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                data = change(data)
            dst.writestr(item.filename, data)
    return target


def _stray_cell(ref: str):
    row = "".join(ch for ch in ref if ch.isdigit())
    cell = f'<row r="{row}"><c r="{ref}" t="n"><v>1</v></c></row></sheetData>'.encode()
    return lambda data: data.replace(b"</sheetData>", cell, 1)


@pytest.mark.parametrize("ref", ["XFD1048576", "ZZ200000", "C2000000"])
def test_a_stray_far_cell_is_refused_with_its_place(sample_project, exported, tmp_path, ref):
    hostile = _rewrite(exported, tmp_path / "far.xlsx", MATRIX, _stray_cell(ref))
    with pytest.raises(ExcelImportError, match=f"Matrix!{ref}: the sheet reaches row"):
        diff_workbook(sample_project, hostile)
    with pytest.raises(ExcelImportError, match=f"Matrix!{ref}"):
        workbook_codings(hostile)  # the agreement reads through the same guards


@pytest.mark.parametrize("claimed", ["P1048576", "XFD1048576"])
def test_a_claimed_dimension_is_not_judged_only_the_cells(
    sample_project, exported, tmp_path, claimed
):
    """LibreOffice declares `A1:P1048576` for a sheet where a row was deleted: what is
    in the file counts (no reader sizes its grid by the declaration)."""
    import re

    def claim(data: bytes) -> bytes:
        data = re.sub(rb"<dimension [^>]*/>", b"", data)
        tag = f'<dimension ref="A1:{claimed}"/><sheetViews>'.encode()
        return data.replace(b"<sheetViews>", tag, 1)

    claiming = _rewrite(exported, tmp_path / "claim.xlsx", MATRIX, claim)
    diff = diff_workbook(sample_project, claiming)
    assert (diff.changes, diff.problems, diff.notes) == ([], [], [])
    assert workbook_codings(claiming) == workbook_codings(exported)


def test_the_sheets_stated_size_is_not_trusted_when_small(sample_project, exported, tmp_path):
    import re

    def understate(data: bytes) -> bytes:
        data = re.sub(rb"<dimension [^>]*/>", b"", data)
        return data.replace(b"<sheetViews>", b'<dimension ref="A1:B2"/><sheetViews>', 1)

    lying = _rewrite(exported, tmp_path / "lying.xlsx", MATRIX, understate)
    diff = diff_workbook(sample_project, lying)
    assert diff.changes == [] and diff.notes == []  # every row was still read


def test_a_part_larger_than_its_stated_size_is_refused(sample_project, exported, tmp_path):
    """The zip directory says a part is small; its compressed data expands to more."""
    hostile = tmp_path / "sizes.xlsx"
    hostile.write_bytes(exported.read_bytes())
    with zipfile.ZipFile(hostile) as archive:
        info = archive.getinfo(MATRIX)
    data = bytearray(hostile.read_bytes())
    small = info.file_size // 2
    struct.pack_into("<I", data, info.header_offset + 22, small)  # local header
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == MATRIX.encode():
            struct.pack_into("<I", data, central + 24, small)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    hostile.write_bytes(bytes(data))
    with pytest.raises(ExcelImportError, match="holds more than its stated size"):
        diff_workbook(sample_project, hostile)
    with pytest.raises(ExcelImportError, match="stated size"):
        workbook_codings(hostile)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<si><t>&lol2;</t></si></sst>"
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("part", "change"),
    [
        ("xl/sharedStrings.xml", lambda data: LAUGHS),
        (MATRIX, lambda data: XXE + data.split(b"?>", 1)[-1]),
        ("xl/workbook.xml", lambda data: XXE + data.split(b"?>", 1)[-1]),
    ],
)
def test_entity_tricks_are_refused_everywhere(sample_project, exported, tmp_path, part, change):
    source = exported
    if part == "xl/sharedStrings.xml":  # our export writes inline strings: add the part
        source = tmp_path / "with_sst.xlsx"
        with zipfile.ZipFile(exported) as src, zipfile.ZipFile(source, "w") as dst:
            for item in src.infolist():
                dst.writestr(item.filename, src.read(item.filename))
            dst.writestr(part, b"<sst/>")
    hostile = _rewrite(source, tmp_path / "entities.xlsx", part, change)
    with pytest.raises(ExcelImportError, match=r"DTD|cannot be read"):
        diff_workbook(sample_project, hostile)
    with pytest.raises(ExcelImportError, match=r"DTD|cannot be read"):
        workbook_codings(hostile)


def test_a_compression_bomb_is_refused_before_parsing(sample_project, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 2**20))
    with pytest.raises(ExcelImportError, match="compression bomb"):
        diff_workbook(sample_project, bomb)


def test_an_encrypted_workbook_is_named_password_protected(sample_project, tmp_path):
    # An encrypted .xlsx is an OLE compound file holding EncryptionInfo and EncryptedPackage.
    encrypted = tmp_path / "secret.xlsx"
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
    directory += "EncryptedPackage".encode("utf-16-le")
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + directory)
    with pytest.raises(ExcelImportError, match="password-protected"):
        diff_workbook(sample_project, encrypted)
    legacy = tmp_path / "old.xlsx"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ExcelImportError, match=r"old-style Excel file \(.xls\)"):
        diff_workbook(sample_project, legacy)


def test_cli_agreement_on_hostile_files_is_one_message(exported, tmp_path, capsys):
    far = _rewrite(exported, tmp_path / "far.xlsx", MATRIX, _stray_cell("XFD1048576"))
    entities = _rewrite(
        exported, tmp_path / "xxe.xlsx", MATRIX, lambda d: XXE + d.split(b"?>", 1)[-1]
    )
    secret = tmp_path / "secret.xlsx"
    secret.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"))
    for hostile, message in (
        (far, "Matrix!XFD1048576"),
        (entities, "DTD"),
        (secret, "password-protected"),
    ):
        assert main(["agreement", str(exported), str(hostile)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_one_long_text_repeated_in_many_cells_is_refused(
    sample_project, exported, tmp_path, monkeypatch
):
    from workbench.excel import guards

    monkeypatch.setattr(guards, "MAX_SHEET_TEXT", 16 * 2**20)  # a small file, a small limit
    sst = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="1" uniqueCount="1"><si><t>' + b"x" * 32_000 + b"</t></si></sst>"
    )
    rows = b"".join(
        f'<row r="{r}"><c r="M{r}" t="s"><v>0</v></c><c r="N{r}" t="s"><v>0</v></c></row>'.encode()
        for r in range(100, 400)
    )  # 600 cells, one shared string: 19 MB of text for a reader

    def repeat(data: bytes) -> bytes:
        return data.replace(b"</sheetData>", rows + b"</sheetData>", 1)

    staged = _rewrite(exported, tmp_path / "staged.xlsx", "xl/worksheets/sheet5.xml", repeat)
    repeated = tmp_path / "repeated.xlsx"
    with (
        zipfile.ZipFile(staged) as src,
        zipfile.ZipFile(repeated, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("xl/sharedStrings.xml", sst)
    assert repeated.stat().st_size < 2**20
    with pytest.raises(ExcelImportError, match="Evidence: its cells repeat shared texts"):
        diff_workbook(sample_project, repeated)
