"""A coder's judgements as {(case uid, variable): value}, for agreement statistics."""

from __future__ import annotations

from pathlib import Path

from workbench.analysis.agreement import Key
from workbench.storage.store import Store


def project_codings(store: Store) -> dict[Key, int | None]:
    """Power-type scores ("score:<type>") and mechanism strengths ("strength:<mechanism>")."""
    uid = {r["id"]: r["uid"] for r in store.select("study_case")}
    out: dict[Key, int | None] = {}
    for cell in store.select("matrix_cell"):
        out[(uid[cell["case_id"]], f"score:{cell['power_type_id']}")] = cell["score"]
    for coding in store.select("mechanism_coding"):
        out[(uid[coding["case_id"]], f"strength:{coding['mechanism_id']}")] = coding["strength"]
    return out


GROUPS = [("Power-type scores", "score:"), ("Mechanism strengths", "strength:")]


def type_groups(power_types: list[str]) -> list[tuple[str, str]]:
    """Rows per power type (its score) after the two summary groups."""
    return GROUPS + [(f"Score: {t}", f"score:{t}") for t in power_types]


def workbook_codings(path: Path) -> dict[Key, int | None]:
    """A returned co-author workbook's scores and strengths (same keys as a project's)."""
    from openpyxl import load_workbook

    from workbench.excel.guards import ExcelImportError, check_archive

    check_archive(path)
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        out: dict[Key, int | None] = {}
        for sheet, prefix, suffix in (
            ("Matrix", "score:", "_score"),
            ("Mechanisms", "strength:", ""),
        ):
            if sheet not in wb.sheetnames:
                raise ExcelImportError(path, f"the sheet {sheet!r} is missing")
            ws = wb[sheet]
            ws.reset_dimensions()
            rows = ws.iter_rows(values_only=True)
            header = [str(h or "") for h in next(rows, ())]
            columns = [
                (i, h)
                for i, h in enumerate(header)
                if i >= 2 and (h.endswith(suffix) if suffix else True)
            ]
            for row in rows:
                if not row or not row[0]:
                    continue
                for i, name in columns:
                    value = row[i] if i < len(row) else None
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)
                    variable = prefix + (name[: -len(suffix)] if suffix else name)
                    on_scale = (
                        isinstance(value, int) and not isinstance(value, bool) and (0 <= value <= 4)
                    )
                    out[(str(row[0]), variable)] = value if on_scale else None
        return out
    finally:
        wb.close()
