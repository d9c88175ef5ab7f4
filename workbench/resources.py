"""Where the shipped data lives: the framework, vocabularies, styles, icons and sample cases.

In the repository they are the top-level folders `resources/` and `sample_cases/`; installed
(a wheel, an editable install, a bundle) they are the data packages `workbench_resources`
and `workbench_samples` (see setup.py), found through the import system, so the same code
reads them wherever the application was installed. MPW_RESOURCES and MPW_SAMPLE_CASES
point elsewhere (tests, a framework of one's own).
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path

from workbench.errors import WorkbenchError


@cache
def _data_folder(package: str) -> Path:
    """The folder of a data package (a namespace package: no code, only files)."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise WorkbenchError(
            f"the application's data ({package}) is not installed; reinstall the application"
        )
    return Path(locations[0])


def resources_dir() -> Path:
    """The framework, vocabularies, styles and icons (override with MPW_RESOURCES)."""
    if "MPW_RESOURCES" in os.environ:
        return Path(os.environ["MPW_RESOURCES"])
    return _data_folder("workbench_resources")


def sample_cases_dir() -> Path:
    """The sample cases and their bibliography (override with MPW_SAMPLE_CASES)."""
    if "MPW_SAMPLE_CASES" in os.environ:
        return Path(os.environ["MPW_SAMPLE_CASES"])
    return _data_folder("workbench_samples")


def default_framework_path() -> Path:
    return resources_dir() / "frameworks" / "migration_power.json"


def vocabularies_path() -> Path:
    return resources_dir() / "vocabularies" / "vocabularies.json"


def citation_style_path() -> Path:
    return resources_dir() / "styles" / "apa.csl"


def icon_path(name: str = "workbench") -> Path:
    """The application icon as SVG (PNG sizes beside it: `icon_png`)."""
    return resources_dir() / "icons" / f"{name}.svg"


def icon_png(size: int, name: str = "workbench") -> Path:
    return resources_dir() / "icons" / f"{name}-{size}.png"
