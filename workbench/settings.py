"""User settings and per-user folders (platformdirs), kept as a small JSON file.

MPW_CONFIG_DIR and MPW_DATA_DIR override the folders (tests and portable use).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

from workbench.atomic import atomic_write_text

APP_NAME = "migration-power-workbench"
MAX_RECENT = 10


def config_dir() -> Path:
    return Path(os.environ.get("MPW_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    return Path(os.environ.get("MPW_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


def backups_root() -> Path:
    return data_dir() / "backups"


def sample_project_path() -> Path:
    return data_dir() / "Sample project.mpw"


@dataclass
class Settings:
    backup_count: int = 5
    recent_projects: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> Settings:
        path = config_dir() / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()  # missing or unreadable settings fall back to defaults
        settings = cls()
        count = data.get("backup_count")
        if isinstance(count, int) and 1 <= count <= 100:
            settings.backup_count = count
        recent = data.get("recent_projects")
        if isinstance(recent, list):
            settings.recent_projects = [p for p in recent if isinstance(p, str)][:MAX_RECENT]
        return settings

    def save(self) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(folder / "settings.json", json.dumps(asdict(self), indent=2))

    def add_recent(self, path: Path) -> None:
        text = str(Path(path).resolve())
        self.recent_projects = [text] + [p for p in self.recent_projects if p != text]
        self.recent_projects = self.recent_projects[:MAX_RECENT]

    @property
    def last_project(self) -> Path | None:
        for p in self.recent_projects:
            if Path(p).exists():
                return Path(p)
        return None
