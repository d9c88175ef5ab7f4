"""Crafted schema objects: refused before any query runs them; `check` reports them and
`check --repair` drops them after a verified backup."""

import json
import shutil
import sqlite3

import pytest

from tests.conftest import FIXTURES, file_digest
from workbench.cli import main
from workbench.commands import SetCell
from workbench.errors import DamagedProjectError, ForeignSchemaError
from workbench.project import Project
from workbench.restore import available_backups
from workbench.storage import connection, schema_check
from workbench.storage.schema_check import normalise, schema_problems

WIPE = "CREATE TRIGGER wipe AFTER UPDATE ON matrix_cell BEGIN DELETE FROM evidence_link; END"
ENDLESS_META = """
DROP TABLE meta;
CREATE VIEW meta(key, value) AS
    WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
    SELECT 'framework', n FROM r WHERE n < 0;
"""


def _craft(path, script):
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def _links(path):
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM evidence_link").fetchone()[0]
    finally:
        conn.close()


def test_a_crafted_trigger_is_refused_before_it_can_delete_evidence(sample_path, capsys):
    links = _links(sample_path)
    assert links > 0
    _craft(sample_path, WIPE + ";")
    before = file_digest(sample_path)
    with pytest.raises(ForeignSchemaError) as err:
        Project.open(sample_path)
    assert "trigger 'wipe'" in str(err.value) and str(sample_path) in str(err.value)
    with pytest.raises(ForeignSchemaError):
        Project.open_readonly(sample_path)
    assert file_digest(sample_path) == before

    assert main(["check", str(sample_path)]) == 1
    out = capsys.readouterr().out
    assert "trigger 'wipe' is not part of a project's schema" in out
    assert "The project is sound." not in out

    assert main(["check", "--repair", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert "Dropped trigger 'wipe'" in out and "The project is sound." in out
    (backup,) = available_backups(sample_path)
    conn = sqlite3.connect(backup.path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "wipe" in names  # the backup holds the file as it was before the repair

    with Project.open(sample_path, backup=False) as project:
        case = project.store.select("study_case")[0]
        project.execute(SetCell(case["id"], "compulsory", score=1))
    assert _links(sample_path) == links


def test_a_view_in_place_of_a_table_cannot_hang_open_info_or_check(sample_path, capsys):
    _craft(sample_path, ENDLESS_META)
    with pytest.raises(ForeignSchemaError, match="view 'meta'"):
        Project.open(sample_path)
    assert main(["info", str(sample_path)]) == 2
    assert "view 'meta'" in capsys.readouterr().err
    assert main(["check", "--json", str(sample_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert "table 'meta' is missing" in report["schema"]
    # A project table replaced: dropping the view would not give it back.
    assert main(["check", "--repair", str(sample_path)]) == 1
    captured = capsys.readouterr()
    assert "cannot be repaired" in captured.err
    assert available_backups(sample_path) == []


def test_queries_while_opening_have_a_time_limit(sample_path, monkeypatch):
    """Even if the schema check let a crafted view through, opening would not hang."""
    _craft(sample_path, ENDLESS_META)
    monkeypatch.setattr("workbench.project.schema_problems", lambda conn, version: [])
    monkeypatch.setattr(connection, "OPEN_TIME_LIMIT", 0.2)
    with pytest.raises(DamagedProjectError, match="took too long"):
        Project.open(sample_path)


def test_a_changed_project_index_is_named_and_not_repairable(sample_path, capsys):
    _craft(
        sample_path,
        "DROP INDEX excerpt_source; CREATE INDEX excerpt_source ON excerpt(source_id, text);",
    )
    with pytest.raises(ForeignSchemaError, match="index 'excerpt_source' differs"):
        Project.open(sample_path)
    assert main(["check", "--repair", str(sample_path)]) == 1


def test_the_files_each_version_writes_are_accepted(tmp_path):
    old = tmp_path / "old.mpw"
    shutil.copy(FIXTURES / "project_v1.mpw", old)
    conn = sqlite3.connect(old)
    assert schema_problems(conn, 1) == []
    conn.close()
    Project.open(old, backup=False).close()  # upgraded to the current version
    fresh = Project.create(tmp_path / "new.mpw")
    fresh.close()
    for path in (old, fresh.path):
        conn = sqlite3.connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        assert schema_problems(conn, version) == [], path
        conn.close()


def test_an_extra_object_in_an_old_version_is_refused_too(tmp_path):
    old = tmp_path / "old.mpw"
    shutil.copy(FIXTURES / "project_v1.mpw", old)
    _craft(old, "CREATE TABLE mechanism_overlap (id INTEGER PRIMARY KEY);")
    before = file_digest(old)
    with pytest.raises(ForeignSchemaError, match="table 'mechanism_overlap'"):
        Project.open(old)
    assert file_digest(old) == before  # not upgraded, not touched


def test_normalised_sql_ignores_layout_but_not_meaning():
    assert normalise("CREATE  TABLE t (\n  a TEXT, -- why\n b /* x */ INT)") == normalise(
        "create table t (a text, b int)"
    )
    assert normalise("CHECK (a IN ('x'))") != normalise("CHECK (a IN ('X'))")
    assert normalise("DEFAULT 'it''s'") == "default 'it''s'"


def test_drop_foreign_quotes_names_from_the_file(tmp_path):
    conn = sqlite3.connect(":memory:")
    conn.execute('CREATE TABLE "odd""name; DROP TABLE x" (a)')
    problems = [schema_check.SchemaProblem("foreign", "table", 'odd"name; DROP TABLE x')]
    assert schema_check.drop_foreign(conn, problems) == ["table 'odd\"name; DROP TABLE x'"]
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
