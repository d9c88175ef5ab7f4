"""A chart as a figure for a paper or a slide: laid out for its size and type, then
written as SVG or PDF (vector, text as text) or PNG.

    figure = build_figure("mechanisms", comparison, options, FigureSpec(8.5, 8))
    write_figure_file(figure, Path("fig2.svg"))

A size that cannot hold every name whole is refused (FigureDoesNotFit) with the
smallest size that can; a height left open is the height the content needs.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from ui.charts.figure_base import DOTS_PER_METRE_96, FigureBase
from ui.charts.style import ChartStyle
from ui.charts.vector import pdf_document, svg_document
from workbench.analysis.comparison import ChartOptions, Comparison
from workbench.analysis.figure_spec import FigureDoesNotFit, FigureSpec, px_to_cm
from workbench.atomic import atomic_path

INCH_PER_METRE = 39.37007874


def figure_class(kind: str) -> type[FigureBase]:
    from ui.charts.figure_compare import CompareFigure
    from ui.charts.figure_grid import HeatmapFigure, MechanismFigure, ProfileFigure
    from ui.charts.figure_plane import PlaneFigure

    classes = {
        "heatmap": HeatmapFigure,
        "mechanisms": MechanismFigure,
        "plane": PlaneFigure,
        "profiles": ProfileFigure,
        "compare": CompareFigure,
    }
    try:
        return classes[kind]
    except KeyError:
        raise ValueError(
            f"unknown chart kind {kind!r}; expected one of {', '.join(classes)}"
        ) from None


def _round_up(cm: float) -> float:
    return -(-cm * 10 // 1) / 10  # up to the next millimetre


def build_figure(
    kind: str,
    comparison: Comparison,
    options: ChartOptions | None,
    spec: FigureSpec,
    style: ChartStyle | None = None,
) -> FigureBase:
    """The figure laid out at the spec's size; FigureDoesNotFit names the smallest that fits."""
    figure = figure_class(kind)(comparison, options or ChartOptions(), spec, style or ChartStyle())
    width = spec.width_px
    narrowest = figure.min_width()
    if width + 0.5 < narrowest:
        need = _round_up(px_to_cm(narrowest))
        raise FigureDoesNotFit(
            f"at {spec.type_size:g} pt the {kind} chart needs at least {need:g} cm of width "
            f"for every name to be whole (asked: {spec.width_cm:g} cm)",
            need,
            spec.height_cm or 0.0,
        )
    needed = figure.needed_height(width)
    height = spec.height_px
    if height is None:
        height = figure.natural_height(width)
    elif height + 0.5 < needed:
        need = _round_up(px_to_cm(needed))
        raise FigureDoesNotFit(
            f"at {spec.width_cm:g} cm wide and {spec.type_size:g} pt the {kind} chart of "
            f"{len(comparison.cases)} cases needs at least {need:g} cm of height "
            f"(asked: {spec.height_cm:g} cm)",
            spec.width_cm,
            need,
        )
    figure.width, figure.height = width, height
    return figure


def _paint(figure: FigureBase, painter: QPainter) -> None:
    painter.fillRect(QRectF(0, 0, figure.width, figure.height), figure.style.background)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    figure.paint(painter)


def svg_bytes(figure: FigureBase, title: str = "") -> bytes:
    data = svg_document(
        QSize(round(figure.width), round(figure.height)),
        QRectF(0, 0, figure.width, figure.height),
        96,
        title or figure.title_text,
        lambda painter: _paint(figure, painter),
    )
    return exact_size(with_font_fallback(data), figure.width, figure.height)


def exact_size(svg: bytes, width: float, height: float) -> bytes:
    """The size on paper to the hundredth of a millimetre: the generator rounds the size
    to whole pixels (8.5 cm would print as 84.93 mm)."""
    mm = f'width="{px_to_cm(width) * 10:.2f}mm" height="{px_to_cm(height) * 10:.2f}mm"'
    return re.sub(rb'width="[\d.]+mm" height="[\d.]+mm"', mm.encode(), svg, count=1)


def with_font_fallback(svg: bytes) -> bytes:
    """Each font named with a generic family after it, so that a reader without the
    font still sees a sans-serif face, never a default serif."""

    def fallback(match: re.Match) -> bytes:
        family = match.group(1).decode("utf-8")
        if "," in family:
            return match.group(0)
        if family.lower() in ("sans serif", "sans-serif", ""):  # Qt's default, not a font
            return b'font-family="sans-serif"'
        return f"font-family=\"'{family}', sans-serif\"".encode()

    return re.sub(rb'font-family="([^"]*)"', fallback, svg)


def pdf_bytes(figure: FigureBase, title: str = "") -> bytes:
    return pdf_document(
        figure.width,
        figure.height,
        96,
        title or figure.title_text,
        lambda painter: _paint(figure, painter),
        "figure",
    )


def png_image(figure: FigureBase, dpi: float = 300.0) -> QImage:
    """The figure at `dpi`, drawn at that resolution (not enlarged), its DPI recorded."""
    ratio = dpi / 96.0
    image = QImage(
        round(figure.width * ratio), round(figure.height * ratio), QImage.Format.Format_ARGB32
    )
    image.setDotsPerMeterX(DOTS_PER_METRE_96)  # fonts in points take their figure size
    image.setDotsPerMeterY(DOTS_PER_METRE_96)
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    try:
        _paint(figure, painter)
    finally:
        painter.end()
    image.setDevicePixelRatio(1.0)
    dots = round(dpi * INCH_PER_METRE)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


def figure_bytes(figure: FigureBase, fmt: str, dpi: float = 300.0) -> bytes:
    if fmt == "svg":
        return svg_bytes(figure)
    if fmt == "pdf":
        return pdf_bytes(figure)
    if fmt == "png":
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        png_image(figure, dpi).save(buffer, "PNG")
        buffer.close()
        return bytes(data)
    raise ValueError(f"cannot write {fmt!r} figures; use svg, pdf or png")


def write_figure_file(figure: FigureBase, path: Path, dpi: float = 300.0) -> None:
    """SVG, PDF or PNG by the file's extension; an earlier file survives a failure."""
    fmt = Path(path).suffix.lower().lstrip(".")
    data = figure_bytes(figure, fmt, dpi)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


__all__ = ["FigureDoesNotFit", "FigureSpec", "build_figure", "write_figure_file"]
