"""Score colours: a sequential ramp that stays ordered in grey-scale and for colour-blind eyes.

The five steps are taken from the cividis colour map (designed to be readable
with colour-vision deficiency); lightness rises monotonically, so a grey-scale
print keeps the order. Text colour switches for contrast.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

# cividis at 0, 0.25, 0.5, 0.75, 1.0 - reversed so that a higher score is darker
SCORE_COLOURS = ("#fee838", "#c3b369", "#7f7c75", "#43507c", "#00224e")
UNSCORED = "#e8e8e8"
EVIDENCE_NONE = "#f7f7f4"  # no excerpt linked: lighter than every step of the ramp


def score_colour(score: int | None) -> QColor:
    return QColor(UNSCORED if score is None else SCORE_COLOURS[score])


def text_colour(score: int | None) -> QColor:
    return best_text(score_colour(score))


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def best_text(background: QColor) -> QColor:
    black, white = QColor("#000000"), QColor("#ffffff")
    return (
        black if contrast_ratio(black, background) >= contrast_ratio(white, background) else white
    )


def dark_palette() -> QPalette:
    p = QPalette()
    # Fields a little lighter than the window, so that Fusion's dark outlines of
    # check boxes and frames stay visible on them.
    base, window, text = QColor("#34363b"), QColor("#2b2d30"), QColor("#e6e6e6")
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#3a3c41")),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.Highlight, QColor("#3d6fb4")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#8a8a8a")),
    ):
        p.setColor(role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#777777"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#777777"))
    return p


INDICATOR_OUTLINE = QColor("#b4b4b4")  # 6:1 against the dark fields
_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class DarkStyle(QProxyStyle):
    """Fusion, with a light outline around check boxes: Fusion darkens the window colour
    for it, which on a dark palette leaves an unchecked box nearly invisible."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _INDICATORS:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(INDICATOR_OUTLINE, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


def apply_theme(app: QApplication, dark: bool) -> None:
    if dark:
        app.setStyle(DarkStyle())
        app.setPalette(dark_palette())
    else:
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
