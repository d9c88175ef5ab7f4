"""The desktop menu entry on Linux and other freedesktop desktops: a `.desktop` file and
the icon in the user's data folder (XDG_DATA_HOME), so the application starts from the
menu like any other. Installing writes only those files; uninstalling removes exactly them.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from workbench.resources import icon_path, icon_png

DESKTOP_ID = "migration-power-workbench"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def data_home() -> Path:
    """XDG_DATA_HOME, or ~/.local/share as the specification says when it is unset."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts the window: the `workbench` script installed beside this
    interpreter (pipx, uv tool, a venv), else this interpreter running the package."""
    folder = Path(sys.executable).parent
    for name in ("workbench", "workbench.exe"):
        script = folder / name
        if script.is_file():
            return [str(script.resolve()), "gui"]
    return [str(Path(sys.executable).resolve()), "-m", "ui", "gui"]


def desktop_file_text(command: list[str] | None = None) -> str:
    exec_line = " ".join(_exec_quote(part) for part in (command or launcher()))
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            "Name=Migration Power Workbench",
            "GenericName=Case-study workbench",
            "Comment=Compare cases of migration governance with the 2×2 power matrix",
            f"Exec={exec_line} %f",
            f"Icon={DESKTOP_ID}",
            "Terminal=false",
            "Categories=Education;Science;Office;",
            "Keywords=migration;power;case study;matrix;evidence;",
            f"StartupWMClass={DESKTOP_ID}",
            "",
        ]
    )


def _exec_quote(arg: str) -> str:
    """The Exec key's quoting: reserved characters need double quotes, with \\ " ` $ escaped,
    and a literal % doubled (Desktop Entry Specification, "The Exec key")."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


@dataclass(frozen=True)
class EntryFiles:
    desktop: Path
    icons: tuple[Path, ...]

    @property
    def all(self) -> tuple[Path, ...]:
        return (self.desktop, *self.icons)


def entry_files(home: Path | None = None) -> EntryFiles:
    home = home or data_home()
    hicolor = home / "icons" / "hicolor"
    icons = tuple(hicolor / f"{s}x{s}" / "apps" / f"{DESKTOP_ID}.png" for s in ICON_SIZES)
    scalable = hicolor / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
    return EntryFiles(home / "applications" / f"{DESKTOP_ID}.desktop", (*icons, scalable))


def install(home: Path | None = None, command: list[str] | None = None) -> EntryFiles:
    """Write the .desktop file and the icons; an earlier entry is replaced."""
    files = entry_files(home)
    sources = [icon_png(size) for size in ICON_SIZES] + [icon_path()]
    for source, target in zip(sources, files.icons, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    files.desktop.parent.mkdir(parents=True, exist_ok=True)
    temporary = files.desktop.with_suffix(".desktop.tmp")
    temporary.write_text(desktop_file_text(command), encoding="utf-8")
    os.replace(temporary, files.desktop)  # a menu never reads half a file
    return files


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote; returns the files that were there."""
    removed = []
    for path in entry_files(home).all:
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def shell_command(command: list[str]) -> str:
    return " ".join(shlex.quote(part) for part in command)
