"""The co-author workbook: About, Cases, Matrix, Mechanisms, Evidence, Sources, Votes (when
the cases hold workshop votes), and a very hidden record of the exported values (see
`export_record`).

Written with openpyxl's write-only mode (streamed, so a 100k-excerpt project
fits in memory), to a temporary file beside the target that replaces it only
when complete. Every editable row carries a stable identifier in column A.

Made to be read and printed: human headers in one named font, rows as high as
their wrapped text, score cells coloured with text that keeps a 4.5:1 contrast,
landscape pages fitted to the width with the header row repeated, and no column
derived from another (a score's label would go stale once a co-author edits it).
"""

from __future__ import annotations

import contextlib
import json
import math
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workbench import __version__
from workbench.atomic import atomic_path
from workbench.csl import author_date_labels, names_line, year_of
from workbench.csl_types import storable_item
from workbench.excel.case_pages import CasePage, Quadrant, write_case_pages
from workbench.excel.cells import (
    FONT_NAME,
    LOCKED_FILL,
    MAX_CELL,
    UNLOCKED,
    WRAP,
    CellReport,
    StyleCache,
    cell_form,
    header_cell,
    stream_rows,
    text_cell,
)
from workbench.excel.export_record import SHEET as RECORD_SHEET
from workbench.excel.export_record import ExportRecord, Key
from workbench.excel.layout import (
    CASE_COLUMNS,
    CASE_FIELDS,
    CASE_LISTS,
    SOURCE_COLUMNS,
    Column,
    evidence_columns,
    matrix_columns,
    mechanism_columns,
)
from workbench.excel.print_layout import MIN_SCALE, print_scale, printable_width
from workbench.framework import EFFECTS
from workbench.progress import Steps
from workbench.project import Project
from workbench.queries.case_detail import Coding, default_effects
from workbench.vocabularies import load_vocabularies
from workbench.votes import all_votes

Progress = Callable[[int, int], None]
FORMAT_ID = "migration-power-workbench/coauthor-workbook/2"
LEGACY_FORMATS = ("migration-power-workbench/coauthor-workbook/1",)
# Score fills, light to dark (cividis, prints in grey), each with the text colour
# that keeps WCAG contrast of at least 4.5:1 on it (checked by the tests).
SCORE_STYLES = (
    ("FEE838", "000000"),
    ("C3B369", "000000"),
    ("7F7C75", "000000"),
    ("3B496C", "FFFFFF"),
    ("00224E", "FFFFFF"),
)
_ERROR_CODES = frozenset(ERROR_CODES)
# a conditional format's solid fill takes its colour from bgColor in Excel, fgColor in others
_LOCKED_LOOK = PatternFill("solid", fgColor=LOCKED_FILL.fgColor, bgColor=LOCKED_FILL.fgColor)
LINE_HEIGHT = 15.0  # points per line of 11-point Calibri
MAX_ROW_HEIGHT = 409.0  # a spreadsheet's own limit
LOCKED_NOTE = "Edit in the application: this column is locked, and changes to it are not imported."
READ_ONLY_NOTE = (
    "This sheet is for reading: edit in the application. Changes here are not imported."
)


@dataclass
class ExportOptions:
    case_ids: list[int] | None = None  # None: every case
    include_memos: bool = True


@dataclass
class ExportReport:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    export_id: str = ""


def _per_line(width: float) -> int:
    # prose is narrower than the digit a width counts, but narrow columns lose more to
    # word breaks
    return max(int(width * (1.2 if width >= 30 else 0.9)), 1)


