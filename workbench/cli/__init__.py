"""The `workbench` command: create, inspect, check, exchange and restore projects without a
screen. One module per command; each has `register(subparsers)` and `run(args)`.

The desktop package adds `gui` and `chart` (`ui.entry`), which need Qt; the commands here
never load it.

Exit status: 0 success, 1 the project has problems (check), 2 the command
could not be carried out (bad arguments, unreadable or foreign file).
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
from collections.abc import Callable, Sequence

from workbench import __version__
from workbench.cli import (
    agreement,
    check,
    desktop_entry,
    export_csv,
    export_refs,
    export_xlsx,
    import_refs,
    import_xlsx,
    info,
    new,
    restore,
    salvage,
    upgrade,
)
from workbench.cli.common import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS, report_failure
from workbench.errors import WorkbenchError
from workbench.failures import describe

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_PROBLEMS", "build_parser", "main"]

Register = Callable[[argparse._SubParsersAction], None]

COMMANDS: tuple[Register, ...] = (
    new.register,
    info.register,
    check.register,
    salvage.register,
    restore.register,
    upgrade.register,
    import_refs.register,
    export_refs.register,
    export_xlsx.register,
    export_csv.register,
    import_xlsx.register,
    agreement.register,
    desktop_entry.register,
)


def build_parser(extra: Sequence[Register] = ()) -> argparse.ArgumentParser:
    """The parser of the core's commands, and of `extra` ones (the desktop package's)."""
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Migration Power Workbench: comparative case studies of migration power.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of a failure")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in (*COMMANDS, *extra):
        register(sub)
    return parser


def main(argv: list[str] | None = None, extra: Sequence[Register] = ()) -> int:
    """Run one command. Every failure ends as one sentence naming the file and the
    problem, and exit status 2; `--debug` adds the traceback."""
    args = build_parser(extra).parse_args(argv)
    debug = getattr(args, "debug", False)
    previous_hook = sys.unraisablehook
    if not debug:
        # Finalisers of half-written files (a full disk) would each print
        # "Exception ignored ..." after the one message that matters.
        sys.unraisablehook = _quiet_unraisable
    try:
        return args.func(args)
    except WorkbenchError as exc:
        report_failure(exc, debug)
        return EXIT_ERROR
    except (sqlite3.Error, OSError) as exc:
        report_failure(describe(exc, _subject(args, exc)), debug)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    finally:
        if not debug:
            gc.collect()  # run those finalisers now, while they are quiet
            sys.unraisablehook = previous_hook


def _quiet_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    pass


def _subject(args: argparse.Namespace, exc: BaseException) -> str:
    """The file a failure most likely concerns: SQLite speaks of the project; a write
    error without a file name comes from the command's output."""
    project = getattr(args, "project", None) or getattr(args, "path", None) or "the project"
    if isinstance(exc, OSError):
        return getattr(args, "out", None) or getattr(args, "folder", None) or project
    return project
