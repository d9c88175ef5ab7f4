"""A mechanism's memo is written in the window: clicking a mechanism's name shows the
memo field for it under the matrix; what is typed is saved, undoable, and searchable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workbench.search import search


def _memo(window, mechanism_id: str) -> str | None:
    store = window.project.store
    row = store.get(
        "mechanism_coding", {"case_id": window.view.case.id, "mechanism_id": mechanism_id}
    )
    return row["memo"] if row else None


def test_a_mechanism_memo_is_typed_saved_and_undone(qtbot, window):
    matrix = window.view.matrix
    assert not matrix.mechanism_memo.isVisibleTo(window)  # no mechanism chosen yet
    quadrant = matrix.quadrant("compulsory")
    qtbot.mouseClick(quadrant.name_labels["deterrence"], Qt.MouseButton.LeftButton)
    assert matrix.mechanism_memo.isVisibleTo(window)
    assert "Deterrence" in matrix.mechanism_memo_label.text()
    before = _memo(window, "deterrence") or ""
    assert matrix.mechanism_memo.toPlainText() == before
    qtbot.mouseClick(matrix.mechanism_memo.viewport(), Qt.MouseButton.LeftButton)
    matrix.mechanism_memo.selectAll()
    qtbot.keyClicks(matrix.mechanism_memo, "Pushbacks as deterrence, quokka")
    qtbot.keyClick(matrix.mechanism_memo, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _memo(window, "deterrence") == "Pushbacks as deterrence, quokka")
    hits = search(window.project.store, "quokka")
    assert [h.mechanism_id for h in hits] == ["deterrence"]
    # another mechanism shows its own memo
    qtbot.mouseClick(quadrant.name_labels["containment"], Qt.MouseButton.LeftButton)
    assert "Containment" in matrix.mechanism_memo_label.text()
    assert matrix.mechanism_memo.toPlainText() == (_memo(window, "containment") or "")
    window.undo_action.trigger()
    assert (_memo(window, "deterrence") or "") == before
    qtbot.mouseClick(quadrant.name_labels["deterrence"], Qt.MouseButton.LeftButton)
    assert matrix.mechanism_memo.toPlainText() == before


def test_typing_then_choosing_another_case_saves_to_the_first(qtbot, window):
    matrix = window.view.matrix
    quadrant = matrix.quadrant("compulsory")
    qtbot.mouseClick(quadrant.name_labels["deterrence"], Qt.MouseButton.LeftButton)
    first = window.view.case.id
    matrix.mechanism_memo.setFocus()
    matrix.mechanism_memo.selectAll()
    qtbot.keyClicks(matrix.mechanism_memo, "typed for the first case")
    window.next_case_action.trigger()
    assert window.view.case.id != first
    row = window.project.store.get(
        "mechanism_coding", {"case_id": first, "mechanism_id": "deterrence"}
    )
    assert row["memo"] == "typed for the first case"
