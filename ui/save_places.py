"""Where save dialogs start: beside the project, unless the project lives in the
application's own data folder (the sample project), which is no place for a user's
files."""

from __future__ import annotations

from pathlib import Path

from workbench.project import Project
from workbench.settings import data_dir


def save_folder(project: Project | None) -> Path:
    if project is None:
        return Path.home()
    folder = project.path.parent.resolve()
    if folder.is_relative_to(data_dir().resolve()):
        return Path.home()
    return folder
