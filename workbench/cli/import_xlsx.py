"""`workbench import-xlsx`: a co-author's edited workbook, reviewed and applied."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import-xlsx", help="apply a co-author's edited workbook (one command)"
    )
    p.add_argument("project")
    p.add_argument("workbook")
    p.add_argument("--dry-run", action="store_true", help="show the differences; change nothing")
    p.add_argument(
        "--conflicts",
        choices=("keep", "theirs"),
        default="keep",
        help="cells changed both in the project and in the workbook: keep the project's "
        "value (default) or take the workbook's",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.excel.diff import diff_workbook
    from workbench.operations.workbook import (
        ImportDecision,
        apply_workbook_edits,
        decide,
        review_workbook,
    )
    from workbench.project import Project

    path = Path(args.workbook)
    decision = ImportDecision(conflicts=args.conflicts)
    if args.dry_run:
        diff = review_workbook(Path(args.project), path)
        outcome = decide(diff, decision)
    else:
        project = Project.open(Path(args.project))
        try:
            diff = diff_workbook(project, path)
            outcome = apply_workbook_edits(diff, path, decision, project.execute)
        finally:
            project.close()
    chosen = outcome.applied
    applied = outcome.done
    if args.json:
        print(
            json.dumps(
                {
                    "three_way": diff.three_way,
                    "changes": [_change_json(c) for c in diff.changes],
                    "problems": diff.problems,
                    "not_imported": diff.not_imported,
                    "notes": diff.notes,
                    "applied": [str(c) for c in chosen] if applied else [],
                },
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
    else:
        verb = "would change" if args.dry_run else "changed"
        conflicts = len(diff.conflicts)
        print(
            f"{path}: {len(chosen)} cell(s) {verb}, {conflicts} conflict(s), "
            f"{len(diff.problems)} problem(s)"
        )
        for change in diff.changes:
            label = "addition" if change.addition else "conflict" if change.conflict else "change"
            print(f"  {label:9}{change}")
        if conflicts and args.conflicts == "keep":
            print("  (conflicts keep the project's value; --conflicts theirs takes the workbook's)")
        for problem in diff.problems:
            print(f"  problem  {problem}")
        for cell in diff.not_imported:
            print(f"  not imported  {cell}")
        for note in diff.notes:
            print(f"  note     {note}")
    return EXIT_OK


def _change_json(change) -> dict:
    out = {
        "sheet": change.sheet,
        "cell": change.cell,
        "what": change.what,
        "old": change.old,
        "new": change.new,
        "kind": "addition" if change.addition else "conflict" if change.conflict else "change",
    }
    if change.conflict:
        out["exported"] = change.exported if change.exported_known else "(not kept)"
    if change.addition:  # the new row as a reader names it
        out["fields"] = dict(change.fields)
    return out
