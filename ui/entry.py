"""The `workbench` command as installed: the core's commands, and the two that need Qt,
`gui` (the desktop application) and `chart` (figures drawn headless)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.charts import chart_command
from workbench.cli import main as core_main


def register_gui(subparsers) -> None:
    p = subparsers.add_parser("gui", help="start the desktop application")
    p.add_argument("path", nargs="?", help="project to open (default: the last one)")
    # an install's smoke test: say what the window shows at its first idle moment, then quit
    p.add_argument("--quit-when-ready", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from ui.app import run  # Qt loads only for this command

    return run(Path(args.path) if args.path else None, quit_when_ready=args.quit_when_ready)


def main(argv: list[str] | None = None) -> int:
    return core_main(argv, extra=(chart_command.register, register_gui))


if __name__ == "__main__":
    sys.exit(main())
