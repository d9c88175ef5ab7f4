from __future__ import annotations

import hashlib
import os
import shutil
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
