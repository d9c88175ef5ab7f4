"""Exporting a project's bibliography (BibTeX or CSL-JSON), for the CLI and the window."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.atomic import atomic_write_text
from workbench.bibliography.export import to_bibtex, to_csl_json
from workbench.sources import bibliography_items

if TYPE_CHECKING:
    from workbench.project import Project

FORMATS = ("bibtex", "csl-json")


def format_for(path: Path, fmt: str | None = None) -> str:
    """An explicit format, else CSL-JSON for a .json file and BibTeX otherwise."""
    return fmt or ("csl-json" if path.suffix.lower() == ".json" else "bibtex")


def export_bibliography(
    project: Project,
    path: Path,
    *,
    case_ids: Sequence[int] | None = None,
    case_uids: Sequence[str] | None = None,
    fmt: str | None = None,
) -> int:
    """Write the sources of the project (or of the evidence of some cases) atomically;
    returns how many were written."""
    with project.store.read_transaction():  # one state, whatever another process writes
        items = bibliography_items(
            project.store,
            case_uids=list(case_uids) if case_uids else None,
            case_ids=list(case_ids) if case_ids else None,
        )
    text = to_csl_json(items) if format_for(path, fmt) == "csl-json" else to_bibtex(items)
    atomic_write_text(path, text)
    return len(items)
