"""Side by side (Shift+F5): the case chooser filters and remembers; on the slide the
framed quadrant of the case in focus is scored and voted on, differences are marked,
and the slide is saved as it is shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ui.presentation.case_picker import CasePicker


def painted(presentation) -> str:
    presentation.grab()
    return "\n".join(run.text for run in presentation.runs)


@pytest.fixture
def picker_answers(qtbot, monkeypatch):
    """Answers the chooser by typing in its filter and ticking what it shows."""
    seen = {}

    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, CasePicker)
        seen["checked"] = dialog.chosen()
        for typed, row in seen.get("plan", []):
            dialog.filter.clear()
            qtbot.keyClicks(dialog.filter, typed)
            visible = [
                dialog.list.item(r)
                for r in range(dialog.list.count())
                if not dialog.list.item(r).isHidden()
            ]
            seen.setdefault("visible", []).append([i.text() for i in visible])
            seen.setdefault("hints", []).append(dialog.hint.text())
            visible[row].setCheckState(Qt.CheckState.Checked)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", answer)
    return seen


@pytest.fixture
def side_by_side(qtbot, window, picker_answers):
    window.side_by_side_action.trigger()  # the current case and the next: 1 and 2
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    shown.showNormal()
    shown.resize(1920, 1080)
    qtbot.waitUntil(lambda: shown.height() == 1080)
    return shown


def test_the_chooser_filters_as_you_type_and_remembers_the_last_choice(
    qtbot, window, picker_answers
):
    picker_answers["plan"] = [("nauru", -1)]
    window.side_by_side_action.trigger()
    assert picker_answers["visible"][0] == [
        "EU–Turkey 2016",  # chosen ones stay in sight
        "UK–Rwanda 2022",
        "Australia–Nauru 2012",
    ]
    assert picker_answers["hints"][0] == "2 chosen  ·  the filter shows 3 of 12 cases"
    shown = window.presentation_window
    assert shown.compared == [1, 2, 3]
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    picker_answers["plan"] = []
    window.side_by_side_action.trigger()
    assert picker_answers["checked"] == [1, 2, 3]  # offered again


def test_keys_help_lists_only_what_works_side_by_side(qtbot, side_by_side):
    qtbot.keyClicks(side_by_side, "?")
    text = painted(side_by_side)
    assert "score the framed quadrant" in text and "the cases score this quadrant" in text
    assert "show or hide private notes" not in text  # N does nothing here
    assert "previous case\n" not in text  # PageUp moves the focus, not the slide


def test_the_framed_quadrant_of_the_case_in_focus_is_scored_and_given_confidence(
    qtbot, window, side_by_side
):
    assert side_by_side.case.id == 1 and side_by_side.focused == "compulsory"
    before = side_by_side.compared_contents()[1].case.cells["structural"]
    qtbot.keyClick(side_by_side, Qt.Key.Key_Right)
    qtbot.keyClick(side_by_side, Qt.Key.Key_Right)  # past the edge: the next case's matrix
    assert side_by_side.case.id == 2 and side_by_side.focused == "compulsory"
    qtbot.keyClick(side_by_side, Qt.Key.Key_Down)
    qtbot.keyClick(side_by_side, Qt.Key.Key_1)
    qtbot.keyClick(side_by_side, Qt.Key.Key_C)
    contents = side_by_side.compared_contents()
    cell = contents[1].case.cells["structural"]
    assert (cell.score, before.score) == (1, 2)
    following = {None: "low", "low": "medium", "medium": "high", "high": None}
    assert cell.confidence == following[before.confidence]
    qtbot.keyClick(side_by_side, Qt.Key.Key_PageUp)
    assert side_by_side.case.id == 1
    window.undo_action.trigger()
    window.undo_action.trigger()
    after = side_by_side.compared_contents()[1].case.cells["structural"]
    assert (after.score, after.confidence) == (before.score, before.confidence)


def test_differences_are_marked_and_votes_go_to_the_case_in_focus(qtbot, window, side_by_side):
    contents = side_by_side.compared_contents()
    differs = {
        pt.id
        for pt in window.project.framework.power_types
        if contents[0].case.cells[pt.id].score != contents[1].case.cells[pt.id].score
    }
    assert differs and contents[0].differs == differs
    text = painted(side_by_side)
    for pt in window.project.framework.power_types:
        marked = f"{pt.label}  ≠" in text
        assert marked == (pt.id in differs), pt.id
    qtbot.keyClick(side_by_side, Qt.Key.Key_PageDown)  # the second case in focus
    qtbot.keyClick(side_by_side, Qt.Key.Key_V)
    qtbot.keyClicks(side_by_side, "44")
    text = painted(side_by_side)
    assert "2 votes on Compulsory" in text and "UK–Rwanda" in text
    from workbench import votes

    cast = votes.all_votes(window.project)
    assert [(v.case_id, v.score) for v in cast] == [(2, 4), (2, 4)]
    qtbot.keyClick(side_by_side, Qt.Key.Key_Escape)  # back to the cases side by side
    assert side_by_side.isVisible() and not side_by_side.vote_mode
    assert painted(side_by_side).count("Compulsory") == 2


def test_ctrl_s_saves_the_side_by_side_slide(qtbot, side_by_side, file_dialogs, tmp_path):
    file_dialogs.choose(tmp_path / "pair.png", tmp_path / "pair.svg")
    qtbot.keyClick(side_by_side, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    image = QImage(str(tmp_path / "pair.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    qtbot.keyClick(side_by_side, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    svg = (tmp_path / "pair.svg").read_text(encoding="utf-8")
    assert "EU–Turkey statement" in svg and "UK–Rwanda Migration" in svg  # text as text
    assert "≠" in svg
    assert "Saved pair.svg" in painted(side_by_side)
