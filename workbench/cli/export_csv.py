"""`workbench export-csv`: tidy CSV files for R and pandas."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
    warn_if_damaged,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("export-csv", help="tidy CSV files for R and pandas")
    p.add_argument("project")
    p.add_argument(
        "folder",
        help="folder for matrix_long.csv and mechanisms_long.csv "
        "(and votes_long.csv when the project holds workshop votes)",
    )
    p.add_argument(
        "--raw",
        action="store_true",
        help="write text as it is; by default text a spreadsheet would run as a formula "
        "(starting with = + - @, tab or CR) gets a leading apostrophe",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.operations.tidy_csv import export_tidy_csv
    from workbench.project import Project

    with Project.open_readonly(Path(args.project)) as project:
        paths = export_tidy_csv(project, Path(args.folder), raw=args.raw)
        warn_if_damaged(project)
    for path in paths:
        print(f"Wrote {path}")
    if not args.raw:
        print("(text starting with = + - @ is prefixed with ' so spreadsheets show it as text)")
    return EXIT_OK
