"""`workbench restore`: list a project's backups, or restore one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("restore", help="list a project's backups, or restore one")
    p.add_argument("path")
    p.add_argument("--pick", type=int, metavar="N", help="restore backup N of the list")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.restore import available_backups, restore_backup

    path = Path(args.path)
    found = available_backups(path)
    if not found:
        print(f"No backups of {path} were found.")
        return EXIT_ERROR if args.pick else EXIT_OK
    if not args.pick:
        print(f"Backups of {path} (newest first):")
        for i, b in enumerate(found, start=1):
            print(f"  {i:2}. {b.label}  {b.path}")
        print("Restore one with: workbench restore PATH --pick N")
        return EXIT_OK
    if not 1 <= args.pick <= len(found):
        print(f"error: --pick must be between 1 and {len(found)}", file=sys.stderr)
        return EXIT_ERROR
    chosen = found[args.pick - 1]
    if not args.yes:
        if not sys.stdin.isatty():
            print("error: add --yes to restore without a prompt", file=sys.stderr)
            return EXIT_ERROR
        answer = input(f"Replace {path} with the backup of {chosen.label}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return EXIT_OK
    result = restore_backup(path, chosen.path)
    print(f"Restored {path} from {chosen.label}.")
    if result.damaged:
        print(f"The damaged file was moved aside, untouched: {result.kept}")
    elif result.kept != path:
        print(f"The state before the restore was kept as a backup: {result.kept}")
    return EXIT_OK
