"""Size and start-up of an installed copy: the one-folder bundle and the wheel in a venv.

    python benchmarks/install_benchmark.py EXE [EXE ...] [--size-of DIR ...]

Start-up is launch to the window's first idle moment with the sample project listed
(`workbench gui PROJECT --quit-when-ready`, offscreen), median of 5 after one warm-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def startup(exe: Path, project: Path, env: dict[str, str], runs: int = 5) -> list[float]:
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        result = subprocess.run(
            [str(exe), "gui", str(project), "--quit-when-ready"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        elapsed = time.perf_counter() - start
        if "(12 cases listed)" not in result.stdout:
            raise SystemExit(f"{exe}: the window did not come up: {result.stdout}{result.stderr}")
        if n:  # the first run warms the disk cache
            times.append(elapsed)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("executables", nargs="+", type=Path)
    parser.add_argument("--size-of", nargs="*", type=Path, default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": work}
        env.update(XDG_DATA_HOME=f"{work}/data", XDG_CONFIG_HOME=f"{work}/config")
        project = Path(work) / "study.mpw"
        subprocess.run(
            [str(args.executables[0]), "new", str(project), "--samples"],
            env=env,
            check=True,
            capture_output=True,
        )
        for exe in args.executables:
            times = startup(exe, project, env)
            print(
                f"{exe}: start-up median {statistics.median(times):.2f} s "
                f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)"
            )
    for folder in args.size_of:
        print(f"{folder}: {folder_size(folder) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
