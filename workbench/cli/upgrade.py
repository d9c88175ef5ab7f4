"""`workbench upgrade`: bring a project written by an earlier version to the current schema
(after a verified backup), as opening it in the application does."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "upgrade", help="upgrade a project written by an earlier version (backup first)"
    )
    p.add_argument("path")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.project import Project
    from workbench.storage.schema import SCHEMA_VERSION

    with Project.open(Path(args.path), backup=False) as project:
        if project.upgraded_from is None:
            print(f"{project.path} is already at schema version {SCHEMA_VERSION}.")
        else:
            print(
                f"Upgraded {project.path} from schema version {project.upgraded_from} "
                f"to {SCHEMA_VERSION}; the file as it was is kept as a backup "
                f"('workbench restore {project.path}' lists it)."
            )
    return EXIT_OK
