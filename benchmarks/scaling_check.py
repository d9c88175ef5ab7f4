"""Quick scaling check: the same operations on a project and on one four times larger.

    python benchmarks/scaling_check.py [--keep]

Both projects are generated (cases, excerpts and sources all ×4, so a case has
as much evidence in both) and used (planner statistics written) before timing.
An operation whose time grows more than 6× fails the check (exit 1): linear work
grows 4×, a path that is quadratic in the project's size grows 16×, and machine
noise moves a median of several runs far less than that. Operations under 2 ms
on the larger project are reported but not judged: there, a scheduler hiccup
can be larger than the work. Run by CI (`make scaling`); about a minute.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SMALL = {"cases": 40, "excerpts": 4_000, "sources": 80}
FACTOR = 4
LIMIT = 6.0  # linear: 4×; quadratic: 16×
FLOOR_S = 0.002  # below this on the larger project, noise can outweigh the work
FAST_RUNS = 7
SLOW_RUNS = 3  # exports and the full check take seconds on the larger project


@dataclass(frozen=True)
class Operation:
    name: str
    run: Callable[[], object]
    runs: int = FAST_RUNS


def median_seconds(op: Operation) -> float:
    samples = []
    for _ in range(op.runs):
        start = time.perf_counter()
        op.run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cli(*args: str) -> None:
    """The command line in this process (no interpreter start in the figures)."""
    from workbench.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    if code:
        raise SystemExit(f"`workbench {' '.join(args)}` failed with exit code {code}")


def measure(path: Path, scratch: Path) -> dict[str, float]:
    """Median seconds of each operation on one project."""
    from workbench import queries
    from workbench.commands import SetCell
    from workbench.project import Project
    from workbench.search import SearchFilters

    def open_close() -> None:
        Project.open(path, backup=False).close()

    times = {"open + close": median_seconds(Operation("open", open_close))}
    project = Project.open(path, backup=False)
    try:
        cases = queries.case_summaries(project)
        case_id = cases[len(cases) // 2].id
        compulsory = next(p for p in project.framework.power_types if p.id == "compulsory")
        mechanisms = [m.id for m in compulsory.mechanisms]
        scores = iter(range(1_000_000))

        def apply_and_undo() -> None:
            project.execute(SetCell(case_id, "compulsory", score=next(scores) % 5))
            project.history.undo()

        operations = [
            Operation("list cases", lambda: queries.case_summaries(project)),
            Operation("case detail", lambda: queries.case_detail(project, case_id)),
            Operation(
                "evidence for a quadrant",
                lambda: queries.evidence_items(project, case_id, mechanisms),
            ),
            Operation("source summaries", lambda: queries.source_summaries(project)),
            Operation("search: one word", lambda: queries.search_hits(project, "border")),
            Operation(
                "search: word in one case",
                lambda: queries.search_hits(project, "funding", SearchFilters(case_id=case_id)),
            ),
            Operation("command apply + undo", apply_and_undo),
        ]
        for op in operations:
            times[op.name] = median_seconds(op)
    finally:
        project.close()
    slow = [
        Operation(
            "Excel export (whole project)",
            lambda: cli("export-xlsx", str(path), str(scratch / "out.xlsx")),
            SLOW_RUNS,
        ),
        Operation(
            "tidy CSV export", lambda: cli("export-csv", str(path), str(scratch / "csv")), SLOW_RUNS
        ),
        Operation("check", lambda: cli("check", str(path)), SLOW_RUNS),
    ]
    for op in slow:
        times[op.name] = median_seconds(op)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args()
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="mpw-scaling-"))
    os.environ["MPW_DATA_DIR"] = str(folder / "data")
    os.environ["MPW_CONFIG_DIR"] = str(folder / "config")
    from benchmarks.generate import generate, mark_used

    large = {k: v * FACTOR for k, v in SMALL.items()}
    results = []
    for label, size in (("small", SMALL), ("large", large)):
        path = folder / f"{label}.mpw"
        mark_used(generate(path, size["cases"], size["excerpts"], size["sources"]))
        scratch = folder / f"{label}-out"
        scratch.mkdir()
        results.append(measure(path, scratch))
    small_t, large_t = results

    def size_text(size: dict[str, int]) -> str:
        return (
            f"{size['cases']:,} cases / {size['excerpts']:,} excerpts / {size['sources']:,} sources"
        )

    print(f"small: {size_text(SMALL)}; large: {size_text(large)}")
    print("| operation | small | large | ratio | |")
    print("|---|---|---|---|---|")
    failures = []
    for name, small_s in small_t.items():
        large_s = large_t[name]
        ratio = large_s / small_s if small_s else float("inf")
        if large_s < FLOOR_S:
            verdict = "under 2 ms, not judged"
        elif ratio > LIMIT:
            verdict = "FAIL"
            failures.append(
                f"{name} grew {ratio:.1f}× ({small_s * 1000:,.1f} ms → {large_s * 1000:,.1f} ms) "
                f"for a project {FACTOR}× larger; the limit is {LIMIT:g}×"
            )
        else:
            verdict = "ok"
        print(
            f"| {name} | {small_s * 1000:,.1f} ms | {large_s * 1000:,.1f} ms "
            f"| {ratio:.2f}× | {verdict} |"
        )
    print(f"\nwhole check: {time.perf_counter() - started:.0f} s")
    if args.keep:
        print(f"kept {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    for failure in failures:
        print(f"scaling check failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
