"""Time the comparison window on the large synthetic project (offscreen).

    python benchmarks/chart_benchmark.py [--project bench.mpw]

Budgets: launching the application no slower than a bare PySide6 window
holding one pyqtgraph plot (pyqtgraph loads only when the comparison opens);
first opening of the comparison window (in a fresh process, so the cost of
importing pyqtgraph counts) < 500 ms; redraw after a change of the
selection or of one score < 100 ms. Every time runs until the chart has
painted. The project gets its planner statistics (ANALYZE) first.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST_OPEN = """
import sys, time
from pathlib import Path
from ui.app import create_application
from ui.main_window import MainWindow
app = create_application()
w = MainWindow()
w.resize(1280, 800)
w.show()
w.open_path(Path(sys.argv[1]))
app.processEvents()
assert "pyqtgraph" not in sys.modules
t = time.perf_counter()
w.compare_action.trigger()
app.processEvents()
w.comparison_window.chart().viewport().repaint()
print(time.perf_counter() - t, flush=True)
w.close()
"""


BARE_PLOT = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication([])
w = QMainWindow()
w.setCentralWidget(pg.PlotWidget())
w.show()
def ready():
    print(0, time.time(), time.process_time(), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def first_open(path: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_OPEN, str(path)],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:,.1f} ms | {max(samples) * 1000:,.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mpw-chartbench-"))
    os.environ["MPW_DATA_DIR"] = str(home / "data")
    os.environ["MPW_CONFIG_DIR"] = str(home / "config")
    from benchmarks.generate import generate, mark_used

    path = args.project or generate(home / "bench.mpw")
    mark_used(path)  # ANALYZE

    from benchmarks.ui_benchmarks import LAUNCH_APP, compile_sources, launch, launch_details

    compile_sources()
    opens = [first_open(path) for _ in range(5)]
    # `workbench gui` with no project and no last project: the sample project (built
    # by the first run), in a home of its own
    sample_script = LAUNCH_APP.replace('main(["gui", sys.argv[1]])', 'main(["gui"])')
    assert sample_script != LAUNCH_APP
    sample_home = {"MPW_DATA_DIR": str(home / "sample"), "MPW_CONFIG_DIR": str(home / "sample")}
    samples = len(list((ROOT / "sample_cases" / "cases").glob("*.toml")))
    if launch_details(sample_script, env=sample_home).cases != samples:
        raise SystemExit("the launch without a project did not show the sample project")
    # alternated, so that a busy moment of the machine weighs on both alike
    app_launch, sample_launch, plot_launch = [], [], []
    for _ in range(7):
        app_launch.append(launch(LAUNCH_APP, str(path)))
        sample_launch.append(launch(sample_script, env=sample_home))
        plot_launch.append(launch(BARE_PLOT))

    from PySide6.QtWidgets import QApplication

    from ui.app import create_application
    from ui.main_window import MainWindow
    from workbench.analysis.comparison import KINDS
    from workbench.commands.matrix import SetCell

    app = create_application()
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.open_path(path)
    window.compare_action.trigger()
    compare = window.comparison_window
    compare.resize(1920, 1080)
    app.processEvents()

    def painted() -> None:
        app.processEvents()
        compare.chart().viewport().repaint()

    rows = []
    for kind in KINDS:
        compare.kind_tabs.setCurrentIndex(KINDS.index(kind))
        painted()
        selection, score = [], []
        for i in range(6):
            # the selection: all cases ↔ those the case list's filter shows
            window.view.case_list.filter.setText("Case 1" if i % 2 == 0 else "")
            compare.selection.setCurrentIndex(1)
            t = time.perf_counter()
            compare.selection.activated.emit(1)
            painted()
            selection.append(time.perf_counter() - t)
        window.view.case_list.filter.setText("")
        compare.selection.setCurrentIndex(0)
        compare.selection.activated.emit(0)
        painted()
        case_id = compare.comparison.cases[7].id
        for i in range(6):
            t = time.perf_counter()
            window.view.run(SetCell(case_id, "compulsory", score=i % 5))
            painted()
            score.append(time.perf_counter() - t)
            assert compare.comparison.case(case_id).scores[0] == i % 5
        rows.append((kind, selection, score))

    # ordering by similarity re-clusters all 500 profiles
    compare.kind_tabs.setCurrentIndex(0)
    compare.order.setCurrentIndex(compare.order.findData("similarity"))
    similarity = []
    for _ in range(5):
        t = time.perf_counter()
        compare.order.activated.emit(compare.order.currentIndex())
        painted()
        similarity.append(time.perf_counter() - t)
    window.close()
    QApplication.processEvents()

    print(f"Project: {path} ({path.stat().st_size / 1e6:.0f} MB, 500 cases)")
    print("| measure | median | worst | budget |")
    print("|---|---|---|---|")
    ratio = statistics.median(app_launch) / statistics.median(plot_launch)
    sample_ratio = statistics.median(sample_launch) / statistics.median(plot_launch)
    print(f"| launch → application window with the sample project | {ms(sample_launch)} | |")
    print(f"| launch → application window with this project | {ms(app_launch)} | |")
    print(f"| bare PySide6 window holding one pyqtgraph plot | {ms(plot_launch)} | |")
    ratio_sample = "ratio application / bare plot window, sample project"
    print(f"| {ratio_sample} | {sample_ratio:.2f}× | | ≤ 1× |")
    print(f"| ratio application / bare plot window, this project | {ratio:.2f}× | | |")
    first = "first opening of the comparison window (new process, heatmap)"
    print(f"| {first} | {ms(opens)} | < 500 ms |")
    for kind, selection, score in rows:
        print(f"| {kind}: redraw after a selection change | {ms(selection)} | < 100 ms |")
        print(f"| {kind}: redraw after one score change | {ms(score)} | < 100 ms |")
    similar = "heatmap: order by similarity (cluster 500 profiles) and redraw"
    print(f"| {similar} | {ms(similarity)} | |")


if __name__ == "__main__":
    main()
