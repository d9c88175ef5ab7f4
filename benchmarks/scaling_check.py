"""Quick scaling check: the same operations on a project and on one four times larger.

    python benchmarks/scaling_check.py [--keep]

Both projects are generated (cases, excerpts and sources all ×4, so a case has
as much evidence in both) and used (planner statistics written) before timing.
An operation whose time grows more than 6× fails the check (exit 1): linear work
grows 4×, a path that is quadratic in the project's size grows 16×. Each
operation runs alternately on both projects, several times, and fails only when
both the ratio of the medians and the ratio of the fastest runs pass 6×: on a
busy machine other processes only ever add time, and more of it to a longer run,
so a median alone can drift past 6× while the fastest runs cannot be pushed
there by noise; a quadratic path moves both. Operations under 2 ms on the larger
project are reported but not judged. Run by CI (`make scaling`); under a minute.
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
SLOW_RUNS = 3  # the Excel export takes seconds on the larger project


@dataclass(frozen=True)
class Operation:
    name: str
    run: Callable[[], object]


@dataclass(frozen=True)
class Timing:
    """Seconds of one operation on the small and on the large project."""

    small: float
    large: float
    small_best: float
    large_best: float

    @property
    def ratio(self) -> float:
        return self.large / self.small

    @property
    def best_ratio(self) -> float:
        return self.large_best / self.small_best


def time_pair(small: Operation, large: Operation, min_runs: int) -> Timing:
    """An operation on both projects, run alternately (so a change in the machine's
    load touches both alike), at least `min_runs` times and, for quick operations,
    until half a second has gone to each (at most 25 runs)."""
    samples: tuple[list[float], list[float]] = ([], [])
    while True:
        for op, out in zip((small, large), samples, strict=True):
            start = time.perf_counter()
            op.run()
            out.append(time.perf_counter() - start)
        n = len(samples[0])
        if n >= min_runs and (n >= 25 or min(sum(s) for s in samples) > 0.5):
            return Timing(
                statistics.median(samples[0]),
                statistics.median(samples[1]),
                min(samples[0]),
                min(samples[1]),
            )


def cli(*args: str) -> None:
    """The command line in this process (no interpreter start in the figures)."""
    from workbench.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    if code:
        raise SystemExit(f"`workbench {' '.join(args)}` failed with exit code {code}")


def open_operations(path: Path) -> list[Operation]:
    from workbench.project import Project

    return [Operation("open + close", lambda: Project.open(path, backup=False).close())]


def read_and_edit_operations(project) -> list[Operation]:
    """What the window does on an open project (the read layer and one command)."""
    from workbench import queries
    from workbench.commands import SetCell
    from workbench.search import SearchFilters

    cases = queries.case_summaries(project)
    case_id = cases[len(cases) // 2].id
    compulsory = next(p for p in project.framework.power_types if p.id == "compulsory")
    mechanisms = [m.id for m in compulsory.mechanisms]
    scores = iter(range(1_000_000))

    def apply_and_undo() -> None:
        project.execute(SetCell(case_id, "compulsory", score=next(scores) % 5))
        project.history.undo()

    return [
        Operation("list cases", lambda: queries.case_summaries(project)),
        Operation("case detail", lambda: queries.case_detail(project, case_id)),
        Operation(
            "evidence for a quadrant", lambda: queries.evidence_items(project, case_id, mechanisms)
        ),
        Operation("source summaries", lambda: queries.source_summaries(project)),
        Operation("search: one word", lambda: queries.search_hits(project, "border")),
        Operation(
            "search: word in one case",
            lambda: queries.search_hits(project, "funding", SearchFilters(case_id=case_id)),
        ),
        Operation("command apply + undo", apply_and_undo),
    ]


def file_operations(path: Path, scratch: Path) -> list[Operation]:
    """The command line's whole-project operations, on the closed project."""
    return [
        Operation(
            "Excel export (whole project)",
            lambda: cli("export-xlsx", str(path), str(scratch / "out.xlsx")),
        ),
        Operation("tidy CSV export", lambda: cli("export-csv", str(path), str(scratch / "csv"))),
        Operation("check", lambda: cli("check", str(path))),
    ]


def measure(small: Path, large: Path, folder: Path) -> dict[str, Timing]:
    from workbench.project import Project

    times = {}
    for a, b in zip(open_operations(small), open_operations(large), strict=True):
        times[a.name] = time_pair(a, b, FAST_RUNS)
    projects = [Project.open(path, backup=False) for path in (small, large)]
    try:
        ops = [read_and_edit_operations(p) for p in projects]
        for a, b in zip(*ops, strict=True):
            times[a.name] = time_pair(a, b, FAST_RUNS)
    finally:
        for p in projects:
            p.close()
    scratch = [folder / "small-out", folder / "large-out"]
    for s in scratch:
        s.mkdir()
    for a, b in zip(
        file_operations(small, scratch[0]), file_operations(large, scratch[1]), strict=True
    ):
        times[a.name] = time_pair(a, b, SLOW_RUNS)
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
    paths = []
    for label, size in (("small", SMALL), ("large", large)):
        path = folder / f"{label}.mpw"
        paths.append(mark_used(generate(path, size["cases"], size["excerpts"], size["sources"])))
    times = measure(paths[0], paths[1], folder)

    def size_text(size: dict[str, int]) -> str:
        return (
            f"{size['cases']:,} cases / {size['excerpts']:,} excerpts / {size['sources']:,} sources"
        )

    print(f"small: {size_text(SMALL)}; large: {size_text(large)}")
    print("| operation | small (median) | large (median) | ratio | ratio of fastest runs | |")
    print("|---|---|---|---|---|---|")
    failures = []
    for name, t in times.items():
        if t.large < FLOOR_S:
            verdict = "under 2 ms, not judged"
        elif t.ratio > LIMIT and t.best_ratio > LIMIT:
            verdict = "FAIL"
            failures.append(
                f"{name} grew {t.ratio:.1f}× ({t.small * 1000:,.1f} ms → "
                f"{t.large * 1000:,.1f} ms; fastest runs {t.best_ratio:.1f}×) for a project "
                f"{FACTOR}× larger; the limit is {LIMIT:g}×"
            )
        else:
            verdict = "ok"
        print(
            f"| {name} | {t.small * 1000:,.1f} ms | {t.large * 1000:,.1f} ms "
            f"| {t.ratio:.2f}× | {t.best_ratio:.2f}× | {verdict} |"
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
