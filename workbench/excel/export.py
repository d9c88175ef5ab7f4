"""The co-author workbook: About, Cases, Matrix, Mechanisms, Presence, Evidence, Sources.

Written with openpyxl's write-only mode (streamed, so a 100k-excerpt project
fits in memory), to a temporary file beside the target that replaces it only
when complete. Every editable row carries a stable identifier in column A.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workbench import __version__
from workbench.atomic import atomic_path
from workbench.case_detail import Coding, default_effects
from workbench.citations import short_citation
from workbench.csl import author_date, year_of
from workbench.excel.cells import CellReport, StyleCache, header_cell, text_cell
from workbench.framework import EFFECTS
from workbench.project import Project
from workbench.vocabularies import load_vocabularies

Progress = Callable[[int, int], None]
FORMAT_ID = "migration-power-workbench/coauthor-workbook/1"
SCALE_COLOURS = ("FEE838", "7F7C75", "00224E")  # cividis: light to dark, prints in grey


@dataclass
class ExportOptions:
    case_ids: list[int] | None = None  # None: every case
    include_memos: bool = True


@dataclass
class ExportReport:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class _Sheet:
    """A write-only sheet with a formatted header, widths, filter and frozen panes."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        columns: list[tuple[str, int]],
        report: CellReport,
        wrap: Iterable[str] = (),
        freeze: str = "B2",
    ) -> None:
        self.ws = wb.create_sheet(title)
        self.title = title
        self.columns = [c for c, _ in columns]
        self.wrap = set(wrap)
        self.report = report
        self.rows = 0
        for i, (_name, width) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = freeze
        self.ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1048576"
        self.ws.append([header_cell(self.ws, name) for name in self.columns])
        self.styles = StyleCache(self.ws)
        self.wrapped = [name in self.wrap for name in self.columns]
        self.grey = [i == 0 and name.endswith("_id") for i, name in enumerate(self.columns)]

    def letter(self, column: str) -> str:
        return get_column_letter(self.columns.index(column) + 1)

    def append(self, values: list[Any]) -> None:
        self.rows += 1
        row = self.rows + 1
        cells = [
            text_cell(
                value,
                (self.title, i + 1, row),
                self.report,
                self.styles,
                wrap=self.wrapped[i],
                grey=self.grey[i],
            )
            for i, value in enumerate(values)
        ]
        self.ws.append(cells)

    def validate(self, column: str, choices: str, prompt: str) -> None:
        dv = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Not on the scale",
            error=prompt,
        )
        dv.add(f"{column}2:{column}1048576")
        self.ws.data_validations.append(dv)

    def colour_scale(self, column: str) -> None:
        rule = ColorScaleRule(
            start_type="num",
            start_value=0,
            start_color=SCALE_COLOURS[0],
            mid_type="num",
            mid_value=2,
            mid_color=SCALE_COLOURS[1],
            end_type="num",
            end_value=4,
            end_color=SCALE_COLOURS[2],
        )
        self.ws.conditional_formatting.add(f"{column}2:{column}1048576", rule)


