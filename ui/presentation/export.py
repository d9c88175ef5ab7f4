"""Slides and handouts drawn with the presentation's own painting.

- a slide: the matrix as the room sees it, PNG at 1920×1080 or SVG (text kept as text);
- a handout: one A4 page per case with the matrix, the memos' first sentences, the key
  excerpts with their citations and the full references (QPdfWriter, vector).
Every file is written through the core's crash-safe writer: a failure leaves any
earlier file as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from ui.presentation.canvas import MIN_TEXT_FRACTION, Canvas, TextRun, TypeScale
from ui.presentation.content import ReferenceCache, evidence_lines, excerpt_counts
from ui.presentation.slide import (
    SlideContent,
    actors_line,
    differing_types,
    paint_matrix,
    paint_side_by_side,
    paint_slide,
)
from ui.presentation.theme import LIGHT, PresentationTheme
from workbench import queries, votes
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


Paint = Callable[[Canvas, QRectF], None]


def _slide_paint(project: Project, case_id: int, theme: PresentationTheme) -> tuple[Paint, str]:
    content = _content(project, case_id, theme)
    return (lambda canvas, rect: paint_slide(canvas, rect, content)), content.case.title


def _side_by_side_paint(
    project: Project, case_ids: Sequence[int], theme: PresentationTheme
) -> tuple[Paint, str]:
    contents = [_content(project, case_id, theme) for case_id in case_ids]
    for content in contents:
        content.differs = differing_types(contents)
    title = " · ".join(c.case.name for c in contents)
    return (lambda canvas, rect: paint_side_by_side(canvas, rect, contents)), title


def _png(paint: Paint) -> bytes:
    image = QImage(SLIDE_SIZE, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint(Canvas(painter, TypeScale(SLIDE_SIZE.height())), QRectF(image.rect()))
    finally:
        painter.end()
    return _image_bytes(image)


def _svg(paint: Paint, title: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(SLIDE_SIZE)
    generator.setViewBox(QRectF(0, 0, SLIDE_SIZE.width(), SLIDE_SIZE.height()))
    generator.setResolution(96)  # pixels are points at 96 dpi: font sizes stay as drawn
    generator.setTitle(title)
    generator.setDescription("Migration Power Workbench")
    painter = QPainter(generator)
    try:
        rect = QRectF(0, 0, SLIDE_SIZE.width(), SLIDE_SIZE.height())
        paint(Canvas(painter, TypeScale(SLIDE_SIZE.height())), rect)
    finally:
        painter.end()
    buffer.close()
    return bytes(data)


def slide_png(project: Project, case_id: int, theme: PresentationTheme = LIGHT) -> bytes:
    return _png(_slide_paint(project, case_id, theme)[0])


def slide_svg(project: Project, case_id: int, theme: PresentationTheme = LIGHT) -> bytes:
    return _svg(*_slide_paint(project, case_id, theme))


def _image_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def _write_drawing(paint: Paint, title: str, path: Path) -> None:
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        data = _png(paint)
    elif suffix == ".svg":
        data = _svg(paint, title)
    else:
        raise ValueError(
            f"{Path(path).name}: a slide is saved as .png or .svg, not {suffix or 'no extension'}"
        )
    write_bytes(data, path)


def write_slide(
    project: Project, case_id: int, path: Path, theme: PresentationTheme = LIGHT
) -> None:
    """PNG or SVG by the file's extension."""
    _write_drawing(*_slide_paint(project, case_id, theme), path)


def write_side_by_side(
    project: Project, case_ids: Sequence[int], path: Path, theme: PresentationTheme = LIGHT
) -> None:
    """Two or three cases' matrices as one slide, their differences marked."""
    _write_drawing(*_side_by_side_paint(project, case_ids, theme), path)


# --- handouts -------------------------------------------------------------------------


