"""What the room sees while it votes, sets confidence, or has nothing to look at; long
handouts written while the slide stays live. Driven by keys on the presentation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton


@pytest.fixture
def presentation(qtbot, window):
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    return shown


def painted(presentation) -> list[str]:
    presentation.grab()
    return [run.text for run in presentation.runs]


def left_half(presentation) -> list[str]:
    """Texts of the framed quadrant in vote mode (the left part of the slide)."""
    presentation.grab()
    middle = presentation.width() * 0.45
    return [run.text for run in presentation.runs if run.rect.right() < middle]


def test_the_quadrants_score_is_hidden_while_the_room_votes(qtbot, presentation):
    assert presentation.case.cells["compulsory"].score == 3
    qtbot.keyClick(presentation, Qt.Key.Key_V)
    quadrant = left_half(presentation)
    assert "Compulsory" in quadrant
    # nothing to anchor the votes: neither the score nor the mechanisms' strengths
    assert not any(t.isdigit() for t in quadrant) and "strong" not in quadrant
    assert "Containment" in quadrant
    assert "?" in quadrant and "score hidden" in quadrant
    qtbot.keyClicks(presentation, "12")
    assert "strong" not in left_half(presentation)
    qtbot.keyClick(presentation, Qt.Key.Key_R)
    quadrant = left_half(presentation)
    assert "3" in quadrant and "strong" in quadrant  # shown with the votes


def test_after_the_median_is_adopted_the_panel_says_so(qtbot, window, presentation):
    qtbot.keyClick(presentation, Qt.Key.Key_V)
    qtbot.keyClicks(presentation, "112")
    qtbot.keyClick(presentation, Qt.Key.Key_R)
    assert "median 1 (weak) · Enter adopts it" in painted(presentation)
    qtbot.keyClick(presentation, Qt.Key.Key_Return)
    text = painted(presentation)
    assert "median 1 (weak) adopted as the score" in text
    assert "Enter adopts it" not in " ".join(text)
    window.undo_action.trigger()  # the score is 3 again: no longer adopted
    assert "median 1 (weak) · Enter adopts it" in painted(presentation)


def test_c_sets_the_confidence_of_the_framed_quadrant_from_the_slide(qtbot, window, presentation):
    assert presentation.case.cells["compulsory"].confidence == "high"
    qtbot.keyClick(presentation, Qt.Key.Key_C)
    assert presentation.case.cells["compulsory"].confidence is None
    assert "Compulsory: confidence cleared" in painted(presentation)
    qtbot.keyClick(presentation, Qt.Key.Key_C)
    assert presentation.case.cells["compulsory"].confidence == "low"
    assert "low confidence" in painted(presentation)
    qtbot.keyClick(presentation, Qt.Key.Key_Right)
    qtbot.keyClick(presentation, Qt.Key.Key_C)  # medium → high on Institutional
    assert presentation.case.cells["institutional"].confidence == "high"
    window.undo_action.trigger()
    assert presentation.case.cells["institutional"].confidence == "medium"


def test_no_case_to_show_says_how_to_leave_and_what_to_select(qtbot, window):
    window.view.case_list.filter.setText("no case is called this")
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    text = " ".join(painted(shown))
    assert "No case to show" in text
    assert "clear its filter" in text and "Esc leaves" in text
    window.view.case_list.filter.clear()  # as the slide says: then PageDown shows it
    qtbot.keyClick(shown, Qt.Key.Key_PageDown)
    assert shown.case.uid == "eu-turkey-2016"
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert window.presentation_window is None


def test_a_long_handout_is_written_page_by_page_and_can_be_cancelled(
    qtbot, window, presentation, file_dialogs, tmp_path
):
    for _ in range(11):  # every case of the sample shown
        qtbot.keyClick(presentation, Qt.Key.Key_PageDown)
    file_dialogs.choose(tmp_path / "cancelled.pdf", tmp_path / "all.pdf")
    qtbot.keyClick(
        presentation,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    job = presentation.handout_job
    assert job is not None and job.done == 0  # nothing drawn before the slide answers
    qtbot.waitUntil(lambda: job.done >= 2 and job.progress.isVisible())
    assert QApplication.activeWindow() is presentation  # the keys stay with the slide
    qtbot.keyClick(presentation, Qt.Key.Key_PageUp)  # and it answers meanwhile
    assert presentation.case.id == presentation.case_order()[-2]
    assert job.done < 12  # while pages are still being written
    cancel = next(
        b for b in job.progress.findChildren(QPushButton) if b.text().replace("&", "") == "Cancel"
    )
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert presentation.handout_job is None
    assert not (tmp_path / "cancelled.pdf").exists()
    assert any("nothing was written" in t for t in painted(presentation))
    assert list(tmp_path.glob("*.pdf")) == []  # no temporary file left either

    qtbot.keyClick(
        presentation,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # again, to the end
    qtbot.waitUntil(lambda: presentation.handout_job is None, timeout=20000)
    assert presentation.message == "Saved all.pdf (12 pages)", painted(presentation)[-3:]
    assert (tmp_path / "all.pdf").read_bytes().startswith(b"%PDF")


def test_a_handout_before_any_case_was_presented_says_why_nothing_is_written(
    qtbot, window, file_dialogs
):
    window.view.case_list.filter.setText("no case is called this")
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    shown.handouts_action.trigger()
    assert file_dialogs.asked == []
    assert "No case has been presented yet." in painted(shown)
