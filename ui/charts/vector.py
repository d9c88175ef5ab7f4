"""Vector documents drawn by a painter callback: SVG through QSvgGenerator, PDF through
QPdfWriter with a page the size of the drawing. The window's charts and the figures
laid out for paper both write through here, text kept as text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

Paint = Callable[[QPainter], None]
CREATOR = "Migration Power Workbench"


def _drawn(device, paint: Paint, data: QByteArray, buffer: QBuffer) -> bytes:
    painter = QPainter(device)
    try:
        paint(painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data)


def svg_document(size: QSize, view_box: QRectF, dpi: int, title: str, paint: Paint) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(view_box)
    generator.setResolution(dpi)
    generator.setTitle(title)
    generator.setDescription(CREATOR)
    return _drawn(generator, paint, data, buffer)


def pdf_document(
    width_px: float, height_px: float, dpi: float, title: str, paint: Paint, page_name: str
) -> bytes:
    """One page of exactly the drawing's size (`width_px` × `height_px` at `dpi`)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(round(dpi))
    points = QSizeF(width_px * 72.0 / dpi, height_px * 72.0 / dpi)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(
                points, QPageSize.Unit.Point, page_name, QPageSize.SizeMatchPolicy.ExactMatch
            ),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    return _drawn(writer, paint, data, buffer)
