from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workbench.project import Project
from workbench.samples import build_sample_project

FIXTURES = Path(__file__).parent / "fixtures"
_SAMPLE_CACHE: dict[str, Path] = {}


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own settings and backup folders."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("MPW_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("MPW_CONFIG_DIR", str(home / "config"))
    return home


@pytest.fixture
def project(tmp_path: Path):
    p = Project.create(tmp_path / "study.mpw", name="Study")
    yield p
    p.close()


@pytest.fixture
def sample_path(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the sample project (built once per session)."""
    if "sample" not in _SAMPLE_CACHE:
        folder = tmp_path_factory.mktemp("sample-cache")
        built = build_sample_project(folder / "sample.mpw")
        built.close()
        _SAMPLE_CACHE["sample"] = folder / "sample.mpw"
    target = tmp_path / "sample.mpw"
    shutil.copy(_SAMPLE_CACHE["sample"], target)
    return target


@pytest.fixture
def sample_project(sample_path: Path):
    p = Project.open(sample_path, backup=False)
    yield p
    p.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(project: Project) -> list[str]:
    """Every row of every table, for before/after comparisons.

    The search index is derived data whose row ids may change; it is compared by
    content (reference and text) instead.
    """
    lines = [
        line
        for line in project.store.conn.iterdump()
        if '"search_' not in line and "search_ref" not in line
    ]
    index = project.store.conn.execute(
        "SELECT r.ref, r.kind, i.body FROM search_ref r JOIN search_index i ON i.rowid = r.id "
        "ORDER BY r.ref"
    ).fetchall()
    return lines + [repr(tuple(row)) for row in index]


@pytest.fixture
def window(qtbot, sample_path):
    """The main window, active, on a fresh copy of the sample project."""
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)  # keys then take the same path as for a user: focus, shortcuts
    assert w.open_path(sample_path)
    yield w
    w.close_project()


class FileDialogAnswers:
    """Answers the application's file dialogs as a user would: the next paths chosen."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from PySide6.QtWidgets import QFileDialog

        self.paths: list[Path | None] = []
        self.asked: list[str] = []  # the path each dialog suggested
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._answer))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder))

    def choose(self, *paths: Path | None) -> FileDialogAnswers:
        self.paths.extend(paths)
        return self

    def _next(self, args: tuple) -> str:
        self.asked.append(str(args[2]) if len(args) > 2 else "")  # the suggested path
        path = self.paths.pop(0) if self.paths else None
        return "" if path is None else str(path)

    def _answer(self, *args: object, **kwargs: object) -> tuple[str, str]:
        return self._next(args), ""

    def _folder(self, *args: object, **kwargs: object) -> str:
        return self._next(args)


@pytest.fixture
def file_dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogAnswers:
    return FileDialogAnswers(monkeypatch)


def in_a_new_process(project: Path, home: Path, then: str) -> list[str]:
    """Start the application in a process of its own, open `project` in the main window
    (`w`, with `app` and `sys` at hand), run the statements `then`; the lines printed."""
    script = (
        textwrap.dedent(
            f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["MPW_CONFIG_DIR"] = {str(home / "config")!r}
        os.environ["MPW_DATA_DIR"] = {str(home / "data")!r}
        from pathlib import Path
        from ui.app import create_application
        from ui.main_window import MainWindow
        app = create_application()
        w = MainWindow()
        w.show()
        assert w.open_path(Path({str(project)!r}))
        app.processEvents()
        """
        )
        + textwrap.dedent(then)
        + "\nw.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split("\n")


class FullOnUpdate:
    """A connection whose disk fills up at the first UPDATE (every other call passes)."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def __getattr__(self, name: str):
        return getattr(self.real, name)

    def execute(self, sql: str, *params):
        if sql.startswith("UPDATE"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, *params)


def edited_workbook(source: Path, target: Path, cells: dict[str, object]) -> Path:
    """A co-author's copy of a workbook: `cells` ("Matrix!C2": value) changed, as openpyxl
    saves it."""
    import openpyxl

    wb = openpyxl.load_workbook(source)
    for ref, value in cells.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    wb.save(target)
    return target
