"""The `workbench` command: create, inspect, check and restore projects without a screen.

Exit status: 0 success, 1 the project has problems (check), 2 the command
could not be carried out (bad arguments, unreadable or foreign file).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sqlite3
import sys
import traceback
from pathlib import Path

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.failures import describe

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _cmd_new(args: argparse.Namespace) -> int:
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


def _cmd_info(args: argparse.Namespace) -> int:
    """Exit 1 (as `check`) when the project is damaged: what can be read is shown."""
    from workbench.errors import DamagedHeaderError, DamagedProjectError, ForeignSchemaError
    from workbench.project import Project

    try:
        project = Project.open_readonly(Path(args.path))
        try:
            info = project.info()
            damage = project.damage_found()
        finally:
            project.close()
    except DamagedProjectError as exc:
        if isinstance(exc, (ForeignSchemaError, DamagedHeaderError)) or not _readable(args.path):
            raise  # not a project file that can be read at all (exit 2, as `check`)
        _report(exc, getattr(args, "debug", False))
        print(_SALVAGE_HINT.format(path=args.path), file=sys.stderr)
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
        print(_SALVAGE_HINT.format(path=args.path), file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _readable(path: str) -> bool:
    """Whether the file opens as a database at all (as far as `check` gets)."""
    from workbench.project import open_store_unchecked

    try:
        open_store_unchecked(Path(path), readonly=True).close()
    except (WorkbenchError, sqlite3.Error, OSError):
        return False
    return True


_SALVAGE_HINT = (
    "Restore it from a backup ('workbench restore {path}'), or save what can be read "
    "into a new project ('workbench salvage {path} NEW.mpw')."
)


def _cmd_salvage(args: argparse.Namespace) -> int:
    from workbench.salvage import salvage

    report = salvage(Path(args.path), Path(args.new))
    print("\n".join(report.lines()))
    return EXIT_OK


def _warn_if_damaged(project) -> None:
    """Exports read what they can; from a damaged project they say so."""
    damage = project.damage_found()
    if damage:
        print(
            f"warning: {project.path}: the project is damaged ({damage}); the export holds "
            "what could be read. " + _SALVAGE_HINT.format(path=project.path),
            file=sys.stderr,
        )


def _cmd_check(args: argparse.Namespace) -> int:
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


def _cmd_export_refs(args: argparse.Namespace) -> int:
    from workbench.operations.bibliography import export_bibliography, format_for
    from workbench.project import Project

    out = Path(args.out)
    project = Project.open_readonly(Path(args.project))
    try:
        written = export_bibliography(project, out, case_uids=args.case, fmt=args.format)
        _warn_if_damaged(project)
    finally:
        project.close()
    print(f"Wrote {written} references to {args.out} ({format_for(out, args.format)})")
    return EXIT_OK


def _cmd_export_xlsx(args: argparse.Namespace) -> int:
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


def _cmd_export_csv(args: argparse.Namespace) -> int:
    from workbench.operations.tidy_csv import export_tidy_csv
    from workbench.project import Project

    with Project.open_readonly(Path(args.project)) as project:
        paths = export_tidy_csv(project, Path(args.folder), raw=args.raw)
        _warn_if_damaged(project)
    for path in paths:
        print(f"Wrote {path}")
    if not args.raw:
        print("(text starting with = + - @ is prefixed with ' so spreadsheets show it as text)")
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


def _cmd_import_xlsx(args: argparse.Namespace) -> int:
    from workbench.excel.diff import diff_workbook
    from workbench.operations.workbook import import_command, review_workbook
    from workbench.project import Project

    path = Path(args.workbook)
    if args.dry_run:
        diff = review_workbook(Path(args.project), path)
    else:
        project = Project.open(Path(args.project))
        try:
            diff = diff_workbook(project, path)
            chosen = diff.accepted() + (diff.conflicts if args.conflicts == "theirs" else [])
            if chosen:
                project.execute(import_command(chosen, path))
        finally:
            project.close()
    chosen = diff.accepted() + (diff.conflicts if args.conflicts == "theirs" else [])
    applied = not args.dry_run and bool(chosen)
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


def _cmd_agreement(args: argparse.Namespace) -> int:
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


def _cmd_chart(args: argparse.Namespace) -> int:
    from workbench.analysis.comparison import ChartOptions, chart_table, order_cases
    from workbench.project import Project

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("svg", "pdf", "png", "csv"):
        print(f"error: {out}: the file must end in .svg, .pdf, .png or .csv", file=sys.stderr)
        return EXIT_ERROR
    if not 30 <= args.dpi <= 2400:
        print(f"error: --dpi {args.dpi:g}: expected 30 to 2400", file=sys.stderr)
        return EXIT_ERROR
    project = Project.open_readonly(Path(args.project))
    try:
        with project.store.snapshot():  # one state, whatever another process writes
            comparison = _chart_data(args, project)
        _warn_if_damaged(project)
        if comparison is None:
            return EXIT_ERROR
    finally:
        project.close()
    if not comparison.cases:
        print(f"error: {args.project}: no cases to chart", file=sys.stderr)
        return EXIT_ERROR
    if args.kind == "compare" and len(comparison.cases) < 2:
        print("error: a side-by-side chart needs at least 2 cases", file=sys.stderr)
        return EXIT_ERROR
    options = ChartOptions(args.order, args.group, args.measure)
    try:
        order = order_cases(comparison, options.order, options.group_by)
    except ValueError as exc:
        print(f"error: --order: {exc}", file=sys.stderr)
        return EXIT_ERROR
    shown = len(comparison.cases)
    if args.kind == "compare":  # side by side holds three cases at most
        options = ChartOptions(args.order, args.group, args.measure, tuple(order[:3]))
        shown = len(options.compare_ids)
        if len(comparison.cases) > 3:
            names = ", ".join(c.name for c in comparison.cases if c.id in options.compare_ids)
            print(f"note: side by side shows three cases ({names}); choose them with --cases")
    try:
        if fmt == "csv":
            table = chart_table(comparison, args.kind, order, options.group_by, options.compare_ids)
            table.write_csv(out)
        else:
            # Qt and pyqtgraph load only for this command, as for `gui`.
            from workbench.analysis.figure_spec import (
                FigureDoesNotFit,
                FigureSpec,
                check_type_size,
                parse_figure_size,
            )

            try:
                width, height = parse_figure_size(args.size or "double", args.dpi)
                spec = FigureSpec(
                    width, height, check_type_size(args.type_size), not args.no_title, args.font
                )
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_ERROR
            headless = importlib.import_module("ui.charts.headless")
            if args.font and not headless.font_installed(args.font):
                print(f"error: --font {args.font!r}: no such font is installed", file=sys.stderr)
                return EXIT_ERROR
            try:
                headless.render_chart(args.kind, comparison, out, spec, args.dpi, options)
            except FigureDoesNotFit as exc:
                fits = f"{exc.width_cm:g}x{exc.height_cm:g}cm" if exc.height_cm else ""
                hint = f"use {fits}, leave" if fits else "use a wider --size, or leave"
                print(
                    f"error: --size {args.size or 'double'}: {exc}: {hint} the height open, "
                    "leave out the title (--no-title), choose a smaller --type-size or fewer cases",
                    file=sys.stderr,
                )
                return EXIT_ERROR
    except OSError as exc:
        print(f"error: {out}: {exc.strerror or exc}; an earlier file is unchanged", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {out} ({args.kind}, {shown} cases)")
    return EXIT_OK


def _chart_data(args: argparse.Namespace, project):
    """The comparison of the cases `--cases` names (all by default); None when one of
    them does not exist (said on stderr)."""
    from workbench.analysis.comparison import load_comparison, resolve_case_uids

    case_ids = None
    if args.cases:
        uids = [u.strip() for part in args.cases for u in part.split(",") if u.strip()]
        try:
            case_ids = resolve_case_uids(project, uids)
        except KeyError as exc:
            print(f"error: --cases: no case with identifier {exc.args[0]!r}", file=sys.stderr)
            return None
    return load_comparison(project, case_ids)


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
    parser.add_argument("--debug", action="store_true", help="show the full traceback of a failure")
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

    p = sub.add_parser("check", help="check schema and integrity; exit 1 if anything is wrong")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--repair",
        action="store_true",
        help="drop tables, indexes, triggers and views that do not belong to a project "
        "(after a verified backup)",
    )
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "salvage", help="save what can be read of a damaged project into a new project"
    )
    p.add_argument("path", help="the damaged project (only read)")
    p.add_argument("new", help="the new project file to write")
    p.set_defaults(func=_cmd_salvage)

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
    p.add_argument(
        "folder",
        help="folder for matrix_long.csv and mechanisms_long.csv "
        "(and votes_long.csv when the project holds workshop votes)",
    )
    p.add_argument(
        "--raw",
        action="store_true",
        help="write text as it is; by default text a spreadsheet would run as a formula "
        "(starting with = + - @, tab or CR) gets a leading apostrophe",
    )
    p.set_defaults(func=_cmd_export_csv)

    p = sub.add_parser("import-xlsx", help="apply a co-author's edited workbook (one command)")
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
    p.set_defaults(func=_cmd_import_xlsx)

    p = sub.add_parser("agreement", help="inter-coder agreement (workbooks or projects)")
    p.add_argument("coder_a", help="first coder: a returned workbook (.xlsx) or project (.mpw)")
    p.add_argument("coder_b", help="second coder: a returned workbook (.xlsx) or project (.mpw)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_agreement)

    p = sub.add_parser("chart", help="draw a comparison chart as SVG, PDF, PNG (or its data, CSV)")
    p.add_argument("project")
    p.add_argument(
        "kind", choices=["heatmap", "mechanisms", "plane", "profiles", "compare"], help="the chart"
    )
    p.add_argument("out", help="file to write: .svg, .pdf, .png, or .csv for the numbers")
    p.add_argument(
        "--cases", action="append", metavar="UID,…", help="only these cases, in this order"
    )
    p.add_argument("--dpi", type=float, default=300, help="PNG resolution (default 300)")
    p.add_argument(
        "--size",
        metavar="SIZE",
        help="single, onehalf, double (8.5, 12, 17 cm wide, height as needed), slide, "
        "WxHcm (8.5x8cm), a width (12cm) or pixels at --dpi (default: double)",
    )
    p.add_argument("--type-size", type=float, default=8.0, help="text size in points (7 to 12)")
    p.add_argument("--no-title", action="store_true", help="leave the title to the caption")
    p.add_argument("--font", default="", help="font family (default: the application's)")
    p.add_argument("--order", default="list", help="list, total, similarity or a power type")
    p.add_argument(
        "--group",
        default="none",
        choices=["none", "region", "period", "tag", "north_south"],
        help="colour and group cases by",
    )
    p.add_argument("--measure", default="strength", choices=["strength", "evidence"])
    p.set_defaults(func=_cmd_chart)

    p = sub.add_parser("gui", help="start the desktop application")
    p.add_argument("path", nargs="?", help="project to open (default: the last one)")
    p.set_defaults(func=_cmd_gui)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every failure ends as one sentence naming the file and the
    problem, and exit status 2; `--debug` adds the traceback."""
    args = build_parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    previous_hook = sys.unraisablehook
    if not debug:
        # Finalisers of half-written files (a full disk) would each print
        # "Exception ignored ..." after the one message that matters.
        sys.unraisablehook = _quiet_unraisable
    try:
        return args.func(args)
    except WorkbenchError as exc:
        _report(exc, debug)
        return EXIT_ERROR
    except (sqlite3.Error, OSError) as exc:
        _report(describe(exc, _subject(args, exc)), debug)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    finally:
        if not debug:
            gc.collect()  # run those finalisers now, while they are quiet
            sys.unraisablehook = previous_hook


def _quiet_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    pass


def _report(error: BaseException, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    print(f"error: {error}", file=sys.stderr)


def _subject(args: argparse.Namespace, exc: BaseException) -> str:
    """The file a failure most likely concerns: SQLite speaks of the project; a write
    error without a file name comes from the command's output."""
    project = getattr(args, "project", None) or getattr(args, "path", None) or "the project"
    if isinstance(exc, OSError):
        return getattr(args, "out", None) or getattr(args, "folder", None) or project
    return project


if __name__ == "__main__":
    sys.exit(main())
