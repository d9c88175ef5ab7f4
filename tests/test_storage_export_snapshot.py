"""Every export reads one snapshot of the project (one read transaction): another
process writing meanwhile cannot make it fail or mix two states."""

import csv
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ui.entry import main

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbench.commands import AddCase, DeleteCase, SetCell
    from workbench.project import Project
    project = Project.open(Path(sys.argv[1]), backup=False)
    stop = Path(sys.argv[2])
    print("ready", flush=True)
    n = 0
    while not stop.exists():
        n += 1
        project.execute(AddCase(f"Written meanwhile {n}"))
        case_id = project.store.select("study_case", order_by=["id"])[-1]["id"]
        project.execute(SetCell(case_id, "compulsory", score=n % 4))
        if n % 2:
            project.execute(DeleteCase(case_id))
    project.close()
    """
)


@pytest.fixture
def busy_project(sample_path, tmp_path):
    """The sample project with another process adding and removing cases all along."""
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(sample_path), str(stop)],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "ready"
    try:
        yield sample_path
    finally:
        stop.touch()
        assert writer.wait(timeout=30) == 0


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_csv_while_another_process_writes(busy_project, tmp_path, capsys):
    deadline = time.monotonic() + 6
    runs = 0
    while time.monotonic() < deadline or runs < 10:
        out = tmp_path / f"csv-{runs}"
        assert main(["export-csv", str(busy_project), str(out)]) == 0, capsys.readouterr().err
        matrix = _rows(out / "matrix_long.csv")
        mechanisms = _rows(out / "mechanisms_long.csv")
        cases = {r["case_id"] for r in matrix}
        # One state: every case has its four quadrants, and both files list the same cases.
        assert len(matrix) == 4 * len(cases)
        assert {r["case_id"] for r in mechanisms} <= cases
        runs += 1
    capsys.readouterr()


def test_other_exports_while_another_process_writes(busy_project, tmp_path, capsys):
    for n in range(8):
        assert main(["export-refs", str(busy_project), str(tmp_path / f"r{n}.bib")]) == 0
        assert main(["export-xlsx", str(busy_project), str(tmp_path / f"w{n}.xlsx")]) == 0
        assert main(["chart", str(busy_project), "heatmap", str(tmp_path / f"c{n}.csv")]) == 0
    assert "error" not in capsys.readouterr().err


class _Recording:
    """A connection that notes, for every query, whether a transaction was open."""

    def __init__(self, real, seen: list) -> None:
        self.real = real
        self.seen = seen

    def __getattr__(self, name):
        return getattr(self.real, name)

    def execute(self, sql, *params):
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            self.seen.append((self.real.in_transaction, sql.split("\n")[0][:60]))
        return self.real.execute(sql, *params)

    def executemany(self, sql, *params):
        return self.real.executemany(sql, *params)


@pytest.mark.parametrize(
    "command",
    [
        ["export-csv", "{project}", "{out}/csv"],
        ["export-refs", "{project}", "{out}/refs.bib"],
        ["export-refs", "{project}", "{out}/refs.json"],
        ["export-xlsx", "{project}", "{out}/coauthors.xlsx"],
        ["chart", "{project}", "heatmap", "{out}/chart.csv"],
        ["chart", "{project}", "plane", "{out}/chart.svg"],
    ],
)
def test_every_export_reads_in_one_transaction(sample_path, tmp_path, monkeypatch, command):
    from workbench.project import Project

    seen: list = []
    opened = Project.open_readonly.__func__

    def open_readonly(cls, path):
        project = opened(cls, path)
        project.store.conn = _Recording(project.store.conn, seen)
        return project

    monkeypatch.setattr(Project, "open_readonly", classmethod(open_readonly))
    argv = [part.format(project=sample_path, out=tmp_path) for part in command]
    assert main(argv) == 0
    assert seen, "the export read nothing through the project's connection"
    outside = [sql for inside, sql in seen if not inside]
    assert outside == []
