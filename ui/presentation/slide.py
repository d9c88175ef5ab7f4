"""What a projected slide shows, painted with QPainter at any size: the same code draws
the window, the side-by-side view, PNG/SVG slides and PDF handouts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from ui.presentation.canvas import Canvas
from ui.presentation.theme import PresentationTheme
from workbench.framework import Framework, PowerType
from workbench.queries import CaseDetail
from workbench.votes import Tally

LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
CENTRE = Qt.AlignmentFlag.AlignCenter
RIGHT_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop


@dataclass(frozen=True)
class VoteView:
    """The focused quadrant's votes as the room sees them."""

    session: str
    tally: Tally
    revealed: bool
    level: int  # the level + and − count at
    adopted: int | None = None  # the median, once adopted as the quadrant's score


@dataclass(frozen=True)
class EvidenceLine:
    text: str
    citation: str  # short, author-date with locator
    reference: str  # the full formatted reference
    mechanism: str
    note: str


@dataclass
class SlideContent:
    case: CaseDetail
    framework: Framework
    theme: PresentationTheme
    focused: str | None = None  # power type id
    notes: bool = False
    position: tuple[int, int] | None = None  # (index from 1, count)
    votes: VoteView | None = None
    footer: str = ""
    hint: str = "?  keys"
    evidence_counts: dict[str, int] = field(default_factory=dict)
    differs: frozenset[str] = frozenset()  # side by side: quadrants whose scores differ


def differing_types(contents: list[SlideContent]) -> frozenset[str]:
    """Power types the compared cases score differently (unscored counts as a value)."""
    if len(contents) < 2:
        return frozenset()
    framework = contents[0].framework
    found = set()
    for power_type in framework.power_types:
        scores = set()
        for content in contents:
            cell = content.case.cells.get(power_type.id)
            scores.add(cell.score if cell else None)
        if len(scores) > 1:
            found.add(power_type.id)
    return frozenset(found)


def actors_line(case: CaseDetail) -> str:
    wielders = [a.name for a in case.actors if a.role == "wielder"]
    recipients = [a.name for a in case.actors if a.role == "recipient"]
    if not wielders and not recipients:
        return ""
    return f"{', '.join(wielders) or '—'}  →  {', '.join(recipients) or '—'}"


def present_mechanisms(case: CaseDetail, power_type: PowerType) -> list[tuple[str, int]]:
    """(label, strength) of the type's mechanisms coded present, strongest first."""
    found = []
    for order, mechanism in enumerate(power_type.mechanisms):
        coding = case.codings.get(mechanism.id)
        if coding is not None and (coding.strength or 0) > 0:
            found.append((-(coding.strength or 0), order, mechanism.label, coding.strength or 0))
    return [(label, strength) for _, _, label, strength in sorted(found)]


def type_evidence(case: CaseDetail, power_type: PowerType) -> int:
    """Links to the type's mechanisms (an excerpt on two mechanisms counts twice)."""
    return sum(case.evidence_counts.get(m.id, 0) for m in power_type.mechanisms)


# --- the whole slide ------------------------------------------------------------------


def paint_slide(canvas: Canvas, rect: QRectF, content: SlideContent) -> None:
    theme, scale = content.theme, canvas.scale
    canvas.fill(rect, theme.background)
    margin = scale.height / 40
    inner = rect.adjusted(margin, margin * 0.8, -margin, -margin * 0.6)
    top = paint_header(canvas, inner, content)
    footer_height = canvas.line_height(scale.small)
    matrix_rect = QRectF(
        inner.left(),
        top + margin * 0.5,
        inner.width(),
        inner.bottom() - footer_height - top - margin,
    )
    if content.votes is not None and content.focused:
        paint_vote_area(canvas, matrix_rect, content)
    else:
        paint_matrix(canvas, matrix_rect, content)
    footer = QRectF(inner.left(), inner.bottom() - footer_height, inner.width(), footer_height)
    paint_footer(canvas, footer, content)


