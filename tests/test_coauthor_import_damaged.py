"""A damaged workbook (corrupt compressed data, a broken zip directory) is a problem of
the workbook, named as such by the import and the agreement, never a traceback and
never blamed on the project file."""

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
from workbench.operations.workbook import export_coauthor_workbook

MATRIX = b"xl/worksheets/sheet3.xml"


@pytest.fixture
def exported(sample_project, tmp_path) -> Path:
    path = tmp_path / "coauthor.xlsx"
    export_workbook(sample_project, path)
    return path


def _corrupt_deflate(source: Path, target: Path) -> Path:
    """The Matrix part's compressed bytes scrambled; the zip directory left intact."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(MATRIX.decode())
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A
    target.write_bytes(bytes(data))
    return target


def _before_the_start(source: Path, target: Path) -> Path:
    """Every part but Matrix still found; Matrix's offset points before the file's start
    (the directory says the archive was prefixed by data that is not there)."""
    data = bytearray(source.read_bytes())
    shift = 100_000
    end = data.rfind(b"PK\x05\x06")
    directory = struct.unpack("<I", data[end + 16 : end + 20])[0]
    data[end + 16 : end + 20] = struct.pack("<I", directory + shift)
    pos = directory
    while data[pos : pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        if bytes(data[pos + 46 : pos + 46 + name_len]) != MATRIX:
            offset = struct.unpack("<I", data[pos + 42 : pos + 46])[0]
            data[pos + 42 : pos + 46] = struct.pack("<I", offset + shift)
        pos += 46 + name_len + extra_len + comment_len
    target.write_bytes(bytes(data))
    return target


DAMAGES = {"deflate": _corrupt_deflate, "offset": _before_the_start}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_workbook_is_refused_as_damaged(sample_project, exported, tmp_path, damage):
    damaged = DAMAGES[damage](exported, tmp_path / f"{damage}.xlsx")
    with pytest.raises(ExcelImportError, match="the workbook is damaged") as caught:
        diff_workbook(sample_project, damaged)
    assert caught.value.path == str(damaged)
    assert "sheet3.xml" in caught.value.problem  # the part that is damaged
    with pytest.raises(ExcelImportError, match="the workbook is damaged"):
        workbook_codings(damaged)


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_the_command_line_names_the_workbook_not_the_project(sample_path, tmp_path, capsys, damage):
    exported = tmp_path / "coauthor.xlsx"
    export_coauthor_workbook(sample_path, exported)  # the project is not left open
    damaged = DAMAGES[damage](exported, tmp_path / f"{damage}.xlsx")
    for argv in (
        ["import-xlsx", str(sample_path), str(damaged), "--dry-run"],
        ["import-xlsx", str(sample_path), str(damaged)],
        ["agreement", str(exported), str(damaged)],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {damaged}: the workbook is damaged"), err
        assert "Traceback" not in err and str(sample_path) not in err
