"""`workbench desktop-entry`: a valid freedesktop entry and its icons, written into the
user's data folder and removed again, exactly."""

from __future__ import annotations

import configparser
import shlex
import struct
from pathlib import Path

from workbench import desktop_entry
from workbench.cli import main

REQUIRED = {"Type": "Application", "Name": "Migration Power Workbench"}


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_install_writes_a_valid_entry_and_every_icon_size(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["desktop-entry", "--install"]) == 0
    desktop = tmp_path / "applications" / "migration-power-workbench.desktop"
    entry = _entry(desktop)
    for key, value in REQUIRED.items():
        assert entry[key] == value
    assert entry["Icon"] == "migration-power-workbench" and entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    command = shlex.split(entry["Exec"])
    assert command[-2:] == ["gui", "%f"] and Path(command[0]).is_file()
    for size in desktop_entry.ICON_SIZES:
        png = tmp_path / "icons/hicolor" / f"{size}x{size}" / "apps/migration-power-workbench.png"
        assert _png_size(png) == (size, size)
    svg = tmp_path / "icons/hicolor/scalable/apps/migration-power-workbench.svg"
    assert svg.read_text().startswith("<svg")
    assert str(desktop) in capsys.readouterr().out


def test_uninstall_removes_exactly_what_install_wrote(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    other = tmp_path / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    assert main(["desktop-entry", "--install"]) == 0
    written = {p for p in tmp_path.rglob("*") if p.is_file()} - {other}
    assert len(written) == len(desktop_entry.ICON_SIZES) + 2
    assert main(["desktop-entry", "--uninstall"]) == 0
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == {other}
    assert main(["desktop-entry", "--uninstall"]) == 0
    assert "No menu entry was installed." in capsys.readouterr().out


def test_print_shows_the_entry_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["desktop-entry", "--print"]) == 0
    assert capsys.readouterr().out.startswith("[Desktop Entry]\nType=Application\n")
    assert list(tmp_path.iterdir()) == []


def test_exec_quotes_paths_with_spaces_and_percent_signs():
    text = desktop_entry.desktop_file_text(["/home/a b/100%/workbench", "gui"])
    line = next(x for x in text.splitlines() if x.startswith("Exec="))
    assert line == 'Exec="/home/a b/100%%/workbench" gui %f'


def test_a_relative_xdg_data_home_is_ignored_as_the_specification_says(monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    assert desktop_entry.data_home() == Path.home() / ".local" / "share"
