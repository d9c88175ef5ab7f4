"""High-contrast themes for a projected room: every text colour meets 7:1 on what it sits on.

Projectors wash colours out, so the score ramp is the application's cividis ramp
with its middle steps pushed apart: each step holds black or white text at 7:1 or
more, and lightness still falls as the score rises (a grey-scale print keeps the
order).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from ui.charts.style import DIFFERENCE
from ui.palette import best_text

# score 0..4: lighter to darker; text on each is black for 0–2 and white for 3–4
PROJECTION_SCORE_COLOURS = ("#fee838", "#c3b369", "#a89f74", "#43507c", "#00224e")
AA_ENHANCED = 7.0  # WCAG 2 level AAA contrast for normal text


@dataclass(frozen=True)
class PresentationTheme:
    name: str
    background: QColor
    surface: QColor  # a quadrant's panel
    text: QColor
    secondary: QColor  # captions: still 7:1 on background and surface
    line: QColor
    focus: QColor  # frame of the focused quadrant
    unscored: QColor
    difference: QColor  # outline of quadrants the compared cases score differently

    def score_fill(self, score: int | None) -> QColor:
        return QColor(self.unscored if score is None else PROJECTION_SCORE_COLOURS[score])

    def score_text(self, score: int | None) -> QColor:
        return best_text(self.score_fill(score))


LIGHT = PresentationTheme(
    name="light",
    background=QColor("#ffffff"),
    surface=QColor("#f4f4f4"),
    text=QColor("#111111"),
    secondary=QColor("#333333"),
    line=QColor("#6e6e6e"),
    focus=QColor("#0b3d91"),
    unscored=QColor("#ffffff"),
    difference=QColor(DIFFERENCE),
)

DARK = PresentationTheme(
    name="dark",
    background=QColor("#0d0d0d"),
    surface=QColor("#1c1c1c"),
    text=QColor("#f2f2f2"),
    secondary=QColor("#d0d0d0"),
    line=QColor("#9a9a9a"),
    focus=QColor("#ffd24a"),
    unscored=QColor("#1c1c1c"),
    difference=QColor("#ff9a5c"),  # the comparison view's dark-theme difference colour
)

BLANK = QColor("#000000")


def theme_for(dark: bool) -> PresentationTheme:
    return DARK if dark else LIGHT
