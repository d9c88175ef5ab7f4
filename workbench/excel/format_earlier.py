"""Reader of the earlier workbook format: keys as headers and no record of exported values.

Without the record the review is two-way, against the project as it is now, with a notice.
"""

from __future__ import annotations

from typing import Any

from workbench.excel.layout import CASE_COLUMNS, Column, mechanism_columns
from workbench.excel.returned_format import EARLIER_NOTICE, ReturnedFormat

__all__ = ["read_earlier"]


def read_earlier(fmt: str, export_id: str, framework: Any, memos: bool) -> ReturnedFormat:
    columns = _columns(framework, memos)
    return ReturnedFormat(
        fmt, export_id, columns, columns["Evidence"], False, EARLIER_NOTICE, lambda _book: None
    )


def _columns(fw: Any, memos: bool) -> dict[str, list[Column]]:
    """The columns of workbooks exported before human headers (their keys as headers)."""
    matrix = [Column("case_id", "case_id"), Column("case", "case")]
    for pt in fw.power_types:
        for name, editable in (("score", True), ("label", False), ("confidence", True)):
            matrix.append(Column(f"{pt.id}_{name}", f"{pt.id}_{name}", editable=editable))
        matrix.append(Column(f"{pt.id}_effects", f"{pt.id}_effects"))
        if memos:
            matrix.append(Column(f"{pt.id}_memo", f"{pt.id}_memo", editable=True))
    evidence = [
        Column(k, k, editable=k in ("locator", "note"))
        for k in (
            [
                "link_id",
                "excerpt_id",
                "case",
                "power_type",
                "mechanism",
                "text",
                "locator",
                "evidence_type",
            ]
            + (["note"] if memos else [])
            + ["citation", "citation_key"]
        )
    ]
    return {
        "Cases": [Column(c.key, c.key, editable=c.editable) for c in CASE_COLUMNS],
        "Matrix": matrix,
        "Mechanisms": [Column(c.key, c.key, editable=c.editable) for c in mechanism_columns(fw)],
        "Evidence": evidence,
    }
