"""`workbench info`: what a project holds; exit 1 when it is damaged."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    SALVAGE_HINT,
    readable,
    report_failure,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("info", help="show what a project holds")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 1 (as `check`) when the project is damaged: what can be read is shown."""
    from workbench.errors import DamagedHeaderError, DamagedProjectError, ForeignSchemaError
    from workbench.project import Project

    try:
        project = Project.open_readonly(Path(args.path), any_version=True)
        try:
            info = project.info()
            damage = project.damage_found()
        finally:
            project.close()
    except DamagedProjectError as exc:
        if isinstance(exc, (ForeignSchemaError, DamagedHeaderError)) or not readable(args.path):
            raise  # not a project file that can be read at all (exit 2, as `check`)
        report_failure(exc, getattr(args, "debug", False))
        print(SALVAGE_HINT.format(path=args.path), file=sys.stderr)
        return EXIT_PROBLEMS
    if args.json:
        info["damaged"] = damage
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return EXIT_PROBLEMS if damage else EXIT_OK
    counts = info["counts"]
    fw = info["framework"]
    print(f"Project:   {info['name']}")
    print(f"File:      {info['path']}")
    print(f"Schema:    version {info['schema_version']} (written by {info['application_version']})")
    print(f"Framework: {fw['title']} (v{fw['version']}, {fw['mechanisms']} mechanisms)")
    print(f"Cases:     {counts['cases']}")
    print(f"Sources:   {counts['sources']}")
    print(f"Excerpts:  {counts['excerpts']} ({counts['evidence_links']} evidence links)")
    print(f"Actors:    {counts['actors']}")
    if damage:
        print(f"warning: {args.path}: the project is damaged ({damage}).", file=sys.stderr)
        print(SALVAGE_HINT.format(path=args.path), file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
