"""Where the shipped data lives: the framework, vocabularies and sample cases."""

from __future__ import annotations

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The `resources/` folder (override with MPW_RESOURCES)."""
    return Path(os.environ.get("MPW_RESOURCES", _ROOT / "resources"))


def sample_cases_dir() -> Path:
    """The `sample_cases/` folder (override with MPW_SAMPLE_CASES)."""
    return Path(os.environ.get("MPW_SAMPLE_CASES", _ROOT / "sample_cases"))


def default_framework_path() -> Path:
    return resources_dir() / "frameworks" / "migration_power.json"


def vocabularies_path() -> Path:
    return resources_dir() / "vocabularies" / "vocabularies.json"


def citation_style_path() -> Path:
    return resources_dir() / "styles" / "apa.csl"
