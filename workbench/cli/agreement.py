"""`workbench agreement`: inter-coder agreement of two workbooks or projects."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("agreement", help="inter-coder agreement (workbooks or projects)")
    p.add_argument("coder_a", help="first coder: a returned workbook (.xlsx) or project (.mpw)")
    p.add_argument("coder_b", help="second coder: a returned workbook (.xlsx) or project (.mpw)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.operations.agreement import agreement_between

    result = agreement_between(Path(args.coder_a), Path(args.coder_b))
    report = result.report
    if args.json:
        print(
            json.dumps(
                {**report.as_dict(), "problems": result.problems, "warnings": result.warnings},
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK

    def fmt(value: float | None) -> str:
        return "   –  " if value is None else f"{value:6.3f}"

    print(f"{'':28}{'units':>6} {'agree':>7} {'kappa':>7} {'alpha':>7}")
    for row in report.rows:
        print(f"{row.label:28}{row.units:6d} {fmt(row.percent)} {fmt(row.kappa)} {fmt(row.alpha)}")
    print("(agree: share of units coded the same; kappa: Cohen's; alpha: Krippendorff's, ordinal)")
    for title, listed in (
        ("disagreement(s)", report.disagreements),
        ("unit(s) coded by one coder only, not counted", report.one_coder_only),
    ):
        if listed:
            print(f"\n{len(listed)} {title}: case, variable, A, B")
            for d in listed:
                a = "–" if d.coder_a is None else d.coder_a
                b = "–" if d.coder_b is None else d.coder_b
                print(f"  {d.case}\t{d.variable}\t{a}\t{b}")
    for problem in result.problems:
        print(f"warning: {problem}")
    for warning in result.warnings:  # such as a workbook's edits already in the project
        print(f"warning: {warning}")
    return EXIT_OK