def first_sentence(text: str, limit: int) -> str:
    """A memo's summary: its first sentence, cut at a word when still too long."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + " …"


class HandoutWriter:
    """A handout written a page at a time (a long one is written between repaints, with
    progress and Cancel); nothing reaches the disk until `save`."""

    def __init__(
        self,
        project: Project,
        session: str | None = None,
        adopted: Collection[tuple[int, str]] = (),
    ) -> None:
        self.project = project
        self.session = session
        self.adopted = frozenset(adopted)
        self.pages = 0
        self._data = QByteArray()
        self._buffer = QBuffer(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._writer = QPdfWriter(self._buffer)
        self._writer.setResolution(HANDOUT_DPI)
        self._writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        self._writer.setCreator("Migration Power Workbench")
        self._writer.setTitle(f"{project.name}: handout")
        self._references = ReferenceCache(project)
        self._painter: QPainter | None = None

    def add_page(self, case_id: int) -> None:
        if self._painter is None:
            self._painter = QPainter(self._writer)
        else:
            self._writer.newPage()
        page = QRectF(self._writer.pageLayout().paintRectPixels(HANDOUT_DPI))
        page.moveTo(0, 0)
        paint_handout(
            self._painter,
            page,
            self.project,
            case_id,
            self._references,
            session=self.session,
            adopted=self.adopted,
        )
        self.pages += 1

    def finish(self) -> bytes:
        if self._painter is None:
            raise ValueError("choose at least one case for the handout")
        self._painter.end()
        self._painter = None
        self._buffer.close()
        return bytes(self._data)

    def abandon(self) -> None:
        if self._painter is not None:
            self._painter.end()
            self._painter = None
        self._buffer.close()


def handout_pdf(
    project: Project,
    case_ids: Sequence[int],
    session: str | None = None,
    adopted: Collection[tuple[int, str]] = (),
) -> bytes:
    """One A4 page per case, in the order given."""
    if not case_ids:
        raise ValueError("choose at least one case for the handout")
    writer = HandoutWriter(project, session, adopted)
    try:
        for case_id in case_ids:
            writer.add_page(case_id)
    except BaseException:
        writer.abandon()
        raise
    return writer.finish()


def write_handout(
    project: Project,
    case_ids: Sequence[int],
    path: Path,
    session: str | None = None,
    adopted: Collection[tuple[int, str]] = (),
) -> None:
    write_bytes(handout_pdf(project, case_ids, session, adopted), path)


def write_bytes(data: bytes, path: Path) -> None:
    """Crash-safe: a failure leaves any earlier file as it was."""
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


def vote_rounds(
    project: Project, case_id: int, session: str, adopted: Collection[tuple[int, str]]
) -> list[str]:
    """One line per quadrant the room voted on in the session: the distribution, the
    median and whether it became the score."""
    case = queries.case_detail(project, case_id)
    lines = []
    for power_type in project.framework.power_types:
        result = votes.tally(v.score for v in votes.votes(project, case_id, power_type.id, session))
        if not result.total:
            continue
        spread = ", ".join(f"{level}: {n}" for level, n in enumerate(result.counts))
        median = result.median_score
        cell = case.cells.get(power_type.id) if case else None
        if median is None:
            outcome = f"median {result.median:g}, split evenly: not adopted"
        else:
            label = project.framework.score_label(median)
            taken = (case_id, power_type.id) in adopted and cell is not None
            taken = taken and cell.score == median
            outcome = f"median {median} ({label}), " + ("adopted" if taken else "not adopted")
        noun = "vote" if result.total == 1 else "votes"
        lines.append(f"{power_type.label}: {result.total} {noun} ({spread}); {outcome}")
    return lines


def _pt(points: float) -> int:
    """Pixels at the handout's resolution for a type size in points."""
    return round(points * HANDOUT_DPI / 72)


def paint_handout(
    painter: QPainter,
    page: QRectF,
    project: Project,
    case_id: int,
    references: ReferenceCache,
    session: str | None = None,
    adopted: Collection[tuple[int, str]] = (),
) -> list[TextRun]:
    """One case's page (with the session's vote rounds when a session is given);
    returns what it wrote."""
    content = _content(project, case_id, LIGHT)
    case, framework, theme = content.case, content.framework, content.theme
    # the matrix's type scale: its smallest text at 8 pt
    canvas = Canvas(painter, TypeScale(_pt(8) / MIN_TEXT_FRACTION))
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

    rounds = vote_rounds(project, case_id, session, adopted) if session else []
    if rounds:
        y += heading(f"Votes · {session}")
        for text in rounds:
            y += canvas.text(
                QRectF(page.left(), y, page.width(), body * 3), text, body, theme.text, white
            )
        y += _pt(6)

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
        for item in evidence_lines(project, case, power_type, references, EXCERPTS_PER_TYPE):
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
