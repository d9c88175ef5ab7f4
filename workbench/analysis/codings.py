"""A coder's judgements as {(case uid, variable): value}, for agreement statistics.

The project's side reads the tidy tables (the same rows the charts and the CSV
export count); a returned workbook is read through the guarded workbook reader,
with its columns mapped by header like the import does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.analysis.agreement import Key
from workbench.analysis.tables import score_table, strength_table
from workbench.scale import on_scale

if TYPE_CHECKING:
    from workbench.project import Project


def project_codings(project: Project) -> dict[Key, int | None]:
    """Power-type scores ("score:<type>") and mechanism strengths ("strength:<mechanism>")."""
    out: dict[Key, int | None] = {}
    for row in score_table(project):
        out[(row.case_uid, f"score:{row.power_type}")] = row.score
    for s in strength_table(project):
        out[(s.case_uid, f"strength:{s.mechanism}")] = s.strength
    return out


GROUPS = [("Power-type scores", "score:"), ("Mechanism strengths", "strength:")]


def type_groups(power_types: list[str]) -> list[tuple[str, str]]:
    """Rows per power type (its score) after the two summary groups."""
    return GROUPS + [(f"Score: {t}", f"score:{t}") for t in power_types]


def _on_scale(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if on_scale(value):
        return value
    return None


def workbook_codings(path: Path, problems: list[str] | None = None) -> dict[Key, int | None]:
    """A returned co-author workbook's scores and strengths (same keys as a project's).

    Cells holding formulas, values off the scale and unmapped columns count as
    missing and are listed in `problems` (located), when given."""
    from workbench.excel.export_record import SHEET, ExportRecord
    from workbench.excel.guards import ExcelImportError
    from workbench.excel.layout import Column, map_columns, normal
    from workbench.excel.reader import open_book

    problems = problems if problems is not None else []
    out: dict[Key, int | None] = {}
    with open_book(Path(path), ("Matrix", "Mechanisms", SHEET)) as book:
        record = None
        if SHEET in book.names:
            record = ExportRecord.from_cells([r[0] if r else None for _, r in book.rows(SHEET)])
        for sheet, prefix in (("Matrix", "score:"), ("Mechanisms", "strength:")):
            if sheet not in book.names:
                raise ExcelImportError(path, f"the sheet {sheet!r} is missing")
            rows = book.rows(sheet)
            header = next(rows, (1, []))[1]
            if record is not None and sheet in record.columns:
                columns = record.columns[sheet]
            else:  # no record: the headers name the variables ("Compulsory score")
                columns = [
                    Column(normal(str(h)).replace(" ", "_"), str(h))
                    for h in header
                    if h not in (None, "")
                ]
            found = map_columns(sheet, header, columns)
            problems.extend(found.problems)
            if sheet == "Matrix":
                variables = {
                    k: prefix + k[: -len("_score")] for k in found.index if k.endswith("_score")
                }
            else:
                variables = {k: prefix + k for k in found.index if k not in ("case_id", "case")}
            id_index = found.index.get("case_id", 0)
            formulas = book.formulas(sheet)
            for number, values in rows:
                uid = str(values[id_index]).strip() if id_index < len(values) else ""
                if not uid:
                    continue
                for key, variable in variables.items():
                    i = found.index[key]
                    value = values[i] if i < len(values) else None
                    where = f"{sheet}!{found.letter(key)}{number}"
                    if where.split("!")[1] in formulas:
                        problems.append(f"{where}: holds a formula; counted as missing")
                        value = None
                    coded = _on_scale(value)
                    if coded is None and value not in (None, ""):
                        problems.append(f"{where}: {value!r} is not on the scale 0–4; missing")
                    out[(uid, variable)] = coded
    return out


def exported_codings(path: Path) -> dict[Key, int | None]:
    """The scores and strengths a workbook was exported with (its record of the
    exported values): the coder whose judgements were sent out, before anyone edited.

    Raises ExcelImportError when the workbook holds no trustworthy record."""
    from workbench.excel.export_record import SHEET, ExportRecord
    from workbench.excel.guards import ExcelImportError
    from workbench.excel.reader import open_book

    with open_book(Path(path), (SHEET,)) as book:
        record = None
        if SHEET in book.names:
            record = ExportRecord.from_cells([r[0] if r else None for _, r in book.rows(SHEET)])
    if record is None:
        raise ExcelImportError(
            path,
            "holds no record of the values it was exported with (it was not exported by "
            "this application, or the record was changed); compare it with the project "
            "or with another coder's workbook instead",
        )
    out: dict[Key, int | None] = {}
    for ident, value in record.values.by_kind.get("cell", {}).items():
        uid, power_type, name = ident.split("\t")
        if name == "score":
            out[(uid, f"score:{power_type}")] = _on_scale(value)
    for ident, value in record.values.by_kind.get("strength", {}).items():
        uid, mechanism = ident.split("\t")
        out[(uid, f"strength:{mechanism}")] = _on_scale(value)
    return out
