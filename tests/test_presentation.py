"""Workshop mode driven as a facilitator would: F5 from the View menu, then keys only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import in_a_new_process
from workbench import queries
from workbench.commands import LinkExcerpt


def stored_score(path: Path, uid: str, power_type: str) -> int | None:
    """The score as the file holds it, read by a separate connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT score FROM matrix_cell JOIN study_case ON study_case.id = case_id "
            "WHERE uid = ? AND power_type_id = ?",
            (uid, power_type),
        ).fetchone()
    finally:
        conn.close()
    return row[0]


def painted(presentation) -> str:
    """Every text the last paint drew, as one string."""
    presentation.grab()
    return "\n".join(run.text for run in presentation.runs)


@pytest.fixture
def presentation(qtbot, window):
    window.present_action.trigger()
    shown = window.presentation_window
    assert shown is not None
    qtbot.waitExposed(shown)
    return shown


def key(qtbot, widget, k, text: str = "") -> None:
    qtbot.keyClick(widget, k)


def test_the_view_menu_presents_the_current_case_full_screen(window, presentation):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.present_action in view_menu.actions()
    assert window.present_action.shortcut().toString() == "F5"
    assert presentation.isFullScreen()
    assert presentation.case.uid == "eu-turkey-2016"
    text = painted(presentation)
    assert "EU–Turkey statement and readmission cooperation" in text
    assert "2016–" in text
    assert "European Union, Turkey → Syrian refugees, Turkey" in text
    for name in ("Compulsory", "Institutional", "Structural", "Productive", "Direct", "Diffuse"):
        assert name in text
    assert "Containment" in text  # a mechanism present, with its strength beside it
    assert "1 / 12" in text


def test_page_keys_and_space_follow_the_case_list_order(qtbot, window, presentation):
    key(qtbot, presentation, Qt.Key.Key_PageDown)
    assert presentation.case.uid == "uk-rwanda-2022"
    key(qtbot, presentation, Qt.Key.Key_Space)
    assert presentation.case.uid == "australia-nauru-2012"
    key(qtbot, presentation, Qt.Key.Key_PageUp)
    key(qtbot, presentation, Qt.Key.Key_PageUp)
    assert presentation.case.uid == "eu-turkey-2016"
    key(qtbot, presentation, Qt.Key.Key_PageUp)  # the first case stays
    assert presentation.case.uid == "eu-turkey-2016"
    assert "first case" in painted(presentation)

    # sorted by title in the list, the presentation follows that order
    window.view.case_list.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    proxy = window.view.case_list.proxy
    titles = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert titles == sorted(titles, key=str.lower)
    following = titles[titles.index(presentation.case.title) + 1]
    key(qtbot, presentation, Qt.Key.Key_PageDown)
    assert presentation.case.title == following
    assert window.view.case.title == following  # the main window follows


def test_a_filtered_list_limits_the_cases_presented(qtbot, window, presentation):
    window.view.case_list.filter.setText("EU")
    proxy = window.view.case_list.proxy
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    # the cases whose title or region names the EU ("Europe / East Africa" too)
    assert shown == [
        "EU–Turkey statement and readmission cooperation",
        "UK–Rwanda Migration and Economic Development Partnership",
        "EU Emergency Trust Fund for Africa",
        "EU–Tunisia memorandum of understanding",
        "Belarus and the EU border crisis",
        "EU temporary protection for people fleeing Ukraine",
    ]
    titles = [presentation.case.title]
    for _ in shown[1:]:
        key(qtbot, presentation, Qt.Key.Key_PageDown)
        titles.append(presentation.case.title)
    assert titles == shown


