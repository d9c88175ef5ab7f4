"""`workbench salvage`: what can be read of a damaged project, into a new one."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "salvage", help="save what can be read of a damaged project into a new project"
    )
    p.add_argument("path", help="the damaged project (only read)")
    p.add_argument("new", help="the new project file to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.salvage import salvage

    report = salvage(Path(args.path), Path(args.new))
    print("\n".join(report.lines()))
    return EXIT_OK
