"""A click on a chart opens the case where it was clicked, and stays there when the
main window becomes active afterwards (a window manager activates it later)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from tests.test_comparison_view import cell_pos, choose_kind, mouse_click
from ui.comparison_view import ComparisonWindow


def activated_later(quadrant) -> None:
    """The focus a window manager gives the main window's focused quadrant on activation."""
    event = QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.ActiveWindowFocusReason)
    QApplication.sendEvent(quadrant, event)


def open_window(qtbot, window) -> ComparisonWindow:
    window.compare_action.trigger()
    compare = window.comparison_window
    qtbot.waitExposed(compare)
    return compare


def test_a_mechanism_clicked_shows_its_own_evidence_after_activation(qtbot, window):
    compare = open_window(qtbot, window)
    chart = choose_kind(compare, "mechanisms")
    j = chart.comparison.mechanism_index("regional_organizations")
    mouse_click(chart, cell_pos(chart, chart.positions[j] + 0.5, 0))
    view = window.view
    activated_later(view.matrix.quadrant("institutional"))
    assert view.selected_mechanism == "regional_organizations"
    assert "Cooperation in/through regional organizations" in view.evidence.title.text()


def test_a_score_clicked_selects_its_quadrant_though_the_window_was_inactive(qtbot, window):
    compare = open_window(qtbot, window)
    chart = compare.chart()
    mouse_click(chart, cell_pos(chart, 1.5, 2))  # institutional
    view = window.view
    activated_later(view.matrix.quadrant("institutional"))
    assert view.selected_type == "institutional"
    assert view.selected_mechanism is None
    assert "institutional" in view.evidence.title.text().lower()
