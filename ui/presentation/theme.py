"""High-contrast themes for a projected room: every text colour meets 7:1 on what it sits on,
except digits on the score colours, which are large and bold (WCAG's large text: 4.5:1).

The score colours are the application's own (ui.palette): a score reads in the same
colour on the slide, in the window and in the charts. Lightness falls as the score
rises, so a grey-scale print keeps the order.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from ui.charts.style import DIFFERENCE
from ui.palette import SCORE_COLOURS, best_text

AA_ENHANCED = 7.0  # WCAG 2 level AAA contrast for normal text
AA_ENHANCED_LARGE = 4.5  # the same level for large text (24 px, or 18.7 px bold)


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
        return QColor(self.unscored if score is None else SCORE_COLOURS[score])

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
