"""Where file dialogs start.

Each kind of file (projects, co-author workbooks, references, figures, slides…)
starts in the folder last chosen for that kind, remembered in the window settings:
references come from the downloads folder, figures go to the paper's folder, and
neither should send the user back through the other's. The first time, a dialog
starts beside the project, unless the project lives in the application's own data
folder (the sample project), which is no place for a user's files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from workbench.project import Project
from workbench.settings import config_dir, data_dir


def save_folder(project: Project | None) -> Path:
    if project is None:
        return Path.home()
    folder = project.path.parent.resolve()
    if folder.is_relative_to(data_dir().resolve()):
        return Path.home()
    return folder


def _settings() -> QSettings:
    config_dir().mkdir(parents=True, exist_ok=True)
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def start_folder(kind: str, project: Project | None, first: Path | None = None) -> Path:
    """The folder a dialog for `kind` starts in: the one last chosen for that kind if
    it still exists, else `first`, else beside the project."""
    remembered = _settings().value(f"folders/{kind}", "", type=str)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return first if first is not None else save_folder(project)


def remember_folder(kind: str, chosen: str | Path | None) -> None:
    """Keep the folder of a chosen file (nothing when the dialog was cancelled)."""
    if chosen:
        _settings().setValue(f"folders/{kind}", str(Path(chosen).resolve().parent))
