"""`workbench chart`: a comparison chart as SVG, PDF or PNG drawn headless, or its numbers
as CSV (which needs no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import EXIT_ERROR, EXIT_OK, warn_if_damaged


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "chart", help="draw a comparison chart as SVG, PDF, PNG (or its data, CSV)"
    )
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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
        with project.read_transaction():  # one state, whatever another process writes
            comparison = _chart_data(args, project)
        warn_if_damaged(project)
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
            from ui.charts import headless  # Qt loads only for a drawn figure
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