def test_digits_score_the_focused_quadrant_saved_at_once_and_undone_from_the_edit_menu(
    qtbot, window, presentation, sample_path
):
    assert stored_score(sample_path, "eu-turkey-2016", "compulsory") == 3
    key(qtbot, presentation, Qt.Key.Key_1)
    assert stored_score(sample_path, "eu-turkey-2016", "compulsory") == 1
    key(qtbot, presentation, Qt.Key.Key_Right)
    key(qtbot, presentation, Qt.Key.Key_Down)
    assert presentation.focused == "productive"
    key(qtbot, presentation, Qt.Key.Key_4)
    assert stored_score(sample_path, "eu-turkey-2016", "productive") == 4
    key(qtbot, presentation, Qt.Key.Key_Left)
    key(qtbot, presentation, Qt.Key.Key_Up)
    assert presentation.focused == "compulsory"
    assert presentation.case.cells["productive"].score == 4  # the slide follows the file
    assert window.view.matrix.quadrant("productive").case.cells["productive"].score == 4

    window.undo_action.trigger()
    assert stored_score(sample_path, "eu-turkey-2016", "productive") == 2
    assert presentation.case.cells["productive"].score == 2
    window.undo_action.trigger()
    assert stored_score(sample_path, "eu-turkey-2016", "compulsory") == 3
    qtbot.keyClick(presentation, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.index() == 0
    qtbot.keyClick(
        presentation,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert stored_score(sample_path, "eu-turkey-2016", "compulsory") == 1
    assert presentation.message  # said in the footer…
    key(qtbot, presentation, Qt.Key.Key_PageDown)
    assert presentation.message == ""  # …and not carried to the next case


def test_enter_shows_the_quadrants_evidence_with_formatted_references(qtbot, presentation):
    key(qtbot, presentation, Qt.Key.Key_Return)
    assert presentation.evidence is not None
    assert len(presentation.evidence) == 4  # four excerpts, one of them on two mechanisms
    text = painted(presentation)
    assert "Compulsory · EU–Turkey 2016: evidence" in text
    assert "Fernández-Molina & Tsourapas, 2025, section ‘Compulsory migration power’" in text
    assert "International Affairs" in text  # the full reference, formatted
    assert "1–4 of 4    Enter or Esc returns" in text
    key(qtbot, presentation, Qt.Key.Key_Down)  # all shown: nothing further
    assert presentation.evidence_start == 0
    key(qtbot, presentation, Qt.Key.Key_Escape)
    assert presentation.evidence is None
    assert presentation.isVisible()  # Esc left the overlay, not the presentation


def test_down_pages_through_evidence_that_does_not_fit(qtbot, window, presentation):
    case_id = presentation.case.id
    others = [e.excerpt_id for e in queries.evidence_items(window.project, 3, ["containment"])]
    for excerpt_id in others:  # more evidence than one screen holds
        assert window.view.run(LinkExcerpt(excerpt_id, case_id, "deterrence"))
    key(qtbot, presentation, Qt.Key.Key_Return)
    total = len(presentation.evidence)
    assert total > 4
    painted(presentation)
    first_page = presentation.evidence_shown
    assert first_page < total
    key(qtbot, presentation, Qt.Key.Key_Down)
    assert presentation.evidence_start == first_page
    assert f"{first_page + 1}–" in painted(presentation)
    key(qtbot, presentation, Qt.Key.Key_Up)
    assert presentation.evidence_start == first_page - 1


def test_b_and_period_blank_the_screen_and_return(qtbot, presentation):
    for blank_key in (Qt.Key.Key_B, Qt.Key.Key_Period):
        key(qtbot, presentation, blank_key)
        image = presentation.grab().toImage()
        assert presentation.runs == []
        corners = {
            image.pixelColor(x, y).name()
            for x in (0, image.width() - 1)
            for y in (0, image.height() - 1)
        }
        centre = image.pixelColor(image.width() // 2, image.height() // 2).name()
        assert corners | {centre} == {"#000000"}
        key(qtbot, presentation, Qt.Key.Key_PageDown)  # ignored while blank
        assert presentation.case.uid == "eu-turkey-2016"
        key(qtbot, presentation, blank_key)
        assert "Compulsory" in painted(presentation)


def test_private_notes_are_hidden_until_n(qtbot, presentation):
    memo = presentation.case.cells["compulsory"].memo
    assert memo.startswith("Conditionality runs both ways")
    assert "Conditionality runs both ways" not in painted(presentation)
    key(qtbot, presentation, Qt.Key.Key_N)
    assert "Memo: Conditionality runs both ways" in painted(presentation)
    key(qtbot, presentation, Qt.Key.Key_Return)
    assert "Coder's note:" in painted(presentation)
    key(qtbot, presentation, Qt.Key.Key_Escape)
    key(qtbot, presentation, Qt.Key.Key_N)
    assert "Conditionality runs both ways" not in painted(presentation)


def test_question_mark_shows_the_keys(qtbot, presentation):
    qtbot.keyClicks(presentation, "?")
    text = painted(presentation)
    assert "Keys" in text and "blank the screen" in text and "adopt the median" in text
    qtbot.keyClicks(presentation, "?")
    assert "Compulsory" in painted(presentation)


def test_escape_leaves_and_the_main_window_shows_the_last_case(qtbot, window, presentation):
    key(qtbot, presentation, Qt.Key.Key_PageDown)
    key(qtbot, presentation, Qt.Key.Key_PageDown)
    key(qtbot, presentation, Qt.Key.Key_Escape)
    assert window.presentation_window is None
    assert window.view.case.uid == "australia-nauru-2012"


def test_closing_the_project_closes_the_presentation(window, presentation):
    window.close_action.trigger()
    assert window.presentation_window is None
    assert not window.present_action.isEnabled()


def test_s_with_one_screen_says_so(qtbot, presentation):
    key(qtbot, presentation, Qt.Key.Key_S)
    assert "only one screen" in painted(presentation)
    assert presentation.isFullScreen()


def test_opening_the_main_window_does_not_load_workshop_mode(sample_path, tmp_path):
    out = in_a_new_process(
        sample_path,
        tmp_path,
        """
        print("before", "ui.presentation" in sys.modules)
        w.present_action.trigger()
        app.processEvents()
        print("after", "ui.presentation" in sys.modules, w.presentation_window.isFullScreen())
        """,
    )
    assert "before False" in out
    assert "after True True" in out


def stored_votes(path: Path, uid: str, power_type: str) -> list[int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT score FROM vote JOIN study_case ON study_case.id = case_id "
            "WHERE uid = ? AND power_type_id = ? ORDER BY vote.id",
            (uid, power_type),
        ).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows]


def vote_panel_digits(presentation) -> list[str]:
    """Single digits drawn in the vote panel (the right part of the slide), in order."""
    presentation.grab()
    middle = presentation.width() * 0.45
    return [
        run.text
        for run in presentation.runs
        if run.rect.left() > middle and len(run.text) == 1 and run.text.isdigit()
    ]


def test_votes_stay_hidden_until_revealed_and_the_median_is_adopted_in_one_step(
    qtbot, window, presentation, sample_path
):
    key(qtbot, presentation, Qt.Key.Key_V)
    assert "0 votes on Compulsory" in painted(presentation)
    qtbot.keyClicks(presentation, "11214")  # five participants
    assert stored_votes(sample_path, "eu-turkey-2016", "compulsory") == [1, 1, 2, 1, 4]
    text = painted(presentation)
    assert "5 votes on Compulsory" in text and "Hidden until R reveals them" in text
    assert "median" not in text  # nothing of the distribution shows yet
    # how many voted, then the levels: no count of any level
    assert vote_panel_digits(presentation) == ["5", "0", "1", "2", "3", "4"]
    key(qtbot, presentation, Qt.Key.Key_Return)
    assert "Reveal the votes first (R)." in painted(presentation)

    key(qtbot, presentation, Qt.Key.Key_R)
    text = painted(presentation)
    assert "median 1 (weak) · Enter adopts it" in text
    # each level, then the counts above the bars: 0, 3, 1, 0, 1
    assert vote_panel_digits(presentation) == ["0", "0", "1", "3", "2", "1", "3", "0", "4", "1"]
    key(qtbot, presentation, Qt.Key.Key_Return)
    assert stored_score(sample_path, "eu-turkey-2016", "compulsory") == 1
    assert window.undo_action.text() == (
        "&Undo Adopt the median of 5 votes (1, weak) as the compulsory score of EU–Turkey 2016"
    )
    window.undo_action.trigger()  # one step puts the score back
    assert stored_score(sample_path, "eu-turkey-2016", "compulsory") == 3
    assert stored_votes(sample_path, "eu-turkey-2016", "compulsory") == [1, 1, 2, 1, 4]
    window.undo_action.trigger()  # the step before: the last vote
    assert stored_votes(sample_path, "eu-turkey-2016", "compulsory") == [1, 1, 2, 1]


def test_plus_minus_at_a_level_backspace_and_delete_in_vote_mode(
    qtbot, window, presentation, sample_path
):
    key(qtbot, presentation, Qt.Key.Key_Right)  # the institutional quadrant
    key(qtbot, presentation, Qt.Key.Key_V)
    qtbot.keyClicks(presentation, "++")  # two votes at level 2, the level first chosen
    key(qtbot, presentation, Qt.Key.Key_Right)  # the level, not the quadrant, moves
    assert presentation.focused == "institutional"
    qtbot.keyClicks(presentation, "+++-")  # three at 3, then one of them removed
    assert stored_votes(sample_path, "eu-turkey-2016", "institutional") == [2, 2, 3, 3]
    key(qtbot, presentation, Qt.Key.Key_Backspace)
    assert stored_votes(sample_path, "eu-turkey-2016", "institutional") == [2, 2, 3]
    key(qtbot, presentation, Qt.Key.Key_R)
    assert "median 2 (moderate)" in painted(presentation)
    key(qtbot, presentation, Qt.Key.Key_Delete)
    assert stored_votes(sample_path, "eu-turkey-2016", "institutional") == []
    window.undo_action.trigger()
    assert stored_votes(sample_path, "eu-turkey-2016", "institutional") == [2, 2, 3]
    qtbot.keyClicks(presentation, "3")
    text = painted(presentation)
    assert "median 2.5 · votes split evenly: one more vote decides" in text
    key(qtbot, presentation, Qt.Key.Key_Return)
    assert "Not adopted: the 4 votes split evenly between 2 and 3" in painted(presentation)
    assert stored_score(sample_path, "eu-turkey-2016", "institutional") == 3
    key(qtbot, presentation, Qt.Key.Key_Escape)  # leaves vote mode, not the presentation
    assert not presentation.vote_mode and presentation.isVisible()
    key(qtbot, presentation, Qt.Key.Key_2)  # a digit scores again
    assert stored_score(sample_path, "eu-turkey-2016", "institutional") == 2


def test_l_names_the_session_the_votes_are_kept_under(qtbot, presentation, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from workbench import votes

    asked = []

    def answer(parent, title, label, *args, **kwargs):
        asked.append(kwargs.get("text"))
        return "Leiden seminar, morning", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    key(qtbot, presentation, Qt.Key.Key_L)
    assert asked[0].startswith("Workshop 20")  # today's date until named
    key(qtbot, presentation, Qt.Key.Key_V)
    qtbot.keyClicks(presentation, "2")
    assert "Leiden seminar, morning" in painted(presentation)
    cast = votes.all_votes(presentation.project)
    assert [(v.session, v.score) for v in cast] == [("Leiden seminar, morning", 2)]
