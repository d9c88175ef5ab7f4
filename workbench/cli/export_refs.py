"""`workbench export-refs`: the bibliography as BibTeX or CSL-JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
    warn_if_damaged,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("export-refs", help="export the bibliography (BibTeX or CSL-JSON)")
    p.add_argument("project")
    p.add_argument("out", help="file to write (.bib or .json)")
    p.add_argument("--format", choices=["bibtex", "csl-json"])
    p.add_argument(
        "--case", action="append", metavar="UID", help="only sources used by this case (repeatable)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.operations.bibliography import export_bibliography, format_for
    from workbench.project import Project

    out = Path(args.out)
    project = Project.open_readonly(Path(args.project))
    try:
        written = export_bibliography(project, out, case_uids=args.case, fmt=args.format)
        warn_if_damaged(project)
    finally:
        project.close()
    print(f"Wrote {written} references to {args.out} ({format_for(out, args.format)})")
    return EXIT_OK
