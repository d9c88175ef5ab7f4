"""`workbench import-refs`: references from BibTeX, RIS or CSL-JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from workbench.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("import-refs", help="import references (BibTeX, RIS, CSL-JSON)")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument("--encoding", help="read the files in this encoding (default: detect)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.operations.references import apply, prepare
    from workbench.project import Project

    opener = Project.open_readonly if args.dry_run else Project.open
    project = opener(Path(args.project))
    reports = []
    try:
        for name in args.files:
            report = prepare(project, Path(name), encoding=args.encoding)
            report.dry_run = args.dry_run
            if not args.dry_run and report.plan is not None:
                apply(project, report)
            reports.append(report)
    finally:
        project.close()
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            print("\n".join(report.lines()))
    readable = [r for r in reports if not r.error and r.result and r.result.references]
    return EXIT_OK if readable else EXIT_ERROR
