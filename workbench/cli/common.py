"""What every command of the `workbench` command line shares: exit statuses and messages."""

from __future__ import annotations

import sqlite3
import sys
import traceback
from pathlib import Path

from workbench.errors import WorkbenchError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2

SALVAGE_HINT = (
    "Restore it from a backup ('workbench restore {path}'), or save what can be read "
    "into a new project ('workbench salvage {path} NEW.mpw')."
)


def report_failure(error: BaseException, debug: bool) -> None:
    """One line on stderr; the traceback too with `--debug`."""
    if debug:
        traceback.print_exc()
    print(f"error: {error}", file=sys.stderr)


def readable(path: str) -> bool:
    """Whether the file opens as a database at all (as far as `check` gets)."""
    from workbench.project import open_store_unchecked

    try:
        open_store_unchecked(Path(path), readonly=True).close()
    except (WorkbenchError, sqlite3.Error, OSError):
        return False
    return True


def warn_if_damaged(project) -> None:
    """Exports read what they can; from a damaged project they say so."""
    damage = project.damage_found()
    if damage:
        print(
            f"warning: {project.path}: the project is damaged ({damage}); the export holds "
            "what could be read. " + SALVAGE_HINT.format(path=project.path),
            file=sys.stderr,
        )
