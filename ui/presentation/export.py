"""Slides and handouts drawn with the presentation's own painting.

- a slide: the matrix as the room sees it, PNG at 1920×1080 or SVG (text kept as text);
- a handout: one A4 page per case with the matrix, the memos' first sentences, the key
  excerpts with their citations and the full references (QPdfWriter, vector).
Every file is written through the core's crash-safe writer: a failure leaves any
earlier file as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from ui.presentation.canvas import Canvas, TextRun, TypeScale
from ui.presentation.content import ReferenceCache, evidence_lines, excerpt_counts
from ui.presentation.slide import SlideContent, actors_line, paint_matrix, paint_slide
from ui.presentation.theme import LIGHT, PresentationTheme
from workbench import queries
from workbench.atomic import atomic_path
from workbench.project import Project

SLIDE_SIZE = QSize(1920, 1080)
HANDOUT_DPI = 300
EXCERPTS_PER_TYPE = 2
EXCERPT_CHARS = 240
MEMO_CHARS = 220


def _content(project: Project, case_id: int, theme: PresentationTheme) -> SlideContent:
    case = queries.case_detail(project, case_id)
    if case is None:
        raise ValueError(f"case {case_id} no longer exists")
    counts = excerpt_counts(project, case)
    return SlideContent(case, project.framework, theme, hint="", evidence_counts=counts)


def slide_png(project: Project, case_id: int, theme: PresentationTheme = LIGHT) -> bytes:
    content = _content(project, case_id, theme)
    image = QImage(SLIDE_SIZE, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint_slide(Canvas(painter, TypeScale(SLIDE_SIZE.height())), QRectF(image.rect()), content)
    finally:
        painter.end()
    return _image_bytes(image)


def slide_svg(project: Project, case_id: int, theme: PresentationTheme = LIGHT) -> bytes:
    content = _content(project, case_id, theme)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(SLIDE_SIZE)
    generator.setViewBox(QRectF(0, 0, SLIDE_SIZE.width(), SLIDE_SIZE.height()))
    generator.setResolution(96)  # pixels are points at 96 dpi: font sizes stay as drawn
    generator.setTitle(content.case.title)
    generator.setDescription("Migration Power Workbench")
    painter = QPainter(generator)
    try:
        rect = QRectF(0, 0, SLIDE_SIZE.width(), SLIDE_SIZE.height())
        paint_slide(Canvas(painter, TypeScale(SLIDE_SIZE.height())), rect, content)
    finally:
        painter.end()
    buffer.close()
    return bytes(data)


def _image_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def write_slide(
    project: Project, case_id: int, path: Path, theme: PresentationTheme = LIGHT
) -> None:
    """PNG or SVG by the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        data = slide_png(project, case_id, theme)
    elif suffix == ".svg":
        data = slide_svg(project, case_id, theme)
    else:
        raise ValueError(
            f"{Path(path).name}: a slide is saved as .png or .svg, not {suffix or 'no extension'}"
        )
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


# --- handouts -------------------------------------------------------------------------


def first_sentence(text: str, limit: int) -> str:
    """A memo's summary: its first sentence, cut at a word when still too long."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + " …"


def handout_pdf(project: Project, case_ids: Sequence[int]) -> bytes:
    """One A4 page per case, in the order given."""
    if not case_ids:
        raise ValueError("choose at least one case for the handout")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(HANDOUT_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setCreator("Migration Power Workbench")
    writer.setTitle(f"{project.name}: handout")
    references = ReferenceCache(project)
    painter = QPainter(writer)
    try:
        for i, case_id in enumerate(case_ids):
            if i:
                writer.newPage()
            page = QRectF(writer.pageLayout().paintRectPixels(HANDOUT_DPI))
            page.moveTo(0, 0)
            paint_handout(painter, page, project, case_id, references)
    finally:
        painter.end()
    buffer.close()
    return bytes(data)


def write_handout(project: Project, case_ids: Sequence[int], path: Path) -> None:
    data = handout_pdf(project, case_ids)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


def _pt(points: float) -> int:
    """Pixels at the handout's resolution for a type size in points."""
    return round(points * HANDOUT_DPI / 72)


def paint_handout(
    painter: QPainter, page: QRectF, project: Project, case_id: int, references: ReferenceCache
) -> list[TextRun]:
    """One case's page; returns what it wrote."""
    content = _content(project, case_id, LIGHT)
    case, framework, theme = content.case, content.framework, content.theme
    # the matrix's type scale: its smallest text at 8 pt
    canvas = Canvas(painter, TypeScale(_pt(8) * 44))
    white = theme.background
    y = page.top()
    y += canvas.text(
        QRectF(page.left(), y, page.width(), _pt(16) * 3),
        case.title,
        _pt(16),
        theme.text,
        white,
        bold=True,
    )
    line = "   ·   ".join(p for p in (case.period, case.region, actors_line(case)) if p)
    y += canvas.text(
        QRectF(page.left(), y, page.width(), _pt(10) * 3), line, _pt(10), theme.secondary, white
    )
    y += _pt(6)
    matrix = QRectF(page.left(), y, page.width(), page.height() * 0.4)
    paint_matrix(canvas, matrix, content)
    y = matrix.bottom() + _pt(10)

    body, small = _pt(10), _pt(8)

    def heading(title: str) -> float:
        """A section's title at the current height `y`; the height it took."""
        line = QRectF(page.left(), y, page.width(), canvas.line_height(_pt(11)))
        return canvas.text(line, title, _pt(11), theme.text, white, bold=True)

    memos = [
        (framework.power_type(pt.id).label, first_sentence(case.cells[pt.id].memo, MEMO_CHARS))
        for pt in framework.power_types
        if pt.id in case.cells and case.cells[pt.id].memo.strip()
    ]
    if memos:
        y += heading("Memos")
        for label, memo in memos:
            y += canvas.text(
                QRectF(page.left(), y, page.width(), body * 3),
                f"{label}: {memo}",
                body,
                theme.text,
                white,
            )
        y += _pt(6)

    cited: list[str] = []
    excerpts = []
    for power_type in framework.power_types:
        for item in evidence_lines(project, case, power_type, references)[:EXCERPTS_PER_TYPE]:
            excerpts.append((power_type.label, item))
    if excerpts:
        y += heading("Key excerpts")
    bottom = page.bottom() - small * 8  # room for the references
    for label, item in excerpts:
        text = f"{label}. “{first_sentence(item.text, EXCERPT_CHARS)}” ({item.citation})"
        height = canvas.text_height(text, body, page.width())
        if y + height > bottom:
            break
        y += canvas.text(
            QRectF(page.left(), y, page.width(), height + 1), text, body, theme.text, white
        )
        y += _pt(2)
        if item.reference not in cited:
            cited.append(item.reference)
    if cited:
        y += _pt(6)
        y += heading("References")
        for reference in sorted(cited):
            y += canvas.text(
                QRectF(page.left(), y, page.width(), page.bottom() - y),
                reference,
                small,
                theme.secondary,
                white,
            )
    return canvas.runs
