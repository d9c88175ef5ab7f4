"""The README's scripting example is the documented API: it must run as written."""

from __future__ import annotations

import re
from pathlib import Path

from workbench import queries
from workbench.project import Project
from workbench.samples import build_sample_project

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_scripting_example_runs(tmp_path, monkeypatch, capsys):
    section = README.read_text(encoding="utf-8").split("## Scripting a project", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    build_sample_project(tmp_path / "study.mpw").close()
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "EU–Mauritania 2024 {'compulsory': None" in out  # the undo took the score back
    assert "eu-turkey-2016" in out  # the pivoted table
    with Project.open(tmp_path / "study.mpw", backup=False) as project:
        names = [c.name for c in queries.case_summaries(project)]
    assert "EU–Mauritania 2024" in names