def export_workbook(
    project: Project,
    target: Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    options = options or ExportOptions()
    target = Path(target)
    report = ExportReport(target)
    cells = CellReport()
    with atomic_path(target) as tmp:
        wb = Workbook(write_only=True)
        _write(project, wb, options, cells, report, progress)
        wb.save(tmp)
    report.warnings.extend(cells.warnings())
    return report


def _write(
    project: Project,
    wb: Workbook,
    options: ExportOptions,
    cells: CellReport,
    report: ExportReport,
    progress: Progress | None,
) -> None:
    store, fw = project.store, project.framework
    vocab = load_vocabularies()
    wanted = set(options.case_ids) if options.case_ids is not None else None
    cases = [
        c
        for c in store.select("study_case", order_by=["position", "id"])
        if wanted is None or c["id"] in wanted
    ]
    case_ids = {c["id"] for c in cases}
    memos = options.include_memos
    scale = ", ".join(f"{i} {label}" for i, label in enumerate(fw.score_labels))

    about = _Sheet(wb, "About", [("item", 28), ("value", 100)], cells, wrap=["value"], freeze="A2")
    for item, value in (
        ("format", FORMAT_ID),
        ("project", project.name),
        ("exported", datetime.now().isoformat(timespec="seconds")),
        ("application", f"Migration Power Workbench {__version__}"),
        ("cases", len(cases)),
        ("memos and notes", "included" if memos else "left out"),
        ("score scale", scale),
        ("strength scale", ", ".join(f"{i} {x}" for i, x in enumerate(fw.strength_labels))),
        ("confidence", ", ".join(fw.confidence_levels)),
        (
            "how to edit",
            "Change scores, confidence, strengths, memos and notes in the Matrix, "
            "Mechanisms and Evidence sheets; the drop-downs show the allowed "
            "values. Do not change, delete or reorder the grey identifier column "
            "A or the column headers. Add comments in memos rather than new rows. "
            "Save as .xlsx and send the file back.",
        ),
        ("framework", f"{fw.title} ({fw.citation.get('title', '')})"),
    ):
        about.append([item, value])
    for pt in fw.power_types:
        about.append([pt.name, pt.definition])
        for m in pt.mechanisms:
            about.append([f"  {m.label}", f"{m.definition} (default effect: {m.effect})"])

    tags: dict[int, list[str]] = defaultdict(list)
    for r in store.select("case_tag", order_by=["tag"]):
        tags[r["case_id"]].append(r["tag"])
    gcm: dict[int, list[int]] = defaultdict(list)
    for r in store.select("case_gcm_objective", order_by=["objective"]):
        gcm[r["case_id"]].append(r["objective"])
    roles: dict[tuple[int, str], list[str]] = defaultdict(list)
    for r in store.case_actor_rows():
        category = vocab.label("actor_categories", r["category"])
        ns = vocab.label("north_south", r["north_south"])
        roles[(r["case_id"], r["role"])].append(f"{r['name']} ({category}; {ns})")
    sheet = _Sheet(
        wb,
        "Cases",
        [
            ("case_id", 24),
            ("title", 40),
            ("short_label", 22),
            ("period", 12),
            ("region", 20),
            ("summary", 60),
            ("tags", 24),
            ("gcm_objectives", 14),
            ("wielders", 40),
            ("recipients", 40),
        ],
        cells,
        wrap=["title", "summary", "wielders", "recipients"],
        freeze="C2",
    )
    for c in cases:
        sheet.append(
            [
                c["uid"],
                c["title"],
                c["short_label"],
                c["period"],
                c["region"],
                c["summary"],
                "; ".join(tags[c["id"]]),
                ", ".join(str(o) for o in gcm[c["id"]]),
                "; ".join(roles[(c["id"], "wielder")]),
                "; ".join(roles[(c["id"], "recipient")]),
            ]
        )
    report.rows["Cases"] = sheet.rows

    codings: dict[int, dict[str, Coding]] = defaultdict(dict)
    for r in store.select("mechanism_coding"):
        codings[r["case_id"]][r["mechanism_id"]] = Coding(
            r["mechanism_id"], r["strength"], r["memo"]
        )
    cells_by_case: dict[int, dict[str, dict]] = defaultdict(dict)
    for r in store.select("matrix_cell"):
        cells_by_case[r["case_id"]][r["power_type_id"]] = r
    columns = [("case_id", 24), ("case", 28)]
    for pt in fw.power_types:
        columns += [
            (f"{pt.id}_score", 10),
            (f"{pt.id}_label", 11),
            (f"{pt.id}_confidence", 12),
            (f"{pt.id}_effects", 18),
        ]
        if memos:
            columns.append((f"{pt.id}_memo", 48))
    matrix = _Sheet(
        wb, "Matrix", columns, cells, wrap=[f"{pt.id}_memo" for pt in fw.power_types], freeze="C2"
    )
    for c in cases:
        row: list[Any] = [c["uid"], c["short_label"] or c["title"]]
        for pt in fw.power_types:
            cell = cells_by_case[c["id"]].get(pt.id, {})
            score = cell.get("score")
            defaults = default_effects(fw, pt.id, codings[c["id"]])
            effects = [
                e
                for e in EFFECTS
                if (defaults[e] if cell.get(f"effect_{e}") is None else cell[f"effect_{e}"])
            ]
            row += [
                score,
                fw.score_label(score) if score is not None else "",
                cell.get("confidence") or "",
                ", ".join(effects),
            ]
            if memos:
                row.append(cell.get("memo", ""))
        matrix.append(row)
    for pt in fw.power_types:
        letter = matrix.letter(f"{pt.id}_score")
        matrix.validate(letter, "0,1,2,3,4", f"A score is a whole number from 0 to 4 ({scale}).")
        matrix.colour_scale(letter)
        matrix.validate(
            matrix.letter(f"{pt.id}_confidence"),
            ",".join(fw.confidence_levels),
            "Confidence is low, medium or high.",
        )
    report.rows["Matrix"] = matrix.rows

    mech_columns = [("case_id", 24), ("case", 28)] + [(m.id, 14) for m in fw.mechanisms]
    mechanisms = _Sheet(wb, "Mechanisms", mech_columns, cells, freeze="C2")
    presence = _Sheet(wb, "Presence", mech_columns, cells, freeze="C2")
    for c in cases:
        values = [
            codings[c["id"]][m.id].strength if m.id in codings[c["id"]] else None
            for m in fw.mechanisms
        ]
        label = c["short_label"] or c["title"]
        mechanisms.append([c["uid"], label, *values])
        presence.append([c["uid"], label, *[int(bool(v)) for v in values]])
    for m in fw.mechanisms:
        letter = mechanisms.letter(m.id)
        mechanisms.validate(letter, "0,1,2,3,4", "A strength is a whole number from 0 to 4.")
        mechanisms.colour_scale(letter)
    report.rows["Mechanisms"] = mechanisms.rows
    report.rows["Presence"] = presence.rows

    ev_columns = [
        ("link_id", 30),
        ("excerpt_id", 14),
        ("case", 22),
        ("power_type", 13),
        ("mechanism", 26),
        ("text", 70),
        ("locator", 22),
        ("evidence_type", 18),
    ]
    if memos:
        ev_columns.append(("note", 40))
    ev_columns += [("citation", 30), ("citation_key", 22)]
    evidence = _Sheet(wb, "Evidence", ev_columns, cells, wrap=["text", "note"], freeze="B2")
    type_labels = {t.id: t.label for t in vocab.evidence_types}
    csl_cache: dict[str, dict] = {}
    total = store.count("evidence_link")
    for i, r in enumerate(store.iter_evidence_links()):
        if r["case_id"] not in case_ids:
            continue
        csl = csl_cache.get(r["citation_key"])
        if csl is None:
            csl = csl_cache[r["citation_key"]] = json.loads(r["csl"])
        row = [
            f"{r['excerpt_uid']}|{r['case_uid']}|{r['mechanism_id']}",
            r["excerpt_uid"],
            r["case_label"] or r["case_title"],
            r["power_type_id"],
            r["mechanism_label"],
            r["text"],
            r["locator"],
            type_labels.get(r["evidence_type"], r["evidence_type"]),
        ]
        if memos:
            row.append(r["note"])
        row += [short_citation(csl, r["locator"]), r["citation_key"]]
        evidence.append(row)
        if progress and i % 5000 == 0:
            progress(i, total)
    report.rows["Evidence"] = evidence.rows

    sources = _Sheet(
        wb,
        "Sources",
        [
            ("source_id", 14),
            ("citation_key", 22),
            ("type", 16),
            ("citation", 28),
            ("authors", 40),
            ("year", 8),
            ("title", 60),
            ("container", 36),
            ("volume", 8),
            ("issue", 8),
            ("pages", 10),
            ("publisher", 24),
            ("place", 16),
            ("doi", 28),
            ("url", 30),
            ("csl_json", 40),
        ],
        cells,
        wrap=["title", "authors"],
        freeze="C2",
    )
    for r in store.select("source", order_by=["first_author", "year", "citation_key"]):
        csl = json.loads(r["csl"])
        authors = "; ".join(
            n.get("literal") or ", ".join(x for x in (n.get("family"), n.get("given")) if x)
            for n in csl.get("author", [])
            if isinstance(n, dict)
        )
        sources.append(
            [
                r["uid"],
                r["citation_key"],
                csl.get("type", ""),
                author_date(csl),
                authors,
                year_of(csl),
                csl.get("title", ""),
                csl.get("container-title", ""),
                csl.get("volume", ""),
                csl.get("issue", ""),
                csl.get("page", ""),
                csl.get("publisher", ""),
                csl.get("publisher-place", ""),
                r["doi"],
                csl.get("URL", ""),
                json.dumps(csl, ensure_ascii=False, sort_keys=True),  # every field
            ]
        )
    report.rows["Sources"] = sources.rows
    if progress:
        progress(total, total)
