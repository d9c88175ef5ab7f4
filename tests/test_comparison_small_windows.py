"""The comparison window at any size, any chart, any grouping: every chart draws.

An error while a chart paints used to end the process (pyqtgraph's view paints
from Python, and the binding cannot report an error raised inside it): the walk
below paints every combination and checks that nothing failed, logged or not.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QApplication

from ui.comparison_view import ComparisonWindow
from workbench.analysis.comparison import GROUPINGS, KINDS

WINDOW_SIZES = ((260, 180), (420, 300), (640, 420), (1000, 700))


class PaintErrors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def paint_errors():
    handler = PaintErrors()
    logger = logging.getLogger("workbench.gui")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def choose(combo, key: str) -> None:
    """Pick an entry as the mouse does: the index changes, then `activated`."""
    combo.setCurrentIndex(combo.findData(key))
    combo.activated.emit(combo.currentIndex())


def test_every_chart_draws_at_every_window_size_in_every_grouping(qtbot, window, paint_errors):
    window.compare_action.trigger()
    compare = window.comparison_window
    assert isinstance(compare, ComparisonWindow)
    qtbot.waitExposed(compare)
    for width, height in WINDOW_SIZES:
        compare.resize(width, height)
        for group in GROUPINGS:
            choose(compare.group, group)
            for i, kind in enumerate(KINDS):
                compare.kind_tabs.setCurrentIndex(i)
                QApplication.processEvents()
                image = compare.chart().grab().toImage()  # paints every item now
                assert not image.isNull(), (kind, group, width, height)
                assert paint_errors.messages == [], (kind, group, width, height)