def estimated_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: each paragraph over the characters a line holds."""
    per_line = _per_line(width)
    return sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n"))


class _Sheet:
    """A write-only sheet with a formatted header, widths, filter, frozen panes,
    print setup and row heights; records the exported editable cells.

    The sheet is protected without a password: columns a co-author cannot edit here
    (identifiers, lists kept in the application) are locked, grey and say so in their
    header's note; the editable ones stay open, also below the last row, as do the
    `open_below` columns a new row needs (a proposed excerpt names its case)."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        columns: list[Column],
        report: CellReport,
        record: ExportRecord,
        freeze: str = "B2",
        repeat: str | None = None,
        open_below: tuple[str, ...] = (),
    ) -> None:
        self.ws = wb.create_sheet(title)
        stream_rows(self.ws)
        self.title = title
        self.columns = columns
        self.keys = [c.key for c in columns]
        self.report = report
        self.record = record
        record.columns[title] = columns
        self.rows = 0
        marked = any(c.editable for c in columns)  # a sheet to read only needs no marks
        widths = []
        for i, column in enumerate(columns, start=1):
            # never narrower than the header's longest word: headers wrap between words
            longest = max(len(word) for word in column.header.split()) + 2
            width = max(column.width, longest * 1.1)
            widths.append(width)
            dimension = self.ws.column_dimensions[get_column_letter(i)]
            dimension.width = width
            if column.editable or column.key in open_below:
                dimension.protection = UNLOCKED  # typing in new rows stays possible
        self.ws.freeze_panes = freeze
        last = get_column_letter(len(columns))
        self.ws.auto_filter.ref = f"A1:{last}1"
        self._print_setup(widths, repeat)
        protection = self.ws.protection
        protection.sheet = True  # no password: a co-author may unprotect, knowingly
        protection.autoFilter = protection.formatColumns = protection.formatRows = False
        header_lines = max(estimated_lines(c.header, c.width) for c in columns)
        if header_lines > 1:
            self.ws.row_dimensions[1].height = LINE_HEIGHT * header_lines + 2
        headers = []
        for c in columns:
            cell = header_cell(self.ws, c.header)
            if marked and not c.editable:
                cell.comment = Comment(LOCKED_NOTE, "Migration Power Workbench", 70, 190)
            headers.append(cell)
        if not marked:
            headers[0].comment = Comment(READ_ONLY_NOTE, "Migration Power Workbench", 70, 190)
        self.ws.append(headers)
        self.styles = StyleCache(self.ws)
        # Locked is every cell's default: only the editable cells need a style. The grey
        # of the locked ones is one conditional format per column (see `finish`), not a
        # style on each of 100k cells.
        self.locked = [i for i, c in enumerate(columns, 1) if marked and not c.editable]
        if marked:
            self.styles.unlocked = {i for i, c in enumerate(columns, 1) if c.editable}
        self.wrap_widths = [c.width if c.wrap else 0 for c in columns]
        self.per_line = [_per_line(w) if w else 0 for w in self.wrap_widths]
        self.grey = [i == 0 for i in range(len(columns))]
        self.centred = [c.centre for c in columns]
        # a styled cell states its alignment: wrapped like the Normal style, except
        # identifiers and centred values
        self.wraps = [not (g or c) for g, c in zip(self.grey, self.centred, strict=True)]
        styled = self.styles.unlocked
        self.plain = [
            not (g or c or i in styled)
            for i, (g, c) in enumerate(zip(self.grey, self.centred, strict=True), start=1)
        ]
        self.reused = [
            Cell(self.ws, row=1, column=1)
            if self.plain[i]
            else self.styles.reusable(i + 1, w, g, c)
            for i, (w, g, c) in enumerate(zip(self.wraps, self.grey, self.centred, strict=True))
        ]

    def _print_setup(self, widths: list[float], repeat: str | None) -> None:
        """Landscape A4 at a scale that keeps 11-point type at 8 pt or more on paper;
        a wider sheet goes on across pages, repeating its header row and `repeat`."""
        ws = self.ws
        ws.page_margins.left = ws.page_margins.right = 0.4
        printable = printable_width(True, ws.page_margins.left, ws.page_margins.right)
        scale = print_scale(widths, printable)
        ws.print_title_rows = "1:1"
        if repeat and scale == MIN_SCALE:
            ws.print_title_cols = repeat
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = 9  # A4
        setup.scale = scale
        setup.pageOrder = "overThenDown"  # a row's continuation follows its first page
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.print_options.gridLines = True
        ws.oddFooter.center.text = f"{self.title} – page &P of &N"

    def letter(self, key: str) -> str:
        return get_column_letter(self.keys.index(key) + 1)

    def append(self, values: list[Any], keys: list[Key | None] | None = None) -> None:
        """One row; `keys` names what each editable cell holds, for the import."""
        self.rows += 1
        row = self.rows + 1
        lines = 1
        per_line = self.per_line
        plain = self.plain
        reused = self.reused
        where = (self.title, 0, row)
        cells: list[Any] = []
        for i, value in enumerate(values):
            if type(value) is str:
                size = len(value)
                if per_line[i] and size > 20:  # estimated_lines, inlined for one paragraph
                    if "\n" in value:
                        lines = max(lines, estimated_lines(value, self.wrap_widths[i]))
                    elif size > per_line[i] * lines:
                        lines = -(-size // per_line[i])
                # most cells are texts held as they are: written without a call, plain
                # or in the column's one styled cell (see StyleCache.reusable)
                if (
                    size <= MAX_CELL
                    and value.isprintable()
                    and "_x" not in value
                    and value[:1] != "="
                    and value not in _ERROR_CODES
                ):
                    cell = reused[i]  # plain or styled: bound here, checked above
                    cell._value = value
                    cell.data_type = "s"
                    cells.append(cell)
                    continue
            elif value is None and plain[i]:
                cells.append(value)
                continue
            cells.append(
                text_cell(
                    value,
                    where,
                    self.report,
                    self.styles,
                    wrap=self.wraps[i],
                    grey=self.grey[i],
                    centre=self.centred[i],
                    column=i + 1,
                )
            )
        if keys is not None:
            for key, value in zip(keys, values, strict=True):
                if key is not None:
                    self._remember(key, value)
        if lines > 1:  # a plain dict: the writer reads it as the row's attributes
            height = min(LINE_HEIGHT * lines + 2, MAX_ROW_HEIGHT)
            self.ws.row_dimensions[row] = {"ht": str(height), "customHeight": "1"}
        self.ws.append(cells)
        if lines > 1:
            del self.ws.row_dimensions[row]  # written; keep memory flat

    def _remember(self, key: Key, value: Any) -> None:
        if type(value) is str and value.isprintable() and len(value) <= MAX_CELL:
            self.record.values[key] = value  # the common case: held as it is
        elif isinstance(value, str):
            form = cell_form(value)
            self.record.values[key] = form.text
            if form.cut:
                self.record.cut.add(key)
            if form.altered:
                self.record.altered.add(key)
        else:
            self.record.values[key] = value

    def validate(self, key: str, choices: str, prompt: str) -> None:
        column = self.letter(key)
        dv = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Not on the scale",
            error=prompt,
        )
        dv.add(f"{column}2:{column}{self.rows + 201}")
        self.ws.data_validations.append(dv)

    def finish(self) -> None:
        """Grey the locked columns' cells, header to last row."""
        for i in self.locked:
            column = get_column_letter(i)
            self.ws.conditional_formatting.add(
                f"{column}2:{column}{self.rows + 1}",
                FormulaRule(formula=["TRUE"], fill=_LOCKED_LOOK, stopIfTrue=False),
            )

    def score_colours(self, key: str) -> None:
        column = self.letter(key)
        cells = f"{column}2:{column}{self.rows + 201}"
        for score, (fill, text) in enumerate(SCORE_STYLES):
            look = {
                "fill": PatternFill("solid", fgColor=fill, bgColor=fill),
                "font": Font(name=FONT_NAME, color=text, bold=score >= 3),
            }
            if score == 0:  # spreadsheets compare an empty cell as 0: not scored is not 0
                rule = FormulaRule(formula=[f"AND(ISNUMBER({column}2),{column}2=0)"], **look)
            else:
                rule = CellIsRule(operator="equal", formula=[str(score)], **look)
            self.ws.conditional_formatting.add(cells, rule)


