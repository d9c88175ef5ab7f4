"""Time the core operations on the large synthetic project and print a table.

    python benchmarks/run_benchmarks.py [--keep] [--out NEW.mpw | --project USED.mpw]

The project is measured as users meet it: used, with the planner statistics
that closing a project writes (`generate.mark_used`), not freshly generated.
Budgets (2-core machine): open < 1 s; one command (apply + commit) < 10 ms median.
The figures are recorded in docs/benchmarks.md; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate, mark_used  # noqa: E402
from workbench.commands import SetCell  # noqa: E402
from workbench.project import Project  # noqa: E402


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def row(name: str, samples: list[float], budget: str = "") -> str:
    med = statistics.median(samples) * 1000
    worst = max(samples) * 1000
    return f"| {name} | {med:,.1f} ms | {worst:,.1f} ms | {len(samples)} | {budget} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    parser.add_argument("--out", type=Path, help="where to generate (default: a temp folder)")
    parser.add_argument("--project", type=Path, help="measure this generated project instead")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mpw-bench-"))
    os.environ.setdefault("MPW_DATA_DIR", str(folder / "data"))
    lines = ["| operation | median | worst | runs | budget |", "|---|---|---|---|---|"]
    if args.project:
        path = args.project
    else:
        path = args.out or folder / "bench.mpw"
        create = timed(lambda: generate(path))
        lines.append(row("create (generate 500 cases / 100k excerpts / 2k sources)", create))
    lines.append(
        row(
            "mark used (ANALYZE: the statistics closing a project writes)",
            timed(lambda: mark_used(path)),
        )
    )
    size_mb = path.stat().st_size / 1e6

    def open_close() -> None:
        Project.open(path, backup=False).close()

    lines.append(
        row(
            "open (header, lock, schema, quick_check, framework) + close",
            timed(open_close, 7),
            "< 1 s",
        )
    )

    def open_with_backup() -> None:
        Project.open(path, wait_for_backup=True).close()

    lines.append(
        row("open + verified backup (runs in background normally)", timed(open_with_backup, 3))
    )

    project = Project.open(path, backup=False)
    lines.append(
        row("list cases (summaries with 4 scores)", timed(project.store.case_summaries, 11))
    )
    store = project.store
    lines.append(
        row("source list (2,000 sources with excerpt counts)", timed(store.source_summaries, 7))
    )
    lines.append(row("excerpts of one source", timed(lambda: store.excerpts_for_source(1000), 21)))
    every_case = [c["id"] for c in store.case_summaries()]
    lines.append(
        row(
            "sources cited by every case (bibliography of 500 cases)",
            timed(lambda: store.sources_for_cases(every_case), 3),
        )
    )
    scores = iter(range(10_000))

    def one_command() -> None:
        project.execute(SetCell(250, "compulsory", score=next(scores) % 5))

    lines.append(
        row(
            "apply one command (SetCell, commit, synchronous=FULL)",
            timed(one_command, 101),
            "< 10 ms median",
        )
    )
    lines.append(row("undo one command", timed(project.history.undo, 51)))

    from workbench.search import SearchFilters, search

    queries = [
        ("rare word", "Case 250", SearchFilters()),
        ("common word", "migration", SearchFilters()),
        ("two words", "visa readmission", SearchFilters()),
        ("prefix while typing", "securit", SearchFilters()),
        ("phrase", '"border deterrence"', SearchFilters()),
        ("word + case filter", "funding", SearchFilters(case_id=250)),
        (
            "word + power type + evidence type",
            "asylum",
            SearchFilters(power_type_id="structural", evidence_type="interview"),
        ),
        ("word + source filter", "regime", SearchFilters(source_id=1000)),
    ]
    all_search: list[float] = []
    for name, text, filters in queries:
        samples = timed(lambda t=text, f=filters: search(project.store, t, f), 11)
        all_search.extend(samples)
        lines.append(row(f"search: {name} ({text})", samples))
    lines.append(row("search: all queries above", all_search, "< 50 ms median"))
    project.close()

    def check() -> None:
        subprocess.run(
            [sys.executable, "-m", "workbench", "check", str(path)], check=True, capture_output=True
        )

    lines.append(
        row("`workbench check` (full integrity + FK + orphans, new process)", timed(check, 3))
    )
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}"
    )
    print(f"Project file: {size_mb:.1f} MB\n")
    print("\n".join(lines))
    if args.keep:
        print(f"\nkept {path}")


if __name__ == "__main__":
    main()
