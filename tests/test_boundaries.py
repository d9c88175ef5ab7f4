"""The desktop application reads through the read layer and writes through commands: it
never reaches for the store, and the core reaches no widget. (The import contracts in
pyproject.toml check modules; this checks attribute access, which imports do not show.)"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_desktop_application_never_touches_the_store():
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.store\b|\.conn\b|\bsqlite3\.connect\b", line)
    ]
    assert offenders == []


def test_menus_dispatch_without_names_in_strings():
    """Actions call view methods they name in code, so a rename cannot leave a menu item
    calling nothing; tabs are chosen by their widget, never by their number."""
    for path in (ROOT / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"getattr\((self\.)?view\b", text), path
        assert "tabs.setCurrentIndex(" not in text, path
