"""Time the desktop application on the large synthetic project (offscreen).

    python benchmarks/ui_benchmarks.py [--project bench.mpw]

Budgets: window shown and interactive < 1.5 s after launch (also reported as a
ratio to a bare PySide6 window launched the same way); selecting a case and
showing its matrix < 50 ms; one edit round trip (key press → command → commit →
views updated) < 30 ms.
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

LAUNCH_APP = """
import sys, time
from PySide6.QtCore import QTimer
from ui.app import create_application
from ui.main_window import MainWindow
from pathlib import Path
app = create_application()
w = MainWindow()
w.show()
w.open_path(Path(sys.argv[1]))
def ready():
    print(time.time(), flush=True)
    w.close_project()
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
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
    print(time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def launch(script: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip().splitlines()[-1]) - start


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:,.1f} ms (worst {max(samples) * 1000:,.1f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mpw-uibench-"))
    os.environ["MPW_DATA_DIR"] = str(home / "data")
    os.environ["MPW_CONFIG_DIR"] = str(home / "config")
    path = args.project
    if path is None:
        from benchmarks.generate import generate

        path = generate(home / "bench.mpw")

    launches = [launch(LAUNCH_APP, str(path)) for _ in range(5)]
    bare = [launch(LAUNCH_BARE) for _ in range(5)]

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.app import create_application
    from ui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.open_path(path)
    app.processEvents()
    panel = window.view.case_list
    select = []
    for row in range(0, 500, 10):
        t = time.perf_counter()
        panel.select_case(panel.model.case_id(row))
        app.processEvents()
        select.append(time.perf_counter() - t)
    assert window.view.matrix.case.id == panel.model.case_id(490)

    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    edits = []
    for i in range(60):
        key = (Qt.Key.Key_1, Qt.Key.Key_3)[i % 2]
        t = time.perf_counter()
        QTest.keyClick(quadrant, key)
        app.processEvents()
        edits.append(time.perf_counter() - t)
    expected = 3 if 59 % 2 else 1
    assert window.view.matrix.case.cells["compulsory"].score == expected
    window.close()
    QApplication.processEvents()

    ratio = statistics.median(launches) / statistics.median(bare)
    print(f"Project: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    print("| measure | median | budget |")
    print("|---|---|---|")
    print(f"| launch → window shown and interactive | {ms(launches)} | < 1.5 s |")
    print(f"| bare PySide6 window, same launch | {ms(bare)} | |")
    print(f"| ratio application / bare window | {ratio:.2f}× | |")
    print(f"| select a case and show its matrix | {ms(select)} | < 50 ms |")
    print(f"| edit round trip (key → command → commit → views) | {ms(edits)} | < 30 ms |")


if __name__ == "__main__":
    main()
