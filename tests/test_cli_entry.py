"""The installed `workbench` command (ui.entry) and the core's own `python -m workbench`:
all commands listed, and a non-GUI command never loading Qt or pyqtgraph."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_LIKE = ("PySide6", "shiboken6", "pyqtgraph")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_info_through_the_installed_entry_loads_no_qt(tmp_path):
    path = tmp_path / "x.mpw"
    script = textwrap.dedent(
        f"""
        import sys
        from ui.entry import main
        assert main(["new", {str(path)!r}]) == 0
        assert main(["info", {str(path)!r}, "--json"]) == 0
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {QT_LIKE!r})
        print("LOADED", loaded, file=sys.stderr)
        """
    )
    result = run("-c", script)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr
    assert json.loads(result.stdout[result.stdout.index("{") :])["counts"]["cases"] == 0


def test_what_gui_starts_does_load_qt():
    # the check above can fail: what `gui` starts does put Qt in sys.modules
    script = textwrap.dedent(
        """
        import sys
        from ui.app import run
        print(any(m.split(".")[0] == "PySide6" for m in sys.modules))
        """
    )
    result = run("-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_help_of_the_ui_entry_lists_every_command():
    result = run("-m", "ui", "--help")
    assert result.returncode == 0, result.stderr
    for command in ("gui", "chart", "new", "info", "check", "export-csv", "import-xlsx"):
        assert command in result.stdout


def test_the_core_alone_has_no_gui_command_but_runs_info(tmp_path):
    path = tmp_path / "y.mpw"
    assert run("-m", "workbench", "new", str(path)).returncode == 0
    result = run("-m", "workbench", "info", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["cases"] == 0
    result = run("-m", "workbench", "gui")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_installed_script_lists_gui_and_chart():
    exe = Path(sys.executable).with_name("workbench")
    assert exe.exists()
    result = subprocess.run(
        [str(exe), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "gui" in result.stdout and "chart" in result.stdout
