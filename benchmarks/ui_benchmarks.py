"""Time the desktop application on the large synthetic project, as a user meets it.

    python benchmarks/ui_benchmarks.py [--project bench.mpw] [--presses 40] [--show-sql]

The project is used first (planner statistics written, `generate.mark_used`).
Every measurement drives the window only through what a user can do — the real
`workbench gui` start, shortcuts, clicks and keys — so it keeps measuring the same
thing when the window's insides change:

- launch: process start → first idle event-loop turn with the project's cases
  listed (also as a ratio to a bare PySide6 window launched the same way);
- select a case: Down in the case list → the case's matrix shown;
- one score key press: a case clicked in the case list, Ctrl+M (focus on the
  compulsory quadrant), then "3" / "1" alternately. Each press is timed from the
  key event until the event loop is idle again, and every SQL statement run on any
  of the application's SQLite connections meanwhile is counted.

Launch is also given as the CPU time the process used until then, which
other processes on a busy machine cannot inflate.

Budgets: launch < 1.5 s; select a case < 50 ms; one score key press ≤ 5 SQL
statements and ≤ 10 ms median. Nothing here asserts them: the figures go to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The real start (`workbench gui PATH`); a zero timer reports the first idle turn of
# the event loop, after checking that the case list shows the project's cases.
LAUNCH_APP = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication
from ui.entry import main
app = QApplication(sys.argv[:1])
def ready():
    QApplication.processEvents()
    t = time.time()
    views = [w for w in app.allWidgets()
             if isinstance(w, QAbstractItemView) and w.accessibleName() == "Cases"]
    rows = views[0].model().rowCount() if views else -1
    print(rows, t, time.process_time(), flush=True)
    app.closeAllWindows()
    app.quit()
QTimer.singleShot(0, ready)
main(["gui", sys.argv[1]])
"""