def export_workbook(
    project: Project,
    target: Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    options = options or ExportOptions()
    target = Path(target)
    report = ExportReport(target, export_id=uuid.uuid4().hex)
    cells = CellReport()
    record = ExportRecord(export_id=report.export_id, project=project.name)
    wb = Workbook(write_only=True)
    try:
        with atomic_path(target) as tmp:
            # The workbook's Normal style wraps and aligns to the top: plain values then
            # need no style of their own, which keeps a 100k-excerpt export near the floor.
            wb._named_styles["Normal"].alignment = WRAP
            steps = _write(project, wb, options, cells, report, record, progress)
            record.rows = dict(report.rows)
            hidden = wb.create_sheet(RECORD_SHEET)
            hidden.sheet_state = "veryHidden"
            hidden.protection.sheet = True
            for text in record.to_cells():
                hidden.append([text])
            steps.now()  # a last chance to cancel before the file is put together
            wb.save(tmp)
            steps.finish()
    except BaseException:
        _discard_sheet_files(wb)
        raise
    report.warnings.extend(cells.warnings())
    return report


def _discard_sheet_files(wb: Workbook) -> None:
    """A write-only sheet streams its rows into a temporary file of its own, removed
    only when the workbook is saved: after a failure or Cancel, remove them now."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        # the row stream first (it ends its element in the file), then the file's own
        for stream in (getattr(ws, "_rows", None), writer.xf):
            if stream is not None:
                with contextlib.suppress(Exception):  # a half-written part: it goes anyway
                    stream.close()
        Path(writer.out).unlink(missing_ok=True)


def _write(
    project: Project,
    wb: Workbook,
    options: ExportOptions,
    cells: CellReport,
    report: ExportReport,
    record: ExportRecord,
    progress: Progress | None,
) -> Steps:
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
    total = store.count("evidence_link")
    source_count = store.count("source")
    # units of work: a row each; putting the file together takes about a sixth of the
    # time the rows take (measured on 20,000 excerpts)
    rows = 4 * len(cases) + total + source_count
    steps = Steps(progress, rows + rows // 6)
    scale = ", ".join(f"{i} {label}" for i, label in enumerate(fw.score_labels))

    def sheet(
        title: str,
        columns: list[Column],
        freeze: str = "C2",
        repeat: str | None = "A:B",
        open_below: tuple[str, ...] = (),
    ) -> _Sheet:
        made = _Sheet(wb, title, columns, cells, record, freeze, repeat, open_below)
        sheets.append(made)
        return made

    sheets: list[_Sheet] = []

    about = sheet("About", [Column("item", "Item", 26), Column("value", "Value", 110, True)], "A2")
    for item, value in (
        ("format", FORMAT_ID),
        ("export", report.export_id),
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
            "Change titles, periods, regions, summaries, tags (separated by ;) and GCM "
            "objectives (numbers 1-23, separated by commas) in Cases; scores, confidence, "
            "effects (capacities, interests, identities) and memos in Matrix; strengths in "
            "Mechanisms; quotations, locators and notes in Evidence. Wielders and recipients "
            "are edited in the application: grey columns are locked (the sheets are "
            "protected, without a password). The drop-downs show the allowed values. Keep the "
            "grey identifier column A and the header row as they are. To propose a new case, "
            "fill a row at the end of Cases and leave its Case ID empty; to propose a new "
            "excerpt, "
            "fill a row at the end of Evidence with the case's ID, the mechanism, the "
            "quotation and the source's citation key. Save as .xlsx and send the file back.",
        ),
        (
            "printing",
            "Case pages holds one A4 page per case with its four quadrants and room for "
            "remarks, to print and annotate; it is not imported.",
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
    case_sheet = sheet("Cases", CASE_COLUMNS)
    for c in cases:
        uid = c["uid"]
        steps.tick()
        case_sheet.append(
            [
                uid,
                c["title"],
                c["short_label"],
                c["period"],
                c["region"],
                c["summary"],
                "; ".join(tags[c["id"]]),
                ", ".join(str(o) for o in gcm[c["id"]]),
                "; ".join(roles[(c["id"], "wielder")]),
                "; ".join(roles[(c["id"], "recipient")]),
            ],
            [None, *(("case", uid, f) for f in (*CASE_FIELDS, *CASE_LISTS))],
        )
    report.rows["Cases"] = case_sheet.rows

    codings: dict[int, dict[str, Coding]] = defaultdict(dict)
    for r in store.select("mechanism_coding"):
        codings[r["case_id"]][r["mechanism_id"]] = Coding(
            r["mechanism_id"], r["strength"], r["memo"]
        )
    cells_by_case: dict[int, dict[str, dict]] = defaultdict(dict)
    for r in store.select("matrix_cell"):
        cells_by_case[r["case_id"]][r["power_type_id"]] = r
    matrix = sheet("Matrix", matrix_columns(fw, memos))
    effects_of: dict[tuple[int, str], str] = {}  # for the case pages
    for c in cases:
        steps.tick()
        uid = c["uid"]
        row: list[Any] = [uid, c["short_label"] or c["title"]]
        keys: list[Key | None] = [None, None]
        for pt in fw.power_types:
            cell = cells_by_case[c["id"]].get(pt.id, {})
            defaults = default_effects(fw, pt.id, codings[c["id"]])
            effects = [
                e
                for e in EFFECTS
                if (defaults[e] if cell.get(f"effect_{e}") is None else cell[f"effect_{e}"])
            ]
            effects_of[(c["id"], pt.id)] = ", ".join(effects)
            row += [cell.get("score"), cell.get("confidence") or "", ", ".join(effects)]
            keys += [("cell", uid, pt.id, f) for f in ("score", "confidence", "effects")]
            if memos:
                row.append(cell.get("memo", ""))
                keys.append(("cell", uid, pt.id, "memo"))
        matrix.append(row, keys)
    for pt in fw.power_types:
        key = f"{pt.id}_score"
        matrix.validate(key, "0,1,2,3,4", f"A score is a whole number from 0 to 4 ({scale}).")
        matrix.score_colours(key)
        matrix.validate(
            f"{pt.id}_confidence",
            ",".join(fw.confidence_levels),
            "Confidence is low, medium or high.",
        )
    report.rows["Matrix"] = matrix.rows

    mechanisms = sheet("Mechanisms", mechanism_columns(fw))
    for c in cases:
        steps.tick()
        uid = c["uid"]
        values = [
            codings[c["id"]][m.id].strength if m.id in codings[c["id"]] else None
            for m in fw.mechanisms
        ]
        mechanisms.append(
            [uid, c["short_label"] or c["title"], *values],
            [None, None, *(("strength", uid, m.id) for m in fw.mechanisms)],
        )
    for m in fw.mechanisms:
        mechanisms.validate(m.id, "0,1,2,3,4", "A strength is a whole number from 0 to 4.")
        mechanisms.score_colours(m.id)
    report.rows["Mechanisms"] = mechanisms.rows

    # a proposed excerpt's row names its case, mechanism, quotation and source
    evidence = sheet(
        "Evidence",
        evidence_columns(memos),
        "C2",
        repeat=None,
        open_below=("case_id", "mechanism", "text", "evidence_type", "citation_key"),
    )
    type_labels = {t.id: t.label for t in vocab.evidence_types}
    source_rows = store.select("source", order_by=["first_author", "year", "citation_key"])
    items = {r["citation_key"]: storable_item(json.loads(r["csl"])) for r in source_rows}
    by_id = author_date_labels((r["id"], items[r["citation_key"]]) for r in source_rows)
    cite_of = {r["citation_key"]: by_id[r["id"]] for r in source_rows}
    no_keys: list[Key | None] = [None] * len(evidence.columns)
    locator_at = evidence.keys.index("locator")
    note_at = evidence.keys.index("note") if memos else -1
    for r in store.iter_evidence_links():
        steps.tick()
        if r["case_id"] not in case_ids:
            continue
        cite = cite_of[r["citation_key"]]
        excerpt = r["excerpt_uid"]
        row = [
            f"{excerpt}|{r['case_uid']}|{r['mechanism_id']}",
            excerpt,
            r["case_uid"],
            r["case_label"] or r["case_title"],
            r["power_type_id"],
            r["mechanism_label"],
            r["text"],
            r["locator"],
            type_labels.get(r["evidence_type"], r["evidence_type"]),
        ]
        keys = list(no_keys)
        keys[locator_at] = ("excerpt", excerpt, "locator")
        if memos:
            row.append(r["note"])
            keys[note_at] = ("excerpt", excerpt, "note")
        row += [cite, r["citation_key"]]
        evidence.append(row, keys)
        record.record_digest(("excerpt", excerpt, "text"), r["text"])
    report.rows["Evidence"] = evidence.rows

    sources = sheet("Sources", SOURCE_COLUMNS)
    for r in source_rows:
        steps.tick()
        csl = items[r["citation_key"]]  # storable: sources stored before items were checked
        authors = names_line(csl)  # particles, suffixes and et al. kept
        sources.append(
            [
                r["uid"],
                r["citation_key"],
                csl.get("type", ""),
                cite_of[r["citation_key"]],
                authors,
                year_of(csl),
                csl.get("title", ""),
                csl.get("container-title", ""),
                csl.get("volume", ""),
                csl.get("issue", ""),
                csl.get("page", ""),
                csl.get("publisher", ""),
                csl.get("publisher-place", ""),
                csl.get("DOI") or r["doi"],  # as written; `doi` is the matching form
                csl.get("URL", ""),
                json.dumps(csl, ensure_ascii=False, sort_keys=True),  # every field
            ],
            # recorded so that the import can name a changed cell as not imported
            [None, *(("source", r["uid"], c.key) for c in SOURCE_COLUMNS[1:])],
        )
    report.rows["Sources"] = sources.rows

    def page(c: dict[str, Any]) -> CasePage:
        quadrants = []
        for pt in fw.power_types:
            cell = cells_by_case[c["id"]].get(pt.id, {})
            coded = codings[c["id"]]
            quadrants.append(
                Quadrant(
                    pt.label,
                    cell.get("score"),
                    cell.get("confidence") or "",
                    effects_of[(c["id"], pt.id)],
                    (cell.get("memo") or "") if memos else None,
                    [
                        (m.label, coded[m.id].strength if m.id in coded else None)
                        for m in pt.mechanisms
                    ],
                )
            )
        facts = " · ".join(x for x in (c["period"], c["region"]) if x)
        return CasePage(c["uid"], c["title"] or c["short_label"] or c["uid"], facts, quadrants)

    if cases:
        report.rows["Case pages"] = write_case_pages(
            wb, fw.score_labels, (page(c) for c in cases), steps.tick
        )
    _write_votes(project, sheet, cases, report)
    for made in sheets:
        if made.rows:
            made.finish()
    return steps


# Workshop votes, to read (the import does not read this sheet): one row per vote.
VOTE_COLUMNS = [
    Column("session", "Session", 24, True),
    Column("case_id", "Case ID", 26),
    Column("case", "Case", 28, True),
    Column("power_type", "Power type", 14),
    Column("vote", "Vote", 7, centre=True),
    Column("score", "Score", 8, centre=True),
]


def _write_votes(
    project: Project,
    sheet: Callable[..., _Sheet],
    cases: list[dict[str, Any]],
    report: ExportReport,
) -> None:
    """A Votes sheet when the exported cases hold workshop votes; none otherwise."""
    exported = {c["id"]: c for c in cases}
    cast = [v for v in all_votes(project) if v.case_id in exported]
    if not cast:
        return
    votes = sheet("Votes", VOTE_COLUMNS, "A2")
    order: dict[tuple[str, int, str], int] = {}
    for v in cast:
        key = (v.session, v.case_id, v.power_type)
        order[key] = order.get(key, 0) + 1
        case = exported[v.case_id]
        votes.append(
            [
                v.session,
                case["uid"],
                case["short_label"] or case["title"],
                v.power_type,
                order[key],
                v.score,
            ]
        )
    votes.score_colours("score")
    report.rows["Votes"] = votes.rows
