import sqlite3

import pytest

from workbench.storage.schema import APPLICATION_ID, SCHEMA_VERSION


def test_pragmas_of_a_new_project(project):
    store = project.store
    assert store.pragma("application_id") == APPLICATION_ID
    assert store.pragma("user_version") == SCHEMA_VERSION
    assert store.pragma("journal_mode") == "wal"
    assert store.pragma("foreign_keys") == 1
    assert store.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_every_connection_enforces_foreign_keys(project):
    with pytest.raises(sqlite3.IntegrityError), project.store.transaction():
        project.store.insert("case_tag", {"case_id": 999, "tag": "x"})
    assert project.store.count("case_tag") == 0


def test_no_table_cascades_deletes(project):
    schema = "\n".join(
        r[0]
        for r in project.store.conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
    )
    assert "CASCADE" not in schema.upper()


def test_names_from_data_never_reach_sql(project):
    with pytest.raises(ValueError, match="unknown table"):
        project.store.select("sqlite_master")
    with pytest.raises(ValueError, match="unknown column"):
        project.store.update("study_case", {"id": 1}, {"title; DROP TABLE x": "a"})


def test_a_failed_action_rolls_back_completely(project):
    from workbench.commands import AddCase

    with pytest.raises(sqlite3.IntegrityError), project.store.transaction():
        AddCase("Half a case").apply(project.store)
        project.store.insert("case_tag", {"case_id": 12345, "tag": "boom"})
    assert project.store.count("study_case") == 0
    assert project.store.count("matrix_cell") == 0


def test_written_files_get_the_usual_permissions(tmp_path):
    import os
    import stat

    from workbench.atomic import atomic_write_text

    old = os.umask(0o022)
    try:
        fresh = tmp_path / "new.bib"
        atomic_write_text(fresh, "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.csv"
        shared.write_text("a")
        shared.chmod(0o664)
        atomic_write_text(shared, "b")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    finally:
        os.umask(old)
