"""Stable GUIDs on every row that can leave the project: RFC 4122, unique, and kept across
edits, undo and redo, exports and upgrades; a duplicated case's copies get new ones."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import uuid

import pytest

from tests.conftest import FIXTURES
from workbench import queries
from workbench.cli import main
from workbench.commands import AddCase, DeleteCase, DuplicateCase, UpdateCase
from workbench.history import History
from workbench.project import Project
from workbench.storage.schema import GUID_TABLES, SCHEMA_VERSION


def _guids(path_or_project, table: str) -> dict[int, str]:
    if isinstance(path_or_project, Project):
        rows = path_or_project.store.select(table)
        return {r["id"]: r["guid"] for r in rows}
    conn = sqlite3.connect(path_or_project)
    try:
        return dict(conn.execute(f"SELECT id, guid FROM {table}").fetchall())
    finally:
        conn.close()


def _assert_rfc4122(values) -> None:
    values = list(values)
    assert len(set(values)) == len(values)
    for value in values:
        parsed = uuid.UUID(value)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == value  # canonical, lowercase


def test_every_row_that_can_leave_the_project_has_a_unique_rfc4122_guid(sample_project):
    project = sample_project
    seen = []
    for table in GUID_TABLES:
        guids = _guids(project, table)
        if table not in ("vote",):
            assert guids, table
        seen.extend(guids.values())
    _assert_rfc4122(seen)


def test_an_edit_keeps_the_guid_and_undo_of_a_delete_brings_it_back(sample_project):
    project = sample_project
    history = History(project)
    case_id = queries.case_summaries(project)[0].id
    before = _guids(project, "study_case")[case_id]
    overlaps = _guids(project, "mechanism_overlap")
    history.push(UpdateCase(case_id, title="Renamed"))
    assert _guids(project, "study_case")[case_id] == before
    history.push(DeleteCase(case_id, confirm_evidence=True))
    assert case_id not in _guids(project, "study_case")
    history.undo()
    assert _guids(project, "study_case")[case_id] == before
    assert _guids(project, "mechanism_overlap") == overlaps


def test_redo_of_an_added_case_gives_it_the_same_guid(project):
    history = History(project)
    history.push(AddCase("A new case"))
    (new_id,) = _guids(project, "study_case")
    first = _guids(project, "study_case")[new_id]
    history.undo()
    history.redo()
    assert _guids(project, "study_case")[new_id] == first


def test_a_duplicated_case_and_its_overlaps_get_new_guids_the_same_on_redo(sample_project):
    project = sample_project
    history = History(project)
    with_overlap = next(iter(project.store.select("mechanism_overlap")))["case_id"]
    cases_before = _guids(project, "study_case")
    overlaps_before = _guids(project, "mechanism_overlap")
    history.push(DuplicateCase(with_overlap))
    new_cases = set(_guids(project, "study_case").values()) - set(cases_before.values())
    new_overlaps = set(_guids(project, "mechanism_overlap").values()) - set(
        overlaps_before.values()
    )
    assert len(new_cases) == 1 and new_overlaps
    history.undo()
    history.redo()
    assert set(_guids(project, "study_case").values()) - set(cases_before.values()) == new_cases
    redone = set(_guids(project, "mechanism_overlap").values()) - set(overlaps_before.values())
    assert redone == new_overlaps
    _assert_rfc4122(_guids(project, "mechanism_overlap").values())


@pytest.mark.parametrize(
    "fixture", ["project_v1.mpw", "project_v2.mpw", "project_v3.mpw", "project_v4.mpw"]
)
def test_an_upgrade_gives_every_existing_row_a_guid_and_keeps_it(tmp_path, fixture):
    path = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, path)
    with Project.open(path, backup=False) as project:
        assert project.store.pragma("user_version") == SCHEMA_VERSION
        upgraded = {t: _guids(project, t) for t in GUID_TABLES}
    assert upgraded["study_case"] and upgraded["excerpt"]
    _assert_rfc4122([g for table in upgraded.values() for g in table.values()])
    with Project.open(path, backup=False) as again:  # the schema check accepts the result
        assert again.upgraded_from is None
        assert {t: _guids(again, t) for t in GUID_TABLES} == upgraded


def test_the_csv_export_carries_the_case_guid_and_a_case_is_found_by_it(
    sample_path, tmp_path, capsys
):
    assert main(["export-csv", str(sample_path), str(tmp_path)]) == 0
    with Project.open_readonly(sample_path) as project:
        by_uid = {r["uid"]: r["guid"] for r in project.store.select("study_case")}
    with (tmp_path / "matrix_long.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(by_uid[r["case_id"]] == r["case_guid"] for r in rows)
    uid, guid = next(iter(by_uid.items()))
    for name in (uid, guid):
        out = tmp_path / f"{name}.bib"
        assert main(["export-refs", str(sample_path), str(out), "--case", name]) == 0
    assert (tmp_path / f"{uid}.bib").read_text() == (tmp_path / f"{guid}.bib").read_text()


def test_salvage_and_a_backup_keep_every_guid(sample_path, tmp_path):
    from workbench.salvage import salvage
    from workbench.storage.backup import make_backup

    before = {t: _guids(sample_path, t) for t in GUID_TABLES}
    salvage(sample_path, tmp_path / "salvaged.mpw")
    assert {t: _guids(tmp_path / "salvaged.mpw", t) for t in GUID_TABLES} == before
    backup = make_backup(sample_path, tmp_path / "backups", keep=3)
    assert {t: _guids(backup.path, t) for t in GUID_TABLES} == before
