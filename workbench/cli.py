"""The `workbench` command: create, inspect, check and restore projects without a screen.

Exit status: 0 success, 1 the project has problems (check), 2 the command
could not be carried out (bad arguments, unreadable or foreign file).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from workbench import __version__
from workbench.errors import WorkbenchError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _cmd_new(args: argparse.Namespace) -> int:
    from workbench.project import Project
    from workbench.samples import build_sample_project

    path = Path(args.path)
    if args.samples:
        project = build_sample_project(path)
    else:
        project = Project.create(path, name=args.name)
    print(f"Created {project.path} ({project.store.counts()['cases']} cases)")
    project.close()
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from workbench.project import Project

    project = Project.open_readonly(Path(args.path))
    try:
        info = project.info()
    finally:
        project.close()
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return EXIT_OK
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
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from workbench.checks import check_project

    report = check_project(Path(args.path))
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        sections = [
            ("Integrity", report.integrity),
            ("Foreign keys", report.foreign_keys),
            ("Orphaned rows", report.orphans),
            ("Framework", report.framework),
            ("Search index", report.search),
        ]
        for title, problems in sections:
            status = "ok" if not problems else f"{len(problems)} problem(s)"
            print(f"{title + ':':15}{status}")
            for line in problems[:50]:
                print(f"  - {line}")
        print("The project is sound." if report.ok else "The project has problems.")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _cmd_restore(args: argparse.Namespace) -> int:
    from workbench.restore import available_backups, restore_backup

    path = Path(args.path)
    found = available_backups(path)
    if not found:
        print(f"No backups of {path} were found.")
        return EXIT_ERROR if args.pick else EXIT_OK
    if not args.pick:
        print(f"Backups of {path} (newest first):")
        for i, b in enumerate(found, start=1):
            print(f"  {i:2}. {b.label}  {b.path}")
        print("Restore one with: workbench restore PATH --pick N")
        return EXIT_OK
    if not 1 <= args.pick <= len(found):
        print(f"error: --pick must be between 1 and {len(found)}", file=sys.stderr)
        return EXIT_ERROR
    chosen = found[args.pick - 1]
    if not args.yes:
        if not sys.stdin.isatty():
            print("error: add --yes to restore without a prompt", file=sys.stderr)
            return EXIT_ERROR
        answer = input(f"Replace {path} with the backup of {chosen.label}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return EXIT_OK
    result = restore_backup(path, chosen.path)
    print(f"Restored {path} from {chosen.label}.")
    if result.damaged:
        print(f"The damaged file was moved aside, untouched: {result.kept}")
    elif result.kept != path:
        print(f"The state before the restore was kept as a backup: {result.kept}")
    return EXIT_OK


def _cmd_import_refs(args: argparse.Namespace) -> int:
    from workbench.project import Project
    from workbench.reference_import import apply, prepare

    opener = Project.open_readonly if args.dry_run else Project.open
    project = opener(Path(args.project))
    reports = []
    try:
        for name in args.files:
            report = prepare(project, Path(name), encoding=args.encoding)
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


def _cmd_export_refs(args: argparse.Namespace) -> int:
    from workbench.atomic import atomic_write_text
    from workbench.bibliography.export import to_bibtex, to_csl_json
    from workbench.project import Project
    from workbench.sources import bibliography_items

    project = Project.open_readonly(Path(args.project))
    try:
        items = bibliography_items(project.store, case_uids=args.case or None)
    finally:
        project.close()
    fmt = args.format or ("csl-json" if args.out.endswith(".json") else "bibtex")
    text = to_csl_json(items) if fmt == "csl-json" else to_bibtex(items)
    atomic_write_text(Path(args.out), text)
    print(f"Wrote {len(items)} references to {args.out} ({fmt})")
    return EXIT_OK


def _cmd_export_xlsx(args: argparse.Namespace) -> int:
    from workbench.excel.export import ExportOptions, export_workbook
    from workbench.project import Project

    project = Project.open_readonly(Path(args.project))
    try:
        case_ids = None
        if args.case:
            case_ids = []
            for uid in args.case:
                row = project.store.get("study_case", {"uid": uid})
                if row is None:
                    print(f"error: no case with identifier {uid!r}", file=sys.stderr)
                    return EXIT_ERROR
                case_ids.append(row["id"])
        options = ExportOptions(case_ids=case_ids, include_memos=not args.no_memos)
        try:
            report = export_workbook(project, Path(args.out), options)
        except OSError as exc:
            print(
                f"error: {args.out}: {exc.strerror or exc}; an earlier file is unchanged",
                file=sys.stderr,
            )
            return EXIT_ERROR
    finally:
        project.close()
    rows = ", ".join(f"{name} {n}" for name, n in report.rows.items())
    print(f"Wrote {report.path} ({rows})")
    for warning in report.warnings:
        print(f"warning: {warning}")
    return EXIT_OK


def _cmd_export_csv(args: argparse.Namespace) -> int:
    from workbench.excel.tidy import export_tidy
    from workbench.project import Project

    project = Project.open_readonly(Path(args.project))
    try:
        paths = export_tidy(project, Path(args.folder))
    finally:
        project.close()
    for path in paths:
        print(f"Wrote {path}")
    return EXIT_OK


def _cmd_import_xlsx(args: argparse.Namespace) -> int:
    from workbench.excel.diff import changes_command, diff_workbook
    from workbench.project import Project

    path = Path(args.workbook)
    opener = Project.open_readonly if args.dry_run else Project.open
    project = opener(Path(args.project))
    try:
        diff = diff_workbook(project, path)
        if not args.dry_run and diff.changes:
            project.execute(changes_command(diff.changes, f"Import edits from {path.name}"))
    finally:
        project.close()
    if args.json:
        print(
            json.dumps(
                {
                    "changes": [
                        {
                            "sheet": c.sheet,
                            "cell": c.cell,
                            "what": c.what,
                            "old": c.old,
                            "new": c.new,
                        }
                        for c in diff.changes
                    ],
                    "problems": diff.problems,
                    "notes": diff.notes,
                    "applied": not args.dry_run,
                },
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
    else:
        verb = "would change" if args.dry_run else "changed"
        print(f"{path}: {len(diff.changes)} cell(s) {verb}, {len(diff.problems)} problem(s)")
        for change in diff.changes:
            print(f"  change   {change}")
        for problem in diff.problems:
            print(f"  problem  {problem}")
        for note in diff.notes:
            print(f"  note     {note}")
    return EXIT_OK


def _cmd_agreement(args: argparse.Namespace) -> int:
    from workbench.analysis.agreement import compare
    from workbench.analysis.codings import project_codings, type_groups, workbook_codings
    from workbench.project import Project

    codings = []
    types = ["compulsory", "institutional", "structural", "productive"]
    for name in (args.coder_a, args.coder_b):
        if Path(name).suffix.lower() == ".xlsx":
            codings.append(workbook_codings(Path(name)))
            continue
        project = Project.open_readonly(Path(name))
        try:
            codings.append(project_codings(project.store))
            types = [pt.id for pt in project.framework.power_types]
        finally:
            project.close()
    report = compare(codings[0], codings[1], type_groups(types))
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK

    def fmt(value: float | None) -> str:
        return "   –  " if value is None else f"{value:6.3f}"

    print(f"{'':28}{'units':>6} {'agree':>7} {'kappa':>7} {'alpha':>7}")
    for row in report.rows:
        print(f"{row.label:28}{row.units:6d} {fmt(row.percent)} {fmt(row.kappa)} {fmt(row.alpha)}")
    print("(agree: share of units coded the same; kappa: Cohen's; alpha: Krippendorff's, ordinal)")
    if report.disagreements:
        print(f"\n{len(report.disagreements)} disagreement(s): case, variable, A, B")
        for d in report.disagreements:
            print(f"  {d.case}\t{d.variable}\t{d.coder_a}\t{d.coder_b}")
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    # The desktop application lives outside the core; load it only for this command.
    app = importlib.import_module("ui.app")
    return app.run(Path(args.path) if args.path else None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Migration Power Workbench: comparative case studies of migration power.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("new", help="create a new project file")
    p.add_argument("path", help="where to create the project (.mpw)")
    p.add_argument("--name", help="the project's name (default: the file name)")
    p.add_argument("--samples", action="store_true", help="fill it with the sample cases")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("info", help="show what a project holds")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_info)

    p = sub.add_parser("check", help="check integrity; exit 1 if anything is wrong")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("restore", help="list a project's backups, or restore one")
    p.add_argument("path")
    p.add_argument("--pick", type=int, metavar="N", help="restore backup N of the list")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=_cmd_restore)

    p = sub.add_parser("import-refs", help="import references (BibTeX, RIS, CSL-JSON)")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument("--encoding", help="read the files in this encoding (default: detect)")
    p.set_defaults(func=_cmd_import_refs)

    p = sub.add_parser("export-refs", help="export the bibliography (BibTeX or CSL-JSON)")
    p.add_argument("project")
    p.add_argument("out", help="file to write (.bib or .json)")
    p.add_argument("--format", choices=["bibtex", "csl-json"])
    p.add_argument(
        "--case", action="append", metavar="UID", help="only sources used by this case (repeatable)"
    )
    p.set_defaults(func=_cmd_export_refs)

    p = sub.add_parser("export-xlsx", help="write the co-author workbook (.xlsx)")
    p.add_argument("project")
    p.add_argument("out", help="the workbook to write")
    p.add_argument("--case", action="append", metavar="UID", help="only this case (repeatable)")
    p.add_argument("--no-memos", action="store_true", help="leave memos and notes out")
    p.set_defaults(func=_cmd_export_xlsx)

    p = sub.add_parser("export-csv", help="tidy CSV files for R and pandas")
    p.add_argument("project")
    p.add_argument("folder", help="folder for matrix_long.csv and mechanisms_long.csv")
    p.set_defaults(func=_cmd_export_csv)

    p = sub.add_parser("import-xlsx", help="apply a co-author's edited workbook (one command)")
    p.add_argument("project")
    p.add_argument("workbook")
    p.add_argument("--dry-run", action="store_true", help="show the differences; change nothing")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_import_xlsx)

    p = sub.add_parser("agreement", help="inter-coder agreement (workbooks or projects)")
    p.add_argument("coder_a", help="first coder: a returned workbook (.xlsx) or project (.mpw)")
    p.add_argument("coder_b", help="second coder: a returned workbook (.xlsx) or project (.mpw)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_agreement)

    p = sub.add_parser("gui", help="start the desktop application")
    p.add_argument("path", nargs="?", help="project to open (default: the last one)")
    p.set_defaults(func=_cmd_gui)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