def paint_header(canvas: Canvas, rect: QRectF, content: SlideContent) -> float:
    """Title, period and wielder → recipient; returns the bottom of the header."""
    theme, scale, case = content.theme, canvas.scale, content.case
    position_width = rect.width() * 0.12 if content.position else 0.0
    title_rect = QRectF(rect.left(), rect.top(), rect.width() - position_width, rect.height())
    title_box = QRectF(
        title_rect.left(),
        title_rect.top(),
        title_rect.width(),
        canvas.line_height(scale.title) * 2.05,
    )
    used = canvas.text(title_box, case.title, scale.title, theme.text, theme.background, bold=True)
    if content.position:
        index, count = content.position
        canvas.text(
            QRectF(
                rect.right() - position_width,
                rect.top(),
                position_width,
                canvas.line_height(scale.caption),
            ),
            f"{index} / {count}",
            scale.caption,
            theme.secondary,
            theme.background,
            align=RIGHT_TOP,
            wrap=False,
        )
    parts = [p for p in (case.period, actors_line(case)) if p]
    line = "   ·   ".join(parts)
    y = rect.top() + used
    if line:
        box = QRectF(rect.left(), y, title_rect.width(), canvas.line_height(scale.subtitle) * 2.05)
        y += canvas.text(box, line, scale.subtitle, theme.secondary, theme.background)
    return y


def paint_footer(canvas: Canvas, rect: QRectF, content: SlideContent) -> None:
    theme, scale = content.theme, canvas.scale
    hint_width = rect.width() * 0.2
    if content.footer:
        canvas.text(
            QRectF(rect.left(), rect.top(), rect.width() - hint_width, rect.height()),
            content.footer,
            scale.small,
            theme.text,
            theme.background,
            wrap=False,
        )
    if content.hint:
        canvas.text(
            QRectF(rect.right() - hint_width, rect.top(), hint_width, rect.height()),
            content.hint,
            scale.small,
            theme.secondary,
            theme.background,
            align=RIGHT_TOP,
            wrap=False,
        )


# --- the 2×2 ----------------------------------------------------------------------------


