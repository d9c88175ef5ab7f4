"""A laptop and a projector: the slide goes to the room, the presenter view (notes, next
case, votes, time, dialogs) stays with the facilitator. Two screens are described by
their geometries, so that the choice is checked on a machine with one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog

from ui.presentation import window as presentation_window
from ui.presentation.presenter import clock
from ui.presentation.screens import Placement, holding, next_slide_screen, place

LAPTOP = QRect(0, 0, 1280, 800)
PROJECTOR = QRect(1280, 0, 1920, 1080)


def test_one_screen_has_no_presenter_view():
    assert place([LAPTOP], 0) == Placement(slide=0, presenter=None)


def test_the_slide_goes_to_the_screen_the_main_window_is_not_on():
    assert place([LAPTOP, PROJECTOR], facilitator=0) == Placement(slide=1, presenter=0)
    assert place([PROJECTOR, LAPTOP], facilitator=1) == Placement(slide=0, presenter=1)
    # the main window dragged to the projector: the laptop becomes the room's screen
    assert place([LAPTOP, PROJECTOR], facilitator=1) == Placement(slide=0, presenter=1)


def test_with_three_screens_the_slide_takes_the_largest_other_one():
    monitor = QRect(-1920, 0, 1600, 900)
    wall = QRect(1280, 0, 3840, 2160)
    assert place([monitor, LAPTOP, wall], facilitator=1) == Placement(slide=2, presenter=1)


def test_the_main_window_is_on_the_screen_under_its_centre_or_the_nearest():
    assert holding([LAPTOP, PROJECTOR], QPoint(640, 400)) == 0
    assert holding([LAPTOP, PROJECTOR], QPoint(2000, 500)) == 1
    assert holding([LAPTOP, PROJECTOR], QPoint(4000, 500)) == 1  # off every screen


def test_s_swaps_the_slide_and_the_presenter_view_between_two_screens():
    swapped = next_slide_screen([LAPTOP, PROJECTOR], current=1, facilitator=0)
    assert swapped == Placement(slide=0, presenter=1)
    assert next_slide_screen([LAPTOP, PROJECTOR], current=0, facilitator=1) == Placement(1, 0)


def test_no_screen_is_a_clear_error():
    with pytest.raises(ValueError, match="no screen"):
        place([], 0)


def test_the_clock_reads_minutes_and_hours():
    assert clock(0) == "0:00"
    assert clock(65) == "1:05"
    assert clock(3723) == "1:02:03"


@pytest.fixture
def two_screens(monkeypatch):
    """The laptop and a projector; the offscreen platform's one screen object stands for
    both, with the geometries of two."""
    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(
        presentation_window, "screen_layout", lambda: [(screen, LAPTOP), (screen, PROJECTOR)]
    )


@pytest.fixture
def presenting(qtbot, window, two_screens):
    window.move(100, 100)  # on the laptop
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    return shown


def slide_text(presentation) -> str:
    presentation.grab()
    return "\n".join(run.text for run in presentation.runs)


def test_two_screens_put_the_slide_on_the_projector_and_the_presenter_on_the_laptop(
    qtbot, presenting
):
    presenter = presenting.presenter
    assert presenter is not None and presenter.isVisible()
    assert presenting.slide_screen == 1
    assert presenting.isFullScreen()
    assert presenter.case_label.text() == "1 / 12  EU–Turkey statement and readmission cooperation"
    assert presenter.next_label.text() == (
        "Next: UK–Rwanda Migration and Economic Development Partnership"
    )
    assert "Votes on Compulsory: 0" in presenter.votes_label.text()
    assert "elapsed" in presenter.time_label.text()
    notes = presenter.notes.toPlainText()
    assert notes.startswith("Compulsory (framed): Conditionality runs both ways")
    assert "Conditionality runs both ways" not in slide_text(presenting)


def test_n_never_puts_the_notes_on_the_projector_when_the_presenter_shows_them(qtbot, presenting):
    qtbot.keyClick(presenting.presenter, Qt.Key.Key_N)
    text = slide_text(presenting)
    assert "Conditionality runs both ways" not in text
    assert "Private notes are on the presenter screen" in text
    qtbot.keyClick(presenting.presenter, Qt.Key.Key_Return)  # the evidence: no coder's notes
    assert "Coder's note" not in slide_text(presenting)


def test_keys_and_buttons_on_the_presenter_drive_the_slide(qtbot, presenting):
    presenter = presenting.presenter
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert presenting.case.uid == "uk-rwanda-2022"
    assert presenter.case_label.text().startswith("2 / 12  UK–Rwanda")
    assert presenter.next_label.text().startswith("Next: Australia–Nauru regional processing")
    qtbot.mouseClick(presenter.next_button, Qt.MouseButton.LeftButton)
    assert presenting.case.uid == "australia-nauru-2012"
    qtbot.mouseClick(presenter.previous_button, Qt.MouseButton.LeftButton)
    assert presenting.case.uid == "uk-rwanda-2022"
    qtbot.keyClick(presenter, Qt.Key.Key_V)
    qtbot.keyClicks(presenter, "332")
    assert "Votes on Compulsory: 3, hidden from the room" in presenter.votes_label.text()
    qtbot.keyClick(presenter, Qt.Key.Key_R)
    assert "Votes on Compulsory: 3, shown to the room, median 3" in presenter.votes_label.text()
    qtbot.mouseClick(presenter.end_button, Qt.MouseButton.LeftButton)
    assert presenting.vote_mode is False  # Esc leaves vote mode first
    qtbot.mouseClick(presenter.end_button, Qt.MouseButton.LeftButton)
    assert presenting.window().isHidden() or not presenting.isVisible()
    assert not presenter.isVisible()


def test_every_dialog_opens_on_the_presenter_screen(qtbot, presenting, monkeypatch, tmp_path):
    parents = []

    def ask_text(parent, *args, **kwargs):
        parents.append(parent)
        return "Morning", True

    def ask_file(parent, *args, **kwargs):
        parents.append(parent)
        return "", ""

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(ask_text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask_file))
    presenter = presenting.presenter
    qtbot.keyClick(presenter, Qt.Key.Key_L)  # the session's name
    qtbot.keyClick(presenter, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # a slide
    qtbot.keyClick(presenter, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # handout
    assert parents == [presenter, presenter, presenter]
    assert presenting.session == "Morning"


def test_with_one_screen_a_dialog_opens_only_when_asked(qtbot, window, monkeypatch):
    parents = []

    def ask_text(parent, *args, **kwargs):
        parents.append(parent)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(ask_text))
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    assert shown.presenter is None
    for k in (Qt.Key.Key_PageDown, Qt.Key.Key_V, Qt.Key.Key_3, Qt.Key.Key_R, Qt.Key.Key_Escape):
        qtbot.keyClick(shown, k)
    assert parents == []
    qtbot.keyClick(shown, Qt.Key.Key_L)
    assert parents == [shown]


def test_s_swaps_the_screens_of_the_slide_and_the_presenter(qtbot, presenting):
    presenter = presenting.presenter
    qtbot.keyClick(presenter, Qt.Key.Key_S)
    assert (presenting.slide_screen, presenting.facilitator_screen) == (0, 1)
    assert presenting.presenter is presenter and presenter.isVisible()
    qtbot.keyClick(presenter, Qt.Key.Key_S)
    assert (presenting.slide_screen, presenting.facilitator_screen) == (1, 0)


def test_the_presenter_preview_draws_the_slide_and_leaves_the_slides_record_alone(
    qtbot, presenting
):
    presenting.grab()
    slide_runs = list(presenting.runs)
    image = presenting.presenter.preview.grab().toImage()
    assert presenting.runs == slide_runs
    rect = presenting.presenter.preview.slide_rect()
    margin = image.pixelColor(int(rect.left()) + 3, int(rect.center().y()))
    assert margin.name() == presenting.theme.background.name()  # the slide's own background
    assert presenting.presenter.next_preview.grab().toImage().pixelColor(3, 20).name() == (
        presenting.theme.background.name()  # and the next case's slide below it
    )
    qtbot.keyClick(presenting.presenter, Qt.Key.Key_B)
    image = presenting.presenter.preview.grab().toImage()
    assert image.pixelColor(int(rect.center().x()), int(rect.center().y())).name() == "#000000"


def test_on_the_last_case_the_presenter_says_nothing_follows(qtbot, presenting):
    for _ in range(11):
        qtbot.keyClick(presenting.presenter, Qt.Key.Key_PageDown)
    presenter = presenting.presenter
    assert presenter.case_label.text().startswith("12 / 12")
    assert presenter.next_label.text() == "Next: none, this is the last case"
    image = presenter.next_preview.grab().toImage()
    assert image.pixelColor(3, 20) == presenter.palette().window().color()  # no slide drawn


def test_unplugging_the_projector_brings_the_slide_back_and_plugging_it_in_sends_it_out(
    qtbot, presenting, monkeypatch
):
    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(presentation_window, "screen_layout", lambda: [(screen, LAPTOP)])
    QGuiApplication.instance().screenRemoved.emit(screen)
    assert presenting.presenter is None
    assert presenting.slide_screen == 0 and presenting.isFullScreen()
    assert "The second screen is gone" in slide_text(presenting)
    monkeypatch.setattr(
        presentation_window, "screen_layout", lambda: [(screen, LAPTOP), (screen, PROJECTOR)]
    )
    QGuiApplication.instance().screenAdded.emit(screen)
    assert presenting.presenter is not None and presenting.presenter.isVisible()
    assert presenting.slide_screen == 1
