"""Every cell a co-author changed is accounted for: tags, GCM objectives, effects and
quotations are imported (bad values are located problems); changes to columns edited
in the application (wielders, recipients, a case's name outside Cases) are named as
not imported; clearing a title is a located problem."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main
from workbench.commands import SetCaseTags
from workbench.excel.diff import changes_command, diff_workbook
from workbench.excel.export import export_workbook
from workbench.operations.workbook import export_coauthor_workbook

CASE = "eu-turkey-2016"


@pytest.fixture
def exported(sample_project, tmp_path) -> Path:
    path = tmp_path / "coauthor.xlsx"
    export_workbook(sample_project, path)
    return path


def _edit(path: Path, edits: dict[tuple[str, str, str], object]) -> Path:
    """{(sheet, row identifier, header): value}, each sheet edited unprotected first, as a
    co-author must to change a locked column in a spreadsheet program."""
    wb = openpyxl.load_workbook(path)
    for (sheet, ident, header), value in edits.items():
        ws = wb[sheet]
        ws.protection.sheet = False
        row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == ident)
        column = next(c.column for c in ws[1] if c.value == header)
        ws.cell(row, column).value = value  # None clears the cell
    out = path.with_name("edited.xlsx")
    wb.save(out)
    return out


def _where(path: Path, sheet: str, ident: str, header: str) -> str:
    ws = openpyxl.load_workbook(path)[sheet]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == ident)
    column = next(c.column_letter for c in ws[1] if c.value == header)
    return f"{sheet}!{column}{row}"


def _case(project, uid=CASE):
    return project.store.get("study_case", {"uid": uid})


def _tags(project, uid=CASE):
    return sorted(
        r["tag"] for r in project.store.select("case_tag", {"case_id": _case(project, uid)["id"]})
    )


def _objectives(project, uid=CASE):
    rows = project.store.select("case_gcm_objective", {"case_id": _case(project, uid)["id"]})
    return sorted(r["objective"] for r in rows)


def _first_link(path: Path) -> tuple[str, str, str]:
    """(link id, excerpt uid, quotation) of the first Evidence row."""
    ws = openpyxl.load_workbook(path)["Evidence"]
    values = [c.value for c in ws[2]]
    return values[0], values[1], values[6]


def test_an_untouched_workbook_accounts_for_nothing(sample_project, exported):
    diff = diff_workbook(sample_project, exported)
    assert (diff.changes, diff.problems, diff.not_imported) == ([], [], [])


def test_tags_and_objectives_are_imported_as_sets(sample_project, exported):
    edited = _edit(
        exported,
        {
            ("Cases", CASE, "Tags"): "externalization;  accession ; refugees; visa",
            ("Cases", CASE, "GCM objectives"): "23, 11, 7",
        },
    )
    diff = diff_workbook(sample_project, edited)
    by_what = {c.what: c for c in diff.changes}
    tags = by_what["EU–Turkey 2016: tags"]
    assert tags.cell == _where(edited, "Cases", CASE, "Tags")[len("Cases!") :]
    assert tags.new == "accession; externalization; refugees; visa"
    objectives = by_what["EU–Turkey 2016: GCM objectives"]
    assert (objectives.old, objectives.new) == ("11, 21, 23", "7, 11, 23")
    assert diff.problems == []
    sample_project.execute(changes_command(diff.accepted(), "Import"))
    assert _tags(sample_project) == ["accession", "externalization", "refugees", "visa"]
    assert _objectives(sample_project) == [7, 11, 23]
    assert diff_workbook(sample_project, edited).changes == []  # applied: nothing again


def test_reordering_a_list_changes_nothing(sample_project, exported):
    edited = _edit(
        exported,
        {
            ("Cases", CASE, "GCM objectives"): "23,21,  11",
            ("Matrix", CASE, "Compulsory effects"): "Interests; capacities",
        },
    )
    assert diff_workbook(sample_project, edited).changes == []


def test_a_bad_objective_is_a_located_problem(sample_project, exported):
    edited = _edit(exported, {("Cases", CASE, "GCM objectives"): "11, 24, x"})
    diff = diff_workbook(sample_project, edited)
    where = _where(edited, "Cases", CASE, "GCM objectives")
    assert [p for p in diff.problems if p.startswith(where)] == [
        f"{where}: '24' is not a GCM objective (whole numbers 1 to 23, separated by commas); "
        "not imported"
    ]
    assert not [c for c in diff.changes if "objectives" in c.what]


def test_effects_are_imported_and_an_unknown_one_is_a_located_problem(sample_project, exported):
    edited = _edit(
        exported,
        {
            ("Matrix", CASE, "Compulsory effects"): "capacities",
            ("Matrix", CASE, "Institutional effects"): "interests, influence",
        },
    )
    diff = diff_workbook(sample_project, edited)
    where = _where(edited, "Matrix", CASE, "Institutional effects")
    assert diff.problems == [
        f"{where}: 'influence' is not an effect; use capacities, interests, identities "
        "(separated by commas); not imported"
    ]
    [change] = diff.changes
    assert (change.what, change.old, change.new) == (
        "EU–Turkey 2016: compulsory effects",
        "capacities, interests",
        "capacities",
    )
    sample_project.execute(changes_command(diff.accepted(), "Import"))
    cell = sample_project.store.get(
        "matrix_cell", {"case_id": _case(sample_project)["id"], "power_type_id": "compulsory"}
    )
    assert cell["effect_interests"] == 0  # the one the co-author removed, now explicit
    assert diff_workbook(sample_project, edited).changes == []


def test_a_quotation_is_imported_once_for_all_its_rows(sample_project, exported):
    link, excerpt_uid, text = _first_link(exported)
    corrected = text.replace("Symbolic", "Symbolic and material", 1)
    edited = _edit(exported, {("Evidence", link, "Quotation"): corrected})
    diff = diff_workbook(sample_project, edited)
    [change] = diff.changes
    assert change.what.endswith(": quotation") and change.what.startswith("excerpt “Symbolic")
    assert (change.old, change.new) == (text, corrected)
    sample_project.execute(changes_command(diff.accepted(), "Import"))
    assert sample_project.store.get("excerpt", {"uid": excerpt_uid})["text"] == corrected


def test_an_emptied_quotation_is_a_located_problem(sample_project, exported):
    link, _uid, _text = _first_link(exported)
    edited = _edit(exported, {("Evidence", link, "Quotation"): "  "})
    diff = diff_workbook(sample_project, edited)
    where = _where(edited, "Evidence", link, "Quotation")
    assert diff.problems == [f"{where}: a quotation cannot be empty; the excerpt was kept"]
    assert diff.changes == []


def test_actors_and_names_outside_cases_are_named_not_imported(sample_project, exported):
    edited = _edit(
        exported,
        {
            ("Cases", CASE, "Wielders"): "European Union (Inter- or supranational body; North)",
            ("Cases", CASE, "Recipients"): "",
            ("Matrix", CASE, "Case"): "EU and Turkey",
        },
    )
    diff = diff_workbook(sample_project, edited)
    assert diff.changes == [] and diff.problems == []
    assert diff.not_imported == [
        f"{_where(edited, 'Cases', CASE, 'Wielders')} (Wielders): edit in the application",
        f"{_where(edited, 'Cases', CASE, 'Recipients')} (Recipients): edit in the application",
        f"{_where(edited, 'Matrix', CASE, 'Case')} (Case): "
        "a case's name is edited in the Cases sheet",
    ]


def test_a_cleared_title_is_a_located_problem(sample_project, exported):
    edited = _edit(exported, {("Cases", CASE, "Title"): None})
    diff = diff_workbook(sample_project, edited)
    where = _where(edited, "Cases", CASE, "Title")
    assert diff.problems == [f"{where}: a case needs a title; the title was left as it is"]
    assert diff.changes == []


def test_a_tag_changed_in_the_project_only_is_not_proposed_and_both_is_a_conflict(
    sample_project, exported
):
    case_id = _case(sample_project)["id"]
    sample_project.execute(SetCaseTags(case_id, ["accession", "deterrence"]))
    assert diff_workbook(sample_project, exported).changes == []  # untouched by the co-author
    edited = _edit(exported, {("Cases", CASE, "Tags"): "accession; leverage"})
    [change] = diff_workbook(sample_project, edited).changes
    assert change.conflict
    assert (change.old, change.new) == ("accession; deterrence", "accession; leverage")
    assert change.exported.startswith("accession; externalization")


def test_import_xlsx_json_lists_what_was_not_imported(sample_path, tmp_path, capsys):
    exported = tmp_path / "coauthor.xlsx"
    export_coauthor_workbook(sample_path, exported)
    edited = _edit(
        exported,
        {("Cases", CASE, "Wielders"): "Someone else", ("Cases", CASE, "Tags"): "accession"},
    )
    assert main(["import-xlsx", str(sample_path), str(edited), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["not_imported"] == [
        f"{_where(edited, 'Cases', CASE, 'Wielders')} (Wielders): edit in the application"
    ]
    assert [c["what"] for c in out["changes"]] == ["EU–Turkey 2016: tags"]
    assert main(["import-xlsx", str(sample_path), str(edited), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "not imported  Cases!" in text and "(Wielders): edit in the application" in text


def test_evidence_columns_edited_in_the_application_are_named(sample_project, exported):
    link, _uid, _text = _first_link(exported)
    edited = _edit(
        exported,
        {
            ("Evidence", link, "Mechanism"): "Funding",
            ("Evidence", link, "Citation"): "Fine 2023",
            ("Evidence", link, "Evidence type"): "Interview",
        },
    )
    diff = diff_workbook(sample_project, edited)
    assert diff.changes == [] and diff.problems == []
    assert diff.not_imported == [
        f"{_where(edited, 'Evidence', link, 'Mechanism')} (Mechanism): "
        "a link's mechanism is changed in the application",
        f"{_where(edited, 'Evidence', link, 'Evidence type')} (Evidence type): "
        "edit the excerpt in the application",
        f"{_where(edited, 'Evidence', link, 'Citation')} (Citation): "
        "follows from the source, edited in the application",
    ]


def test_a_changed_excerpt_identifier_is_a_located_problem(sample_project, exported):
    link, _uid, _text = _first_link(exported)
    other = openpyxl.load_workbook(exported)["Evidence"]["B3"].value
    edited = _edit(
        exported,
        {("Evidence", link, "Excerpt ID"): other, ("Evidence", link, "Note"): "Misplaced note"},
    )
    diff = diff_workbook(sample_project, edited)
    where = _where(edited, "Evidence", link, "Excerpt ID")
    assert diff.problems == [
        f"{where}: the excerpt identifier was changed (the row's link ID names "
        f"{link.split('|')[0]!r}); the row was not read"
    ]
    assert diff.changes == []  # the note is not given to the other excerpt


def test_a_quotation_changed_on_both_sides_is_a_conflict_without_an_exported_text(
    sample_project, exported
):
    from workbench.commands import UpdateExcerpt

    link, excerpt_uid, text = _first_link(exported)
    excerpt_id = sample_project.store.get("excerpt", {"uid": excerpt_uid})["id"]
    sample_project.execute(UpdateExcerpt(excerpt_id, text=text + " (checked)"))
    assert diff_workbook(sample_project, exported).changes == []  # only the project changed
    edited = _edit(exported, {("Evidence", link, "Quotation"): text + " [sic]"})
    [change] = diff_workbook(sample_project, edited).changes
    assert change.conflict and not change.exported_known and change.exported is None
    assert (change.old, change.new) == (text + " (checked)", text + " [sic]")
    assert "CONFLICT exported (not kept)" in str(change)


def test_the_record_keeps_a_fingerprint_of_each_quotation_not_its_text(sample_project, exported):
    from workbench.excel.export_record import SHEET, ExportRecord, digest
    from workbench.excel.reader import open_book

    _link, excerpt_uid, text = _first_link(exported)
    with open_book(exported, (SHEET,)) as book:
        snapshot = ExportRecord.from_cells([r[0] if r else None for _, r in book.rows(SHEET)])
    assert snapshot is not None
    assert snapshot.values.get(("excerpt", excerpt_uid, "text_digest")) == digest(text)
    assert ("excerpt", excerpt_uid, "text") not in snapshot.values


def test_import_xlsx_json_names_a_new_excerpts_values(sample_path, tmp_path, capsys):
    exported = tmp_path / "coauthor.xlsx"
    export_coauthor_workbook(sample_path, exported)
    wb = openpyxl.load_workbook(exported)
    ev = wb["Evidence"]
    first = [c.value for c in ev[2]]
    row = ev.max_row + 1
    for column, value in ((3, first[2]), (6, first[5]), (7, "A new quotation."), (12, first[11])):
        ev.cell(row, column, value)
    edited = tmp_path / "new.xlsx"
    wb.save(edited)
    assert main(["import-xlsx", str(sample_path), str(edited), "--dry-run", "--json"]) == 0
    [addition] = json.loads(capsys.readouterr().out)["changes"]
    assert addition["kind"] == "addition"
    assert addition["fields"]["Quotation"] == "A new quotation."
    assert addition["fields"]["Case"] == first[3]


def test_only_a_changed_quotation_is_read_as_text(sample_project, exported, monkeypatch):
    """The quotations are read as fingerprints; the text of a changed one is read again
    from its cell (so an import holds no copy of every quotation)."""
    from workbench.excel.reader import Book

    asked: list[set[int]] = []
    real = Book.cell_texts

    def spy(book, sheet, column, rows):
        asked.append(set(rows))
        return real(book, sheet, column, rows)

    monkeypatch.setattr(Book, "cell_texts", spy)
    assert diff_workbook(sample_project, exported).changes == []
    assert asked == []
    link, _uid, text = _first_link(exported)
    edited = _edit(exported, {("Evidence", link, "Quotation"): text + " [sic]"})
    [change] = diff_workbook(sample_project, edited).changes
    assert change.new == text + " [sic]"
    assert asked == [{int(_where(edited, "Evidence", link, "Quotation")[len("Evidence!G") :])}]


def test_changes_to_sources_are_named_not_imported(sample_project, exported):
    wb = openpyxl.load_workbook(exported)
    sources = wb["Sources"]
    sources.protection.sheet = False
    ident = sources["A2"].value
    title = next(c.column for c in sources[1] if c.value == "Title")
    sources.cell(2, title).value = "A corrected title"
    new = sources.max_row + 1
    sources.cell(new, 2).value = "newkey2024"
    edited = exported.with_name("sources.xlsx")
    wb.save(edited)
    diff = diff_workbook(sample_project, edited)
    assert diff.changes == [] and diff.problems == []
    assert diff.not_imported == [
        f"{_where(edited, 'Sources', ident, 'Title')} (Title): sources are edited in the "
        "application",
        f"Sources!A{new}: a source row that was not exported; sources are added in the application",
    ]
