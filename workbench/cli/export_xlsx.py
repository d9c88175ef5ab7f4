"""`workbench export-xlsx`: the co-author workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("export-xlsx", help="write the co-author workbook (.xlsx)")
    p.add_argument("project")
    p.add_argument("out", help="the workbook to write")
    p.add_argument("--case", action="append", metavar="UID", help="only this case (repeatable)")
    p.add_argument("--no-memos", action="store_true", help="leave memos and notes out")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench import queries
    from workbench.excel.export import ExportOptions
    from workbench.operations.workbook import export_coauthor_workbook
    from workbench.project import Project

    case_ids = None
    if args.case:
        with Project.open_readonly(Path(args.project)) as project:
            case_ids = []
            for uid in args.case:
                case_id = queries.case_id_for_uid(project, uid)
                if case_id is None:
                    print(f"error: no case with identifier {uid!r}", file=sys.stderr)
                    return EXIT_ERROR
                case_ids.append(case_id)
    options = ExportOptions(case_ids=case_ids, include_memos=not args.no_memos)
    try:
        report = export_coauthor_workbook(Path(args.project), Path(args.out), options)
    except OSError as exc:
        print(
            f"error: {args.out}: {exc.strerror or exc}; an earlier file is unchanged",
            file=sys.stderr,
        )
        return EXIT_ERROR
    rows = ", ".join(f"{name} {n}" for name, n in report.rows.items())
    print(f"Wrote {report.path} ({rows})")
    for warning in report.warnings:
        print(f"warning: {warning}")
    return EXIT_OK
