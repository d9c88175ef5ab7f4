"""`workbench check`: schema and integrity; `--repair` drops what does not belong."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check schema and integrity; exit 1 if anything is wrong"
    )
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--repair",
        action="store_true",
        help="drop tables, indexes, triggers and views that do not belong to a project "
        "(after a verified backup)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.checks import check_project, repair_schema

    report = check_project(Path(args.path))
    repaired = None
    if args.repair and report.schema:
        if not report.repairable:
            print(
                f"error: {args.path}: the schema problems below cannot be repaired (a "
                "project table or index was changed or removed); restore it from a backup",
                file=sys.stderr,
            )
        else:
            repaired = repair_schema(Path(args.path))
            report = check_project(Path(args.path))
    if args.json:
        data = report.as_dict()
        if repaired is not None:
            data["repaired"] = {"dropped": repaired.dropped, "backup": str(repaired.backup)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        if repaired is not None:
            print(f"Backed up first to {repaired.backup}")
            for name in repaired.dropped:
                print(f"Dropped {name}")
        sections = [
            ("Schema", report.schema),
            ("Integrity", report.integrity),
            ("Foreign keys", report.foreign_keys),
            ("Orphaned rows", report.orphans),
            ("Framework", report.framework),
            ("Search index", report.search),
            ("Sources", report.sources),
        ]
        skipped = bool(report.schema or report.integrity)  # the rest was not run
        for n, (title, problems) in enumerate(sections):
            status = "ok" if not problems else f"{len(problems)} problem(s)"
            if n >= 2 and skipped:
                status = "not checked"
            print(f"{title + ':':15}{status}")
            for line in problems[:50]:
                print(f"  - {line}")
        print("The project is sound." if report.ok else "The project has problems.")
        if report.repairable and not args.repair:
            print("'workbench check --repair' drops the objects that do not belong.")
    return EXIT_OK if report.ok else EXIT_PROBLEMS
