"""Damaged and read-only projects: found at open, shown, and never modified."""

import os
import random
import shutil
import sqlite3

import pytest

from tests.conftest import FIXTURES, file_digest
from workbench.checks import check_project
from workbench.cli import main
from workbench.commands import AddCase, AddExcerpt, SetCell
from workbench.errors import (
    DamagedProjectError,
    ProjectReadOnlyError,
    ReadOnlyLocationError,
)
from workbench.lock import lock_path_for
from workbench.project import Project
from workbench.restore import available_backups
from workbench.storage import backup as backups
from workbench.storage import search_index

PAGE = 4096


def _damage_inner_page(path, table="study_case"):
    """Random bytes over the root page of a table (a page inside the file)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * PAGE
    data[start + 8 : start + 400] = random.Random(7).randbytes(392)
    path.write_bytes(bytes(data))


def test_a_project_damaged_inside_is_refused_for_editing(sample_path, capsys):
    _damage_inner_page(sample_path)
    before = file_digest(sample_path)
    with pytest.raises(DamagedProjectError, match="integrity check") as err:
        Project.open(sample_path)
    assert str(sample_path) in str(err.value) and "backup" in str(err.value)
    assert file_digest(sample_path) == before
    assert not lock_path_for(sample_path).exists()
    # The command line's writing commands refuse it the same way, without a traceback.
    refs = sample_path.with_name("refs.bib")
    refs.write_text("@book{k, title={T}, author={A, B}, year={2001}}\n")
    assert main(["import-refs", str(sample_path), str(refs)]) == 2
    err_text = capsys.readouterr().err
    assert "integrity check" in err_text and "Traceback" not in err_text
    assert main(["export-xlsx", str(sample_path), str(sample_path.with_suffix(".xlsx"))]) == 2
    err_text = capsys.readouterr().err
    assert "damaged" in err_text and "Traceback" not in err_text
    assert file_digest(sample_path) == before


def test_info_on_a_damaged_page_is_a_sentence(sample_path, capsys):
    _damage_inner_page(sample_path, "meta")
    assert main(["info", str(sample_path)]) == 1  # as `check`: the project has problems
    err_text = capsys.readouterr().err
    assert str(sample_path) in err_text and "damaged" in err_text
    assert "Traceback" not in err_text


def test_a_damaged_project_opens_read_only_when_allowed(sample_path):
    Project.open(sample_path, wait_for_backup=True).close()  # one good backup
    good = available_backups(sample_path)
    _damage_inner_page(sample_path)
    before = file_digest(sample_path)
    project = Project.open(sample_path, allow_read_only=True, wait_for_backup=True)
    try:
        assert project.read_only and project.damaged
        assert "integrity check" in project.damaged
        with pytest.raises(ProjectReadOnlyError, match="read-only"):
            project.execute(AddCase("Not saved"))
    finally:
        project.close()
    assert file_digest(sample_path) == before
    assert available_backups(sample_path) == good  # nothing rotated out, nothing added


def test_a_failed_backup_verification_stops_editing(sample_path, monkeypatch):
    """Damage only integrity_check sees (the copy's check) also makes the project read-only."""
    monkeypatch.setattr(backups, "verify", lambda p: ["row 3 missing from index excerpt_source"])
    project = Project.open(sample_path, wait_for_backup=True)
    try:
        assert "failed verification: row 3 missing" in project.backup_error
        assert "row 3 missing" in project.damaged
        assert project.read_only
        with pytest.raises(ProjectReadOnlyError):
            project.execute(SetCell(1, "compulsory", score=2))
    finally:
        project.close()


def test_a_read_only_file_is_refused_or_opened_read_only(sample_path, monkeypatch):
    """What a user without root sees for a file marked read-only (simulated with os.access,
    since the test may run as root, which may write anyway)."""
    real_access = os.access

    def access(path, mode):
        if str(path) == str(sample_path) and mode == os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr("workbench.project.os.access", access)
    before = file_digest(sample_path)
    with pytest.raises(ReadOnlyLocationError, match="the file is read-only"):
        Project.open(sample_path)
    project = Project.open(sample_path, allow_read_only=True)
    assert project.read_only_reason == "the file is read-only"
    assert project.store.counts()["cases"] == 12
    with pytest.raises(ProjectReadOnlyError, match="the file is read-only"):
        project.execute(AddCase("Refused"))
    project.close()
    project.close()  # safe twice, never raises
    assert file_digest(sample_path) == before
    assert not lock_path_for(sample_path).exists()


def test_check_reads_its_counts_in_one_transaction(sample_path, monkeypatch):
    """Another process adding an excerpt while `check` counts is not a problem."""
    writer = Project.open(sample_path, backup=False)
    source_id = writer.store.select("source")[0]["id"]
    original = search_index.problems

    class Interleaved:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, *params):
            cursor = self.conn.execute(sql, *params)
            if "FROM excerpt" in sql:
                writer.apply(AddExcerpt(source_id, "Written while check was counting"))
            return cursor

    monkeypatch.setattr(search_index, "problems", lambda conn: original(Interleaved(conn)))
    try:
        report = check_project(sample_path)
    finally:
        writer.close()
    assert report.search == []
    assert report.ok


def test_an_old_read_only_project_says_it_needs_an_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "old.mpw"
    shutil.copy(FIXTURES / "project_v1.mpw", path)
    real_access = os.access
    monkeypatch.setattr(
        "workbench.project.os.access",
        lambda p, mode: False if str(p) == str(path) else real_access(p, mode),
    )
    with pytest.raises(ReadOnlyLocationError, match="upgraded from schema version 1"):
        Project.open(path, allow_read_only=True)
