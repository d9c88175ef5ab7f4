"""The search panel from the keyboard: counts that follow the filters, Down and Enter
from the query box, and a case filter one types into on a project of 500 cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from benchmarks.generate import generate


def _search(qtbot, window, text: str):
    window.search_action.trigger()
    search = window.view.search
    qtbot.keyClicks(search.box, text)
    qtbot.waitUntil(lambda: not search.timer.isActive())
    return search


def test_the_count_follows_the_filters(qtbot, window, monkeypatch):
    from workbench.storage import search_index

    monkeypatch.setattr(search_index, "RANK_LIMIT", 1)  # as with tens of thousands of matches
    monkeypatch.setattr("workbench.search.search.__defaults__", (None, 3))  # 3 shown
    search = _search(qtbot, window, "the")
    everything = search.status.text()
    assert everything.startswith(f"{search_index_total(window, 'the'):,} texts match these words")
    turkey = window.project.store.get("study_case", {"uid": "eu-turkey-2016"})["id"]
    click_into(qtbot, search.case)
    qtbot.keyClicks(search.case.lineEdit(), "Turkey")
    qtbot.keyClick(search.case.lineEdit(), Qt.Key.Key_Return)
    assert search.case.currentData() == turkey
    in_case = search_index_total(window, "the", case_id=turkey)
    assert 3 < in_case < search_index_total(window, "the")
    assert search.status.text().startswith(f"{in_case:,} texts match these words and filters")
    assert len(search.model.hits) == 3


def click_into(qtbot, box) -> None:
    """A click into the box's text: what it shows ("Any") is selected, so typing replaces it."""
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.lineEdit().selectedText() == box.currentText())


def search_index_total(window, text: str, **filters) -> int:
    from workbench.search import SearchFilters, search

    return len(search(window.project.store, text, SearchFilters(**filters), 100_000).hits)


def test_down_goes_to_the_results_and_enter_opens_the_first(qtbot, window):
    search = _search(qtbot, window, "recalcitrant")
    assert search.model.rowCount() >= 1
    qtbot.keyClick(search.box, Qt.Key.Key_Down)
    assert search.view.hasFocus()
    assert search.view.currentIndex().row() == 0
    # back in the box, Enter opens the first result where it belongs
    search.box.setFocus()
    first = search.model.hits[0]
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    view = window.view
    assert view.tabs.currentWidget() is view.matrix_scroll
    if first.excerpt_id is not None:
        assert view.evidence.current_item().excerpt_id == first.excerpt_id


def test_enter_right_after_typing_searches_then_opens(qtbot, window):
    window.search_action.trigger()
    search = window.view.search
    qtbot.keyClicks(search.box, "recalcitrant")
    assert search.timer.isActive()  # typed faster than the search waits
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    assert window.view.tabs.currentWidget() is window.view.matrix_scroll
    assert window.view.case.uid == "us-visa-sanctions-243d"


@pytest.fixture
def many_cases_window(qtbot, tmp_path: Path):
    from ui.main_window import MainWindow

    path = tmp_path / "many.mpw"
    generate(path, cases=500, excerpts=600, sources=40)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    assert w.open_path(path)
    yield w
    w.close_project()


def test_the_case_filter_of_500_cases_is_typed_into(qtbot, many_cases_window):
    window = many_cases_window
    search = _search(qtbot, window, "the")
    box = search.case
    assert box.count() == 501 and box.isEditable()
    click_into(qtbot, box)
    qtbot.keyClicks(box.lineEdit(), "25")  # any part of the name
    completer = box.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    matches = completer.completionModel()
    shown = [matches.index(i, 0).data() for i in range(matches.rowCount())]
    assert shown and all("25" in name for name in shown)
    assert len(shown) < 20
    screen = QApplication.primaryScreen().availableGeometry().height()
    assert popup.height() < screen / 2
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert box.currentText() == shown[0]
    case_id = box.currentData()
    assert case_id is not None
    assert all(h.case_id in (None, case_id) for h in search.model.hits)
    # the drop-down list itself stays a few rows high
    box.showPopup()
    assert box.view().window().height() < screen / 2
    box.hidePopup()


def test_a_typed_name_that_matches_no_case_is_named(qtbot, window):
    search = _search(qtbot, window, "the")
    click_into(qtbot, search.case)
    qtbot.keyClicks(search.case.lineEdit(), "Atlantis")
    qtbot.keyClick(search.case.lineEdit(), Qt.Key.Key_Return)
    assert search.case.currentData() is None
    assert search.case.currentText() == "Any"
    assert '"Atlantis"' in search.status.text()
