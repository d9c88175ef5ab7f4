"""Colours and type sizes of the charts: cividis for ordered values, Okabe–Ito for groups.

Both stay distinguishable with colour-vision deficiency; cividis also keeps its
order in grey-scale, and groups get a marker shape each besides their colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication

from ui.palette import EVIDENCE_NONE, SCORE_COLOURS, best_text

# Okabe & Ito (2008), black left out (it is the text colour); the order puts the
# most distinct hues first.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442")
OTHER_GROUP = "#999999"
SYMBOLS = ("o", "s", "t", "d", "star", "p", "h", "+")
# One fixed colour and shape per power type (profiles and legends), in framework order.
TYPE_COLOURS = ("#D55E00", "#0072B2", "#E69F00", "#009E73")
DIFFERENCE = "#D55E00"


@dataclass(frozen=True)
class ChartStyle:
    dark: bool = False
    large: bool = False  # large type, for projection in workshops

    @property
    def scale(self) -> float:
        return 1.5 if self.large else 1.0

    @property
    def background(self) -> QColor:
        return QColor("#2b2d30" if self.dark else "#ffffff")

    @property
    def foreground(self) -> QColor:
        return QColor("#e6e6e6" if self.dark else "#1a1a1a")

    @property
    def muted(self) -> QColor:
        return QColor("#a0a0a0" if self.dark else "#5a5a5a")

    @property
    def grid(self) -> QColor:
        return QColor("#4a4c52" if self.dark else "#d4d4d4")

    @property
    def unscored(self) -> QColor:
        return QColor("#45474c" if self.dark else "#ececec")

    def font(self, size: float = 9.0, bold: bool = False) -> QFont:
        # The family the application font resolves to, by name: an SVG that says
        # "Sans Serif" is drawn in some other font by every other program.
        font = QFont(QFontInfo(QApplication.font()).family())
        font.setPointSizeF(size * self.scale)
        font.setBold(bold)
        return font

    def px(self, value: float) -> float:
        """A length in logical pixels, grown in large-type mode."""
        return value * self.scale

    @staticmethod
    def ramp(step: int | None) -> QColor:
        return QColor(SCORE_COLOURS[step]) if step is not None else QColor()

    @staticmethod
    def evidence(step: int) -> QColor:
        """Evidence-count classes: none is the lightest, not the ramp's "absent" yellow."""
        return QColor(EVIDENCE_NONE if step == 0 else SCORE_COLOURS[step])

    @staticmethod
    def text_on(fill: QColor) -> QColor:
        return best_text(fill)

    @staticmethod
    def group_colour(i: int) -> QColor:
        """The colour of group slot i (see group_colour_slots); -1 or beyond: "other"."""
        return QColor(OKABE_ITO[i] if 0 <= i < len(OKABE_ITO) else OTHER_GROUP)

    @staticmethod
    def symbol(i: int) -> str:
        return SYMBOLS[i % len(SYMBOLS)]


def current_style(large: bool = False) -> ChartStyle:
    """The style matching the application's palette (dark when its window is dark)."""
    app = QApplication.instance()
    dark = False
    if app is not None:
        dark = app.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5
    return ChartStyle(dark=dark, large=large)