def paint_matrix(
    canvas: Canvas, rect: QRectF, content: SlideContent, compact: bool = False
) -> None:
    """Row and column names of Table 1 around the four quadrants."""
    theme, scale, framework = content.theme, canvas.scale, content.framework
    gap = scale.height / 90
    label_px = scale.small if compact else scale.caption
    column_band = canvas.line_height(label_px) * 1.2
    row_band = 0.0 if compact else row_band_width(canvas, framework, label_px) + gap
    grid = QRectF(
        rect.left() + row_band,
        rect.top() + column_band,
        rect.width() - row_band,
        rect.height() - column_band,
    )
    cell_w = (grid.width() - gap) / 2
    cell_h = (grid.height() - gap) / 2
    for c, column in enumerate(framework.columns):
        box = QRectF(grid.left() + c * (cell_w + gap), rect.top(), cell_w, column_band)
        canvas.text(
            box,
            column["label"],
            label_px,
            theme.secondary,
            theme.background,
            bold=True,
            align=CENTRE,
            wrap=False,
        )
    for r, row in enumerate(framework.rows):
        top = grid.top() + r * (cell_h + gap)
        if not compact:
            box = QRectF(rect.left(), top, row_band - gap, cell_h)
            canvas.text(
                box,
                row["label"],
                label_px,
                theme.secondary,
                theme.background,
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
        for c, column in enumerate(framework.columns):
            power_type = framework.at(row["id"], column["id"])
            cell = QRectF(grid.left() + c * (cell_w + gap), top, cell_w, cell_h)
            paint_quadrant(canvas, cell, content, power_type, compact)


def row_band_width(canvas: Canvas, framework: Framework, px: int) -> float:
    """Wide enough for the longest word of the row names, so that none is cut."""
    metrics = QFontMetricsF(canvas.font(px, bold=True))
    words = [w for row in framework.rows for w in row["label"].split()]
    return max((metrics.horizontalAdvance(w) for w in words), default=0.0) * 1.08


def paint_quadrant(
    canvas: Canvas,
    rect: QRectF,
    content: SlideContent,
    power_type: PowerType,
    compact: bool,
    hide_score: bool = False,
) -> None:
    """One quadrant; `hide_score` keeps the score from the room while it votes (a number
    on the screen would anchor the votes)."""
    theme, scale, case = content.theme, canvas.scale, content.case
    focused = content.focused == power_type.id
    canvas.fill(rect, theme.surface)
    frame = scale.height / 150 if focused else max(2.0, scale.height / 540)
    differs = power_type.id in content.differs
    if differs and not focused:  # as the comparison view marks it: outlined, and ≠
        canvas.dashed_frame(rect, theme.difference, scale.height / 200)
    else:
        canvas.frame(rect, theme.focus if focused else theme.line, frame)
    pad = scale.height / (110 if compact else 70) + frame
    inner = rect.adjusted(pad, pad * 0.7, -pad, -pad * 0.7)
    heading_px = scale.caption if compact else scale.heading
    heading_h = canvas.line_height(heading_px)
    evidence = content.evidence_counts.get(power_type.id, type_evidence(case, power_type))
    count_text = f"{evidence} excerpt{'s' if evidence != 1 else ''}" if evidence else "no evidence"
    count_w = (
        0.0
        if compact
        else QFontMetricsF(canvas.font(scale.small)).horizontalAdvance(count_text) * 1.1
    )
    if (
        count_w + QFontMetricsF(canvas.font(heading_px, True)).horizontalAdvance(power_type.label)
        > inner.width()
    ):
        count_w = 0.0  # a narrow quadrant: the name matters more than the count
    heading_text = f"{power_type.label}  ≠" if differs else power_type.label
    # a narrow quadrant (three cases on a 4:3 screen) sets its name smaller, not cut,
    # down to the smallest size the room reads
    while (
        heading_px > scale.small
        and QFontMetricsF(canvas.font(heading_px, True)).horizontalAdvance(heading_text)
        > inner.width() - count_w
    ):
        heading_px -= 1
    too_wide = QFontMetricsF(canvas.font(heading_px, True)).horizontalAdvance(heading_text)
    if differs and too_wide > inner.width() - count_w:
        heading_text = power_type.label  # the name comes first; the dashed outline marks it
    heading_h = canvas.line_height(heading_px)
    canvas.text(
        QRectF(inner.left(), inner.top(), inner.width() - count_w, heading_h),
        heading_text,
        heading_px,
        theme.text,
        theme.surface,
        bold=True,
        wrap=False,
    )
    if count_w:
        canvas.text(
            QRectF(
                inner.right() - count_w,
                inner.top() + (heading_h - canvas.line_height(scale.small)) / 2,
                count_w,
                heading_h,
            ),
            count_text,
            scale.small,
            theme.secondary,
            theme.surface,
            align=RIGHT_TOP,
            wrap=False,
        )
    body = QRectF(
        inner.left(),
        inner.top() + heading_h + pad * 0.4,
        inner.width(),
        inner.height() - heading_h - pad * 0.4,
    )
    cell = case.cells.get(power_type.id)
    score = cell.score if cell else None
    caption_px = scale.small if compact else scale.caption
    caption_h = canvas.line_height(caption_px) * (1 if compact else 2)
    label = "score hidden" if hide_score else content.framework.score_label(score)
    confidence = f"{cell.confidence} confidence" if cell and cell.confidence else ""
    captions = (
        [(label, caption_px)] if compact else [(label, caption_px), (confidence, scale.small)]
    )
    caption_w = max(
        QFontMetricsF(canvas.font(px)).horizontalAdvance(t) * 1.05 for t, px in captions
    )
    side = min(body.height() - caption_h, body.width() * (0.42 if compact else 0.3))
    # the column under the tile is as wide as its captions, so that none is cut
    column = min(max(side, caption_w), body.width() * 0.5)
    narrow = body.width() - column - pad < scale.body * 10
    if narrow:  # a 4:3 screen or three cases side by side: mechanisms go under the tile
        # the tile gives way to its captions ("moderate", "dominant") rather than cut them
        room = body.width() - pad - caption_w
        side = max(min(body.height() * 0.45, body.width() * 0.45, room), body.width() * 0.25)
        tile = QRectF(body.left(), body.top(), side, side)
        beside = room >= body.width() * 0.25  # else the captions go under the tile
        if beside:
            caption_box = QRectF(
                tile.right() + pad, tile.top(), body.right() - tile.right() - pad, side
            )
        else:
            side = min(body.width() * 0.5, body.height() * 0.3)
            tile = QRectF(body.left(), body.top(), side, side)
            lines = sum(canvas.line_height(px) for _, px in captions)
            caption_box = QRectF(body.left(), tile.bottom() + pad * 0.2, body.width(), lines)
        top = (tile if beside else caption_box).bottom() + pad * 0.5
        right = QRectF(body.left(), top, body.width(), body.bottom() - top)
    else:
        tile = QRectF(body.left() + (column - side) / 2, body.top(), side, side)
        caption_box = QRectF(body.left(), tile.bottom() + pad * 0.2, column, caption_h)
        right = QRectF(
            body.left() + column + pad, body.top(), body.width() - column - pad, body.height()
        )
    fill = theme.score_fill(None if hide_score else score)
    canvas.fill(tile, fill)
    canvas.frame(tile, theme.line, max(2.0, scale.height / 540))
    number_px = min(scale.score, round(side * 0.72))
    shown_score = None if hide_score else score
    canvas.text(
        tile,
        "?" if hide_score else "–" if score is None else str(score),
        number_px,
        theme.score_text(shown_score),
        fill,
        bold=True,
        align=CENTRE,
        wrap=False,
    )
    y = caption_box.top()
    if narrow and caption_box.top() == tile.top():  # beside the tile: centred on it
        y += (caption_box.height() - sum(canvas.line_height(px) for _, px in captions)) / 2
    align = Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag.AlignHCenter
    for caption, px in captions:
        if caption:
            canvas.text(
                QRectF(caption_box.left(), y, caption_box.width(), canvas.line_height(px)),
                caption,
                px,
                theme.text,
                theme.surface,
                align=align | Qt.AlignmentFlag.AlignTop,
                wrap=False,
            )
        y += canvas.line_height(px)
    memo_shown = content.notes and cell is not None and cell.memo and not compact
    # notes asked for: two lines of the memo are kept free of mechanisms
    reserve = canvas.line_height(scale.small) * 2 + pad * 0.3 if memo_shown else 0.0
    y = paint_mechanisms(
        canvas, right.adjusted(0, 0, 0, -reserve), content, power_type, compact, hide_score
    )
    if memo_shown and cell is not None:
        memo = QRectF(right.left(), y + pad * 0.3, right.width(), right.bottom() - y - pad * 0.3)
        canvas.text(
            memo, f"Memo: {cell.memo}", scale.small, theme.secondary, theme.surface, italic=True
        )


def paint_mechanisms(
    canvas: Canvas,
    rect: QRectF,
    content: SlideContent,
    power_type: PowerType,
    compact: bool,
    hide_strength: bool = False,
) -> float:
    """Each present mechanism: its strength as a small tile (blank while the room votes),
    then its name."""
    theme, scale = content.theme, canvas.scale
    px = scale.caption if compact else scale.body
    line = canvas.line_height(px)
    y = rect.top()
    mechanisms = present_mechanisms(content.case, power_type)
    if not mechanisms:
        return y + canvas.text(
            QRectF(rect.left(), y, rect.width(), canvas.line_height(scale.small) * 2),
            "none coded present" if compact else "no mechanism coded present",
            scale.small,
            theme.secondary,
            theme.surface,
            italic=True,
        )
    pill = max(line * 0.95, canvas.line_height(scale.small))  # room for its digit
    gap = pill * 0.35
    for label, strength in mechanisms:
        if y + line > rect.bottom():
            break
        box = QRectF(rect.left(), y + (line - pill) / 2, pill, pill)
        # while the room votes a plain bullet stands where the strength was
        fill = theme.surface if hide_strength else theme.score_fill(strength)
        canvas.fill(box, fill)
        canvas.text(
            box,
            "•" if hide_strength else str(strength),
            scale.small,
            theme.text if hide_strength else theme.score_text(strength),
            fill,
            bold=True,
            align=CENTRE,
            wrap=False,
        )
        text_rect = QRectF(
            box.right() + gap, y, rect.right() - box.right() - gap, rect.bottom() - y
        )
        lines_allowed = 4 if compact else 3  # narrow side-by-side columns wrap more
        text_rect.setHeight(min(text_rect.height(), line * lines_allowed))
        y += max(line, canvas.text(text_rect, label, px, theme.text, theme.surface)) + line * 0.15
    return y


def paint_vote_area(canvas: Canvas, rect: QRectF, content: SlideContent) -> None:
    """Vote mode: the focused quadrant on the left, the room's votes large on the right."""
    gap = canvas.scale.height / 60
    power_type = content.framework.power_type(content.focused or "")
    left = QRectF(rect.left(), rect.top(), rect.width() * 0.42, rect.height())
    right = QRectF(left.right() + gap, rect.top(), rect.right() - left.right() - gap, rect.height())
    hidden = content.votes is not None and not content.votes.revealed
    paint_quadrant(canvas, left, content, power_type, compact=False, hide_score=hidden)
    paint_votes(canvas, right, content, power_type)


def paint_votes(canvas: Canvas, rect: QRectF, content: SlideContent, power_type: PowerType) -> None:
    """The round's votes: only their number until revealed, then the distribution and median."""
    theme, scale = content.theme, canvas.scale
    votes = content.votes
    assert votes is not None
    canvas.fill(rect, theme.surface)
    canvas.frame(rect, theme.line, max(2.0, scale.height / 540))
    pad = scale.height / 45
    inner = rect.adjusted(pad, pad * 0.7, -pad, -pad * 0.7)
    total = votes.tally.total
    head = f"{total} vote{'s' if total != 1 else ''} on {power_type.label}"
    y = inner.top() + canvas.text(
        QRectF(inner.left(), inner.top(), inner.width(), canvas.line_height(scale.heading)),
        head,
        scale.heading,
        theme.text,
        theme.surface,
        bold=True,
        wrap=False,
    )
    y += canvas.text(
        QRectF(inner.left(), y, inner.width(), canvas.line_height(scale.small)),
        votes.session,
        scale.small,
        theme.secondary,
        theme.surface,
        wrap=False,
    )
    footer_px = scale.subtitle if votes.revealed else scale.caption
    footer_h = canvas.line_height(footer_px) * 2
    if votes.revealed:
        median = votes.tally.median
        if median is None:
            footer = "No votes yet: 0–4 record them."
        elif votes.adopted is not None:
            label = content.framework.score_label(votes.adopted)
            footer = f"median {median:g} ({label}) adopted as the score"
        elif votes.tally.median_score is not None:
            label = content.framework.score_label(votes.tally.median_score)
            footer = f"median {median:g} ({label}) · Enter adopts it"
        else:
            footer = f"median {median:g} · votes split evenly: one more vote decides"
    else:
        footer = "Hidden until R reveals them. 0–4: one vote · + −: at the framed level"
    canvas.text(
        QRectF(inner.left(), inner.bottom() - footer_h, inner.width(), footer_h),
        footer,
        footer_px,
        theme.text,
        theme.surface,
        bold=votes.revealed,
    )
    bars = QRectF(inner.left(), y + pad * 0.5, inner.width(), inner.bottom() - footer_h - y - pad)
    if not votes.revealed:  # how many have voted, large; nothing of what they voted
        canvas.text(
            bars.adjusted(0, 0, 0, -canvas.line_height(scale.body) * 1.4),
            str(total),
            scale.score,
            theme.text,
            theme.surface,
            bold=True,
            align=CENTRE,
            wrap=False,
        )
    levels = len(votes.tally.counts)
    most = max(votes.tally.counts) or 1
    slot = bars.width() / levels
    count_px, level_px = scale.caption, scale.body
    count_h, level_h = canvas.line_height(count_px), canvas.line_height(level_px) * 1.2
    usable = bars.height() - count_h - level_h
    for level, count in enumerate(votes.tally.counts):
        x = bars.left() + level * slot
        label_box = QRectF(x + slot * 0.12, bars.bottom() - level_h, slot * 0.76, level_h)
        chosen = level == votes.level
        if chosen:  # the level + and − count at
            canvas.frame(label_box, theme.focus, max(3.0, scale.height / 270))
        canvas.text(
            label_box,
            str(level),
            level_px,
            theme.text,
            theme.surface,
            bold=chosen or (votes.revealed and votes.tally.median_score == level),
            align=CENTRE,
            wrap=False,
        )
        if not votes.revealed:
            continue
        height = usable * count / most
        bar = QRectF(x + slot * 0.12, label_box.top() - height, slot * 0.76, height)
        if count:
            canvas.fill(bar, theme.score_fill(level))
            canvas.frame(bar, theme.line, 2.0)
        canvas.text(
            QRectF(x, bar.top() - count_h, slot, count_h),
            str(count),
            count_px,
            theme.text,
            theme.surface,
            bold=True,
            align=CENTRE,
            wrap=False,
        )


# --- overlays -------------------------------------------------------------------------------


def paint_evidence(
    canvas: Canvas,
    rect: QRectF,
    theme: PresentationTheme,
    title: str,
    lines: list[EvidenceLine],
    start: int,
    notes: bool,
) -> int:
    """Excerpts with their citations, large, from `start`; returns how many were shown."""
    scale = canvas.scale
    canvas.fill(rect, theme.background)
    margin = scale.height / 30
    inner = rect.adjusted(margin, margin * 0.8, -margin, -margin * 0.6)
    y = inner.top() + canvas.text(
        QRectF(inner.left(), inner.top(), inner.width(), canvas.line_height(scale.heading) * 2.1),
        title,
        scale.heading,
        theme.text,
        theme.background,
        bold=True,
    )
    footer_h = canvas.line_height(scale.small)
    bottom = inner.bottom() - footer_h
    shown = 0
    if not lines:
        canvas.text(
            QRectF(inner.left(), y + margin, inner.width(), bottom - y),
            "No excerpt is linked to this quadrant's mechanisms.",
            scale.body,
            theme.text,
            theme.background,
        )
    small_line = canvas.line_height(scale.small)
    for item in lines[start:]:
        quote = f"“{item.text}”"
        cite = f"— {item.citation}  ·  {item.mechanism}"
        parts = [
            (cite, scale.small, theme.text, True, False),
            (item.reference, scale.small, theme.secondary, False, False),
        ]
        if notes and item.note:
            parts.append((f"Coder's note: {item.note}", scale.small, theme.secondary, False, True))
        heights = [
            min(canvas.text_height(t, px, inner.width(), bold), small_line * 2)
            for t, px, _, bold, _ in parts
        ]
        quote_full = canvas.text_height(quote, scale.body, inner.width())
        room = bottom - y - margin * 0.5
        if shown and quote_full + sum(heights) > room:
            break  # the next page shows it
        y += margin * 0.5
        quote_h = min(quote_full, max(room - sum(heights), canvas.line_height(scale.body)))
        y += canvas.text(
            QRectF(inner.left(), y, inner.width(), quote_h),
            quote,
            scale.body,
            theme.text,
            theme.background,
        )
        for (text, px, colour, bold, italic), height in zip(parts, heights, strict=True):
            y += canvas.text(
                QRectF(inner.left(), y, inner.width(), height + 1),
                text,
                px,
                colour,
                theme.background,
                bold=bold,
                italic=italic,
            )
        shown += 1
    rest = len(lines) - start - shown
    more = (
        f"{start + 1}–{start + shown} of {len(lines)}" + ("  ·  ↓ more" if rest > 0 else "")
        if lines
        else ""
    )
    canvas.text(
        QRectF(inner.left(), inner.bottom() - footer_h, inner.width(), footer_h),
        f"{more}    Enter or Esc returns",
        scale.small,
        theme.secondary,
        theme.background,
        wrap=False,
    )
    return shown


KEYS_HELP = (
    ("PageDown · Space", "next case"),
    ("PageUp", "previous case"),
    ("Arrow keys", "move between quadrants"),
    ("0 – 4 · Delete", "score the quadrant (saved at once) · clear it"),
    ("C", "the quadrant's confidence: low, medium, high, none"),
    ("Enter", "the quadrant's evidence"),
    ("V", "vote mode: 0–4 record one vote each; the score hides"),
    ("+ −  ← → (vote mode)", "a vote more or less at a level; choose the level"),
    ("Backspace (vote mode)", "remove the last vote"),
    ("R", "reveal or hide the votes"),
    ("Enter (votes shown)", "adopt the median as the score"),
    ("Delete (vote mode)", "clear this round's votes"),
    ("L", "name the workshop session (today's date until named)"),
    ("N", "show or hide private notes"),
    ("B  or  .", "blank the screen"),
    ("S", "move to the other screen"),
    ("T", "light or dark theme"),
    ("Ctrl+Z · Ctrl+Shift+Z", "undo · redo"),
    ("Ctrl+S", "save the slide (PNG 1920×1080 or SVG)"),
    ("Ctrl+P · Ctrl+Shift+P", "handout PDF: this case · the cases presented, with votes"),
    ("Esc", "leave"),
)

SIDE_BY_SIDE_HELP = (
    ("PageDown · PageUp", "the next or previous case in focus"),
    ("Arrow keys", "move between quadrants, and on to the next case"),
    ("0 – 4 · Delete", "score the framed quadrant · clear it"),
    ("C", "the framed quadrant's confidence"),
    ("Enter", "the framed quadrant's evidence"),
    ("V", "vote on the framed quadrant (Esc returns to the cases)"),
    ("R · Enter (vote mode)", "reveal the votes · adopt the median"),
    ("L", "name the workshop session"),
    ("B  or  .", "blank the screen"),
    ("S · T", "move to the other screen · light or dark theme"),
    ("Ctrl+Z · Ctrl+Shift+Z", "undo · redo"),
    ("Ctrl+S", "save this side-by-side slide (PNG or SVG)"),
    ("Ctrl+P · Ctrl+Shift+P", "handout PDF: these cases · the cases presented"),
    ("≠", "the cases score this quadrant differently"),
    ("Esc", "leave"),
)


def paint_keys(
    canvas: Canvas,
    rect: QRectF,
    theme: PresentationTheme,
    keys: tuple[tuple[str, str], ...] = KEYS_HELP,
) -> None:
    scale = canvas.scale
    canvas.fill(rect, theme.background)
    margin = scale.height / 25
    inner = rect.adjusted(margin, margin, -margin, -margin)
    y = inner.top() + canvas.text(
        QRectF(inner.left(), inner.top(), inner.width(), canvas.line_height(scale.heading)),
        "Keys",
        scale.heading,
        theme.text,
        theme.background,
        bold=True,
    )
    px = scale.caption
    line = canvas.line_height(px)
    key_w = inner.width() * 0.3
    for key, what in keys:
        y += line * 0.2
        canvas.text(
            QRectF(inner.left(), y, key_w, line),
            key,
            px,
            theme.text,
            theme.background,
            bold=True,
            wrap=False,
        )
        y += canvas.text(
            QRectF(inner.left() + key_w, y, inner.width() - key_w, line * 2),
            what,
            px,
            theme.text,
            theme.background,
        )
    canvas.text(
        QRectF(
            inner.left(),
            inner.bottom() - canvas.line_height(scale.small),
            inner.width(),
            canvas.line_height(scale.small),
        ),
        "? or Esc returns",
        scale.small,
        theme.secondary,
        theme.background,
        wrap=False,
    )


NO_CASE = (
    "The case list shows no case: clear its filter (Ctrl+F in the main window) or add a "
    "case (Ctrl+Shift+N), then press PageDown here to show it.  Esc leaves."
)


def paint_no_case(
    canvas: Canvas, rect: QRectF, theme: PresentationTheme, message: str = ""
) -> None:
    scale = canvas.scale
    canvas.fill(rect, theme.background)
    margin = scale.height / 12
    inner = rect.adjusted(margin, margin, -margin, -margin)
    used = canvas.text(
        inner, "No case to show", scale.title, theme.text, theme.background, bold=True
    )
    used += scale.height / 30
    used += canvas.text(
        inner.adjusted(0, used, 0, 0), NO_CASE, scale.subtitle, theme.text, theme.background
    )
    if message:
        canvas.text(
            inner.adjusted(0, used + scale.height / 30, 0, 0),
            message,
            scale.caption,
            theme.secondary,
            theme.background,
        )


def paint_side_by_side(canvas: Canvas, rect: QRectF, contents: list[SlideContent]) -> None:
    """Two or three cases' matrices next to each other, each under its title and period."""
    if not contents:
        return
    theme, scale = contents[0].theme, canvas.scale
    canvas.fill(rect, theme.background)
    margin = scale.height / 40
    inner = rect.adjusted(margin, margin * 0.8, -margin, -margin * 0.6)
    footer_h = canvas.line_height(scale.small)
    gap = margin
    width = (inner.width() - gap * (len(contents) - 1)) / len(contents)
    title_h = canvas.line_height(scale.subtitle) * 3.05
    period_h = canvas.line_height(scale.caption)
    for i, content in enumerate(contents):
        left = inner.left() + i * (width + gap)
        canvas.text(
            QRectF(left, inner.top(), width, title_h),
            content.case.title,
            scale.subtitle,
            theme.text,
            theme.background,
            bold=True,
        )
        canvas.text(
            QRectF(left, inner.top() + title_h, width, period_h),
            content.case.period,
            scale.caption,
            theme.secondary,
            theme.background,
            wrap=False,
        )
        top = inner.top() + title_h + period_h + margin * 0.3
        matrix = QRectF(left, top, width, inner.bottom() - footer_h - top - margin * 0.4)
        paint_matrix(canvas, matrix, content, compact=True)
    first = contents[0]
    if not first.footer and first.differs:  # the marks explained where they are seen
        first = replace(
            first, footer="≠, dashed outline: the cases score this quadrant differently"
        )
    paint_footer(
        canvas, QRectF(inner.left(), inner.bottom() - footer_h, inner.width(), footer_h), first
    )
