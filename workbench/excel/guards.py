"""Refusing hostile workbooks before any XML is parsed.

An .xlsx file is a zip archive of XML parts. We check the archive's own
directory first: sizes, compression ratio and entry count, so that a small
file that expands to gigabytes is refused at once; and openpyxl parses the XML
through defusedxml (entity expansion and external entities are refused).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl.xml

from workbench.errors import WorkbenchError

MAX_FILE = 200 * 1024 * 1024  # bytes on disk
MAX_EXPANDED = 1024 * 1024 * 1024  # bytes once decompressed, all parts together
MAX_RATIO = 150  # decompressed / compressed, per part larger than 1 MB
MAX_ENTRIES = 10_000


class ExcelImportError(WorkbenchError):
    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def check_archive(path: Path) -> None:
    """Raise ExcelImportError when the file is not a safe-looking .xlsx archive."""
    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - the dependency guarantees it
        raise ExcelImportError(path, "defusedxml is not installed; refusing to parse XML")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExcelImportError(path, f"cannot be read: {exc.strerror or exc}") from exc
    if size > MAX_FILE:
        raise ExcelImportError(path, f"the file is larger than {MAX_FILE // 2**20} MB")
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
        raise ExcelImportError(path, f"the workbook expands to {total / 2**30:.1f} GB; refused")
    names = {e.filename for e in entries}
    if "xl/workbook.xml" not in names:
        raise ExcelImportError(path, "this zip file is not an Excel workbook")
