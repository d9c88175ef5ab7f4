"""Charts without a window: the interactive chart built offscreen at a given size, and
`render_chart`, which writes a figure laid out for its size on paper (ui.charts.figure).

`workbench chart` uses render_chart; build_chart serves tests and benchmarks of the
window's charts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_WIDTH_CM = 17.0  # a journal's full text width
DEFAULT_HEIGHT_CM = 11.0
MAX_DEFAULT_HEIGHT = 3000.0  # logical pixels
CM_PER_INCH = 2.54


def ensure_application():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["workbench-chart"])


def font_installed(family: str) -> bool:
    ensure_application()
    from PySide6.QtGui import QFontDatabase

    return family.lower() in {f.lower() for f in QFontDatabase.families()}


def chart_class(kind: str):
    from ui.charts.compare import SideBySide
    from ui.charts.heatmap import MechanismHeatmap, TypeHeatmap
    from ui.charts.plane import PlaneChart
    from ui.charts.profiles import ProfileChart

    classes = {
        "heatmap": TypeHeatmap,
        "mechanisms": MechanismHeatmap,
        "plane": PlaneChart,
        "profiles": ProfileChart,
        "compare": SideBySide,
    }
    try:
        return classes[kind]
    except KeyError:
        raise ValueError(
            f"unknown chart kind {kind!r}; expected one of {', '.join(classes)}"
        ) from None


def parse_size(text: str | None, dpi: float) -> tuple[float, float] | None:
    """'1600x1000' (pixels at `dpi`) or '17x11cm' → the chart's logical size (96 per inch).

    Raises ValueError naming what is wrong.
    """
    if not text:
        return None
    raw = text.strip().lower()
    unit_cm = raw.endswith("cm")
    raw = raw.removesuffix("cm").removesuffix("px")
    parts = raw.replace("×", "x").split("x")
    try:
        w, h = (float(p) for p in parts)
    except ValueError:
        raise ValueError(
            f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 2000x1300 or 17x11cm"
        ) from None
    if w <= 0 or h <= 0:
        raise ValueError(f"--size {text!r}: width and height must be positive")
    if unit_cm:
        return w / CM_PER_INCH * 96.0, h / CM_PER_INCH * 96.0
    return w * 96.0 / dpi, h * 96.0 / dpi


def default_size(kind: str, rows: int) -> tuple[float, float]:
    """17 × 11 cm, taller for a heatmap or dot plot with many cases (24 px a row, to a limit)."""
    width = DEFAULT_WIDTH_CM / CM_PER_INCH * 96.0
    height = DEFAULT_HEIGHT_CM / CM_PER_INCH * 96.0
    if kind in ("heatmap", "mechanisms", "profiles"):
        header = 340 if kind == "mechanisms" else 120
        # a row per case, up to about 80 cm: beyond that the rows get thinner
        height = min(max(height, rows * 24 + header), MAX_DEFAULT_HEIGHT)
    return width, height


def build_chart(kind: str, comparison, options=None, size=None, style=None):
    """A chart of `kind` drawn offscreen at `size` (logical pixels)."""
    ensure_application()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.charts.style import ChartStyle

    chart = chart_class(kind)(style or ChartStyle())
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    width, height = size or default_size(kind, len(comparison.cases))
    chart.resize(round(width), round(height))
    chart.show()
    chart.show_comparison(comparison, options)
    QApplication.processEvents()
    chart.redraw()  # again, now that the layout has its final geometry
    QApplication.processEvents()
    return chart


def render_chart(kind: str, comparison, out: Path, spec, dpi: float = 300.0, options=None) -> None:
    """Write the chart as a figure laid out for `spec` (a FigureSpec), as SVG, PDF or
    PNG by the extension of `out`. Raises FigureDoesNotFit naming the smallest size."""
    ensure_application()
    from ui.charts.figure import build_figure, write_figure_file

    write_figure_file(build_figure(kind, comparison, options, spec), out, dpi)
