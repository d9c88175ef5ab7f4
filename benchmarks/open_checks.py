"""What opening a project checks, timed on the large synthetic project.

    python benchmarks/open_checks.py PROJECT.mpw

Prints a Markdown table for docs/benchmarks.md: the schema comparison, SQLite's
quick_check (both run on every open for editing) and the whole open + close.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("MPW_DATA_DIR", tempfile.mkdtemp(prefix="mpw-bench-"))

from workbench.project import Project
from workbench.storage.schema_check import expected_schemas, schema_problems


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def row(name: str, samples: list[float], budget: str = "") -> str:
    return (
        f"| {name} | {statistics.median(samples):,.1f} ms | {max(samples):,.1f} ms "
        f"| {len(samples)} | {budget} |"
    )


def main() -> None:
    path = Path(sys.argv[1])
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    lines = ["| operation | median | worst | runs | budget |", "|---|---|---|---|---|"]
    first = timed(lambda: expected_schemas(3), 1)
    lines.append(row("expected schemas derived (once per process, in memory)", first))
    lines.append(
        row("schema check (sqlite_master compared)", timed(lambda: schema_problems(conn, 3), 21))
    )
    lines.append(
        row("quick_check", timed(lambda: conn.execute("PRAGMA quick_check").fetchall(), 7))
    )
    lines.append(
        row(
            "integrity_check (check, stale lock, backup)",
            timed(lambda: conn.execute("PRAGMA integrity_check").fetchall(), 3),
        )
    )
    conn.close()
    lines.append(
        row(
            "open (header, lock, schema, quick_check, framework) + close",
            timed(lambda: Project.open(path, backup=False).close(), 7),
            "< 1 s",
        )
    )
    print(f"{path.name}: {path.stat().st_size / 1e6:.0f} MB")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
