"""Figures from a chart: SVG and PDF (vector, text kept as text), PNG at a chosen DPI, clipboard.

The chart's scene is rendered with QPainter straight into the target device
(pyqtgraph's own SVG exporter fails on PySide6 6.x):
- SVG: `QSvgGenerator` at the screen's logical DPI (72 would shift items).
- PDF: `QPdfWriter` at the same resolution, page the size of the chart.
- PNG: drawn at the final pixel size with fonts and pens scaled (a device pixel
  ratio of dpi/96), and the dots per metre set so that the file says its DPI.
Bytes are written through the core's crash-safe writer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QRectF,
    QSize,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from ui.charts.base import Chart
from ui.charts.vector import pdf_document, svg_document
from workbench.atomic import atomic_path

FORMATS = ("svg", "pdf", "png")
SCREEN_DPI = 96.0
INCH_PER_METRE = 39.37007874


def _render(chart: Chart, painter: QPainter) -> None:
    scene = chart.scene()
    source = QRectF(0, 0, chart.width(), chart.height())
    with chart.every_case_shown():
        _export_mode(chart, True)
        try:
            painter.fillRect(source, chart.chart_style.background)
            target = chart.mapToScene(chart.viewport().rect()).boundingRect()
            scene.render(painter, source, target)
        finally:
            _export_mode(chart, False)


def _export_mode(chart: Chart, on: bool) -> None:
    """pyqtgraph items (scatter markers) draw as paths instead of cached bitmaps in export mode."""
    for item in chart.scene().items():
        if hasattr(item, "setExportMode"):
            item.setExportMode(on, {"antialias": True, "background": chart.chart_style.background})


def svg_bytes(chart: Chart, title: str = "", resolution: int | None = None) -> bytes:
    """SVG of the chart; `resolution` defaults to the logical DPI (others misplace items)."""
    from ui.charts.figure import with_font_fallback

    size = QSize(chart.width(), chart.height())
    data = svg_document(
        size,
        QRectF(0, 0, size.width(), size.height()),
        resolution or round(chart.logicalDpiX() or SCREEN_DPI),
        title or chart.title,
        lambda painter: _render(chart, painter),
    )
    return with_font_fallback(data)


def pdf_bytes(chart: Chart, title: str = "") -> bytes:
    dpi = round(chart.logicalDpiX() or SCREEN_DPI)
    return pdf_document(
        chart.width(),
        chart.height(),
        dpi,
        title or chart.title,
        lambda painter: _render(chart, painter),
        "chart",
    )


def png_image(chart: Chart, dpi: float = 300.0) -> QImage:
    """The chart drawn at `dpi` (its logical size × dpi/96 pixels), DPI recorded in the image."""
    ratio = dpi / SCREEN_DPI
    image = QImage(
        round(chart.width() * ratio), round(chart.height() * ratio), QImage.Format.Format_ARGB32
    )
    image.setDevicePixelRatio(ratio)
    image.fill(chart.chart_style.background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        _render(chart, painter)
    finally:
        painter.end()
    dots = round(dpi * INCH_PER_METRE)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.setDevicePixelRatio(1.0)
    return image


def png_bytes(chart: Chart, dpi: float = 300.0) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    png_image(chart, dpi).save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def figure_bytes(chart: Chart, fmt: str, dpi: float = 300.0) -> bytes:
    if fmt == "svg":
        return svg_bytes(chart)
    if fmt == "pdf":
        return pdf_bytes(chart)
    if fmt == "png":
        return png_bytes(chart, dpi)
    raise ValueError(f"cannot write {fmt!r} figures; use one of {', '.join(FORMATS)}")


def write_figure(chart: Chart, path: Path, dpi: float = 300.0) -> None:
    """Write SVG, PDF or PNG (by the file's extension); an earlier file survives a failure."""
    fmt = Path(path).suffix.lower().lstrip(".")
    data = figure_bytes(chart, fmt, dpi)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


def copy_to_clipboard(chart: Chart, dpi: float = 192.0) -> None:
    """The figure as an image and as SVG, so that vector-aware programs paste it sharp."""
    mime = QMimeData()
    mime.setImageData(png_image(chart, dpi))
    mime.setData("image/svg+xml", QByteArray(svg_bytes(chart)))
    QApplication.clipboard().setMimeData(mime)
