"""The wheel researchers install carries every shipped data file, where the code reads it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from workbench import resources

ROOT = Path(__file__).resolve().parent.parent
DATA = {"resources": "workbench_resources", "sample_cases": "workbench_samples"}


def test_the_wheel_holds_every_data_file_under_its_package_name(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("migration_power_workbench-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in DATA.items():
        shipped = {
            f"{package}/{path.relative_to(ROOT / folder).as_posix()}"
            for path in (ROOT / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        assert shipped and shipped <= names, shipped - names
    assert "workbench/cli/__init__.py" in names and "ui/entry.py" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    )
    assert b"workbench = ui.entry:main" in entry_points


def test_the_code_finds_the_data_through_the_import_system(monkeypatch):
    monkeypatch.delenv("MPW_RESOURCES", raising=False)
    monkeypatch.delenv("MPW_SAMPLE_CASES", raising=False)
    assert resources.default_framework_path().is_file()
    assert resources.citation_style_path().is_file()
    assert resources.icon_png(48).is_file() and resources.icon_path().is_file()
    assert len(list((resources.sample_cases_dir() / "cases").glob("*.toml"))) == 12


def test_an_override_folder_is_used_as_given(tmp_path, monkeypatch):
    monkeypatch.setenv("MPW_RESOURCES", str(tmp_path))
    assert resources.default_framework_path() == tmp_path / "frameworks" / "migration_power.json"
