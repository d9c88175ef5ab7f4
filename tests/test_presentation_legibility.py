"""Legible from the back of a room: on a 1920×1080 presentation the smallest text is at
least 1/40 of the height (27 px) and every text has 7:1 contrast with what it is drawn on
(large bold digits on the shared score colours 4.5:1)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from ui.palette import SCORE_COLOURS, contrast_ratio
from ui.presentation.theme import AA_ENHANCED, AA_ENHANCED_LARGE

WIDTH, HEIGHT = 1920, 1080


@pytest.fixture
def presentation(qtbot, window):
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    shown.showNormal()
    shown.resize(WIDTH, HEIGHT)
    qtbot.waitUntil(lambda: shown.height() == HEIGHT and shown.width() == WIDTH)
    return shown


def drawn_background(image: QImage, rect) -> QColor:
    """The commonest colour under a text's rectangle: the text covers far less of it."""
    left, top = max(0, int(rect.left()) + 1), max(0, int(rect.top()) + 1)
    right = min(image.width() - 1, int(rect.right()) - 1)
    bottom = min(image.height() - 1, int(rect.bottom()) - 1)
    counts = Counter(
        image.pixel(x, y) for x in range(left, right + 1, 3) for y in range(top, bottom + 1, 3)
    )
    return QColor.fromRgb(counts.most_common(1)[0][0])


def required_contrast(run) -> float:
    """7:1 for every text; 4.5:1 (WCAG AAA for large text) for the large bold digits on
    the score colours, which are the application's own so that a score reads alike on
    the slide, in the window and in the charts."""
    on_score = run.background.name() in {c.lower() for c in SCORE_COLOURS}
    large = run.pixel_size >= 24 or (run.bold and run.pixel_size >= 19)
    return AA_ENHANCED_LARGE if on_score and large else AA_ENHANCED


def check(presentation) -> list[str]:
    """Paint at 1920×1080 and return what is too small or too faint (nothing, we hope)."""
    image = presentation.grab().toImage()
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    runs = presentation.runs
    assert runs, "nothing was drawn"
    problems = []
    for run in runs:
        if run.pixel_size < HEIGHT / 40:
            problems.append(f"{run.text!r} is {run.pixel_size} px")
        under = drawn_background(image, run.rect)
        if under.name() != run.background.name():
            problems.append(f"{run.text!r} sits on {under.name()}, not {run.background.name()}")
        ratio = contrast_ratio(run.colour, under)
        if ratio < required_contrast(run):
            problems.append(f"{run.text!r}: contrast {ratio:.1f}:1")
    return problems


@pytest.mark.parametrize("dark", [False, True])
def test_every_view_is_large_and_high_contrast_at_1080p(qtbot, presentation, dark):
    if dark != (presentation.theme.name == "dark"):
        qtbot.keyClick(presentation, Qt.Key.Key_T)
    assert presentation.theme.name == ("dark" if dark else "light")
    assert check(presentation) == []
    sizes = sorted({run.pixel_size for run in presentation.runs})
    assert sizes[0] >= 22 and sizes[-1] >= 140  # captions to the scores' numbers

    qtbot.keyClick(presentation, Qt.Key.Key_N)  # memos, in the smallest type
    assert check(presentation) == []
    assert any(run.text.startswith("Memo:") for run in presentation.runs)

    qtbot.keyClick(presentation, Qt.Key.Key_Return)  # evidence with references and notes
    assert check(presentation) == []
    assert any("Coder's note" in run.text for run in presentation.runs)
    qtbot.keyClick(presentation, Qt.Key.Key_Escape)

    qtbot.keyClicks(presentation, "?")
    assert check(presentation) == []
    qtbot.keyClicks(presentation, "?")

    qtbot.keyClick(presentation, Qt.Key.Key_V)  # votes: hidden, then their distribution
    qtbot.keyClicks(presentation, "3342")
    assert check(presentation) == []
    qtbot.keyClick(presentation, Qt.Key.Key_R)
    assert check(presentation) == []
    assert any(run.text.startswith("median 3") for run in presentation.runs)
    qtbot.keyClick(presentation, Qt.Key.Key_V)

    for _ in range(11):  # every case of the sample project
        qtbot.keyClick(presentation, Qt.Key.Key_PageDown)
        assert check(presentation) == [], presentation.case.name


@pytest.mark.parametrize("size", [(960, 540), (1024, 768), (1280, 720)])
def test_the_smallest_text_is_a_fortieth_of_the_screen_height(qtbot, window, size):
    """A quarter of a 1080p screen, a 4:3 projector, 720p: row names, confidence and
    excerpt counts stay readable from the back."""
    width, height = size
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    shown.showNormal()
    shown.resize(width, height)
    qtbot.waitUntil(lambda: (shown.width(), shown.height()) == size)
    shown.grab()
    texts = {run.text for run in shown.runs}
    assert {"Social relations of interaction", "high confidence", "4 excerpts"} <= texts

    def too_small() -> list[tuple[str, int]]:
        shown.grab()
        assert shown.runs
        return [(r.text, r.pixel_size) for r in shown.runs if r.pixel_size < height / 40]

    assert too_small() == []
    qtbot.keyClick(shown, Qt.Key.Key_V)  # the vote panel, hidden then revealed
    qtbot.keyClicks(shown, "23")
    assert too_small() == []
    qtbot.keyClick(shown, Qt.Key.Key_R)
    assert too_small() == []
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.keyClick(shown, Qt.Key.Key_Return)  # the evidence
    assert too_small() == []
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.keyClicks(shown, "?")
    assert too_small() == []


def test_a_score_has_the_same_colour_on_the_slide_as_in_the_window_and_charts(qtbot, presentation):
    from ui.charts.style import ChartStyle
    from ui.palette import score_colour

    for score in range(5):
        slide = presentation.theme.score_fill(score).name()
        assert slide == score_colour(score).name() == ChartStyle().ramp(score).name(), score


@pytest.mark.parametrize("dark", [False, True])
def test_side_by_side_is_large_and_high_contrast_at_1080p(qtbot, window, monkeypatch, dark):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    def accept(dialog):  # the two cases offered: the current one and the next
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", accept)
    window.side_by_side_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    shown.showNormal()
    shown.resize(WIDTH, HEIGHT)
    qtbot.waitUntil(lambda: (shown.width(), shown.height()) == (WIDTH, HEIGHT))
    if dark:
        qtbot.keyClick(shown, Qt.Key.Key_T)
    assert check(shown) == []
    assert any("dashed outline" in run.text for run in shown.runs)
    qtbot.keyClicks(shown, "?")
    assert check(shown) == []
