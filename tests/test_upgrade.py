import shutil
import sqlite3

import pytest

from tests.conftest import FIXTURES
from workbench.errors import UpgradeError
from workbench.project import Project
from workbench.restore import available_backups
from workbench.storage import upgrades
from workbench.storage.schema import SCHEMA_VERSION

TABLES = [
    "study_case",
    "matrix_cell",
    "case_tag",
    "case_gcm_objective",
    "actor",
    "case_actor",
    "mechanism_coding",
    "source",
    "excerpt",
    "evidence_link",
    "mechanism",
    "power_type",
]


def _rows(path, table):
    conn = sqlite3.connect(path)
    cols = [
        r[1]
        for r in conn.execute(f"PRAGMA table_info({table})")
        if r[1] not in ("underlying_source_id", "guid")  # added by the upgrade
    ]
    rows = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    conn.close()
    return rows


def test_upgrade_from_version_1_keeps_every_row(tmp_path):
    path = tmp_path / "old.mpw"
    shutil.copy(FIXTURES / "project_v1.mpw", path)
    before = {t: _rows(path, t) for t in TABLES}
    assert before["excerpt"] and before["evidence_link"]
    with Project.open(path, backup=False) as project:
        assert project.upgraded_from == 1
        assert project.store.pragma("user_version") == SCHEMA_VERSION
        assert project.store.count("mechanism_overlap") == 0
        assert "underlying_source_id" in project.store.columns("excerpt")
        assert project.store.foreign_key_problems() == []
    for table in TABLES:
        assert _rows(path, table) == before[table], table
    backups = available_backups(path)
    assert len(backups) == 1  # taken before the upgrade
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_failed_upgrade_leaves_the_file_at_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.mpw"
    shutil.copy(FIXTURES / "project_v1.mpw", path)

    def broken(store):
        store.execute_script("CREATE TABLE mechanism_overlap (id INTEGER PRIMARY KEY);")
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setitem(upgrades.STEPS, 1, broken)
    with pytest.raises(UpgradeError, match="failed and was undone"):
        Project.open(path, backup=False)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "mechanism_overlap" not in names
    conn.close()
    monkeypatch.undo()
    with Project.open(path, backup=False) as project:  # the real step still works afterwards
        assert project.store.pragma("user_version") == SCHEMA_VERSION


def test_the_fixture_itself_is_version_1():
    conn = sqlite3.connect(f"{(FIXTURES / 'project_v1.mpw').as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


@pytest.mark.parametrize("version", [2, 3, 4])
def test_each_fixture_upgrades_with_its_data_intact(tmp_path, version):
    path = tmp_path / "old.mpw"
    shutil.copy(FIXTURES / f"project_v{version}.mpw", path)
    before = {t: _rows(path, t) for t in [*TABLES, "mechanism_overlap"]}
    assert before["excerpt"] and before["evidence_link"] and before["mechanism_overlap"]
    with Project.open(path, backup=False) as project:
        assert project.upgraded_from == version
        assert project.store.pragma("user_version") == SCHEMA_VERSION
        assert project.store.foreign_key_problems() == []
    for table, rows in before.items():
        assert _rows(path, table) == rows, table


def test_a_read_only_command_on_an_older_project_says_how_to_upgrade_and_changes_nothing(
    tmp_path, capsys
):
    from tests.conftest import file_digest
    from workbench.cli import main

    path = tmp_path / "old.mpw"
    shutil.copy(FIXTURES / "project_v4.mpw", path)
    before = file_digest(path)
    for command in (
        ["export-csv", str(path), str(tmp_path / "csv")],
        ["export-xlsx", str(path), str(tmp_path / "out.xlsx")],
        ["export-refs", str(path), str(tmp_path / "out.bib"), "--case", "eu-turkey-2016"],
    ):
        assert main(command) == 2, command
        error = capsys.readouterr().err
        assert "schema version 4" in error and f"workbench upgrade {path}" in error
    assert main(["info", str(path)]) == 0  # what info shows needs no row
    assert "version 4" in capsys.readouterr().out
    assert file_digest(path) == before
    assert not (tmp_path / "out.xlsx").exists()

    assert main(["upgrade", str(path)]) == 0
    assert "from schema version 4 to" in capsys.readouterr().out
    assert len(available_backups(path)) == 1  # the file as it was
    assert main(["upgrade", str(path)]) == 0
    assert "already at schema version" in capsys.readouterr().out
    assert main(["export-csv", str(path), str(tmp_path / "csv")]) == 0
    header = (tmp_path / "csv" / "matrix_long.csv").read_text().splitlines()[0]
    assert header.endswith(",case_guid")
