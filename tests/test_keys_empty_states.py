"""An empty project says what to do next: the case list and the matrix name the command
that adds a first case; a filter that hides every case says so."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from workbench.project import Project


def _painted_hint(view) -> bool:
    """True when the empty list's viewport shows anything (text) on its background."""
    image = view.viewport().grab().toImage()
    background = view.palette().base().color().rgb()
    return any(
        image.pixel(x, y) != background
        for y in range(0, min(image.height(), 120), 2)
        for x in range(0, image.width(), 2)
    )


def test_an_empty_project_says_how_to_add_a_case(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "empty.mpw"
    Project.create(path, name="Empty").close()
    assert window.open_path(path)
    cases = window.view.case_list
    assert "Add Case… (Ctrl+Shift+N)" in cases.list_hint()
    assert "Add Case… (Ctrl+Shift+N)" in window.view.matrix.case_title.text()
    assert _painted_hint(cases.view)
    # the first case: the hints give way to it
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Ceuta", True)))
    window.add_case_action.trigger()
    assert cases.list_hint() == ""
    assert window.view.matrix.case_title.text().startswith("Ceuta")
    # undone: the project is empty again, and says so
    window.undo_action.trigger()
    assert "Add Case… (Ctrl+Shift+N)" in window.view.matrix.case_title.text()


def test_a_filter_that_hides_every_case_says_so(qtbot, window):
    cases = window.view.case_list
    qtbot.keyClicks(cases.filter, "zzzz")
    assert cases.proxy.rowCount() == 0
    assert "No case matches “zzzz”" in cases.list_hint()
    assert _painted_hint(cases.view)
    assert "choose one in the list" in window.view.matrix.case_title.text()
    cases.filter.clear()
    assert cases.list_hint() == ""


def test_a_first_start_names_the_ways_in_with_their_keys(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    from ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    texts = [b.text() for b in window.centralWidget().findChildren(QPushButton)]
    assert texts == ["Open a project… (Ctrl+O)", "New project… (Ctrl+N)", "Open the sample project"]
    words = " ".join(label.text() for label in window.centralWidget().findChildren(QLabel))
    assert "No project is open" in words and "sample project" in words
    sample = window.centralWidget().findChildren(QPushButton)[2]
    qtbot.mouseClick(sample, Qt.MouseButton.LeftButton)
    assert window.project is not None and window.view.case_list.list_hint() == ""
    window.close_project()
