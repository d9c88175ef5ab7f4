"""The co-author workbook: structure, text that stays text, bad characters, safe writes."""

import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.cli import main
from workbench.commands import SetCell, UpdateCase, UpdateExcerpt
from workbench.excel.export import ExportOptions, export_workbook

INJECTIONS = [
    "=1+1",
    "+SUM(A1:A2)",
    "-2+3",
    "@SUM(1)",
    "\tTabbed",
    "\rReturn",
    "#N/A",
    "#DIV/0!",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
]


def _xml(path: Path, sheet: int) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{sheet}.xml").decode()


def _contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two RGB hex colours."""

    def luminance(rgb: str) -> float:
        channels = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    hi, lo = sorted((luminance(fg[-6:]), luminance(bg[-6:])), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_structure_ids_and_values(sample_project, tmp_path):
    target = tmp_path / "coauthor.xlsx"
    report = export_workbook(sample_project, target)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [
        "About",
        "Cases",
        "Matrix",
        "Mechanisms",
        "Evidence",
        "Sources",
        "Case pages",
        "_exported",
    ]
    assert wb["_exported"].sheet_state == "veryHidden"
    assert report.rows["Cases"] == 12 and report.rows["Evidence"] == 65
    matrix = wb["Matrix"]
    header = [c.value for c in matrix[1]]
    assert header[:6] == [
        "Case ID",
        "Case",
        "Compulsory score",
        "Compulsory confidence",
        "Compulsory effects",
        "Compulsory memo",
    ]
    assert not any("label" in h.lower() for h in header)  # no column that goes stale
    rows = {
        r[0]: dict(zip(header, r, strict=True))
        for r in matrix.iter_rows(min_row=2, values_only=True)
    }
    nauru = rows["australia-nauru-2012"]
    assert nauru["Compulsory score"] == 4
    assert nauru["Structural effects"] == "capacities"  # default from funding
    assert matrix.freeze_panes == "C2" and matrix.auto_filter.ref.startswith("A1:")
    assert matrix["A1"].font.bold
    mech = wb["Mechanisms"]
    mech_header = [c.value for c in mech[1]]
    belarus = next(
        r for r in mech.iter_rows(min_row=2, values_only=True) if r[0] == "belarus-eu-2021"
    )
    assert belarus[mech_header.index("Coercive engineered migrations")] == 4
    evidence = [r for r in wb["Evidence"].iter_rows(min_row=2, values_only=True)]
    assert all(r[0].count("|") == 2 for r in evidence)
    ev_header = [c.value for c in wb["Evidence"][1]]
    citation = ev_header.index("Citation")
    assert any(r[citation] == "Fernández-Molina and Tsourapas 2025" for r in evidence)
    xml = _xml(target, 3)
    assert "<dataValidation" in xml and '"0,1,2,3,4"' in xml
    assert "low,medium,high" in xml


def test_a_workbook_people_can_read_and_print(sample_project, tmp_path):
    target = tmp_path / "coauthor.xlsx"
    export_workbook(sample_project, target)
    wb = openpyxl.load_workbook(target)
    fonts = {
        c.font.name
        for ws in wb.worksheets[:-1]
        for row in ws.iter_rows(max_row=20)
        for c in row
        if c.value is not None and c.has_style
    }
    assert fonts == {"Calibri"}  # one font, named (no serif fallback in headers)
    for ws in wb.worksheets[:-2]:  # the case pages are checked on their own
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
    matrix = wb["Matrix"]
    memo_row = next(r[0].row for r in matrix.iter_rows(min_row=2) if r[0].value == "eu-turkey-2016")
    assert matrix.row_dimensions[memo_row].height >= 45  # a four-line memo gets four lines
    assert matrix.cell(memo_row, 3).alignment.vertical == "top"
    normal = wb._named_styles["Normal"].alignment  # what every plain cell inherits
    assert normal.vertical == "top" and normal.wrap_text
    # score cells: each fill with a text colour of contrast >= 4.5:1
    rules = [
        r
        for rng in matrix.conditional_formatting
        for r in rng.rules
        if r.formula != ["TRUE"]  # the grey of locked columns
    ]
    assert len({r.dxf.fill.fgColor.rgb for r in rules}) == 5
    # an empty (not scored) cell is not coloured as a 0
    assert "AND(ISNUMBER(C2),C2=0)" in {r.formula[0] for r in rules}
    for rule in rules:
        ratio = _contrast(rule.dxf.font.color.rgb, rule.dxf.fill.fgColor.rgb)
        assert ratio >= 4.5, (rule.formula, ratio)
    widths = {
        c.value: matrix.column_dimensions[c.column_letter].width for c in matrix[1] if c.value
    }
    for header, width in widths.items():  # headers wrap between words, never inside one
        assert width >= max(len(w) for w in header.split()), header


def test_text_that_looks_like_a_formula_stays_text(sample_project, tmp_path):
    store = sample_project.store
    case = store.get("study_case", {"uid": "eu-turkey-2016"})["id"]
    for i, text in enumerate(INJECTIONS[:4]):
        pt = ("compulsory", "institutional", "structural", "productive")[i]
        sample_project.execute(SetCell(case, pt, memo=text))
    sample_project.execute(
        UpdateCase(
            case,
            summary=INJECTIONS[4],
            region=INJECTIONS[6],
            period=INJECTIONS[7],
            short_label=INJECTIONS[8],
        )
    )
    excerpt = store.select("evidence_link", {"case_id": case})[0]["excerpt_id"]
    sample_project.execute(UpdateExcerpt(excerpt, note=INJECTIONS[9], locator=INJECTIONS[5]))
    target = tmp_path / "x.xlsx"
    export_workbook(sample_project, target)
    for sheet in range(1, 7):
        xml = _xml(target, sheet)
        assert "<f>" not in xml and 't="e"' not in xml
    wb = openpyxl.load_workbook(target)
    values = {c.value for ws in wb for row in ws.iter_rows() for c in row}
    for text in INJECTIONS:  # as a cell holds it: CR becomes a line end, nothing else
        assert text.replace("\r", "\n") in values, text
    assert all(
        c.data_type == "s"
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    )


def test_texts_a_cell_cannot_hold_are_named_and_never_crash(sample_project, tmp_path):
    case = sample_project.store.get("study_case", {"uid": "uk-rwanda-2022"})["id"]
    sample_project.execute(SetCell(case, "compulsory", memo="bell\x07 and \x1b escape"))
    sample_project.execute(SetCell(case, "structural", memo="non-characters \ufffe\uffff here"))
    long_text = "x" * 40000
    sample_project.execute(UpdateCase(case, summary=long_text))
    report = export_workbook(sample_project, tmp_path / "x.xlsx")
    joined = " ".join(report.warnings)
    assert "Matrix!F3 (control characters" in joined  # row 3: the second case
    assert "Matrix!N3 (control characters" in joined
    assert "Cases!F3 (shortened to 32,767" in joined
    assert sample_project.store.get("study_case", {"id": case})["summary"] == long_text
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["Matrix"]
    assert ws["F3"].value == "bell and  escape"


def test_options_selection_and_no_memos(sample_project, tmp_path):
    ids = [
        sample_project.store.get("study_case", {"uid": u})["id"]
        for u in ("eu-turkey-2016", "belarus-eu-2021")
    ]
    target = tmp_path / "share.xlsx"
    report = export_workbook(sample_project, target, ExportOptions(ids, include_memos=False))
    wb = openpyxl.load_workbook(target)
    assert report.rows["Cases"] == 2
    assert not any("memo" in str(c.value).lower() for c in wb["Matrix"][1])
    assert "Note" not in [c.value for c in wb["Evidence"][1]]
    cases = {r[3] for r in wb["Evidence"].iter_rows(min_row=2, values_only=True)}
    assert cases == {"EU–Turkey 2016", "Belarus–EU 2021"}


def test_a_failed_write_leaves_the_earlier_file(sample_project, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "keep.xlsx"
    target.write_bytes(b"earlier version")
    from openpyxl import Workbook

    real_save = Workbook.save

    def full_disk(self, filename):
        real_save(self, filename)  # written, then the disk fills before it is complete
        Path(filename).write_bytes(Path(filename).read_bytes()[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(OSError, match="No space"):
        export_workbook(sample_project, target)
    assert target.read_bytes() == b"earlier version"
    assert [p.name for p in folder.iterdir()] == ["keep.xlsx"]  # no temporary file left


def test_cli_export_xlsx(sample_path, tmp_path, capsys):
    target = tmp_path / "out.xlsx"
    assert (
        main(
            ["export-xlsx", str(sample_path), str(target), "--case", "uk-rwanda-2022", "--no-memos"]
        )
        == 0
    )
    assert "Cases 1" in capsys.readouterr().out
    assert main(["export-xlsx", str(sample_path), str(target), "--case", "nope"]) == 2
    assert main(["export-xlsx", str(sample_path), str(tmp_path / "no" / "dir.xlsx")]) == 2
    assert "earlier file is unchanged" in capsys.readouterr().err


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=200))
def test_any_text_round_trips_without_proposing_anything(project, tmp_path, text):
    from workbench.commands import AddCase
    from workbench.excel.cells import cell_form
    from workbench.excel.diff import diff_workbook

    add = AddCase("Probe", summary=text)
    project.execute(add)
    target = tmp_path / "p.xlsx"
    report = export_workbook(project, target)  # never raises, whatever the text
    read = diff_workbook(project, target)
    assert read.changes == [] and read.problems == []  # untouched: nothing proposed
    resaved = tmp_path / "resaved.xlsx"
    openpyxl.load_workbook(target).save(resaved)  # as another program writes it back
    assert diff_workbook(project, resaved).changes == []
    assert bool(cell_form(text).altered) == any("Cases!F2" in w for w in report.warnings)
    project.history.undo()


def test_tidy_csv_for_r_and_pandas(sample_path, tmp_path, capsys):
    import pandas as pd

    assert main(["export-csv", str(sample_path), str(tmp_path / "tidy")]) == 0
    matrix = pd.read_csv(tmp_path / "tidy" / "matrix_long.csv")
    assert len(matrix) == 12 * 4
    nauru = matrix[
        (matrix.case_id == "australia-nauru-2012") & (matrix.power_type == "structural")
    ].iloc[0]
    assert nauru.score == 4 and nauru.score_label == "dominant" and nauru.row == "constitution"
    mechanisms = pd.read_csv(tmp_path / "tidy" / "mechanisms_long.csv")
    assert len(mechanisms) == 12 * 14
    assert mechanisms.present.isin([0, 1]).all()
    belarus = mechanisms[
        (mechanisms.case_id == "belarus-eu-2021")
        & (mechanisms.mechanism == "coercive_engineered_migration")
    ].iloc[0]
    assert belarus.strength == 4 and belarus.present == 1


def test_sources_sheet_carries_every_field(sample_project, tmp_path):
    import json

    target = tmp_path / "s.xlsx"
    export_workbook(sample_project, target)
    ws = openpyxl.load_workbook(target)["Sources"]
    header = [c.value for c in ws[1]]
    milan = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "milan2024")
    item = json.loads(milan[header.index("CSL JSON (every field)")])
    assert item["ISBN"] == "978-92-9268-700-7" and item["editor"][0]["family"] == "McAuliffe"
