"""`workbench new`: create a project, empty or with the sample cases."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("new", help="create a new project file")
    p.add_argument("path", help="where to create the project (.mpw)")
    p.add_argument("--name", help="the project's name (default: the file name)")
    p.add_argument("--samples", action="store_true", help="fill it with the sample cases")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.project import Project
    from workbench.samples import build_sample_project

    path = Path(args.path)
    if args.samples:
        project = build_sample_project(path, name=args.name)
    else:
        project = Project.create(path, name=args.name, backup=True)
    print(f"Created {project.path} ({project.store.counts()['cases']} cases)")
    project.close()
    return EXIT_OK
