"""The installed `workbench` command: the core's commands never load Qt; `gui` and `chart`
come from the desktop package, and `python -m ui` / `python -m workbench` both run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
from ui.entry import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph'))
print('LOADED', ','.join(loaded))
sys.exit(code)
"""


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_core_commands_of_the_installed_entry_load_no_qt(tmp_path):
    path = tmp_path / "x.mpw"
    for argv in (["new", str(path), "--samples"], ["info", str(path), "--json"]):
        result = _run("-c", PROBE, *argv, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "LOADED", result.stdout


def test_chart_as_csv_needs_no_qt_but_a_drawn_chart_does(tmp_path):
    path = tmp_path / "x.mpw"
    assert _run("-m", "workbench", "new", str(path), "--samples", cwd=ROOT).returncode == 0
    result = _run("-c", PROBE, "chart", str(path), "heatmap", str(tmp_path / "h.csv"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED"
    assert (tmp_path / "h.csv").read_text().count("\n") > 10


def test_help_lists_the_desktop_commands_and_the_core_alone_does_not(tmp_path):
    desktop = _run("-m", "ui", "--help", cwd=ROOT)
    assert desktop.returncode == 0
    assert "gui" in desktop.stdout and "chart" in desktop.stdout
    core = _run("-m", "workbench", "--help", cwd=ROOT)
    assert core.returncode == 0 and "export-xlsx" in core.stdout
    assert " gui " not in core.stdout and " chart " not in core.stdout
    refused = _run("-m", "workbench", "gui", cwd=ROOT)
    assert refused.returncode == 2 and "invalid choice: 'gui'" in refused.stderr


def test_python_m_workbench_runs_a_command(tmp_path):
    path = tmp_path / "y.mpw"
    assert _run("-m", "workbench", "new", str(path), cwd=ROOT).returncode == 0
    info = _run("-m", "workbench", "info", str(path), "--json", cwd=ROOT)
    assert json.loads(info.stdout)["counts"]["cases"] == 0


def test_the_core_holds_no_dynamic_import_of_the_desktop_package():
    for module in (ROOT / "workbench").rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "importlib.import_module" not in text, module
        assert "__import__(" not in text, module


def test_the_installed_script_is_the_desktop_entry():
    exe = Path(sys.executable).with_name("workbench")
    assert exe.exists()
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "gui" in result.stdout and "chart" in result.stdout and "info" in result.stdout


def test_the_probe_sees_qt_when_it_is_loaded(tmp_path):
    # without this the 'LOADED' checks above could pass on a probe that sees nothing
    result = _run("-c", "import ui.app\n" + PROBE, "new", str(tmp_path / "x.mpw"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "PySide6" in result.stdout.strip().splitlines()[-1]