LAUNCH_BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
w = QMainWindow()
w.setCentralWidget(QLabel("bare"))
w.show()
def ready():
    print(0, time.time(), time.process_time(), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


@dataclass(frozen=True)
class Launch:
    seconds: float  # process start → the script's ready line
    cpu_seconds: float | None  # CPU the process used until then (all its threads)
    cases: int | None  # cases listed, for scripts that report them


def compile_sources() -> None:
    """Write the application's bytecode as its first run on a user's machine does,
    so that launches do not compile every module again when the environment says
    PYTHONDONTWRITEBYTECODE."""
    import compileall

    for package in ("workbench", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def launch_details(script: str, *args: str, env: dict[str, str] | None = None) -> Launch:
    """Run a launch script whose last line is `TIME` or `CASES TIME CPU`;
    `env` adds to (or overrides) this process's environment."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode or not done.stdout.strip():
        raise SystemExit(f"the launch failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    fields = done.stdout.strip().splitlines()[-1].split()
    if len(fields) == 1:
        return Launch(float(fields[0]) - start, None, None)
    cases, stamp, cpu = fields
    return Launch(float(stamp) - start, float(cpu), int(cases))


def launch(script: str, *args: str, env: dict[str, str] | None = None) -> float:
    """Seconds from process start to the script's first idle event-loop turn."""
    return launch_details(script, *args, env=env).seconds


class SqlRecorder:
    """Counts the statements of every SQLite connection the application opens
    (found by wrapping sqlite3.connect, so no attribute of the window is needed)."""

    def __init__(self) -> None:
        self.recording = False
        self.statements: list[str] = []
        self._connect = sqlite3.connect

    def install(self) -> None:
        def connect(*args, **kwargs):
            conn = self._connect(*args, **kwargs)
            conn.set_trace_callback(self._trace)
            return conn

        sqlite3.connect = connect

    def _trace(self, sql: str) -> None:
        # "-- TRIGGER name" lines report a trigger's run, not a statement of their own
        if self.recording and not sql.startswith("--"):
            self.statements.append(sql)

    def start(self) -> None:
        self.statements = []
        self.recording = True

    def stop(self) -> list[str]:
        self.recording = False
        return self.statements


def wait_idle(app, recorder: SqlRecorder) -> None:
    """Process events until a whole pass runs no SQL and no pooled worker is busy."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    for _ in range(10_000):
        before = len(recorder.statements)
        app.processEvents()
        if len(recorder.statements) == before and pool.activeThreadCount() == 0:
            return
        if pool.activeThreadCount():
            time.sleep(0.0005)
    raise RuntimeError("the application never became idle")


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:,.1f} ms (worst {max(samples) * 1000:,.1f} ms)"


def stored_score(path: Path, case_title: str, power_type: str) -> int | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT m.score FROM matrix_cell m JOIN study_case c ON c.id = m.case_id "
            "WHERE c.title = ? AND m.power_type_id = ?",
            (case_title, power_type),
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        raise RuntimeError(f"no case titled {case_title!r} in {path}")
    return row[0]


def in_process(path: Path, presses: int, show_sql: bool) -> dict[str, object]:
    """Open the project with Ctrl+O, then time case selection and score key presses."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog

    from ui.app import create_application
    from ui.case_list_model import CASE_ID_ROLE
    from ui.main_window import MainWindow

    recorder = SqlRecorder()
    recorder.install()
    app = create_application()
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(path), ""))
    threads_before = threading.active_count()
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    wait_idle(app, recorder)
    deadline = time.monotonic() + 120  # let the background backup of the opened file end
    while threading.active_count() > threads_before and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)

    views = [
        w
        for w in window.findChildren(QAbstractItemView)
        if w.accessibleName() == "Cases" and w.isVisible()
    ]
    if not views or views[0].model().rowCount() == 0:
        raise RuntimeError("Ctrl+O did not show the project's cases")
    cases = views[0]

    def click_row(row: int) -> None:
        index = cases.model().index(row, 0)
        cases.scrollTo(index)
        QTest.mouseClick(
            cases.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            cases.visualRect(index).center(),
        )
        wait_idle(app, recorder)

    click_row(0)
    select = []
    for _ in range(50):
        t = time.perf_counter()
        QTest.keyClick(cases, Qt.Key.Key_Down)
        wait_idle(app, recorder)
        select.append(time.perf_counter() - t)

    click_row(3)
    title = cases.currentIndex().siblingAtColumn(0).data()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    wait_idle(app, recorder)
    quadrant = QApplication.focusWidget()
    name = quadrant.accessibleName() if quadrant else ""
    if not name.startswith("Compulsory"):
        raise RuntimeError(f"Ctrl+M focused {name!r}, not the compulsory quadrant")

    def press_scores() -> tuple[list[float], list[int], list[str], int]:
        keys = {3: Qt.Key.Key_3, 1: Qt.Key.Key_1}
        times: list[float] = []
        counts: list[int] = []
        last: list[str] = []
        score = 0
        for i in range(presses + 2):  # the first two presses warm up and are not counted
            score = 3 if i % 2 == 0 else 1
            recorder.start()
            t = time.perf_counter()
            QTest.keyClick(quadrant, keys[score])
            wait_idle(app, recorder)
            elapsed = time.perf_counter() - t
            last = recorder.stop()
            if i >= 2:
                times.append(elapsed)
                counts.append(len(last))
        recorder.start()  # work deferred by timers would escape the figures: look for it
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        late = recorder.stop()
        if late:
            print(f"warning: {len(late)} SQL statements ran after the window looked idle:")
            print("\n".join(f"  {' '.join(s.split())[:160]}" for s in late))
        return times, counts, last, score

    times, counts, last, score = press_scores()
    # the same with the comparison window open over every case (Ctrl+Shift+C)
    window.compare_action.trigger()
    wait_idle(app, recorder)
    comparison = window.comparison_window
    if comparison is None or comparison.full is None:
        raise RuntimeError("Compare Cases did not open the comparison")
    window.activateWindow()
    quadrant.setFocus()
    open_times, open_counts, _, score = press_scores()
    if comparison.full.case(cases.currentIndex().data(CASE_ID_ROLE)).scores[0] != score:
        raise RuntimeError("the comparison did not follow the key presses")
    comparison.close()
    if stored_score(path, title, "compulsory") != score:
        raise RuntimeError(f"the key presses did not reach the file (case {title!r})")
    window.close()
    QApplication.processEvents()
    if show_sql:
        print("SQL of the last score key press:")
        print("\n".join(f"  {' '.join(s.split())[:160]}" for s in last))
    return {
        "select": select,
        "press_times": times,
        "press_counts": counts,
        "open_times": open_times,
        "open_counts": open_counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a generated project (default: a new one)")
    parser.add_argument("--presses", type=int, default=40, help="score key presses to time")
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--show-sql", action="store_true", help="list one key press's SQL")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mpw-uibench-"))
    os.environ["MPW_DATA_DIR"] = str(home / "data")
    os.environ["MPW_CONFIG_DIR"] = str(home / "config")
    from benchmarks.generate import generate, mark_used

    path = args.project or generate(home / "bench.mpw")
    mark_used(path)
    compile_sources()

    runs = [launch_details(LAUNCH_APP, str(path)) for _ in range(args.launches)]
    if any(not r.cases for r in runs):
        raise SystemExit("a launched window listed no cases")
    launches = [r.seconds for r in runs]
    cpu = [r.cpu_seconds for r in runs]
    bare_runs = [launch_details(LAUNCH_BARE) for _ in range(args.launches)]
    bare = [r.seconds for r in bare_runs]
    bare_cpu = [r.cpu_seconds for r in bare_runs]
    got = in_process(path, args.presses, args.show_sql)
    counts = got["press_counts"]

    ratio = statistics.median(launches) / statistics.median(bare)
    print(f"Project: {path} ({path.stat().st_size / 1e6:.0f} MB, planner statistics written)")
    print("| measure | median | budget |")
    print("|---|---|---|")
    print(f"| launch (`workbench gui`) → cases listed, idle | {ms(launches)} | < 1.5 s |")
    print(f"| launch, CPU time of the process until then | {ms(cpu)} | |")
    print(f"| bare PySide6 window, same launch | {ms(bare)} | |")
    print(f"| bare PySide6 window, CPU time | {ms(bare_cpu)} | |")
    print(f"| ratio application / bare window | {ratio:.2f}× | |")
    print(
        f"| select a case (Down in the case list) → matrix shown | {ms(got['select'])} | < 50 ms |"
    )
    print(
        f"| one score key press in the matrix → idle ({len(counts)} presses) "
        f"| {ms(got['press_times'])} | ≤ 10 ms |"
    )
    print(
        f"| SQL statements per score key press | {statistics.median(counts):g} "
        f"(min {min(counts)}, max {max(counts)}) | ≤ 5 |"
    )
    open_counts = got["open_counts"]
    print(
        f"| one score key press with the comparison open (every case) → idle "
        f"| {ms(got['open_times'])} | < 100 ms (a chart redraw) |"
    )
    print(
        f"| SQL statements per key press, comparison open | {statistics.median(open_counts):g} "
        f"(min {min(open_counts)}, max {max(open_counts)}) | ≤ 5 |"
    )


if __name__ == "__main__":
    main()
