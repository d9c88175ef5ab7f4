"""A view or trigger SQLite refuses (unparseable, or using what a project never uses)
is named in plain words by `info`, `check`, the exports and opening."""

import sqlite3

import pytest

from workbench.cli import main
from workbench.errors import DamagedProjectError
from workbench.failures import describe
from workbench.project import Project
from workbench.storage.connection import connect


def _unparseable_view(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW sneaky AS SELECT 1")
    conn.commit()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE VIEW sneaky AS SELEC 1' WHERE name = 'sneaky'"
    )
    conn.commit()
    conn.close()


def test_an_unparseable_view_is_named(sample_path, tmp_path, capsys):
    _unparseable_view(sample_path)
    with pytest.raises(DamagedProjectError, match="schema object 'sneaky' cannot be read"):
        Project.open(sample_path)
    for argv in (
        ["info", str(sample_path)],
        ["check", str(sample_path)],
        ["export-csv", str(sample_path), str(tmp_path / "csv")],
    ):
        assert main(argv) == 2, argv  # as `check`: nothing can be read
        err = capsys.readouterr().err
        assert "'sneaky'" in err and "damaged or crafted" in err, (argv, err)
        assert "malformed database schema" not in err


def test_a_refused_function_in_a_view_is_said_plainly(tmp_path):
    path = tmp_path / "crafted.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE VIEW sneaky AS SELECT randomblob(4) AS x, load_extension('x') AS y")
    raw.close()
    conn = connect(path)
    with pytest.raises(sqlite3.Error) as refused:
        conn.execute("SELECT * FROM sneaky").fetchall()
    conn.close()
    error = describe(refused.value, path, "the project was not opened")
    assert isinstance(error, DamagedProjectError)
    assert "a view or trigger in it was refused" in str(error)
    assert "load_extension" in str(error) and "workbench check" in str(error)
